/**
 * Grading a student's `.codes` answer against an answer key (docs/exercises.md). Pure and deterministic:
 * the same key, answer, data and options always give the same result, and every point given or lost
 * has a reason line. `gradeExercise` composes the phases, each a pure function in its own file:
 * 1. grade-setup.ts — the options, the edition (for titles) and how codes are shown;
 * 2. grade-match.ts — which student line answers which key line (duplicates, exact, partial, extra);
 * 3. grade-lines.ts — each key line's verdict, credit and points, then the trainer overrides;
 * 4. grade-score.ts — the score (over-entry rule), the principal, POA, the counts and the reason lines.
 * Partial credit is grade-partial.ts; the result types are grade-types.ts.
 */
import type { AnnotationFile } from '../annotation/types';
import { applyOverrides, keyLineResults } from './grade-lines';
import { matchLines } from './grade-match';
import { countsOf, explain, poaOf, principalOf, scoreOf } from './grade-score';
import { gradeSetup } from './grade-setup';
import { GRADE_SCHEMA_VERSION, type GradeOptions, type GradeResult } from './grade-types';
import type { GradingCodeSet } from './key';

export { DEFAULT_PARTIAL_WEIGHTS, PARTIAL_KINDS, partialKind, type PartialKind } from './grade-partial';
export {
  GRADE_SCHEMA_VERSION,
  type CodeInfo,
  type GradeOptions,
  type GradeResult,
  type KeyLineResult,
  type StudentLineResult,
} from './grade-types';

export function gradeExercise(
  key: AnnotationFile,
  student: AnnotationFile,
  codeSet: GradingCodeSet,
  options: GradeOptions = {},
): GradeResult {
  const setup = gradeSetup(key, student, codeSet, options);
  const { matches, studentLines } = matchLines(key.lines, student.lines, setup);
  const keyLines = applyOverrides(keyLineResults(key.lines, student.lines, matches, setup), key.lines, options, setup);
  const score = scoreOf(keyLines, studentLines, setup.extraWeight);
  const principal = principalOf(key.lines, student.lines, setup);
  const poa = poaOf(keyLines);
  return {
    schemaVersion: GRADE_SCHEMA_VERSION,
    ...(setup.editionLabel ? { edition: setup.editionLabel } : {}),
    ...(setup.date ? { date: setup.date } : {}),
    score,
    principal,
    poa: poa.summary,
    counts: countsOf(keyLines, studentLines),
    keyLines,
    studentLines,
    reasons: explain(keyLines, studentLines, score, principal, poa.reasons),
    options: { partialWeights: setup.partialWeights, extraWeight: setup.extraWeight },
    problems: setup.problems,
  };
}
