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

const titleCache = new Map<string, { plain: Set<string>; absent: Set<string> }>();
function cachedTitleWords(title: string): { plain: Set<string>; absent: Set<string> } {
  let w = titleCache.get(title);
  if (!w) {
    if (titleCache.size > 50000) titleCache.clear();
    titleCache.set(title, (w = titleWords(title)));
  }
  return w;
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
  const topWords = cachedTitleWords(top.title);
  const topUnspecified = unspecifiedCount(top.title);
  const { tokens, head, gapKind, neg, text, isHead } = input;
  // the clause: to the nearest comma, parenthesis, colon or sentence end either side of the head
  const stop = (i: number) => gapKind[i] > 0 || /[.;]\s/.test(text.slice(tokens[i - 1].end, tokens[i].start + 1));
  let a = head;
  while (a > 0 && !stop(a)) a--;
  // to the right, past a comma whose words name no other condition ("Major depressive disorder, recurrent
  // episode, moderate"; "Obesity, class 3")
  let b = head + 1;
  for (;;) {
    while (b < tokens.length && !stop(b)) b++;
    if (b >= tokens.length || gapKind[b] !== 1 || !isHead) break;
    let e = b + 1;
    while (e < tokens.length && !stop(e)) e++;
    let other = false;
    for (let i = b; i < e; i++) if (isHead[i]) other = true;
    if (other) break;
    b = e;
  }
  const written = new Set<string>();
  const negated = new Set<string>();
  for (let i = a; i < b; i++) (neg && neg[i] !== 0 ? negated : written).add(tokens[i].norm);
  // only a residual code ("unspecified", "other"), or one whose title says "without" what the clause writes
  // ("Benign prostatic hyperplasia without lower urinary tract symptoms" for "BPH with LUTS")
  if (!RESIDUAL.test(top.title) && ![...topWords.absent].some((w) => !STOP.has(w) && written.has(w))) return list;
  const key = `${ed}\u0001${top.code}\u0001${[...written].join(' ')}\u0002${[...negated].join(' ')}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = null;
    // the billable codes of the Index code's category in the edition (the Tabular, not a search), then, for a
    // residual code, of the other categories under the same Index entry ("Pneumonia": J12-J18; "COVID-19
    // pneumonia" J12.82), which must name three words or more
    const cats = [top.code.slice(0, 3)];
    if (RESIDUAL.test(top.title))
      for (const c of input.related ?? []) if (!cats.includes(c) && cats.length < 24) cats.push(c);
    const descendants = cats.flatMap((c, i) => {
      const cl = codeSet.classify(c, ed);
      const list = cl.kind === 'header' ? cl.billableDescendants : [];
      return list.map((d) => ({ d, own: i === 0 }));
    });
    for (const { d: h, own } of descendants) {
      // never a residual code in place of the Index's: "other", or an "unspecified" the Index's title lacks
      // ("Unspecified dementia, …, with agitation" stands for "Unspecified dementia …" F03.90; I21.9 not for I21.3)
      if (h.code === top.code || /\bother\b/i.test(h.title) || unspecifiedCount(h.title) > topUnspecified) continue;
      // "unspecified severity", "unspecified site": the default, nothing the clause must write
      const tw = cachedTitleWords(h.title.replace(DEFAULT_AXIS, ''));
      const plain = [...tw.plain].filter((w) => !STOP.has(w));
      if (plain.length < (own ? 2 : 3) || !plain.every((w) => written.has(w))) continue;
      // more specific than the Index's code: more of its title's words are written
      if (plain.length <= [...topWords.plain].filter((w) => !STOP.has(w) && written.has(w)).length) continue;
      if ([...tw.absent].some((w) => written.has(w))) continue;
      hit = {
        code: h.code,
        title: h.title,
        billable: true,
        path: `${top.path}; Tabular: ${h.code} ${h.title} (every word written)`,
      };
      break;
    }
    if (cache.size > 20000) cache.clear();
    cache.set(key, hit);
  }
  if (!hit) return list;
  return [{ ...hit, score: top.score }, ...list.filter((c) => c.code !== hit.code)];
}
