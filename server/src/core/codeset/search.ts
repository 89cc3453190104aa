/**
 * Search by code prefix and by words (word-prefix AND over titles and Tabular inclusion terms).
 * An inverted index (sorted vocabulary + postings, with cumulative sizes so the rarest query word is
 * chosen in O(log n)) is built on the first search; candidates are then verified per document.
 */
import type { SearchHit } from './api';
import type { Ctx } from './state';
import { display } from './normalize';
import { inclusionTermsOf, tabNotes } from './tabtable';

/**
 * The index keeps no per-document objects: every field (a code's title, then its Tabular inclusion terms) is
 * a run of word ids in one `tokens` array, and the postings of every word are runs of one `postings` array.
 */
interface SearchIndex {
  /** fields of doc d: fieldStart[docField[d]] .. fieldStart[docField[d + 1]]; the first is the title */
  docField: Uint32Array;
  /** tokens of field f: tokens[fieldStart[f] .. fieldStart[f + 1]) */
  fieldStart: Uint32Array;
  /** word ids (positions in the sorted vocabulary, so a word prefix is an id range); 16-bit while they fit */
  tokens: Uint16Array | Int32Array;
  /** the fewest tokens of any field of the doc (title or an inclusion term), capped at 255 */
  docLen: Uint8Array;
  vocab: string[];
  /** doc ids of word v: postings[cum[v] .. cum[v + 1]), in (docLen, tabular) order */
  postings: Int32Array;
  /** cum[v] = total postings of vocab[0..v) */
  cum: Float64Array;
}

