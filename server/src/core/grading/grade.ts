/**
 * Grading a student's `.codes` answer against an answer key (docs/exercises.md). Pure and deterministic:
 * the same key, answer, data and options always give the same result, and every point given or lost
 * has a reason line.
 */
import type { AnnotationFile } from '../annotation/types';
import { answersOf, lineWeight, type GradingCodeSet } from './key';
import type { Override } from './overrides';

export const GRADE_SCHEMA_VERSION = 1;

/** How a student code can be partly right (docs/exercises.md, "Partial credit"). */
export type PartialKind = 'seventh-character' | 'laterality' | 'specificity' | 'category';

export const PARTIAL_KINDS: readonly PartialKind[] = ['seventh-character', 'laterality', 'specificity', 'category'];

/** Default share of a line's weight for each partial kind. */
export const DEFAULT_PARTIAL_WEIGHTS: Readonly<Record<PartialKind, number>> = {
  'seventh-character': 0.5,
  laterality: 0.5,
  specificity: 0.5,
  category: 0.25,
};

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

const round4 = (n: number): number => Math.round(n * 10000) / 10000;
const fmt = (n: number): string => String(round4(n));

const LATERALITY = new Set(['right', 'left', 'bilateral', 'unspecified', 'side', 'sides', 'of']);

function words(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** True when the two titles differ only in laterality words (and one of them names a side). */
function lateralityOnly(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a === b) return false;
  const wa = words(a);
  const wb = words(b);
  const sided = (w: string[]): boolean => w.some((x) => x === 'right' || x === 'left' || x === 'bilateral');
  if (!sided(wa) && !sided(wb)) return false;
  const rest = (w: string[]): string => w.filter((x) => !LATERALITY.has(x)).join(' ');
  return rest(wa) === rest(wb);
}

/** The partial kind relating a student code to an answer, or undefined when unrelated (both normalised). */
export function partialKind(
  answer: string,
  student: string,
  titleOf: (code: string) => string | undefined,
): PartialKind | undefined {
  if (answer === student) return undefined;
  if (answer.slice(0, 3) !== student.slice(0, 3) || answer.length < 3 || student.length < 3) return undefined;
  if (answer.length === 7 && student.length === 7 && answer.slice(0, 6) === student.slice(0, 6))
    return 'seventh-character';
  if (lateralityOnly(titleOf(answer), titleOf(student))) return 'laterality';
  if (answer.length >= 4 && student.length >= 4 && answer[3] === student[3]) return 'specificity';
  return 'category';
}

const PARTIAL_TEXT: Record<PartialKind, string> = {
  'seventh-character': 'right code, wrong 7th character',
  laterality: 'right condition, wrong laterality',
  specificity: 'right subcategory, wrong specificity',
  category: 'right category, wrong subcategory',
};

