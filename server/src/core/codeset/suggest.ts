/**
 * Did-you-mean suggestions for code text that is not a valid code of an edition: a misplaced or missing dot,
 * O/0 and I/1 confusions, edit distance 1–2 (candidates from categories within distance 1 of the typed
 * category, not a full scan), codes that start with the text, and the nearest valid header.
 */
import type { Suggestion, SuggestionReason } from '../types';
import type { Ctx } from './context';
import { looseKey } from './normalize';

/** optimal string alignment distance (Levenshtein + adjacent transposition), stops early above max */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
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
  const best = new Map<string, { reason: SuggestionReason; rank: number }>();
  const add = (key: string, reason: SuggestionReason, rank: number) => {
    const st = idx.status(key, ed);
    if (st === '-') return;
    const r = rank + (st === 'B' ? 0 : 3);
    const prev = best.get(key);
    if (!prev || r < prev.rank) best.set(key, { reason, rank: r });
  };
  const loose = looseKey(raw);
  if (loose.length < 2 || loose.length > 10) return [];

  // misplaced or missing dot ("I502.3", "I50 23")
  if (ctx.key(raw) === null && idx.valid(loose, ed)) add(loose, 'dot-position', 0);

  // O/0 and I/1 confusions
  for (const v of confusionVariants(loose)) add(v.text, v.reason, 1);

  // edit distance 1–2 over categories within distance 1 of the typed category
  if (loose.length >= 3) {
    const cat = loose.slice(0, 3);
    const cats: string[] = [];
    for (const c of idx.categories()) if (c === cat || editDistance(c, cat, 1) <= 1) cats.push(c);
    for (const c of cats) {
      for (const i of idx.category(c)) {
        const row = idx.rows[i]!;
        if (row.status[ed] === '-' || Math.abs(row.code.length - loose.length) > 2) continue;
        const d = editDistance(loose, row.code, 2);
        if (d < 1 || d > 2) continue;
        // a valid code the text merely extends by two characters is reported as its header below
        if (loose.startsWith(row.code) && loose.length - row.code.length >= 2) continue;
        // an extra trailing character ("I50.233") and the same category rank first within a distance
        const bonus = (loose.startsWith(row.code) ? 2 : 0) + (c === cat ? 1 : 0);
        add(row.code, 'edit-distance', d * 10 + Math.abs(row.code.length - loose.length) - bonus);
      }
    }
  }

  // codes that start with the text (a truncated code)
  if (loose.length >= 3 && !idx.row(loose)) {
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
    .sort((a, b) => a[1].rank - b[1].rank || idx.position(a[0])! - idx.position(b[0])!)
    .slice(0, limit)
    .map(([key, v]) => ({ ...idx.ref(key, ed), reason: v.reason, rank: v.rank }));
}
