/**
 * Query opportunities in a clinical note: a vague mention of a topic (topics.json) with clinical
 * indicators present and the specificity axes not documented. Self-resolving: once the note
 * documents the specifics (next to any affirmed mention), the opportunity is gone.
 */
import type { Finding } from '../findings/types';
import type { CodeSet } from '../codeset/api';
import { LineIndex } from '../text/positions';
import { clauseAround, findPhrases, isNegated, isNotPresent, type TextMatch } from './match';
import { findIndicators, optionSupported } from './indicators';
import { TOPICS } from './topics';
import type { FoundIndicator, QueryOpportunity, TopicDef } from './types';

export const OPPORTUNITY_RULE = 'query-opportunity';
export const OPPORTUNITY_SOURCE =
  'AHIMA/ACDIS Guidelines for Achieving a Compliant Query Practice (2022 update): reasons to query — documentation that lacks specificity while clinical indicators are present';

/** The subset of the code set the CDI core uses (so small fixtures can stand in for it). */
export type CdiCodeSet = Pick<CodeSet, 'classify'>;

const HEADING = /^\s*(?:#+\s*)?([A-Za-z][A-Za-z /&()-]{1,40}?)\s*:/;
const BEST = /^(?:assessment|impression|diagnos|discharge diagnos|final diagnos|problem|a\/p)/i;
const PREFERRED = /plan|hospital course/i;
const HISTORY = /history|pmh|past|family|social|medication|allerg|home med/i;
/** sections whose indicators are not the patient's current findings (a relative's, a past allergy's) */
const NOT_CURRENT = /family|fhx?\b|social|allerg/i;

/**
 * The text with the lines of Family History, Social History and Allergies blanked (offsets kept): indicators
 * are read only where they describe the patient now.
 */
function currentOnly(text: string, lines: LineIndex, sections: string[]): string {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < lines.starts.length; i++) {
    if (!NOT_CURRENT.test(sections[i] ?? '')) continue;
    const s = lines.starts[i];
    const e = i + 1 < lines.starts.length ? lines.starts[i + 1] : text.length;
    parts.push(text.slice(from, s), text.slice(s, e).replace(/[^\r\n]/g, ' '));
    from = e;
  }
  if (!parts.length) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

/** The heading of the section each line belongs to ('' before the first heading). */
function sectionsByLine(text: string, lines: LineIndex): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < lines.starts.length; i++) {
    const end = i + 1 < lines.starts.length ? lines.starts[i + 1] : text.length;
    const m = HEADING.exec(text.slice(lines.starts[i], end));
    if (m) current = m[1];
    out.push(current);
  }
  return out;
}

/** Words that may lead a comma segment that specifies the condition before it ("Pneumonia, likely aspiration"). */
const LEAD = /^\s*(?:(?:likely|probably|probable|presumed|most likely|with|without|due to|secondary to|from|and)\s+)*/i;

/**
 * The clause around a mention (bounded by `. ; : ,` and a line end), continued across each comma whose next
 * segment begins with a specificity term of the topic: "Pneumonia, likely aspiration", "Obesity, class 3",
 * "Septic shock due to pneumonia, organism not identified". A segment that begins with anything else is
 * another condition or detail and stays out ("CHF, COPD with acute exacerbation").
 */
export function specifiedClause(text: string, topic: TopicDef, m: TextMatch): string {
  const c = clauseAround(text, m.start, m.end);
  const terms = topic.axes.flatMap((a) => a.terms);
  let end = c.end;
  for (let guard = 0; guard < 4 && text[end] === ','; guard++) {
    const next = clauseAround(text, end + 1, end + 1);
    const seg = text.slice(end + 1, next.end);
    const lead = LEAD.exec(seg)?.[0].length ?? 0;
    if (!findPhrases(seg, terms).some((p) => p.start === lead)) break;
    end = next.end;
  }
  return text.slice(c.start, end);
}

/** Axes documented in the clause around a mention (the mention itself included). */
function axesAt(text: string, topic: TopicDef, m: TextMatch): Set<string> {
  const window = specifiedClause(text, topic, m);
  const done = new Set<string>();
  for (const axis of topic.axes) if (findPhrases(window, axis.terms).length) done.add(axis.id);
  return done;
}

function isResolved(topic: TopicDef, done: Set<string>): boolean {
  return topic.resolvedWhen === 'all'
    ? topic.axes.every((a) => done.has(a.id))
    : topic.axes.some((a) => done.has(a.id));
}

/** Options whose codes are reportable (billable, or a header meant as "choose the specificity") in the edition. */
function codesUsable(codes: string[], codeSet: CdiCodeSet | undefined, edition: number | undefined): boolean {
  if (!codeSet || edition === undefined) return true;
  return codes.every((c) => {
    const k = codeSet.classify(c, edition).kind;
    return k === 'billable' || k === 'header';
  });
}