export function gradeExercise(
  key: AnnotationFile,
  student: AnnotationFile,
  codeSet: GradingCodeSet,
  options: GradeOptions = {},
): GradeResult {
  const problems: string[] = [];
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

  // Edition (for titles only): the student's date, else the key's, else the option, else the newest.
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
  if (student.lines.length === 0) problems.push("The student's file has no codes.");
  const syntaxCount = student.problems.filter((p) => p.rule === 'syntax-error').length;
  if (syntaxCount)
    problems.push(`The student's file has ${syntaxCount} line(s) that could not be read; they were not graded.`);

  // ICD-10-PCS codes (px lines) are shown without a dot and titled from the PCS tables.
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

  /** " I50.2 is a header, not a billable code in ICD-10-CM FY2026." for a student code that cannot be reported */
  const KIND_TEXT: Record<string, string> = {
    header: 'a header, not a billable code',
    'needs-seventh': 'incomplete (it needs a 7th character)',
    'needs-placeholder': 'incomplete (it needs placeholder X characters)',
    deleted: 'no longer valid',
    'not-yet-valid': 'not yet valid',
    invalid: 'not an ICD-10-CM code',
  };
  const notReportable = (l: { kind: 'dx' | 'px'; code: string }): string => {
    if (l.kind !== 'dx') return '';
    const k = codeSet.classify(l.code, edition).kind;
    return k === 'billable' ? '' : ` ${disp(l.code)} is ${KIND_TEXT[k] ?? k} in ${editionLabel ?? 'this edition'}.`;
  };

  // Student lines: duplicates first.
  const sLines = student.lines;
  const sResults: Array<StudentLineResult | undefined> = sLines.map(() => undefined);
  const firstSeen = new Map<string, number>();
  sLines.forEach((l, i) => {
    const k = `${l.kind}:${l.code}`;
    const f = firstSeen.get(k);
    if (f === undefined) firstSeen.set(k, i);
    else
      sResults[i] = {
        studentLine: l.line + 1,
        kind: l.kind,
        code: info(l.code),
        verdict: 'duplicate',
        duplicateOf: sLines[f].line + 1,
        reason: `duplicate ${disp(l.code)} (student line ${l.line + 1}) repeats line ${sLines[f].line + 1}: not counted.`,
      };
  });
  const free = (i: number): boolean => sResults[i] === undefined;

  const kLines = key.lines;
  const principalLine = kLines.find((l) => l.kind === 'dx');
  interface Match {
    student: number;
    kind?: PartialKind;
    answer: string;
  }
  const matches: Array<Match | undefined> = kLines.map(() => undefined);
  const required = kLines.map((l, i) => ({ l, i })).filter((x) => !x.l.optional);
  const optional = kLines.map((l, i) => ({ l, i })).filter((x) => x.l.optional);

  // Phase 1: exact matches, required lines first, key order, then the first free student line.
  for (const { l, i } of [...required, ...optional]) {
    const answers = answersOf(l);
    const si = sLines.findIndex((s, j) => free(j) && s.kind === l.kind && answers.includes(s.code));
    if (si < 0) continue;
    matches[i] = { student: si, answer: sLines[si].code };
    sResults[si] = {
      studentLine: sLines[si].line + 1,
      kind: sLines[si].kind,
      code: info(sLines[si].code),
      verdict: l.optional ? 'optional' : 'matched',
      keyLine: l.line + 1,
      reason: l.optional
        ? `optional ${disp(sLines[si].code)} (student line ${sLines[si].line + 1}) matches optional key line ${l.line + 1}: accepted, not counted.`
        : `${disp(sLines[si].code)} (student line ${sLines[si].line + 1}) matches key line ${l.line + 1} exactly.`,
    };
  }

  // Phase 2: partial matches between unmatched required dx lines and free student dx lines, best credit first.
  const pairs: Array<{ ki: number; si: number; kind: PartialKind; answer: string; credit: number }> = [];
  for (const { l, i } of required) {
    if (matches[i] || l.kind !== 'dx') continue;
    sLines.forEach((s, j) => {
      if (!free(j) || s.kind !== 'dx') return;
      let best: { kind: PartialKind; answer: string; credit: number } | undefined;
      for (const a of answersOf(l)) {
        const kind = partialKind(a, s.code, titleOf);
        if (kind && (!best || partialWeights[kind] > best.credit))
          best = { kind, answer: a, credit: partialWeights[kind] };
      }
      if (best) pairs.push({ ki: i, si: j, ...best });
    });
  }
  pairs.sort((a, b) => b.credit - a.credit || a.ki - b.ki || a.si - b.si);
  for (const p of pairs) {
    if (matches[p.ki] || !free(p.si)) continue;
    matches[p.ki] = { student: p.si, kind: p.kind, answer: p.answer };
    const s = sLines[p.si];
    sResults[p.si] = {
      studentLine: s.line + 1,
      kind: s.kind,
      code: info(s.code),
      verdict: 'matched',
      keyLine: kLines[p.ki].line + 1,
      reason: `${disp(s.code)} (student line ${s.line + 1}) partly matches key line ${kLines[p.ki].line + 1} (${PARTIAL_TEXT[p.kind]}).`,
    };
  }

  // Remaining student lines are extra.
  sLines.forEach((s, j) => {
    if (!free(j)) return;
    sResults[j] = {
      studentLine: s.line + 1,
      kind: s.kind,
      code: info(s.code),
      verdict: 'extra',
      reason: `extra ${show(s.code)} (student line ${s.line + 1}): not in the key; counts as an entered code (over-entry rule).${notReportable(s)}`,
    };
  });

  // Key line verdicts and points.
  const reasons: string[] = [];
  const keyLines: KeyLineResult[] = kLines.map((l, i) => {
    const m = matches[i];
    const weight = lineWeight(l);
    const possible = l.optional ? 0 : weight;
    const answers = answersOf(l).map((a) => info(a));
    const rationale = l.attributes['rationale']?.value;
    const isPrincipal = l === principalLine;
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
    let detail = '';
    if (m.kind === 'seventh-character' && codeSet.seventhCharacters) {
      const choices = codeSet.seventhCharacters(m.answer.slice(0, 6), edition);
      const meaning = (c: string): string => choices.find((x) => x.char === c)?.meaning ?? '';
      const ka = m.answer[6];
      const sa = s.code[6];
      const km = meaning(ka);
      const sm = meaning(sa);
      detail = `; key ${ka}${km ? ` = ${km}` : ''}, student ${sa}${sm ? ` = ${sm}` : ''}`;
    }
    const reason =
      `+${fmt(points)} of ${fmt(possible)} ${label}: partial (${PARTIAL_TEXT[m.kind]}, ${fmt(credit * 100)}% credit): ` +
      `student line ${s.line + 1} has ${show(s.code)}; the answer is ${show(m.answer)}${detail}.${notReportable(s)}`;
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
  });
  // Trainer overrides: the last row for this student (or '*') and this key line wins.
  for (const o of options.overrides ?? []) {
    if (o.student !== '*' && o.student !== options.student) continue;
    if (!kLines.some((l) => !l.optional && answersOf(l).includes(o.answer)))
      problems.push(
        `Override on line ${o.line} of the overrides file: no required key line has the answer ${disp(o.answer)}.`,
      );
  }
  keyLines.forEach((k, i) => {
    if (k.optional) return;
    const answers = answersOf(kLines[i]);
    const o = [...(options.overrides ?? [])]
      .reverse()
      .find((x) => (x.student === '*' || x.student === options.student) && answers.includes(x.answer));
    if (!o) return;
    const previous = { credit: k.credit, points: k.points };
    k.credit = o.credit;
    k.points = round4(k.possible * o.credit);
    k.override = { by: o.by, date: o.date, reason: o.reason, line: o.line, previous };
    const delta = round4(k.points - previous.points);
    k.reason =
      k.reason.replace(/^[+-][\d.]+( of [\d.]+)?/, `+${fmt(k.points)} of ${fmt(k.possible)}`) +
      ` Override by ${o.by} on ${o.date}: credit ${fmt(previous.credit)} → ${fmt(o.credit)} (${delta >= 0 ? '+' : ''}${fmt(delta)} points): ${o.reason}`;
  });
  for (const k of keyLines) reasons.push(k.reason);
  const sOut = sResults.filter((r): r is StudentLineResult => r !== undefined);
  for (const r of sOut) if (r.verdict === 'extra' || r.verdict === 'duplicate') reasons.push(r.reason);

  // Score: the over-entry rule.
  const req = keyLines.filter((k) => !k.optional);
  const points = round4(req.reduce((s, k) => s + k.points, 0));
  const keyTotal = round4(req.reduce((s, k) => s + k.weight, 0));
  const matchedTotal = req.filter((k) => k.verdict !== 'missing').reduce((s, k) => s + k.weight, 0);
  const extras = sOut.filter((r) => r.verdict === 'extra').length;
  const entered = req.filter((k) => k.verdict !== 'missing').length + extras;
  const enteredTotal = round4(matchedTotal + extras * extraWeight);
  const overEntry = enteredTotal > keyTotal;
  const denominator = Math.max(keyTotal, enteredTotal);
  const fraction = denominator > 0 ? round4(points / denominator) : 0;
  const percent = Math.round(fraction * 1000) / 10;
  if (denominator === 0) reasons.push('Score: the key has no required codes, so the score is 0.');
  else if (overEntry)
    reasons.push(
      `Score: ${fmt(points)} points; ${fmt(enteredTotal)} entered > ${fmt(keyTotal)} in the key, so over-entry applies: ${fmt(points)} ÷ ${fmt(enteredTotal)} = ${percent}%.`,
    );
  else reasons.push(`Score: ${fmt(points)} ÷ ${fmt(keyTotal)} (the key's total) = ${percent}%.`);

  // Principal, scored on its own.
  const sPrincipal = sLines.find((l) => l.kind === 'dx');
  let principal: GradeResult['principal'];
  if (!principalLine) {
    principal = {
      key: [],
      correct: false,
      reason: 'Principal: the key has no principal diagnosis, so it cannot be scored.',
    };
  } else {
    const pAnswers = answersOf(principalLine);
    const keyInfo = pAnswers.map((a) => info(a));
    if (!sPrincipal)
      principal = {
        key: keyInfo,
        correct: false,
        reason: `Principal: wrong — the student listed no diagnosis; the key's principal is ${show(principalLine.code)}.`,
      };
    else {
      const correct = pAnswers.includes(sPrincipal.code);
      principal = {
        key: keyInfo,
        student: info(sPrincipal.code),
        studentLine: sPrincipal.line + 1,
        correct,
        reason: correct
          ? `Principal: right — ${disp(sPrincipal.code)} is listed first, as in the key.`
          : `Principal: wrong — the student listed ${show(sPrincipal.code)} first; the key's principal is ${show(principalLine.code)}.`,
      };
    }
  }
  reasons.push(principal.reason);

  // POA.
  let poaChecked = 0;
  let poaCorrect = 0;
  for (const k of keyLines) {
    if (!k.poa) continue;
    poaChecked++;
    if (k.poa.correct) poaCorrect++;
    reasons.push(
      k.poa.correct
        ? `POA: right — ${k.answers[0].code} POA=${k.poa.key}.`
        : `POA: wrong — ${k.answers[0].code} (key line ${k.keyLine}) is POA=${k.poa.key}; the student gave ${k.poa.student !== undefined ? `POA=${k.poa.student}` : 'no POA'}.`,
    );
  }

  const count = (v: string): number => keyLines.filter((k) => !k.optional && k.verdict === v).length;
  return {
    schemaVersion: GRADE_SCHEMA_VERSION,
    ...(editionLabel ? { edition: editionLabel } : {}),
    ...(date ? { date } : {}),
    score: { points, keyTotal, entered, enteredTotal, overEntry, denominator, fraction, percent },
    principal,
    poa: { checked: poaChecked, correct: poaCorrect },
    counts: {
      exact: count('exact'),
      partial: count('partial'),
      missing: count('missing'),
      extra: extras,
      duplicate: sOut.filter((r) => r.verdict === 'duplicate').length,
      optional: sOut.filter((r) => r.verdict === 'optional').length,
    },
    keyLines,
    studentLines: sOut,
    reasons,
    options: { partialWeights, extraWeight },
    problems,
  };
}
