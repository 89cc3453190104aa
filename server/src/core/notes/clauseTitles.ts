/**
 * A more specific code of the same category, read from the whole clause around a mention (issue 11): the Index
 * (FY2017) reads "Type 2 myocardial infarction" as I21.3 and "Single subsegmental pulmonary embolism" as I26.99,
 * but the edition has I21.A1 "Myocardial infarction type 2" and I26.93, whose every title word is written in the
 * clause. Only when the Index's code is a residual one ("unspecified", "other") or says "without" what the clause
 * writes, only a billable code of the same
 * category, and only title words the clause writes without negation; words after "without" in a title must not
 * be written. Pure.
 */
import type { CodeCandidate } from '../evidence/mention';
import type { NoteCodeSet } from './reader';
import { words, type Token } from './text';

const CLAUSE_LEFT = 12;
const CLAUSE_RIGHT = 24;
const RESIDUAL = /\b(?:unspecified|other)\b/i;
/** an axis the title leaves at its default ("unspecified severity"): nothing the clause must write */
const DEFAULT_AXIS = /\bunspecified\s+(?:severity|site|stage|part|episode|laterality|side)\b/gi;
const STOP = new Set(
  'of and with without the in or due to other site not elsewhere classified a an by as for on unspecified'.split(' '),
);

/** Title words split into those after "without"/"not specified as" (absent by default) and the others. */
export function titleWords(title: string): { plain: Set<string>; absent: Set<string> } {
  const plain = new Set<string>();
  const absent = new Set<string>();
  for (const clause of title.toLowerCase().split(/,|\bwith\b/)) {
    // "without dyskinesia", "not specified as recurrent": the default when the note says nothing
    const m = /\b(?:without|not specified as)\b(.*)$/.exec(clause);
    for (const x of words(m ? clause.slice(0, m.index) : clause)) plain.add(x);
    if (m) for (const x of words(m[1])) absent.add(x);
  }
  return { plain, absent };
}

const unspecifiedCount = (title: string) => title.replace(DEFAULT_AXIS, '').match(/\bunspecified\b/gi)?.length ?? 0;

export interface ClauseInput {
  /** the segment's tokens (abbreviations expanded) */
  tokens: Token[];
  /** the mention's head token */
  head: number;
  /** per token: 0 nothing before it, 1 a comma, 2 "(", ")" or ":" (reader.ts gapKind) */
  gapKind: Uint8Array;
  /** per token: 0, or the negation scope it is in */
  neg?: Int32Array;
  /** the segment text (for sentence ends between tokens) */
  text: string;
  /** per token: 1 when it heads a main term (another condition) */
  isHead?: Uint8Array;
  /** categories of the other codes under the mention's Index entry (IndexMatcher.related) */
  related?: readonly string[];
}

/** A "." or ";" followed by a space between two tokens (a scan, not a slice and a regular expression). */
function sentenceEnd(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if ((c === 46 || c === 59) && (k + 1 >= text.length || text.charCodeAt(k + 1) <= 32)) return true;
  }
  return false;
}

/** A title prepared once: its required words (no stop words, default axes left out), its "without" words. */
interface Prepared {
  plain: string[];
  absent: string[];
  other: boolean;
  unspecified: number;
  residual: boolean;
}
/** title -> its words (two codes may share a title: the code is never cached with it) */
const prepared = new Map<string, Prepared>();
function prepare(title: string): Prepared {
  let p = prepared.get(title);
  if (!p) {
    const tw = titleWords(title.replace(DEFAULT_AXIS, ''));
    p = {
      plain: [...tw.plain].filter((w) => !STOP.has(w)),
      absent: [...tw.absent].filter((w) => !STOP.has(w)),
      other: /\bother\b/i.test(title),
      unspecified: unspecifiedCount(title),
      residual: RESIDUAL.test(title),
    };
    if (prepared.size > 50000) prepared.clear();
    prepared.set(title, p);
  }
  return p;
}
type CategoryCode = { code: string; title: string; p: Prepared };
/** per code set: "edition:category" -> the category's billable codes, prepared */
const byCategory = new WeakMap<object, Map<string, CategoryCode[]>>();
function categoryCodes(codeSet: NoteCodeSet, cat: string, ed: number): CategoryCode[] {
  let m = byCategory.get(codeSet);
  if (!m) byCategory.set(codeSet, (m = new Map()));
  const key = `${ed}:${cat}`;
  let list = m.get(key);
  if (!list) {
    const cl = codeSet.classify(cat, ed);
    list =
      cl.kind === 'header'
        ? cl.billableDescendants.map((d) => ({ code: d.code, title: d.title, p: prepare(d.title) }))
        : [];
    m.set(key, list);
  }
  return list;
}

