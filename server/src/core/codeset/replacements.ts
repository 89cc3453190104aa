/**
 * What to use instead of a code that is not in an edition: NCHS conversion-table rows (followed up to three
 * hops), else the code's billable descendants in the edition, else billable codes sharing its longest prefix.
 */
import type { ConversionRow } from '../data';
import type { Suggestion } from '../types';
import type { Ctx } from './state';

const strip = (c: string) => c.toUpperCase().replace(/\./g, '');

interface ConvIndex {
  byPrevious: Map<string, ConversionRow[]>;
  byCode: Map<string, ConversionRow[]>;
}
const convCache = new WeakMap<Ctx, ConvIndex>();

export function conversionIndex(ctx: Ctx): ConvIndex {
  let ci = convCache.get(ctx);
  if (!ci) {
    ci = { byPrevious: new Map(), byCode: new Map() };
    for (const row of ctx.extras?.conversion ?? []) {
      const code = strip(row.code);
      const list = ci.byCode.get(code) ?? [];
      list.push(row);
      ci.byCode.set(code, list);
      for (const p of row.previous) {
        const k = strip(p);
        const l = ci.byPrevious.get(k) ?? [];
        l.push(row);
        ci.byPrevious.set(k, l);
      }
    }
    convCache.set(ctx, ci);
  }
  return ci;
}

export function replacementsFor(ctx: Ctx, key: string, ed: number, cap = 20): Suggestion[] {
  const idx = ctx.idx;
  const ci = conversionIndex(ctx);
  const out = new Map<string, Suggestion>();
  // conversion tables, following chains (a replacement that was itself replaced later)
  let frontier = [key];
  const seen = new Set<string>([key]);
  for (let hop = 0; hop < 3 && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const k of frontier) {
      for (const row of ci.byPrevious.get(k) ?? []) {
        const c = strip(row.code);
        if (seen.has(c)) continue;
        seen.add(c);
        const st = idx.status(c, ed);
        if (st === 'B') out.set(c, { ...idx.ref(c, ed), reason: 'replacement', rank: hop });
        else if (st === 'H') {
          for (const d of idx.billableDescendants(c, ed)) {
            if (!out.has(d.code)) out.set(d.code, { ...d, reason: 'replacement', rank: hop + 1 });
          }
        } else next.push(c);
      }
    }
    frontier = next;
  }
  if (out.size > 0) return [...out.values()].sort((a, b) => a.rank - b.rank).slice(0, Math.max(cap, 1));

  // billable descendants in this edition (a code that became a header)
  const kids = idx.billableDescendants(key, ed);
  if (kids.length > 0) return kids.slice(0, cap).map((k) => ({ ...k, reason: 'billable-child' as const, rank: 5 }));

  // billable codes sharing the longest prefix
  for (let n = key.length - 1; n >= 3; n--) {
    const p = key.slice(0, n);
    let same = idx.billableDescendants(p, ed);
    // a deleted 7th-character code: keep the same 7th character (encounter) when there are such codes
    if (key.length === 7) {
      const keep = same.filter((c) => c.code.length === 8 && c.code[7] === key[6]);
      if (keep.length > 0) same = keep;
    }
    const self = idx.status(p, ed) === 'B' ? [{ ...idx.ref(p, ed), reason: 'header-of-valid' as const, rank: 8 }] : [];
    if (same.length > 0 || self.length > 0) {
      return [...self, ...same.map((k) => ({ ...k, reason: 'prefix' as const, rank: 10 }))].slice(0, cap);
    }
  }
  return [];
}

/** for a code new in a later edition: the codes it came from (conversion tables) or its nearest valid ancestor */
export function predecessorsFor(ctx: Ctx, key: string, ed: number, cap = 20): Suggestion[] {
  const idx = ctx.idx;
  const out = new Map<string, Suggestion>();
  for (const row of conversionIndex(ctx).byCode.get(key) ?? []) {
    for (const p of row.previous) {
      const k = strip(p);
      if (idx.valid(k, ed) && !out.has(k)) out.set(k, { ...idx.ref(k, ed), reason: 'replacement', rank: 0 });
    }
  }
  if (out.size > 0) return [...out.values()].slice(0, cap);
  const parent = idx.parent(key, ed);
  if (!parent) return [];
  if (idx.billable(parent, ed)) return [{ ...idx.ref(parent, ed), reason: 'header-of-valid', rank: 0 }];
  return idx
    .billableDescendants(parent, ed)
    .slice(0, cap)
    .map((k) => ({ ...k, reason: 'billable-child' as const, rank: 5 }));
}
