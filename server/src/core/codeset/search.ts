/**
 * Search by code prefix and by words (word-prefix AND over titles and Tabular inclusion terms).
 * An inverted index (sorted vocabulary + postings, with cumulative sizes so the rarest query word is
 * chosen in O(log n)) is built on the first search; candidates are then verified per document.
 */
import type { SearchHit } from './api';
import type { Ctx } from './context';
import { display } from './normalize';

interface Doc {
  /** ids of the title's words in the sorted vocabulary (so a word prefix is an id range) */
  title: Int32Array;
  terms?: Array<{ text: string; tokens: Int32Array }>;
}

interface SearchIndex {
  docs: Doc[];
  /** the fewest tokens of any field of the doc (title or an inclusion term), capped at 255 */
  docLen: Uint8Array;
  vocab: string[];
  postings: Int32Array[];
  /** cum[i] = total postings of vocab[0..i) */
  cum: Float64Array;
}

const cache = new WeakMap<Ctx, SearchIndex>();

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

function build(ctx: Ctx): SearchIndex {
  const rows = ctx.idx.rows;
  const n = rows.length;
  // pass 1: tokens as strings, the vocabulary, the shortest field length of each doc
  const words = new Set<string>();
  const raw: Array<{ title: string[]; terms?: Array<{ text: string; tokens: string[] }> }> = new Array(n);
  const docLen = new Uint8Array(n);
  const tabCodes = ctx.tabular?.codes;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const title = tokenize(r.title);
    for (const w of title) words.add(w);
    let len = title.length;
    const inc = tabCodes?.[r.code]?.inclusionTerm;
    let terms: Array<{ text: string; tokens: string[] }> | undefined;
    if (inc && inc.length > 0) {
      terms = inc.map((text) => {
        const tokens = tokenize(text);
        for (const w of tokens) words.add(w);
        if (tokens.length < len) len = tokens.length;
        return { text, tokens };
      });
    }
    raw[i] = { title, terms };
    docLen[i] = Math.min(255, len);
  }
  const vocab = [...words].sort();
  const ids = new Map<string, number>();
  for (let i = 0; i < vocab.length; i++) ids.set(vocab[i]!, i);
  const toIds = (ws: string[]) => {
    const a = new Int32Array(ws.length);
    for (let i = 0; i < ws.length; i++) a[i] = ids.get(ws[i]!)!;
    return a;
  };
  const docs: Doc[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const d = raw[i]!;
    const doc: Doc = { title: toIds(d.title) };
    if (d.terms) doc.terms = d.terms.map((t) => ({ text: t.text, tokens: toIds(t.tokens) }));
    docs[i] = doc;
  }
  // pass 2: docs in (docLen, tabular) order by counting sort, so every postings list comes out in that order
  // and a query can stop once no longer field can win
  const byLen = new Int32Array(257);
  for (let i = 0; i < n; i++) byLen[docLen[i]! + 1]!++;
  for (let l = 1; l < 257; l++) byLen[l]! += byLen[l - 1]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[byLen[docLen[i]!]!++] = i;
  const count = new Int32Array(vocab.length);
  const last = new Int32Array(vocab.length).fill(-1);
  const each = (d: number, f: (id: number) => void) => {
    const visit = (id: number) => {
      if (last[id] !== d) {
        last[id] = d;
        f(id);
      }
    };
    const doc = docs[d]!;
    for (const id of doc.title) visit(id);
    for (const t of doc.terms ?? []) for (const id of t.tokens) visit(id);
  };
  for (let i = 0; i < n; i++) each(i, (id) => count[id]!++);
  const postings = Array.from(count, (c) => new Int32Array(c));
  const fill = new Int32Array(vocab.length);
  last.fill(-1);
  for (const d of order) each(d, (id) => (postings[id]![fill[id]!++] = d));
  const cum = new Float64Array(vocab.length + 1);
  for (let i = 0; i < vocab.length; i++) cum[i + 1] = cum[i]! + postings[i]!.length;
  return { docs, docLen, vocab, postings, cum };
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
function fieldMatch(words: WordRange[], tokens: Int32Array): { exact: number; first: number; adjacent: number } | null {
  let exact = 0;
  let first = Infinity;
  let adjacent = 0;
  let prevPos = -2;
  for (let w = 0; w < words.length; w++) {
    const { lo, hi, exact: ex } = words[w]!;
    let pos = -1;
    let isExact = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
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

function codeSearch(ctx: Ctx, q: string, ed: number, limit: number): SearchHit[] {
  const idx = ctx.idx;
  const prefix = q.toUpperCase().replace('.', '');
  const top = new TopK(limit);
  for (const p of idx.positionsWithPrefix(prefix)) {
    const r = idx.rows[p]!;
    const st = r.status.charCodeAt(ed);
    if (st !== 66 && st !== 72) continue;
    const score = (r.code === prefix ? 2000 : 0) + (st === 66 ? 1000 : 0) - 10 * (r.code.length - prefix.length);
    top.add(score, p, 0);
  }
  return top.pos.map((p, i) => {
    const r = idx.rows[p]!;
    const billable = r.status[ed] === 'B';
    return {
      code: display(r.code),
      title: idx.title(r, ed),
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
  const seen = new Uint8Array(si.docs.length);
  const idx = ctx.idx;
  const top = new TopK(limit);
  const nw = words.length;
  // walk the rarest word's postings by increasing docLen; stop when even a perfect match of that length
  // (billable, title, every word exact and adjacent, first) could not enter the top k
  const lists: Int32Array[] = [];
  for (let v = bestRange![0]; v < bestRange![1]; v++) lists.push(si.postings[v]!);
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
        const st = idx.rows[d]!.status.charCodeAt(ed);
        if (st !== 66 /* B */ && st !== 72 /* H */) continue;
        const doc = si.docs[d]!;
        let m = fieldMatch(ranges, doc.title);
        let termIdx = -1;
        let len = doc.title.length;
        if (!m && doc.terms) {
          for (let t = 0; t < doc.terms.length; t++) {
            const tm = fieldMatch(ranges, doc.terms[t]!.tokens);
            if (tm && (!m || tm.exact + tm.adjacent > m.exact + m.adjacent)) {
              m = tm;
              termIdx = t;
              len = doc.terms[t]!.tokens.length;
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
    const row = idx.rows[d]!;
    const termIdx = top.extra[i]!;
    const hit: SearchHit = {
      code: display(row.code),
      title: idx.title(row, ed),
      billable: row.status[ed] === 'B',
      matched: termIdx < 0 ? 'title' : 'inclusion-term',
      score: top.score[i]!,
    };
    if (termIdx >= 0) hit.term = si.docs[d]!.terms![termIdx]!.text;
    return hit;
  });
}
