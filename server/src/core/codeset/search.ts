/**
 * Search by code prefix and by words (word-prefix AND over titles and Tabular inclusion terms).
 * An inverted index (sorted vocabulary + postings, with cumulative sizes so the rarest query word is
 * chosen in O(log n)) is built on the first search; candidates are then verified per document.
 */
import type { SearchHit } from './api';
import type { Ctx } from './context';
import { display } from './normalize';

interface Doc {
  title: string[];
  terms?: Array<{ text: string; tokens: string[] }>;
}

interface SearchIndex {
  docs: Doc[];
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
  const intern = new Map<string, string>();
  const posting = new Map<string, number[]>();
  const tok = (s: string) => {
    const out: string[] = [];
    for (const t of tokenize(s)) {
      let v = intern.get(t);
      if (v === undefined) intern.set(t, (v = t));
      out.push(v);
    }
    return out;
  };
  const docs: Doc[] = new Array(rows.length);
  const tabCodes = ctx.tabular?.codes;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const doc: Doc = { title: tok(r.title) };
    const inc = tabCodes?.[r.code]?.inclusionTerm;
    if (inc && inc.length > 0) doc.terms = inc.map((text) => ({ text, tokens: tok(text) }));
    docs[i] = doc;
    const seen = new Set<string>(doc.title);
    for (const t of doc.terms ?? []) for (const w of t.tokens) seen.add(w);
    for (const w of seen) {
      let p = posting.get(w);
      if (!p) posting.set(w, (p = []));
      p.push(i);
    }
  }
  const vocab = [...posting.keys()].sort();
  const postings = vocab.map((w) => Int32Array.from(posting.get(w)!));
  const cum = new Float64Array(vocab.length + 1);
  for (let i = 0; i < vocab.length; i++) cum[i + 1] = cum[i]! + postings[i]!.length;
  return { docs, vocab, postings, cum };
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

/** how well query words match a token list: null when some word is not a prefix of any token */
function fieldMatch(words: string[], tokens: string[]): { exact: number; first: number; adjacent: number } | null {
  let exact = 0;
  let first = Infinity;
  let adjacent = 0;
  let prevPos = -2;
  for (const w of words) {
    let pos = -1;
    let isExact = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === w) {
        pos = i;
        isExact = true;
        break;
      }
      if (pos < 0 && t.startsWith(w)) pos = i;
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
  const hits: SearchHit[] = [];
  for (const k of idx.keysWithPrefix(prefix)) {
    const st = idx.status(k, ed);
    if (st === '-') continue;
    const r = idx.row(k)!;
    const score = (k === prefix ? 2000 : 0) + (st === 'B' ? 1000 : 0) - 10 * (k.length - prefix.length);
    hits.push({ code: display(k), title: idx.title(r, ed), billable: st === 'B', matched: 'code-prefix', score });
  }
  hits.sort(
    (a, b) => b.score - a.score || idx.position(a.code.replace('.', ''))! - idx.position(b.code.replace('.', ''))!,
  );
  return hits.slice(0, limit);
}

export function searchCodes(ctx: Ctx, query: string, ed: number, limit = 20): SearchHit[] {
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
  for (const w of words) {
    const r = prefixRange(si.vocab, w);
    const size = si.cum[r[1]]! - si.cum[r[0]]!;
    if (size === 0) return [];
    if (size < bestSize) {
      bestSize = size;
      bestRange = r;
    }
  }
  const seen = new Uint8Array(si.docs.length);
  const idx = ctx.idx;
  const hits: Array<SearchHit & { pos: number }> = [];
  for (let v = bestRange![0]; v < bestRange![1]; v++) {
    for (const d of si.postings[v]!) {
      if (seen[d]) continue;
      seen[d] = 1;
      const row = idx.rows[d]!;
      const st = row.status[ed];
      if (st === undefined || st === '-') continue;
      const doc = si.docs[d]!;
      let m = fieldMatch(words, doc.title);
      let matched: SearchHit['matched'] = 'title';
      let term: string | undefined;
      let len = doc.title.length;
      if (!m && doc.terms) {
        for (const t of doc.terms) {
          const tm = fieldMatch(words, t.tokens);
          if (tm && (!m || tm.exact + tm.adjacent > m.exact + m.adjacent)) {
            m = tm;
            term = t.text;
            len = t.tokens.length;
          }
        }
        matched = 'inclusion-term';
      }
      if (!m) continue;
      const score =
        (st === 'B' ? 1000 : 0) +
        (matched === 'title' ? 100 : 60) +
        20 * m.exact +
        15 * m.adjacent -
        3 * Math.max(0, len - words.length) -
        2 * Math.min(m.first, 10) +
        (m.first === 0 ? 10 : 0);
      const hit: SearchHit & { pos: number } = {
        code: display(row.code),
        title: idx.title(row, ed),
        billable: st === 'B',
        matched,
        score,
        pos: d,
      };
      if (term !== undefined) hit.term = term;
      hits.push(hit);
    }
  }
  hits.sort((a, b) => b.score - a.score || a.pos - b.pos);
  return hits.slice(0, limit).map(({ pos: _pos, ...h }) => h);
}
