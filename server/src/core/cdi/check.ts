/**
 * The query compliance checker: any `*.query.md`, whoever wrote it, against the AHIMA/ACDIS
 * "Guidelines for Achieving a Compliant Query Practice" (2022 update). Rules and their sources are
 * documented in docs/query-compliance.md. Pure and total: never throws; bounded work.
 */
import type { Finding } from '../findings/types';
import type { Span } from '../types';
import { findIndicators } from './indicators';
import {
  MAX_TEXT,
  parseQuery,
  type ParsedQuery,
  type QueryField,
  type QueryOption,
  type QuerySection,
  type SectionKind,
} from './parse';
import { TOPICS, topicById } from './topics';
import type { OptionDef, TopicDef } from './types';

const BRIEF = 'AHIMA/ACDIS Guidelines for Achieving a Compliant Query Practice (2022 update)';

export const QUERY_RULES = {
  'query-financial-language': `${BRIEF}: query content — no statement of the financial, reimbursement or quality-score impact of a response`,
  'query-leading': `${BRIEF}: leading queries — no expected answer, no directive to document a diagnosis, no single diagnosis without alternatives, yes/no only for its allowed purposes`,
  'query-missing-indicators': `${BRIEF}: clinical indicators — a query presents the clinical indicators from the health record that support it`,
  'query-option-unsupported': `${BRIEF}: multiple-choice format — options are clinically reasonable and supported by the clinical indicators`,
  'query-missing-other-option': `${BRIEF}: multiple-choice and yes/no formats — include an "other" option so the provider can give a different answer`,
  'query-missing-undetermined-option': `${BRIEF}: multiple-choice and yes/no formats — include "clinically undetermined" (or an equivalent)`,
  'query-missing-fields': `${BRIEF}: query documentation — patient/encounter identification, date, the provider queried and the query author`,
} as const;
export type QueryRule = keyof typeof QUERY_RULES;

export { parseQuery, type ParsedQuery, type QueryField, type QueryOption, type QuerySection, type SectionKind };

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const OTHER = /^other\b|\bother\b.*\bspecify\b/i;
const UNDETERMINED = /clinically undetermined|unable to determine|cannot be (?:clinically )?determined|undetermined/i;
const YES = /^(?:yes)\b/i;
const NO = /^(?:no)\b(?!t)/i;
const NEUTRAL = /^(?:not clinically significant|none of the above|no additional diagnosis|not applicable)\b/i;
const EXPECTED =
  /\((?:recommended|suggested|expected|most likely|likely|preferred|correct|best answer)\)|\*\*|←|<--|✓|✔|\bexpected answer\b/i;
const ALLOWED_YES_NO =
  /present on admission|\bPOA\b|cause[- ]and[- ]effect|due to|caused by|related to|secondary to|result of|associated with|conflict|inconsistent|discrepan|already documented|previously documented|documented (?:as|in|on)|confirm(?:ing)? (?:a |an |the )?(?:documented|existing)/i;

const LEADING: Array<[RegExp, string]> = [
  [
    // "Please document your response in the medical record" is the standard, neutral closing
    /\bplease (?:document|add|include|chart|write)\b(?!\s+(?:your|a response|an answer|the response|the answer|in\b|on\b|below|here|accordingly|any\b|whether|if\b|as\b|with\b|findings|clarification))/gi,
    'directs the provider to document',
  ],
  [
    /\b(?:needs|need|should|must) to be documented\b|\bshould be documented\b/gi,
    'tells the provider what should be documented',
  ],
  [
    /\bcan you confirm that\b|\bplease confirm that\b|\bconfirm that\b/gi,
    'asks the provider to confirm an expected diagnosis',
  ],
  [/\b(?:would|do) you agree\b|\bdon'?t you agree\b|\bisn'?t it\b/gi, 'asks for agreement with an expected answer'],
  [
    /\bit appears that the patient has\b|\bthe patient (?:clearly|obviously) has\b|\bis consistent with a diagnosis of\b/gi,
    'states a diagnosis as the expected conclusion',
  ],
  [/\bthe (?:correct|appropriate|best) diagnosis\b/gi, 'suggests there is one expected diagnosis'],
];

