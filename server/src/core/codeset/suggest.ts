/**
 * Did-you-mean suggestions for code text that is not a valid code of an edition: a misplaced or missing dot,
 * O/0 and I/1 confusions, edit distance 1–2 (candidates from categories within distance 1 of the typed
 * category, not a full scan), codes that start with the text, and the nearest valid header.
 */
import type { Suggestion, SuggestionReason } from '../types';
import type { Ctx } from './state';
import { looseKey } from './normalize';

// reused rows for editDistance (codes are short; 16 covers any input that reaches it)
const ROWS = [new Int32Array(17), new Int32Array(17), new Int32Array(17)];

/** optimal string alignment distance (Levenshtein + adjacent transposition), stops early above max */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  if (n > 16 || m > 16) return max + 1;
  let prev2 = ROWS[0]!;
  let prev = ROWS[1]!;
  let cur = ROWS[2]!;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ai === bj ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** every string one substitution, deletion, insertion or adjacent transposition away, from position 3 on */
function oneEditVariants(s: string): string[] {
  const out: string[] = [];
  for (let i = 3; i <= s.length; i++) {
    for (const ch of ALNUM) {
      if (i < s.length && ch !== s[i]) out.push(s.slice(0, i) + ch + s.slice(i + 1));
      out.push(s.slice(0, i) + ch + s.slice(i));
    }
    if (i < s.length) out.push(s.slice(0, i) + s.slice(i + 1));
    if (i + 1 < s.length) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  }
  return out;
}

/** existing categories one substitution or one adjacent transposition away from cat */
function neighbourCategories(ctx: Ctx, cat: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < 3; i++) {
    for (const ch of ALNUM) {
      if (ch === cat[i]) continue;
      const c = cat.slice(0, i) + ch + cat.slice(i + 1);
      if (ctx.idx.category(c).length > 0) out.add(c);
    }
  }
  for (let i = 0; i < 2; i++) {
    const c = cat.slice(0, i) + cat[i + 1] + cat[i] + cat.slice(i + 2);
    if (c !== cat && ctx.idx.category(c).length > 0) out.add(c);
  }
  return [...out];
}

/** every variant of s with O<->0 and I<->1 swapped at some of the confusable positions (at most 6) */
function confusionVariants(s: string): Array<{ text: string; reason: SuggestionReason }> {
  const pos: number[] = [];
  for (let i = 0; i < s.length && pos.length < 6; i++) if ('O0I1'.includes(s[i]!)) pos.push(i);
  const out: Array<{ text: string; reason: SuggestionReason }> = [];
  const swap: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'I' };
  for (let mask = 1; mask < 1 << pos.length; mask++) {
    const chars = s.split('');
    let oz = false;
    for (let b = 0; b < pos.length; b++) {
      if (mask & (1 << b)) {
        const p = pos[b]!;
        if (chars[p] === 'O' || chars[p] === '0') oz = true;
        chars[p] = swap[chars[p]!]!;
      }
    }
    out.push({ text: chars.join(''), reason: oz ? 'o-zero-confusion' : 'i-one-confusion' });
  }
  return out;
}

export function suggestCodes(ctx: Ctx, raw: string, ed: number, limit = 8): Suggestion[] {
  const idx = ctx.idx;
  const best = new Map<string, { reason: SuggestionReason; rank: number; pos: number }>();
  const add = (key: string, reason: SuggestionReason, rank: number) => {
    const pos = idx.position(key);
    if (pos === undefined) return;
    const st = idx.statusAt(pos, ed);
    if (st !== 'B' && st !== 'H') return;
    const r = rank + (st === 'B' ? 0 : 3);
    const prev = best.get(key);
    if (!prev || r < prev.rank) best.set(key, { reason, rank: r, pos });
  };
  const loose = looseKey(raw);
  if (loose.length < 2 || loose.length > 10) return [];

  // misplaced or missing dot ("I502.3", "I50 23")
  if (ctx.key(raw) === null && idx.valid(loose, ed)) add(loose, 'dot-position', 0);

  // O/0 and I/1 confusions
  for (const v of confusionVariants(loose)) add(v.text, v.reason, 1);

  // edit distance 1–2: the codes one edit away (generated, then looked up) and a scan of the typed category
  // (of its subcategory when the category is large); for a mistyped category (one substitution or
  // transposition), the same rest of the code in each neighbouring category
  if (loose.length >= 3) {
    const cat = loose.slice(0, 3);
    const pool = new Set<number>();
    const inCat = idx.category(cat);
    const whole = inCat.length <= 400 || loose.length < 4;
    for (const p of whole ? inCat : idx.positionsWithPrefix(loose.slice(0, 4))) pool.add(p);
    if (!whole) {
      for (const v of oneEditVariants(loose)) {
        const p = idx.position(v);
        if (p !== undefined) pool.add(p);
      }
    }
    for (const i of pool) {
      const code = idx.code(i);
      if (idx.statusAt(i, ed) === '-' || Math.abs(code.length - loose.length) > 2) continue;
      const d = editDistance(loose, code, 2);
      if (d < 1 || d > 2) continue;
      // a valid code the text merely extends by two characters is reported as its header below
      if (loose.startsWith(code) && loose.length - code.length >= 2) continue;
      // an extra trailing character ("I50.233") and the same category rank first within a distance
      const bonus = (loose.startsWith(code) ? 2 : 0) + (code.startsWith(cat) ? 1 : 0);
      add(code, 'edit-distance', d * 10 + Math.abs(code.length - loose.length) - bonus);
    }
    const rest = loose.slice(3);
    for (const c of neighbourCategories(ctx, cat)) add(c + rest, 'edit-distance', 10);
  }

  // codes that start with the text (a truncated code)
  if (loose.length >= 3 && !idx.has(loose)) {
    let n = 0;
    for (const k of idx.keysWithPrefix(loose)) {
      if (idx.billable(k, ed)) {
        add(k, 'prefix', 5 + (k.length - loose.length));
        if (++n >= limit) break;
      }
    }
  }

  // the nearest valid header of the text
  for (let n = Math.min(loose.length - 1, 6); n >= 3; n--) {
    const p = loose.slice(0, n);
    if (idx.valid(p, ed)) {
      add(p, 'header-of-valid', 30);
      break;
    }
  }

  return [...best.entries()]
    .sort((a, b) => a[1].rank - b[1].rank || a[1].pos - b[1].pos)
    .slice(0, limit)
    .map(([key, v]) => ({ ...idx.ref(key, ed), reason: v.reason, rank: v.rank }));
}