/** Analyse one topic; undefined when there is no opportunity. */
export function opportunityFor(
  text: string,
  topic: TopicDef,
  lines: LineIndex,
  sections: string[],
  codeSet?: CdiCodeSet,
  edition?: number,
  /** the text with the not-current sections blanked (currentOnly), computed once per note by the caller */
  current: string = currentOnly(text, lines, sections),
): QueryOpportunity | undefined {
  // only a condition documented as present counts: not negated, hypothetical, a work-up or a relative's, and
  // not in Family/Social History or Allergies
  const sectionAt = (at: number) => sections[lines.positionAt(at).line] ?? '';
  const mentions = findPhrases(text, topic.triggers).filter(
    (m) => !isNotPresent(text, m.start, m.end) && !NOT_CURRENT.test(sectionAt(m.start)),
  );
  if (!mentions.length) return undefined;
  if (topic.resolvedBy && findPhrases(text, topic.resolvedBy).some((m) => !isNegated(text, m.start))) return undefined;
  const indicators = findIndicators(current, topic, lines);
  if (indicators.length < Math.max(1, topic.minIndicators)) return undefined;
  // a real indicator of the specificity asked about, not only what confirms the condition
  const byId = new Map(topic.indicators.map((d) => [d.id, d]));
  if (!indicators.some((i) => !byId.get(i.id)?.confirmsOnly)) return undefined;
  const found = new Set(indicators.map((i) => i.id));
  // an axis whose relevant indicators are all absent needs no documentation
  const irrelevant = topic.axes.filter((a) => a.relevantWith && !a.relevantWith.some((id) => found.has(id)));
  const axes = mentions.map((m) => {
    const done = axesAt(text, topic, m);
    for (const a of irrelevant) done.add(a.id);
    return done;
  });
  if (axes.some((d) => isResolved(topic, d))) return undefined;
  // the mention to report: first in an assessment-like section, else first outside history sections, else first
  const sectionOf = (m: TextMatch) => sections[lines.positionAt(m.start).line] ?? '';
  const inHeading = (m: TextMatch) => {
    const ls = lines.starts[lines.positionAt(m.start).line];
    const h = HEADING.exec(text.slice(ls, ls + 60));
    return h !== null && m.start < ls + h[0].length;
  };
  const order = [
    (m: TextMatch) => BEST.test(sectionOf(m)),
    (m: TextMatch) => PREFERRED.test(sectionOf(m)),
    (m: TextMatch) => !HISTORY.test(sectionOf(m)),
  ];
  let pick = -1;
  for (const test of order) {
    pick = mentions.findIndex((m) => !inHeading(m) && test(m));
    if (pick >= 0) break;
  }
  // a condition named only under a history heading or in a heading: nothing the provider treats now
  if (pick < 0) return undefined;
  const mention = mentions[pick];
  const c = clauseAround(text, mention.start, mention.end);
  const clause = text.slice(c.start, c.end);
  const options = topic.options
    .filter((o) => optionSupported(o, found) && codesUsable(o.codes, codeSet, edition))
    .filter((o) => !o.unlessDocumented || findPhrases(clause, o.unlessDocumented).length === 0)
    .map((o) => o.label);
  return {
    topic: topic.id,
    title: topic.title,
    subject: topic.subject,
    mention: {
      text: mention.text,
      span: { start: mention.start, end: mention.end },
      line: lines.positionAt(mention.start).line,
    },
    missing: topic.axes.filter((a) => !axes[pick].has(a.id)).map((a) => a.label),
    indicators,
    options,
  };
}

/** "line 8" or "lines 8, 14" (1-based, distinct) */
export function linesOf(i: FoundIndicator): string {
  const ls = [...new Set(i.evidence.map((e) => e.line + 1))];
  return `${ls.length > 1 ? 'lines' : 'line'} ${ls.join(', ')}`;
}

/** Human message of a query-opportunity finding (1-based line numbers). */
export function opportunityMessage(o: QueryOpportunity): string {
  const ind = o.indicators.map((i) => `${i.summary} (${linesOf(i)})`).join('; ');
  return `Query opportunity — ${o.title}: "${o.mention.text}" does not document the ${o.missing.join(' or the ')}. Clinical indicators: ${ind}.`;
}

/**
 * Query opportunities in a note, one per topic, as information findings on the vague mention.
 * `codeSet`/`edition` (optional) drop answer options whose codes are not reportable in the edition.
 */
export function findQueryOpportunities(
  noteText: string,
  codeSet?: CdiCodeSet,
  edition?: number,
  topics: readonly TopicDef[] = TOPICS,
): Finding[] {
  const lines = new LineIndex(noteText);
  const sections = sectionsByLine(noteText, lines);
  const current = currentOnly(noteText, lines, sections);
  const out: Finding[] = [];
  for (const topic of topics) {
    const o = opportunityFor(noteText, topic, lines, sections, codeSet, edition, current);
    if (!o) continue;
    out.push({
      rule: OPPORTUNITY_RULE,
      severity: 'information',
      span: o.mention.span,
      message: opportunityMessage(o),
      data: { fix: 'draft-query', topic: o.topic, opportunity: o },
      source: OPPORTUNITY_SOURCE,
    });
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}
