/**
 * Grading, phase 1 (core/grading/grade.ts): read the options and both files, resolve the edition,
 * and build the display helpers (dotted codes, titles, "not reportable" notes) every later phase uses.
 */
import type { AnnotationFile } from '../annotation/types';
import type { CodeInfo, GradeOptions } from './grade-types';
import { DEFAULT_PARTIAL_WEIGHTS, PARTIAL_KINDS, type PartialKind } from './grade-partial';
import type { GradingCodeSet } from './key';

export const round4 = (n: number): number => Math.round(n * 10000) / 10000;
export const fmt = (n: number): string => String(round4(n));

/** What the later phases need to know: the weights, the edition, the problems so far and how to show codes. */
export interface GradeSetup {
  codeSet: GradingCodeSet;
  partialWeights: Record<PartialKind, number>;
  extraWeight: number;
  /** date of service used (the student's, else the key's, else the option's) */
  date?: string;
  /** edition index for titles and classification */
  edition: number;
  editionLabel?: string;
  /** things the trainer should know; later phases add to it */
  problems: string[];
  /** the code as shown: dotted for ICD-10-CM, as written for ICD-10-PCS */
  disp(code: string): string;
  titleOf(code: string): string | undefined;
  info(code: string, withTitle?: boolean): CodeInfo;
  /** "CODE (title)" or "CODE" */
  show(code: string): string;
  /** " I50.2 is a header, not a billable code in ICD-10-CM FY2026." for a student code that cannot be reported */
  notReportable(l: { kind: 'dx' | 'px'; code: string }): string;
}

/** The partial weights and the extra-code weight, the defaults standing in (with a problem) for bad values. */
export function resolveWeights(
  options: GradeOptions,
  problems: string[],
): { partialWeights: Record<PartialKind, number>; extraWeight: number } {
  const partialWeights: Record<PartialKind, number> = { ...DEFAULT_PARTIAL_WEIGHTS };
  for (const k of PARTIAL_KINDS) {
    const w = options.partialWeights?.[k];
    if (w !== undefined) {
      if (Number.isFinite(w) && w >= 0 && w <= 1) partialWeights[k] = w;
      else
        problems.push(
          `Partial weight for ${k} must be between 0 and 1; the default ${DEFAULT_PARTIAL_WEIGHTS[k]} was used.`,
        );
    }
  }
  let extraWeight = 1;
  if (options.extraWeight !== undefined) {
    if (Number.isFinite(options.extraWeight) && options.extraWeight >= 0) extraWeight = options.extraWeight;
    else problems.push('The extra-code weight must be a number ≥ 0; the default 1 was used.');
  }
  return { partialWeights, extraWeight };
}

/** Edition (for titles only): the student's date, else the key's, else the option, else the newest. */
export function resolveEdition(
  key: AnnotationFile,
  student: AnnotationFile,
  codeSet: GradingCodeSet,
  options: GradeOptions,
  problems: string[],
): { date?: string; edition: number; editionLabel?: string } {
  const date = student.date ?? key.date ?? options.date;
  let edition = codeSet.editions.length - 1;
  let editionLabel: string | undefined = codeSet.editions[edition]?.label;
  if (date) {
    const ed = codeSet.editionFor(date);
    if (ed.ok) {
      edition = ed.index;
      editionLabel = ed.label;
    } else {
      problems.push(ed.message + (ed.nearest ? ` Titles are from ${ed.nearest.label}.` : ''));
      if (ed.nearest) {
        edition = ed.nearest.index;
        editionLabel = ed.nearest.label;
      }
    }
  } else problems.push(`Neither file has a date of service; titles are from ${editionLabel ?? 'the newest edition'}.`);
  return { date, edition, editionLabel };
}

/** Problems of the student's file itself: no codes, lines that could not be read. */
export function studentFileProblems(student: AnnotationFile, problems: string[]): void {
  if (student.lines.length === 0) problems.push("The student's file has no codes.");
  const syntaxCount = student.problems.filter((p) => p.rule === 'syntax-error').length;
  if (syntaxCount)
    problems.push(`The student's file has ${syntaxCount} line(s) that could not be read; they were not graded.`);
}

const KIND_TEXT: Record<string, string> = {
  header: 'a header, not a billable code',
  'needs-seventh': 'incomplete (it needs a 7th character)',
  'needs-placeholder': 'incomplete (it needs placeholder X characters)',
  deleted: 'no longer valid',
  'not-yet-valid': 'not yet valid',
  invalid: 'not an ICD-10-CM code',
};

/**
 * How codes are shown. ICD-10-PCS codes (px lines) are shown without a dot and titled from the PCS tables;
 * ICD-10-CM codes dotted and titled from the edition.
 */
export function codeDisplay(
  key: AnnotationFile,
  student: AnnotationFile,
  codeSet: GradingCodeSet,
  at: { date?: string; edition: number; editionLabel?: string },
): Pick<GradeSetup, 'disp' | 'titleOf' | 'info' | 'show' | 'notReportable'> {
  const { date, edition, editionLabel } = at;
  const pxCodes = new Set<string>();
  const dxCodes = new Set<string>();
  for (const l of [...key.lines, ...student.lines])
    for (const c of [l.code, ...(l.alternatives ?? []).map((a) => a.code)])
      (l.kind === 'px' ? pxCodes : dxCodes).add(c);
  const isPx = (code: string): boolean => pxCodes.has(code) && !dxCodes.has(code);
  const disp = (code: string): string => (isPx(code) ? code : codeSet.display(code));
  const titleCache = new Map<string, string | undefined>();
  const titleOf = (code: string): string | undefined => {
    if (!titleCache.has(code))
      titleCache.set(code, isPx(code) ? codeSet.classifyPcs?.(code, date)?.title : codeSet.title(code, edition));
    return titleCache.get(code);
  };
  const info = (code: string, withTitle = true): CodeInfo => {
    const t = withTitle ? titleOf(code) : undefined;
    return t === undefined ? { code: disp(code) } : { code: disp(code), title: t };
  };
  const show = (code: string): string => {
    const t = titleOf(code);
    return t ? `${disp(code)} (${t})` : disp(code);
  };
  const notReportable = (l: { kind: 'dx' | 'px'; code: string }): string => {
    if (l.kind !== 'dx') return '';
    const k = codeSet.classify(l.code, edition).kind;
    return k === 'billable' ? '' : ` ${disp(l.code)} is ${KIND_TEXT[k] ?? k} in ${editionLabel ?? 'this edition'}.`;
  };
  return { disp, titleOf, info, show, notReportable };
}

/** Phase 1: options, edition, problems of the student's file and the display helpers. */
export function gradeSetup(
  key: AnnotationFile,
  student: AnnotationFile,
  codeSet: GradingCodeSet,
  options: GradeOptions,
): GradeSetup {
  const problems: string[] = [];
  const weights = resolveWeights(options, problems);
  const at = resolveEdition(key, student, codeSet, options, problems);
  studentFileProblems(student, problems);
  return { codeSet, ...weights, ...at, problems, ...codeDisplay(key, student, codeSet, at) };
}
