/**
 * The query compliance checker: any `*.query.md`, whoever wrote it, against the AHIMA/ACDIS
 * "Guidelines for Achieving a Compliant Query Practice" (2022 update). Rules and their sources are
 * documented in docs/query-compliance.md. Pure and total: never throws; bounded work.
 */
import type { Finding } from '../findings/types';
import type { Span } from '../types';
import { LineIndex } from '../text/positions';
import { findIndicators } from './indicators';
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

export type SectionKind = 'details' | 'indicators' | 'question' | 'options' | 'response' | 'other';

export interface QuerySection {
  kind: SectionKind;
  heading: string;
  headingSpan: Span;
  /** from the end of the heading line to the next heading */
  body: Span;
}

export interface QueryField {
  label: string;
  value: string;
  span: Span;
  section: SectionKind | 'none';
}

export interface QueryOption {
  text: string;
  /** the whole list item */
  span: Span;
  /** [x] pre-selected */
  checked: boolean;
}

export interface ParsedQuery {
  title?: { text: string; span: Span };
  sections: QuerySection[];
  fields: QueryField[];
  options: QueryOption[];
}

const MAX_TEXT = 200_000;

function sectionKind(heading: string): SectionKind {
  const h = heading.toLowerCase();
  if (/option|choice/.test(h)) return 'options';
  if (/response|reply|answer/.test(h)) return 'response';
  if (/indicator|clinical evidence|clinical findings|supporting/.test(h)) return 'indicators';
  if (/question|query/.test(h)) return 'question';
  if (/detail|identif|patient|encounter|header/.test(h)) return 'details';
  return 'other';
}

/** Reads the structure of a query: headings, `Label: value` fields, list options. */
export function parseQuery(text: string): ParsedQuery {
  const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const lines = new LineIndex(src);
  const out: ParsedQuery = { sections: [], fields: [], options: [] };
  let current: QuerySection | undefined;
  for (let i = 0; i < lines.starts.length; i++) {
    const start = lines.starts[i];
    const next = i + 1 < lines.starts.length ? lines.starts[i + 1] : src.length;
    const line = src.slice(start, next).replace(/[\r\n]+$/, '');
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const span = { start, end: start + line.length };
      if (h[1].length === 1 && !out.title) {
        out.title = { text: h[2], span };
        continue;
      }
      if (current) current.body.end = start;
      current = { kind: sectionKind(h[2]), heading: h[2], headingSpan: span, body: { start: next, end: src.length } };
      out.sections.push(current);
      continue;
    }
    const kind = current?.kind ?? 'none';
    const item = /^(\s*(?:[-*+]|\d+[.)])\s+)(\[([ xX])\]\s*)?(.*)$/.exec(line);
    if (item && kind === 'options') {
      out.options.push({
        text: item[4].trim(),
        span: { start, end: start + line.length },
        checked: /x/i.test(item[3] ?? ''),
      });
      continue;
    }
    const body = item ? item[4] : line;
    const offset = item ? start + item[1].length + (item[2]?.length ?? 0) : start;
    const f = /^\s*\**([A-Za-z][A-Za-z /-]{0,30}?)\**\s*:\s*(.*)$/.exec(body);
    if (f && kind !== 'indicators' && kind !== 'question') {
      out.fields.push({
        label: f[1].trim(),
        value: f[2].trim(),
        span: { start: offset, end: offset + body.length },
        section: kind,
      });
    }
  }
  return out;
}

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
  [/\bplease (?:document|add|include|chart|write)\b/gi, 'directs the provider to document'],
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
  if (!ind)
    out.push(
      finding(
        'query-missing-indicators',
        top,
        'The query has no "Clinical indicators" section: quote the indicators from the health record that prompted it, with their locations.',
      ),
    );
  else if (!/\S/.test(indText))
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
  const opts = section('options');
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
      const qText = question ? src.slice(question.body.start, question.body.end) : '';
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
