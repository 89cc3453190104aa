/**
 * The report model (core/grading/report.ts): one graded student, the meta of a report, the class report
 * (built by classReport: a row per student, the key lines most missed first) and the wording every format
 * shares. Pure: results in, data out.
 */
import type { Finding } from '../findings/types';
import { GRADE_SCHEMA_VERSION, type GradeResult, type KeyLineResult } from './grade';

export interface GradedStudent {
  /** the student's name: NAME.<student>.codes gives <student>; otherwise the file name */
  name: string;
  /** the file as the user gave it (relative path), for display */
  file: string;
  result: GradeResult;
}

export interface ReportMeta {
  /** the key file as given */
  keyFile: string;
  /** findings of the key-* rules and the key's syntax problems, as plain lines ("line 3: …") */
  keyFindings: Array<{ line: number; rule: string; severity: Finding['severity']; message: string }>;
}

export interface ClassLineSummary {
  keyLine: number;
  answers: string[];
  optional: boolean;
  exact: number;
  partial: number;
  missing: number;
  /** names of the students who missed the line entirely */
  missedBy: string[];
}

export interface ClassReport {
  schemaVersion: typeof GRADE_SCHEMA_VERSION;
  kind: 'class';
  key: string;
  keyFindings: ReportMeta['keyFindings'];
  students: Array<{
    name: string;
    file: string;
    percent: number;
    points: number;
    denominator: number;
    overEntry: boolean;
    principalCorrect: boolean;
    poa: { correct: number; checked: number };
    counts: GradeResult['counts'];
  }>;
  /** required key lines, most missed first (missing, then partial, then key order) */
  lines: ClassLineSummary[];
  /** class average of the percentages, 1 decimal */
  average: number;
  results: Array<{ name: string; file: string; result: GradeResult }>;
}

export const verdictText = (k: KeyLineResult): string =>
  (k.verdict === 'partial' ? `partial (${k.partialKind})` : k.optional ? `${k.verdict} (optional)` : k.verdict) +
  (k.override ? `; override: credit ${k.override.previous.credit} → ${k.credit}` : '');

/** The audit trail: one line per overridden key line. */
export function overrideLines(r: GradeResult): string[] {
  return r.keyLines
    .filter((k) => k.override)
    .map(
      (k) =>
        `key line ${k.keyLine} ${k.answers[0].code}: ${k.override!.previous.points} → ${k.points} of ${k.possible} points, by ${k.override!.by} on ${k.override!.date} (overrides file line ${k.override!.line}): ${k.override!.reason}`,
    );
}

export const answersText = (k: KeyLineResult): string => k.answers.map((a) => a.code).join(' | ');

export const pct = (n: number): string => `${n}%`;

export function classReport(students: GradedStudent[], meta: ReportMeta): ClassReport {
  const sorted = [...students].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : 1));
  const first = sorted[0]?.result.keyLines ?? [];
  const lines: ClassLineSummary[] = first
    .filter((k) => !k.optional)
    .map((k) => {
      const idx = first.indexOf(k);
      const of = (v: string): GradedStudent[] => sorted.filter((s) => s.result.keyLines[idx]?.verdict === v);
      return {
        keyLine: k.keyLine,
        answers: k.answers.map((a) => a.code),
        optional: k.optional,
        exact: of('exact').length,
        partial: of('partial').length,
        missing: of('missing').length,
        missedBy: of('missing').map((s) => s.name),
      };
    })
    .sort((a, b) => b.missing - a.missing || b.partial - a.partial || a.keyLine - b.keyLine);
  const avg = sorted.length ? sorted.reduce((t, s) => t + s.result.score.percent, 0) / sorted.length : 0;
  return {
    schemaVersion: GRADE_SCHEMA_VERSION,
    kind: 'class',
    key: meta.keyFile,
    keyFindings: meta.keyFindings,
    students: sorted.map((s) => ({
      name: s.name,
      file: s.file,
      percent: s.result.score.percent,
      points: s.result.score.points,
      denominator: s.result.score.denominator,
      overEntry: s.result.score.overEntry,
      principalCorrect: s.result.principal.correct,
      poa: { correct: s.result.poa.correct, checked: s.result.poa.checked },
      counts: s.result.counts,
    })),
    lines,
    average: Math.round(avg * 10) / 10,
    results: sorted.map((s) => ({ name: s.name, file: s.file, result: s.result })),
  };
}
