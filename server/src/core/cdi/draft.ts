/**
 * Drafting a physician query from a query opportunity: plain markdown in the structure that
 * docs/query-compliance.md defines and that checkQuery reads. Neutral wording, indicators quoted
 * with their line numbers, nothing pre-selected, nothing about reimbursement. Pure: the date is passed in.
 */
import { topicById } from './topics';
import type { DraftContext, DraftOptions, FoundIndicator, QueryOpportunity } from './types';

/** A field the provider or the query author fills in. */
export const BLANK = '________';

/** Section headings of a query file (docs/query-compliance.md). */
export const QUERY_HEADINGS = {
  details: 'Details',
  indicators: 'Clinical indicators',
  question: 'Question',
  options: 'Options',
  response: 'Provider response',
} as const;

export const OTHER_OPTION = `Other (please specify): ${BLANK}`;
export const UNDETERMINED_OPTION = 'Clinically undetermined';

function quoteLine(i: FoundIndicator): string {
  const quotes = [...new Set(i.evidence.map((e) => `"${e.text}" (line ${e.line + 1})`))].join('; ');
  const summary = i.kind === 'change' ? ` (${i.summary})` : '';
  return `- ${i.label}${summary}: ${quotes}`;
}

function patientLine(ctx: DraftContext): string {
  const parts: string[] = [];
  if (ctx.age !== undefined) parts.push(`age ${ctx.age}`);
  if (ctx.sex) parts.push(`sex ${ctx.sex}`);
  return parts.length ? parts.join(', ') : BLANK;
}

/** The markdown text of a query; multiple choice unless `openEnded` (or fewer than two reasonable options). */
export function draftQuery(o: QueryOpportunity, ctx: DraftContext, opts: DraftOptions = {}): string {
  const topic = topicById(o.topic);
  const openEnded = opts.openEnded === true || o.options.length < 2;
  const question = openEnded
    ? (topic?.openQuestion ?? `Based on the clinical indicators above, please clarify the ${o.subject}.`)
    : (topic?.question ?? `Based on the clinical indicators above, can the ${o.subject} be further clarified?`);
  const out: string[] = [];
  out.push(`# Physician query: ${o.subject}`, '');
  out.push(`## ${QUERY_HEADINGS.details}`, '');
  out.push(`- Encounter: ${ctx.encounter || BLANK}`);
  out.push(`- Patient: ${patientLine(ctx)}`);
  out.push(`- Date: ${ctx.date}`);
  out.push(`- Provider: ${BLANK}`);
  out.push(`- Query author: ${BLANK}`);
  if (ctx.note) out.push(`- Note: ${ctx.note}`);
  out.push(`- Topic: ${o.topic}`);
  out.push(`- Query type: ${openEnded ? 'open-ended' : 'multiple choice'}`);
  out.push('');
  out.push(`## ${QUERY_HEADINGS.indicators}`, '');
  for (const i of o.indicators) out.push(quoteLine(i));
  out.push('');
  out.push(`## ${QUERY_HEADINGS.question}`, '');
  out.push(`The record documents "${o.mention.text}" (line ${o.mention.line + 1}).`, '');
  out.push(question);
  out.push('');
  if (!openEnded) {
    out.push(`## ${QUERY_HEADINGS.options}`, '');
    for (const label of o.options) out.push(`- [ ] ${label}`);
    out.push(`- [ ] ${OTHER_OPTION}`);
    out.push(`- [ ] ${UNDETERMINED_OPTION}`);
    out.push('');
  }
  out.push(`## ${QUERY_HEADINGS.response}`, '');
  out.push(`- Response: ${BLANK}`);
  out.push(`- Signature: ${BLANK}`);
  out.push(`- Date and time: ${BLANK}`);
  out.push('');
  return out.join('\n');
}

/** File name of a draft next to its note: `<note>.<topic>.query.md`, numbered when taken (never overwrite). */
export function queryFileName(noteFile: string, topic: string, exists: (name: string) => boolean): string | undefined {
  const base = `${noteFile}.${topic}`;
  if (!exists(`${base}.query.md`)) return `${base}.query.md`;
  for (let n = 2; n < 1000; n++) if (!exists(`${base}.${n}.query.md`)) return `${base}.${n}.query.md`;
  return undefined;
}