/** The candidates with a more specific same-category code first, when the clause writes every word of its title. */
export function withClauseTitle(
  list: CodeCandidate[],
  input: ClauseInput,
  codeSet: NoteCodeSet,
  ed: number,
  cache: Map<string, Omit<CodeCandidate, 'score'> | null>,
): CodeCandidate[] {
  const top = list[0];
  if (!top) return list;
  const t = prepare(top.title);
  // only a residual code ("unspecified", "other"), or one whose title says "without" what the clause writes
  // ("Benign prostatic hyperplasia without lower urinary tract symptoms" for "BPH with LUTS")
  if (!t.residual && !t.absent.length) return list;
  const { tokens, head, gapKind, neg, text, isHead } = input;
  // the clause: to the nearest comma, parenthesis, colon or sentence end either side of the head
  const stop = (i: number) => gapKind[i] > 0 || sentenceEnd(text, tokens[i - 1].end, tokens[i].start);
  // (at most CLAUSE_LEFT words before the head and CLAUSE_RIGHT after it: a run-on sentence stays linear)
  const minA = Math.max(0, head - CLAUSE_LEFT);
  const maxB = Math.min(tokens.length, head + 1 + CLAUSE_RIGHT);
  let a = head;
  while (a > minA && !stop(a)) a--;
  // to the right, past a comma whose words name no other condition ("Major depressive disorder, recurrent
  // episode, moderate"; "Obesity, class 3")
  let b = head + 1;
  for (;;) {
    while (b < maxB && !stop(b)) b++;
    if (b >= maxB || gapKind[b] !== 1 || !isHead) break;
    let e = b + 1;
    while (e < maxB && !stop(e)) e++;
    let other = false;
    for (let i = b; i < e; i++) if (isHead[i]) other = true;
    if (other) break;
    b = e;
  }
  const written = new Set<string>();
  const negated = new Set<string>();
  for (let i = a; i < b; i++) (neg && neg[i] !== 0 ? negated : written).add(tokens[i].norm);
  if (!t.residual && !t.absent.some((w) => written.has(w))) return list;
  const key = `${ed}\u0001${top.code}\u0001${[...written].join(' ')}\u0002${[...negated].join(' ')}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = null;
    // more specific than the Index's code: more of its title's words are written
    let topWritten = 0;
    for (const w of t.plain) if (written.has(w)) topWritten++;
    // the billable codes of the Index code's category in the edition (the Tabular, not a search), then, for a
    // residual code, of the other categories under the same Index entry ("Pneumonia": J12-J18; "COVID-19
    // pneumonia" J12.82), which must name three words or more
    const cats = [top.code.slice(0, 3)];
    if (t.residual) for (const c of input.related ?? []) if (!cats.includes(c) && cats.length < 24) cats.push(c);
    search: for (let ci = 0; ci < cats.length; ci++) {
      for (const { code, title, p: h } of categoryCodes(codeSet, cats[ci], ed)) {
        // never a residual code in place of the Index's: "other", or an "unspecified" the Index's title lacks
        // ("Unspecified dementia, …, with agitation" stands for "Unspecified dementia …" F03.90; I21.9 not for I21.3)
        if (code === top.code || h.other || h.unspecified > t.unspecified) continue;
        if (h.plain.length < (ci === 0 ? 2 : 3) || h.plain.length <= topWritten) continue;
        if (!h.plain.every((w) => written.has(w)) || h.absent.some((w) => written.has(w))) continue;
        hit = { code, title, billable: true, path: `${top.path}; Tabular: ${code} ${title} (every word written)` };
        break search;
      }
    }
    if (cache.size > 20000) cache.clear();
    cache.set(key, hit);
  }
  if (!hit) return list;
  const found = hit;
  return [{ ...found, score: top.score }, ...list.filter((c) => c.code !== found.code)];
}