const FINANCIAL = [
  /\b(?:MS-)?DRGs?\b/g,
  /\bM?CCs?\b/g,
  /\bCC\/MCC\b/g,
  /\bCMI\b/g,
  /\bSOI\b/g,
  /\bROM\b/g,
  /\bHCCs?\b/g,
  /\bRAF\b/g,
  /\breimburs\w*/gi,
  /\bpayments?\b|\bpayers?\b|\bpaid\b/gi,
  /\bcase[- ]mix(?: index)?\b/gi,
  /\bseverity of illness\b|\brisk of mortality\b/gi,
  /\bquality (?:scores?|metrics?|ratings?|measures?|indicators?)\b/gi,
  /\bwould increase\b|\bincreases? the (?:DRG|payment|reimbursement|weight|CMI|score)\b/gi,
  /\brevenue\b|\bfinancial\w*|\brelative weight\b|\bbilling impact\b/gi,
];

const FIELD_LABELS: Array<{ field: string; re: RegExp }> = [
  {
    field: 'encounter',
    re: /^(?:encounter|encounter (?:number|id)|account|account number|visit|visit id|mrn|medical record number)$/i,
  },
  { field: 'date', re: /^(?:date|query date|date of query|date queried|date sent)$/i },
  { field: 'provider', re: /^(?:provider|attending|attending provider|physician|to|queried provider|clinician)$/i },
  { field: 'author', re: /^(?:query author|author|from|cdi specialist|queried by|cdi|cdis)$/i },
];

function finding(rule: QueryRule, span: Span, message: string): Finding {
  return { rule, severity: 'warning', span, message, source: QUERY_RULES[rule] };
}

/** Blank a text's quoted passages (keeping offsets), so quotes from the note are not judged as the author's words. */
function withoutQuotes(s: string): string {
  return s.replace(/"[^"\r\n]*"|“[^”\r\n]*”/g, (m) => ' '.repeat(m.length));
}

function findTopic(q: ParsedQuery): TopicDef | undefined {
  const t = q.fields.find((f) => /^topic$/i.test(f.label));
  if (t) {
    const byId = topicById(t.value.trim());
    if (byId) return byId;
  }
  let best: { topic: TopicDef; n: number } | undefined;
  for (const topic of TOPICS) {
    const labels = new Set(topic.options.map((o) => norm(o.label)));
    const n = q.options.filter((o) => labels.has(norm(o.text))).length;
    if (n > 0 && (!best || n > best.n)) best = { topic, n };
  }
  return best?.topic;
}

