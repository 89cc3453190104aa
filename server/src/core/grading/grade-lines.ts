/**
 * Grading, phase 3 (core/grading/grade.ts): each key line's verdict (exact, partial, missing), its credit and
 * points and the reason line saying why; then the trainer overrides, which change a line's credit and say
 * who changed it, when and why.
 */
import type { CodeLine } from '../annotation/types';
import type { GradeOptions, KeyLineResult } from './grade-types';
import { PARTIAL_TEXT } from './grade-partial';
import type { Match } from './grade-match';
import { fmt, round4, type GradeSetup } from './grade-setup';
import { answersOf, lineWeight } from './key';

/** Phase 3: the verdict, credit, points and reason of every key line (the key's first dx line is the principal). */
export function keyLineResults(
  kLines: readonly CodeLine[],
  sLines: readonly CodeLine[],
  matches: ReadonlyArray<Match | undefined>,
  setup: GradeSetup,
): KeyLineResult[] {
  const principalLine = kLines.find((l) => l.kind === 'dx');
  return kLines.map((l, i) => keyLineResult(l, l === principalLine, matches[i], sLines, setup));
}

function keyLineResult(
  l: CodeLine,
  isPrincipal: boolean,
  m: Match | undefined,
  sLines: readonly CodeLine[],
  setup: GradeSetup,
): KeyLineResult {
  const { disp, info, show, notReportable, partialWeights } = setup;
  const weight = lineWeight(l);
  const possible = l.optional ? 0 : weight;
  const answers = answersOf(l).map((a) => info(a));
  const rationale = l.attributes['rationale']?.value;
  const base = {
    keyLine: l.line + 1,
    kind: l.kind,
    answers,
    principal: isPrincipal,
    optional: !!l.optional,
    weight,
    possible,
    ...(rationale !== undefined ? { rationale } : {}),
  };
  const label = `${disp(l.code)}${
    answers.length > 1
      ? ` (or ${answers
          .slice(1)
          .map((a) => a.code)
          .join(', ')})`
      : ''
  } (key line ${l.line + 1}${weight !== 1 ? `, weight ${fmt(weight)}` : ''})`;
  if (!m) {
    const reason = l.optional
      ? `optional ${label}: not given; no points either way.`
      : `-${fmt(possible)} ${label}: missing; no student line has it or a related code.`;
    return { ...base, verdict: 'missing', credit: 0, points: 0, reason };
  }
  const s = sLines[m.student];
  let poa: KeyLineResult['poa'];
  if (!l.optional && l.kind === 'dx' && l.poa) {
    const sp = s.poa?.value;
    poa = { key: l.poa.value, ...(sp !== undefined ? { student: sp } : {}), correct: sp === l.poa.value };
  }
  if (!m.kind) {
    const reason = l.optional
      ? `optional ${label}: given on student line ${s.line + 1}; accepted, not counted.`
      : `+${fmt(possible)} ${label}: exact match on student line ${s.line + 1}${m.answer !== l.code ? ` (accepted alternative ${disp(m.answer)})` : ''}.`;
    return {
      ...base,
      verdict: 'exact',
      studentLine: s.line + 1,
      student: info(s.code, m.answer !== l.code),
      matchedAnswer: disp(m.answer),
      credit: 1,
      points: l.optional ? 0 : possible,
      ...(poa ? { poa } : {}),
      reason,
    };
  }
  const credit = partialWeights[m.kind];
  const points = round4(possible * credit);
  const reason =
    `+${fmt(points)} of ${fmt(possible)} ${label}: partial (${PARTIAL_TEXT[m.kind]}, ${fmt(credit * 100)}% credit): ` +
    `student line ${s.line + 1} has ${show(s.code)}; the answer is ${show(m.answer)}${seventhDetail(m, s.code, setup)}.${notReportable(s)}`;
  return {
    ...base,
    verdict: 'partial',
    partialKind: m.kind,
    studentLine: s.line + 1,
    student: info(s.code),
    matchedAnswer: disp(m.answer),
    credit,
    points,
    ...(poa ? { poa } : {}),
    reason,
  };
}

/** "; key A = initial encounter, student D = subsequent encounter" for a wrong 7th character. */
function seventhDetail(m: Match, student: string, { codeSet, edition }: GradeSetup): string {
  if (m.kind !== 'seventh-character' || !codeSet.seventhCharacters) return '';
  const choices = codeSet.seventhCharacters(m.answer.slice(0, 6), edition);
  const meaning = (c: string): string => choices.find((x) => x.char === c)?.meaning ?? '';
  const ka = m.answer[6];
  const sa = student[6];
  const km = meaning(ka);
  const sm = meaning(sa);
  return `; key ${ka}${km ? ` = ${km}` : ''}, student ${sa}${sm ? ` = ${sm}` : ''}`;
}

/**
 * Trainer overrides: the last row for this student (or '*') and a required key line's answer wins. A row that
 * names no required answer of the key is a problem (said, not applied). Returns new key line results.
 */
export function applyOverrides(
  keyLines: readonly KeyLineResult[],
  kLines: readonly CodeLine[],
  options: Pick<GradeOptions, 'overrides' | 'student'>,
  setup: GradeSetup,
): KeyLineResult[] {
  const overrides = options.overrides ?? [];
  const mine = overrides.filter((o) => o.student === '*' || o.student === options.student);
  for (const o of mine)
    if (!kLines.some((l) => !l.optional && answersOf(l).includes(o.answer)))
      setup.problems.push(
        `Override on line ${o.line} of the overrides file: no required key line has the answer ${setup.disp(o.answer)}.`,
      );
  return keyLines.map((k, i) => {
    if (k.optional) return k;
    const answers = answersOf(kLines[i]);
    const o = [...mine].reverse().find((x) => answers.includes(x.answer));
    if (!o) return k;
    const previous = { credit: k.credit, points: k.points };
    const points = round4(k.possible * o.credit);
    const delta = round4(points - previous.points);
    return {
      ...k,
      credit: o.credit,
      points,
      reason:
        k.reason.replace(/^[+-][\d.]+( of [\d.]+)?/, `+${fmt(points)} of ${fmt(k.possible)}`) +
        ` Override by ${o.by} on ${o.date}: credit ${fmt(previous.credit)} → ${fmt(o.credit)} (${delta >= 0 ? '+' : ''}${fmt(delta)} points): ${o.reason}`,
      override: { by: o.by, date: o.date, reason: o.reason, line: o.line, previous },
    };
  });
}
