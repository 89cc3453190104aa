/**
 * Grading, phase 2 (core/grading/grade.ts): pair the student's lines with the key's lines. In this order:
 * duplicates (a code the student already gave), exact matches (required lines first, in key order, each
 * taking the first free student line), partial matches (unmatched required dx lines with free student dx
 * lines, best credit first), and the student lines left over are extra. Every student line gets its verdict
 * and a reason.
 */
import type { CodeLine } from '../annotation/types';
import type { StudentLineResult } from './grade-types';
import { PARTIAL_TEXT, partialKind, type PartialKind } from './grade-partial';
import type { GradeSetup } from './grade-setup';
import { answersOf } from './key';

/** The student line that answers a key line, and how (no `kind`: exactly). */
export interface Match {
  /** index into the student's lines */
  student: number;
  kind?: PartialKind;
  /** the key's answer it matched or came closest to */
  answer: string;
}

export interface Matching {
  /** one per key line, by index; undefined: nothing answers it */
  matches: Array<Match | undefined>;
  /** one per student line, in the student's order */
  studentLines: StudentLineResult[];
}

/** The work in progress: which key line is matched and which student line is taken. */
interface State {
  readonly kLines: readonly CodeLine[];
  readonly sLines: readonly CodeLine[];
  readonly matches: Array<Match | undefined>;
  readonly results: Array<StudentLineResult | undefined>;
}

const free = (st: State, i: number): boolean => st.results[i] === undefined;

/** Phase 2: every key line's match and every student line's verdict. */
export function matchLines(kLines: readonly CodeLine[], sLines: readonly CodeLine[], setup: GradeSetup): Matching {
  const st: State = { kLines, sLines, matches: kLines.map(() => undefined), results: sLines.map(() => undefined) };
  markDuplicates(st, setup);
  matchExact(st, setup);
  matchPartial(st, setup);
  markExtras(st, setup);
  return { matches: st.matches, studentLines: st.results.filter((r): r is StudentLineResult => r !== undefined) };
}

/** A student line repeating an earlier one (same kind and code) is a duplicate: not counted. */
function markDuplicates(st: State, { info, disp }: GradeSetup): void {
  const firstSeen = new Map<string, number>();
  st.sLines.forEach((l, i) => {
    const k = `${l.kind}:${l.code}`;
    const f = firstSeen.get(k);
    if (f === undefined) firstSeen.set(k, i);
    else
      st.results[i] = {
        studentLine: l.line + 1,
        kind: l.kind,
        code: info(l.code),
        verdict: 'duplicate',
        duplicateOf: st.sLines[f].line + 1,
        reason: `duplicate ${disp(l.code)} (student line ${l.line + 1}) repeats line ${st.sLines[f].line + 1}: not counted.`,
      };
  });
}

/** Exact matches: required lines first, key order, then the first free student line with an accepted code. */
function matchExact(st: State, { info, disp }: GradeSetup): void {
  const indexed = st.kLines.map((l, i) => ({ l, i }));
  const ordered = [...indexed.filter((x) => !x.l.optional), ...indexed.filter((x) => x.l.optional)];
  for (const { l, i } of ordered) {
    const answers = answersOf(l);
    const si = st.sLines.findIndex((s, j) => free(st, j) && s.kind === l.kind && answers.includes(s.code));
    if (si < 0) continue;
    const s = st.sLines[si];
    st.matches[i] = { student: si, answer: s.code };
    st.results[si] = {
      studentLine: s.line + 1,
      kind: s.kind,
      code: info(s.code),
      verdict: l.optional ? 'optional' : 'matched',
      keyLine: l.line + 1,
      reason: l.optional
        ? `optional ${disp(s.code)} (student line ${s.line + 1}) matches optional key line ${l.line + 1}: accepted, not counted.`
        : `${disp(s.code)} (student line ${s.line + 1}) matches key line ${l.line + 1} exactly.`,
    };
  }
}

/** Partial matches between unmatched required dx lines and free student dx lines, best credit first. */
function matchPartial(st: State, { info, disp, titleOf, partialWeights }: GradeSetup): void {
  const pairs: Array<{ ki: number; si: number; kind: PartialKind; answer: string; credit: number }> = [];
  st.kLines.forEach((l, i) => {
    if (l.optional || st.matches[i] || l.kind !== 'dx') return;
    st.sLines.forEach((s, j) => {
      if (!free(st, j) || s.kind !== 'dx') return;
      let best: { kind: PartialKind; answer: string; credit: number } | undefined;
      for (const a of answersOf(l)) {
        const kind = partialKind(a, s.code, titleOf);
        if (kind && (!best || partialWeights[kind] > best.credit))
          best = { kind, answer: a, credit: partialWeights[kind] };
      }
      if (best) pairs.push({ ki: i, si: j, ...best });
    });
  });
  pairs.sort((a, b) => b.credit - a.credit || a.ki - b.ki || a.si - b.si);
  for (const p of pairs) {
    if (st.matches[p.ki] || !free(st, p.si)) continue;
    st.matches[p.ki] = { student: p.si, kind: p.kind, answer: p.answer };
    const s = st.sLines[p.si];
    st.results[p.si] = {
      studentLine: s.line + 1,
      kind: s.kind,
      code: info(s.code),
      verdict: 'matched',
      keyLine: st.kLines[p.ki].line + 1,
      reason: `${disp(s.code)} (student line ${s.line + 1}) partly matches key line ${st.kLines[p.ki].line + 1} (${PARTIAL_TEXT[p.kind]}).`,
    };
  }
}

/** The student lines left are extra: they count as entered codes under the over-entry rule. */
function markExtras(st: State, { info, show, notReportable }: GradeSetup): void {
  st.sLines.forEach((s, j) => {
    if (!free(st, j)) return;
    st.results[j] = {
      studentLine: s.line + 1,
      kind: s.kind,
      code: info(s.code),
      verdict: 'extra',
      reason: `extra ${show(s.code)} (student line ${s.line + 1}): not in the key; counts as an entered code (over-entry rule).${notReportable(s)}`,
    };
  });
}
