import type { Severity, Span } from '../types';
import type { QueryOpportunity } from '../cdi/types';

/** One `key: value` header line of a `.codes` file. */
export interface HeaderEntry {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  line: number; // 0-based
}

export type PoaFlag = 'Y' | 'N' | 'U' | 'W' | '1';

/** One code line: a diagnosis (ICD-10-CM) or a procedure (`px`, ICD-10-PCS). */
export interface CodeLine {
  kind: 'dx' | 'px';
  /** 0-based line number */
  line: number;
  /** the code exactly as written */
  raw: string;
  /** normalised: no dot, upper case; may still be invalid */
  code: string;
  codeSpan: Span;
  /** `span` covers the value; `tokenSpan` (set by parseAnnotation) the whole `POA=Y` token */
  poa?: { value: string; span: Span; valid: boolean; tokenSpan?: Span };
  evidence?: { text: string; span: Span };
  comment?: { text: string; span: Span };
  /** position among dx lines (0 = principal/first-listed); -1 for px */
  dxIndex: number;
  /** extra `key=value` attributes (used by answer keys: weight=2, alt codes …) */
  attributes: Record<string, { value: string; span: Span }>;
  /** rules suppressed on this line by `# coding-review: ignore RULE[, RULE]` */
  ignored: string[];
  /**
   * Answer keys only (docs/exercises.md), set by parseKeyAnnotation in ../grading/key.ts:
   * accepted alternatives written `I50.23 | I50.43` (normalised codes, with their spans)…
   */
  alternatives?: Array<{ raw: string; code: string; span: Span }>;
  /** …and `optional` (a code the student may give or leave out; never counted). */
  optional?: boolean;
}

export interface ParseProblem {
  message: string;
  span: Span;
  severity: Severity;
  rule: 'syntax-error' | 'header-error' | 'pasted-text';
  /** the quick fix, when there is one (pasted-text: the corrected text) */
  data?: FixData;
}

export interface AnnotationFile {
  headers: HeaderEntry[];
  /** convenient typed header values when valid */
  encounter?: string;
  note?: string;
  setting?: 'inpatient' | 'outpatient';
  date?: string;
  age?: number;
  sex?: 'F' | 'M' | 'U';
  key?: string;
  lines: CodeLine[];
  problems: ParseProblem[];
  /** rules disabled for the whole file by `# coding-review: disable RULE` */
  disabled: string[];
  /** every rule id named in an ignore/disable comment, where it is written (set by parseAnnotation) */
  directives?: Array<{ kind: 'ignore' | 'disable'; rule: string; span: Span; line: number }>;
}

/** A finding of a check on an annotation file (and, later, on notes and queries). */
export interface Finding {
  rule: string;
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
