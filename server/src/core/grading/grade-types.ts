/**
 * The result types of grading (core/grading/grade.ts): what a grade says about each key line, each student
 * line and the whole answer. The JSON report is this shape (docs/exercises.md, "JSON report").
 */
import type { Override } from './overrides';
import type { PartialKind } from './grade-partial';

export const GRADE_SCHEMA_VERSION = 1;

export interface GradeOptions {
  /** share of the line's weight given for each partial kind (0–1); defaults DEFAULT_PARTIAL_WEIGHTS */
  partialWeights?: Partial<Record<PartialKind, number>>;
  /** how much one extra code adds to the entered total under the over-entry rule (default 1) */
  extraWeight?: number;
  /** date of service when neither file has one (picks the edition for titles) */
  date?: string;
  /** the student's name, for overrides addressed to one student */
  student?: string;
  /** trainer overrides (./overrides.ts); the last matching row wins */
  overrides?: readonly Override[];
}

export interface CodeInfo {
  /** dotted */
  code: string;
  title?: string;
}

export interface KeyLineResult {
  /** 1-based line in the key */
  keyLine: number;
  kind: 'dx' | 'px';
  /** accepted codes, the written one first */
  answers: CodeInfo[];
  principal: boolean;
  optional: boolean;
  weight: number;
  verdict: 'exact' | 'partial' | 'missing';
  partialKind?: PartialKind;
  /** 1-based line in the student's file that matched */
  studentLine?: number;
  /** the student's code on that line (with its title when it differs from the answer) */
  student?: CodeInfo;
  /** the answer the student's code matched or came closest to (dotted) */
  matchedAnswer?: string;
  /** 0–1 */
  credit: number;
  /** weight × credit; 0 for optional lines */
  points: number;
  /** weight; 0 for optional lines */
  possible: number;
  poa?: { key: string; student?: string; correct: boolean };
  rationale?: string;
  /** a trainer override changed the credit: who, when, why, and what the grader had given */
  override?: {
    by: string;
    date: string;
    reason: string;
    /** 1-based line in the overrides file */
    line: number;
    previous: { credit: number; points: number };
  };
  reason: string;
}

export interface StudentLineResult {
  studentLine: number;
  kind: 'dx' | 'px';
  code: CodeInfo;
  /** matched a required key line (exact or partial); optional: matched an optional code; extra; duplicate */
  verdict: 'matched' | 'optional' | 'extra' | 'duplicate';
  keyLine?: number;
  duplicateOf?: number;
  reason: string;
}

export interface GradeResult {
  schemaVersion: typeof GRADE_SCHEMA_VERSION;
  edition?: string;
  date?: string;
  score: {
    /** sum of points over required key lines */
    points: number;
    /** sum of weights of required key lines */
    keyTotal: number;
    /** student codes counted: matched to a required line, or extra (not duplicates, not optional) */
    entered: number;
    /** weights of the matched required lines + extras × extraWeight */
    enteredTotal: number;
    overEntry: boolean;
    /** max(keyTotal, enteredTotal) */
    denominator: number;
    /** points ÷ denominator, 0–1, rounded to 4 decimals */
    fraction: number;
    /** fraction as a percentage rounded to 1 decimal */
    percent: number;
  };
  principal: { key: CodeInfo[]; student?: CodeInfo; studentLine?: number; correct: boolean; reason: string };
  poa: { checked: number; correct: number };
  counts: { exact: number; partial: number; missing: number; extra: number; duplicate: number; optional: number };
  keyLines: KeyLineResult[];
  studentLines: StudentLineResult[];
  /** one line per point given or lost, then the score, the principal and the POA */
  reasons: string[];
  /** the weights actually used */
  options: { partialWeights: Record<PartialKind, number>; extraWeight: number };
  /** things the trainer should know (no date, syntax errors in the answer …) */
  problems: string[];
}