const cache = new WeakMap<Ctx, SearchIndex>();

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** a growable Int32Array */
/** a growable array of word ids: 16-bit until an id needs more (the vocabulary has ~12,000 words) */
class TokenList {
  a: Uint16Array | Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Uint16Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length || (v > 0xffff && this.a instanceof Uint16Array)) {
      const b =
        v > 0xffff || this.a instanceof Int32Array
          ? new Int32Array(this.a.length * 2)
          : new Uint16Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

class IntList {
  a: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

function build(ctx: Ctx): SearchIndex {
  const idx = ctx.idx;
  const n = idx.size;
  // pass 1: word ids in first-seen order for every field; the words; each doc's shortest field.
  // A word is found in an open-addressing table by a hash computed while scanning it, so a token costs no
  // string (only a new word is sliced out): ~1.2 million tokens without allocating ~1.2 million strings.
  const words: string[] = [];
  let hashes = new Int32Array(1 << 15);
  let slots = new Int32Array(1 << 16); // word id + 1, 0 = empty
  const tokens = new TokenList(n * 12); // ~11 tokens per code (titles and inclusion terms): one allocation
  const fieldStart = new IntList(n + (n >> 3));
  const docField = new Uint32Array(n + 1);
  const docLen = new Uint8Array(n);
  const tab = ctx.tabular;
  let fields = 0;
  const grow = () => {
    const next = new Int32Array(slots.length * 2);
    const mask = next.length - 1;
    for (let id = 0; id < words.length; id++) {
      let h = hashes[id]! >>> 0;
      while (next[h & mask] !== 0) h++;
      next[h & mask] = id + 1;
    }
    slots = next;
    const hs = new Int32Array(hashes.length * 2);
    hs.set(hashes);
    hashes = hs;
  };
  /**
   * Appends the word ids of t[from, len), split as tokenize() splits it (lower case; runs of a-z0-9), and
   * returns their count, or -1 (nothing appended) when it has a non-ASCII character: the caller then passes
   * its toLowerCase(), since lower-casing may turn such a character into ASCII letters.
   */
  const scan = (t: string, from: number, len: number): number => {
    const before = tokens.n;
    let i = from;
    while (i < len) {
      let c = t.charCodeAt(i);
      while (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
        if (c >= 128) {
          tokens.n = before;
          return -1;
        }
        if (++i >= len) break;
        c = t.charCodeAt(i);
      }
      if (i >= len) break;
      const s = i;
      let h = 0x811c9dc5 | 0;
      for (;;) {
        if (c >= 65 && c <= 90) c += 32;
        h = Math.imul(h ^ c, 16777619);
        if (++i >= len) break;
        c = t.charCodeAt(i);
        if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) break;
      }
      const mask = slots.length - 1;
      let p = h >>> 0;
      let id = -1;
      for (;;) {
        const j = slots[p & mask]!;
        if (j === 0) break;
        if (hashes[j - 1] === h) {
          const w = words[j - 1]!;
          if (w.length === i - s) {
            let k = 0;
            for (; k < w.length; k++) {
              let cc = t.charCodeAt(s + k);
              if (cc >= 65 && cc <= 90) cc += 32;
              if (cc !== w.charCodeAt(k)) break;
            }
            if (k === w.length) {
              id = j - 1;
              break;
            }
          }
        }
        p++;
      }
      if (id < 0) {
        id = words.length;
        words.push(t.slice(s, i).toLowerCase());
        hashes[id] = h;
        slots[p & mask] = id + 1;
        if (words.length * 2 > slots.length) grow();
      }
      tokens.push(id);
    }
    return tokens.n - before;
  };
  /** a field: text, or column[from, to) (a title read in place in the titles column) */
  const field = (text: string, from = 0, to = text.length): number => {
    fieldStart.push(tokens.n);
    fields++;
    const count = scan(text, from, to);
    if (count >= 0) return count;
    const lower = text.slice(from, to).toLowerCase();
    return scan(lower, 0, lower.length);
  };
  // inclusion terms by row, from one pass over the Tabular (a lookup of every code in that large object
  // cost ~25 ms: each freshly sliced key must be hashed and internalised)
  const termsOf = new Map<number, string[]>();
  if (tab) {
    for (const [code, inc] of inclusionTermsOf(tab)) {
      const d = idx.position(code);
      if (d !== undefined) termsOf.set(d, inc);
    }
  }
  const titles = idx.cm.titlesColumn(); // one string scanned in place: no sliced string per title
  for (let d = 0; d < n; d++) {
    docField[d] = fields;
    let len = field(titles.text, titles.start[d]!, titles.start[d + 1]! - 1);
    const inc = termsOf.get(d);
    if (inc) for (const text of inc) len = Math.min(len, field(text));
    docLen[d] = Math.min(255, len);
  }
  docField[n] = fields;
  fieldStart.push(tokens.n);
  // the sorted vocabulary; first-seen ids -> sorted ids
  const order = Int32Array.from(words.keys()).sort((a, b) => (words[a]! < words[b]! ? -1 : 1));
  const vocab: string[] = new Array(words.length);
  const remap = new Int32Array(words.length);
  for (let r = 0; r < order.length; r++) {
    vocab[r] = words[order[r]!]!;
    remap[order[r]!] = r;
  }
  const tok = tokens.a.subarray(0, tokens.n);
  for (let i = 0; i < tok.length; i++) tok[i] = remap[tok[i]!]!;
  const fs = Uint32Array.from(fieldStart.a.subarray(0, fieldStart.n));
  // pass 2: docs in (docLen, tabular) order by counting sort, so every postings list comes out in that order
  // and a query can stop once no longer field can win
  const byLen = new Int32Array(257);
  for (let i = 0; i < n; i++) byLen[docLen[i]! + 1]!++;
  for (let l = 1; l < 257; l++) byLen[l]! += byLen[l - 1]!;
  const docOrder = new Int32Array(n);
  for (let i = 0; i < n; i++) docOrder[byLen[docLen[i]!]!++] = i;
  const V = vocab.length;
  const last = new Int32Array(V).fill(-1);
  const count = new Int32Array(V);
  for (let d = 0; d < n; d++) {
    for (let k = fs[docField[d]!]!, end = fs[docField[d + 1]!]!; k < end; k++) {
      const id = tok[k]!;
      if (last[id] !== d) {
        last[id] = d;
        count[id]!++;
      }
    }
  }
  const cum = new Float64Array(V + 1);
  for (let v = 0; v < V; v++) cum[v + 1] = cum[v]! + count[v]!;
  const postings = new Int32Array(cum[V]!);
  const fill = new Int32Array(V);
  for (let v = 0; v < V; v++) fill[v] = cum[v]!;
  last.fill(-1);
  for (const d of docOrder) {
    for (let k = fs[docField[d]!]!, end = fs[docField[d + 1]!]!; k < end; k++) {
      const id = tok[k]!;
      if (last[id] !== d) {
        last[id] = d;
        postings[fill[id]!++] = d;
      }
    }
  }
  // tok is a view of the token buffer (a little larger than needed): kept as is rather than copied
  return { docField, fieldStart: fs, tokens: tok, docLen, vocab, postings, cum };
}

/** the best k (highest score, then lowest tabular position) without sorting every candidate */
class TopK {
  readonly score: number[] = [];
  readonly pos: number[] = [];
  readonly extra: number[] = [];
  constructor(readonly k: number) {}
  /** the score a new entry must beat, or -Infinity while not full */
  floor(): number {
    return this.score.length < this.k ? -Infinity : this.score[this.k - 1]!;
  }
  private better(s: number, p: number, i: number): boolean {
    return s > this.score[i]! || (s === this.score[i]! && p < this.pos[i]!);
  }
  add(s: number, p: number, x: number): void {
    const n = this.score.length;
    if (n === this.k && !this.better(s, p, n - 1)) return;
    let i = n === this.k ? n - 1 : n;
    while (i > 0 && this.better(s, p, i - 1)) {
      this.score[i] = this.score[i - 1]!;
      this.pos[i] = this.pos[i - 1]!;
      this.extra[i] = this.extra[i - 1]!;
      i--;
    }
    this.score[i] = s;
    this.pos[i] = p;
    this.extra[i] = x;
  }
}

function searchIndex(ctx: Ctx): SearchIndex {
  let s = cache.get(ctx);
  if (!s) cache.set(ctx, (s = build(ctx)));
  return s;
}

function lowerBound(a: string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [lo, hi) range of vocabulary words starting with prefix */
function prefixRange(vocab: string[], prefix: string): [number, number] {
  const lo = lowerBound(vocab, prefix);
  const hi = lowerBound(vocab, prefix + '\uffff');
  return [lo, hi];
}

/** a query word as a range of vocabulary ids [lo, hi) and the id of the word itself (-1 if not a word) */
interface WordRange {
  lo: number;
  hi: number;
  exact: number;
}

/** how well query words match a field's word ids: null when some word is not a prefix of any of them */
function fieldMatch(
  words: WordRange[],
  tokens: Uint16Array | Int32Array,
  from: number,
  to: number,
): { exact: number; first: number; adjacent: number } | null {
  let exact = 0;
  let first = Infinity;
  let adjacent = 0;
  let prevPos = -2;
  for (let w = 0; w < words.length; w++) {
    const { lo, hi, exact: ex } = words[w]!;
    let pos = -1;
    let isExact = false;
    for (let i = 0; i < to - from; i++) {
      const t = tokens[from + i]!;
      if (t === ex) {
        pos = i;
        isExact = true;
        break;
      }
      if (pos < 0 && t >= lo && t < hi) pos = i;
    }
    if (pos < 0) return null;
    if (isExact) exact++;
    if (pos < first) first = pos;
    if (pos === prevPos + 1) adjacent++;
    prevPos = pos;
  }
  return { exact, first, adjacent };
}

/** a code prefix: "I50", "i50.2", "QA0" (letter-letter categories exist); words fall back to word search */
const CODE_QUERY =
  /^[A-Za-z][0-9A-Za-z][0-9A-Za-z]{0,5}$|^[A-Za-z][0-9A-Za-z][0-9A-Za-z]\.[0-9A-Za-z]{0,4}$|^[A-Za-z][0-9]$/;

/** Whether a query is read as a code prefix (the search answers it by code before words). */
export const isCodeQuery = (q: string): boolean => CODE_QUERY.test(q);

function codeSearch(ctx: Ctx, q: string, ed: number, limit: number): SearchHit[] {
  const idx = ctx.idx;
  const prefix = q.toUpperCase().replace('.', '');
  const top = new TopK(limit);
  for (const p of idx.positionsWithPrefix(prefix)) {
    const st = idx.cm.statusCode(p, ed);
    if (st !== 66 && st !== 72) continue;
    const code = idx.code(p);
    const score = (code === prefix ? 2000 : 0) + (st === 66 ? 1000 : 0) - 10 * (code.length - prefix.length);
    top.add(score, p, 0);
  }
  return top.pos.map((p, i) => {
    const billable = idx.cm.statusCode(p, ed) === 66;
    return {
      code: display(idx.code(p)),
      title: idx.titleAt(p, ed),
      billable,
      matched: 'code-prefix' as const,
      score: top.score[i]!,
    };
  });
}

const recent = new WeakMap<Ctx, Map<string, SearchHit[]>>();
const RECENT_MAX = 128;

/** search with a small cache of recent queries (typing repeats prefixes); hits are copied out */
export function searchCodes(ctx: Ctx, query: string, ed: number, limit = 20): SearchHit[] {
  let cache = recent.get(ctx);
  if (!cache) recent.set(ctx, (cache = new Map()));
  const key = `${ed}|${limit}|${query.trim().toLowerCase()}`;
  let hits = cache.get(key);
  if (hits) cache.delete(key);
  else hits = searchUncached(ctx, query, ed, limit);
  cache.set(key, hits);
  if (cache.size > RECENT_MAX) cache.delete(cache.keys().next().value!);
  return hits.map((h) => ({ ...h }));
}

function searchUncached(ctx: Ctx, query: string, ed: number, limit: number): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  if (CODE_QUERY.test(q)) {
    const hits = codeSearch(ctx, q, ed, limit);
    if (hits.length > 0) return hits;
  }
  const words = [...new Set(tokenize(q))];
  if (words.length === 0) return [];
  const si = searchIndex(ctx);
  // the rarest word (fewest postings over its prefix range) gives the candidates
  let bestRange: [number, number] | undefined;
  let bestSize = Infinity;
  const ranges: WordRange[] = [];
  for (const w of words) {
    const r = prefixRange(si.vocab, w);
    const size = si.cum[r[1]]! - si.cum[r[0]]!;
    if (size === 0) return [];
    ranges.push({ lo: r[0], hi: r[1], exact: si.vocab[r[0]] === w ? r[0] : -1 });
    if (size < bestSize) {
      bestSize = size;
      bestRange = r;
    }
  }
  const seen = new Uint8Array(si.docLen.length);
  const idx = ctx.idx;
  const top = new TopK(limit);
  const nw = words.length;
  // walk the rarest word's postings by increasing docLen; stop when even a perfect match of that length
  // (billable, title, every word exact and adjacent, first) could not enter the top k
  const lists: Int32Array[] = [];
  for (let v = bestRange![0]; v < bestRange![1]; v++) lists.push(si.postings.subarray(si.cum[v]!, si.cum[v + 1]!));
  const ptr = new Int32Array(lists.length);
  const best = (len: number) => 1110 + 20 * nw + 15 * (nw - 1) - 3 * Math.max(0, len - nw);
  for (let L = 0; L <= 255; L++) {
    if (best(L) < top.floor()) break;
    let more = false;
    for (let li = 0; li < lists.length; li++) {
      const list = lists[li]!;
      let j = ptr[li]!;
      for (; j < list.length; j++) {
        const d = list[j]!;
        if (si.docLen[d]! !== L) break;
        if (seen[d]) continue;
        seen[d] = 1;
        const st = idx.cm.statusCode(d, ed);
        if (st !== 66 /* B */ && st !== 72 /* H */) continue;
        const f0 = si.docField[d]!;
        const fEnd = si.docField[d + 1]!;
        const fs = si.fieldStart;
        let m = fieldMatch(ranges, si.tokens, fs[f0]!, fs[f0 + 1]!);
        let termIdx = -1;
        let len = fs[f0 + 1]! - fs[f0]!;
        if (!m) {
          for (let f = f0 + 1; f < fEnd; f++) {
            const tm = fieldMatch(ranges, si.tokens, fs[f]!, fs[f + 1]!);
            if (tm && (!m || tm.exact + tm.adjacent > m.exact + m.adjacent)) {
              m = tm;
              termIdx = f - f0 - 1;
              len = fs[f + 1]! - fs[f]!;
            }
          }
        }
        if (!m) continue;
        const score =
          (st === 66 ? 1000 : 0) +
          (termIdx < 0 ? 100 : 60) +
          20 * m.exact +
          15 * m.adjacent -
          3 * Math.max(0, len - nw) -
          2 * Math.min(m.first, 10) +
          (m.first === 0 ? 10 : 0);
        top.add(score, d, termIdx);
      }
      ptr[li] = j;
      if (j < list.length) more = true;
    }
    if (!more) break;
  }
  return top.pos.map((d, i) => {
    const code = idx.code(d);
    const termIdx = top.extra[i]!;
    const hit: SearchHit = {
      code: display(code),
      title: idx.titleAt(d, ed),
      billable: idx.cm.statusCode(d, ed) === 66,
      matched: termIdx < 0 ? 'title' : 'inclusion-term',
      score: top.score[i]!,
    };
    if (termIdx >= 0) hit.term = tabNotes(ctx.tabular!, code)!.inclusionTerm![termIdx]!;
    return hit;
  });
}
