/**
 * Grading, phase 4 (core/grading/grade.ts): the score under the over-entry rule, the principal diagnosis and
 * POA scored on their own, the counts, and the reason lines that explain all of it.
 */
import type { CodeLine } from '../annotation/types';
import type { GradeResult, KeyLineResult, StudentLineResult } from './grade-types';
import { fmt, round4, type GradeSetup } from './grade-setup';
import { answersOf } from './key';

/** The over-entry rule: points ÷ max(the key's total, what the student entered). */
export function scoreOf(
  keyLines: readonly KeyLineResult[],
  studentLines: readonly StudentLineResult[],
  extraWeight: number,
): GradeResult['score'] {
  const req = keyLines.filter((k) => !k.optional);
  const points = round4(req.reduce((s, k) => s + k.points, 0));
  const keyTotal = round4(req.reduce((s, k) => s + k.weight, 0));
  const matchedTotal = req.filter((k) => k.verdict !== 'missing').reduce((s, k) => s + k.weight, 0);
  const extras = studentLines.filter((r) => r.verdict === 'extra').length;
  const entered = req.filter((k) => k.verdict !== 'missing').length + extras;
  const enteredTotal = round4(matchedTotal + extras * extraWeight);
  const overEntry = enteredTotal > keyTotal;
  const denominator = Math.max(keyTotal, enteredTotal);
  const fraction = denominator > 0 ? round4(points / denominator) : 0;
  const percent = Math.round(fraction * 1000) / 10;
  return { points, keyTotal, entered, enteredTotal, overEntry, denominator, fraction, percent };
}

/** "Score: …" — how the percentage was reached. */
export function scoreReason(score: GradeResult['score']): string {
  const { points, keyTotal, enteredTotal, overEntry, denominator, percent } = score;
  if (denominator === 0) return 'Score: the key has no required codes, so the score is 0.';
  if (overEntry)
    return `Score: ${fmt(points)} points; ${fmt(enteredTotal)} entered > ${fmt(keyTotal)} in the key, so over-entry applies: ${fmt(points)} ÷ ${fmt(enteredTotal)} = ${percent}%.`;
  return `Score: ${fmt(points)} ÷ ${fmt(keyTotal)} (the key's total) = ${percent}%.`;
}

/** The principal diagnosis, scored on its own: the student's first dx line against the key's first. */
export function principalOf(
  kLines: readonly CodeLine[],
  sLines: readonly CodeLine[],
  { info, disp, show }: GradeSetup,
): GradeResult['principal'] {
  const principalLine = kLines.find((l) => l.kind === 'dx');
  const sPrincipal = sLines.find((l) => l.kind === 'dx');
  if (!principalLine)
    return {
      key: [],
      correct: false,
      reason: 'Principal: the key has no principal diagnosis, so it cannot be scored.',
    };
  const pAnswers = answersOf(principalLine);
  const keyInfo = pAnswers.map((a) => info(a));
  if (!sPrincipal)
    return {
      key: keyInfo,
      correct: false,
      reason: `Principal: wrong — the student listed no diagnosis; the key's principal is ${show(principalLine.code)}.`,
    };
  const correct = pAnswers.includes(sPrincipal.code);
  return {
    key: keyInfo,
    student: info(sPrincipal.code),
    studentLine: sPrincipal.line + 1,
    correct,
    reason: correct
      ? `Principal: right — ${disp(sPrincipal.code)} is listed first, as in the key.`
      : `Principal: wrong — the student listed ${show(sPrincipal.code)} first; the key's principal is ${show(principalLine.code)}.`,
  };
}

/** POA over the key lines that have one: how many were checked, how many right, and a reason line each. */
export function poaOf(keyLines: readonly KeyLineResult[]): { summary: GradeResult['poa']; reasons: string[] } {
  const checked = keyLines.filter((k) => k.poa);
  const reasons = checked.map(({ poa, answers, keyLine }) =>
    poa!.correct
      ? `POA: right — ${answers[0].code} POA=${poa!.key}.`
      : `POA: wrong — ${answers[0].code} (key line ${keyLine}) is POA=${poa!.key}; the student gave ${poa!.student !== undefined ? `POA=${poa!.student}` : 'no POA'}.`,
  );
  return { summary: { checked: checked.length, correct: checked.filter((k) => k.poa!.correct).length }, reasons };
}

/** How many required key lines got each verdict, and how many student lines were extra, duplicate, optional. */
export function countsOf(
  keyLines: readonly KeyLineResult[],
  studentLines: readonly StudentLineResult[],
): GradeResult['counts'] {
  const keys = (v: KeyLineResult['verdict']): number => keyLines.filter((k) => !k.optional && k.verdict === v).length;
  const students = (v: StudentLineResult['verdict']): number => studentLines.filter((r) => r.verdict === v).length;
  return {
    exact: keys('exact'),
    partial: keys('partial'),
    missing: keys('missing'),
    extra: students('extra'),
    duplicate: students('duplicate'),
    optional: students('optional'),
  };
}

/**
 * Every point given or lost, in order: the key lines, the extra and duplicate student lines, the score, the
 * principal and the POA.
 */
export function explain(
  keyLines: readonly KeyLineResult[],
  studentLines: readonly StudentLineResult[],
  score: GradeResult['score'],
  principal: GradeResult['principal'],
  poaReasons: readonly string[],
): string[] {
  return [
    ...keyLines.map((k) => k.reason),
    ...studentLines.filter((r) => r.verdict === 'extra' || r.verdict === 'duplicate').map((r) => r.reason),
    scoreReason(score),
    principal.reason,
    ...poaReasons,
  ];
}