/** Every compliance finding of a query text (empty for a compliant query). */
export function checkQuery(text: string): Finding[] {
  const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const q = parseQuery(src);
  const out: Finding[] = [];
  const top: Span = q.title?.span ?? { start: 0, end: Math.min(src.length, src.search(/\r?\n|$/)) };
  const section = (k: SectionKind) => q.sections.find((s) => s.kind === k);

  // query-missing-fields
  const details = section('details');
  const fieldPool = details ? q.fields.filter((f) => f.section === 'details') : q.fields;
  for (const { field, re } of FIELD_LABELS) {
    const f = fieldPool.find((x) => re.test(x.label));
    if (!f)
      out.push(
        finding(
          'query-missing-fields',
          details?.headingSpan ?? top,
          `The query has no ${field} field; add "- ${field === 'author' ? 'Query author' : field[0].toUpperCase() + field.slice(1)}: …" to the Details section.`,
        ),
      );
    else if (!f.value) out.push(finding('query-missing-fields', f.span, `The ${field} field is empty.`));
  }

  // query-missing-indicators
  const ind = section('indicators');
  const indText = ind ? src.slice(ind.body.start, ind.body.end) : '';
  // no indicators section: indicators written in the text itself ("The patient has BNP 1,250 and EF 25%")
  const inline = !ind && TOPICS.some((t) => findIndicators(src, t).length > 0);
  if (!ind && !inline)
    out.push(
      finding(
        'query-missing-indicators',
        top,
        'The query has no "Clinical indicators" section: quote the indicators from the health record that prompted it, with their locations.',
      ),
    );
  else if (ind && !/\S/.test(indText))
    out.push(
      finding(
        'query-missing-indicators',
        ind.headingSpan,
        'The "Clinical indicators" section is empty: quote the indicators from the health record, with their locations.',
      ),
    );

  // query-financial-language: everywhere, except passages quoted from the record in the indicators section
  let scan = src;
  if (ind) scan = src.slice(0, ind.body.start) + withoutQuotes(indText) + src.slice(ind.body.end);
  for (const re of FINANCIAL) {
    re.lastIndex = 0;
    for (let m = re.exec(scan); m; m = re.exec(scan))
      out.push(
        finding(
          'query-financial-language',
          { start: m.index, end: m.index + m[0].length },
          `"${m[0]}" refers to the financial or quality impact of the answer; a query must not mention it.`,
        ),
      );
  }

  // query-leading: wording, outside passages quoted from the record
  const author = withoutQuotes(scan);
  for (const [re, why] of LEADING) {
    re.lastIndex = 0;
    for (let m = re.exec(author); m; m = re.exec(author))
      out.push(
        finding(
          'query-leading',
          { start: m.index, end: m.index + m[0].length },
          `"${m[0]}" ${why}; ask a neutral question instead.`,
        ),
      );
  }

  // options
  // the options' heading: an Options section, the question line before a plain list, or the first option
  const optSection = section('options');
  const opts = optSection ?? (q.options.length ? { headingSpan: q.options[0].span } : undefined);
  if (q.options.length && opts) {
    for (const o of q.options) {
      if (o.checked)
        out.push(
          finding(
            'query-leading',
            o.span,
            `The option "${o.text}" is pre-selected; no option may be marked in advance.`,
          ),
        );
      else if (EXPECTED.test(o.text))
        out.push(finding('query-leading', o.span, `The option "${o.text}" is marked as the expected answer.`));
    }
    const isYes = (o: QueryOption) => YES.test(o.text);
    const isNo = (o: QueryOption) => NO.test(o.text);
    const isOther = (o: QueryOption) => OTHER.test(o.text);
    const isUnd = (o: QueryOption) => UNDETERMINED.test(o.text);
    const yesNo = q.options.some(isYes) && q.options.some(isNo);
    const dx = q.options.filter((o) => !isYes(o) && !isNo(o) && !isOther(o) && !isUnd(o) && !NEUTRAL.test(o.text));
    if (yesNo) {
      const question = section('question');
      const purpose = q.fields.find((f) => /^purpose$/i.test(f.label))?.value ?? '';
      let qText = question ? src.slice(question.body.start, question.body.end) : '';
      if (optSection?.question) qText += ` ${optSection.heading}`;
      if (!ALLOWED_YES_NO.test(purpose) && !ALLOWED_YES_NO.test(withoutQuotes(qText)))
        out.push(
          finding(
            'query-leading',
            question?.headingSpan ?? opts.headingSpan,
            'A yes/no query is allowed only to confirm a diagnosis already documented, to establish present on admission, to establish cause and effect, or to resolve conflicting documentation; state that purpose ("- Purpose: …") or use a multiple-choice or open-ended query.',
          ),
        );
    } else if (dx.length === 1) {
      out.push(
        finding(
          'query-leading',
          opts.headingSpan,
          `Only one diagnosis is offered ("${dx[0].text}"); offer the clinically reasonable alternatives too, or ask an open-ended question.`,
        ),
      );
    }
    if (!q.options.some(isOther))
      out.push(
        finding('query-missing-other-option', opts.headingSpan, 'The options have no "Other (please specify)" choice.'),
      );
    if (!q.options.some(isUnd))
      out.push(
        finding(
          'query-missing-undetermined-option',
          opts.headingSpan,
          'The options have no "Clinically undetermined" choice.',
        ),
      );

    // query-option-unsupported: options of a known topic need one of their indicators in the query
    const topic = findTopic(q);
    if (topic && ind && /\S/.test(indText)) {
      const found = new Set(findIndicators(indText, topic).map((i) => i.id));
      const byLabel = new Map<string, OptionDef>(topic.options.map((o) => [norm(o.label), o]));
      for (const o of dx) {
        const def = byLabel.get(norm(o.text));
        if (!def) continue;
        const ok = def.supportedBy.some((id) => found.has(id)) && (def.requires ?? []).every((id) => found.has(id));
        if (!ok) {
          const need = [...new Set([...(def.requires ?? []), ...def.supportedBy])]
            .map((id) => topic.indicators.find((d) => d.id === id)?.label ?? id)
            .join('; ');
          out.push(
            finding(
              'query-option-unsupported',
              o.span,
              `No clinical indicator in the query supports "${o.text}" (it would need: ${need}); remove the option or quote its indicators.`,
            ),
          );
        }
      }
    }
  }
  out.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  return out;
}
