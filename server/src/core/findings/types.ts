/**
 * The house-wide result of every check (annotation, notes, queries, answer keys, the CLI): a finding at a span,
 * with its rule id (declared in ./registry.ts), the source it rests on and the data its quick fix needs.
 * Plain, serialisable data.
 */
import type { QueryOpportunity } from '../cdi/types';
import type { RuleId } from './registry';
import type { Severity, Span } from '../types';

/** A finding of a check on an annotation file, a note, a query or an answer key. */
export interface Finding {
  /** a rule id of the registry (./registry.ts): the type admits no other */
  rule: RuleId;
  severity: Severity;
  span: Span;
  message: string;
  /** the ICD code concerned, dotted, if any */
  code?: string;
  /** data a quick fix needs (suggested codes, replacements …); serialisable JSON */
  data?: FixData;
  /** where the rule comes from: "CMS order file FY2026", "Tabular FY2021: Excludes1 at I50", "Official Guidelines I.A.12.a" */
  source: string;
}

export type FixData =
  | { fix: 'replace-code'; candidates: Array<{ code: string; title: string; label?: string }> }
  | { fix: 'remove-line'; line: number }
  | { fix: 'move-after'; line: number; afterLine: number }
  /** move line `line` to just before `beforeLine` (0-based), e.g. the sepsis code before a localized infection */
  | { fix: 'move-before'; line: number; beforeLine: number }
  | { fix: 'add-code'; file: string; code: string; title: string }
  | { fix: 'none' }
  /** insert one of the candidates as a new line after `afterLine` (0-based), e.g. a "use additional code" companion */
  | { fix: 'insert-code'; afterLine: number; candidates: Array<{ code: string; title: string; label?: string }> }
  /** alternative plain text edits, one per choice (e.g. set POA=Y, remove an exempt POA) */
  | { fix: 'edit'; choices: Array<{ label: string; span: Span; newText: string }> }
  /** a CDI query opportunity (server/src/core/cdi): everything "Draft physician query" needs */
  | { fix: 'draft-query'; topic: string; opportunity: QueryOpportunity };
