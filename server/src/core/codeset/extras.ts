/** POA exemption, MS-DRG CC/MCC and CMS-HCC lookups, each labelled with the list/version used. */
import type { CodeSet } from './api';
import type { Ctx } from './context';

interface ExtrasIndex {
  poa: Map<string, Set<string>>;
  cc: Set<string>;
  mcc: Set<string>;
  mccAlive: Set<string>;
}
const cache = new WeakMap<Ctx, ExtrasIndex>();
const strip = (c: string) => c.trim().toUpperCase().replace(/\./g, '');

function extrasIndex(ctx: Ctx): ExtrasIndex {
  let x = cache.get(ctx);
  if (!x) {
    const e = ctx.extras;
    x = { poa: new Map(), cc: new Set(), mcc: new Set(), mccAlive: new Set() };
    for (const [label, list] of Object.entries(e?.poaExempt ?? {})) x.poa.set(label, new Set(list.map(strip)));
    for (const c of e?.msdrg.cc ?? []) x.cc.add(strip(c));
    for (const c of e?.msdrg.mcc ?? []) x.mcc.add(strip(c));
    for (const c of e?.msdrg.mccIfDischargedAlive ?? []) x.mccAlive.add(strip(c));
    cache.set(ctx, x);
  }
  return x;
}

/** the POA list for the edition's fiscal year, else the nearest year available */
export function poaExemptFor(ctx: Ctx, key: string, ed: number): { exempt: boolean; list?: string } {
  const x = extrasIndex(ctx);
  if (x.poa.size === 0) return { exempt: false };
  const fy = ctx.cm.editions[ed]?.fiscalYear ?? 0;
  let bestLabel: string | undefined;
  let bestDist = Infinity;
  for (const label of x.poa.keys()) {
    const y = Number(/(\d{4})/.exec(label)?.[1] ?? NaN);
    const dist = Number.isNaN(y) ? 1000 : Math.abs(y - fy);
    if (dist < bestDist) {
      bestDist = dist;
      bestLabel = label;
    }
  }
  const list = `POA-exempt list ${bestLabel}`;
  return { exempt: x.poa.get(bestLabel!)!.has(key), list };
}

export function ccMccFor(ctx: Ctx, key: string): ReturnType<CodeSet['ccMcc']> {
  const x = extrasIndex(ctx);
  const version = ctx.extras?.msdrg.version ?? 'MS-DRG';
  if (x.mccAlive.has(key)) return { level: 'MCC (if discharged alive)', version };
  if (x.mcc.has(key)) return { level: 'MCC', version };
  if (x.cc.has(key)) return { level: 'CC', version };
  return undefined;
}

export function hccFor(ctx: Ctx, key: string): Array<{ model: string; hcc: number; label: string }> {
  const out: Array<{ model: string; hcc: number; label: string }> = [];
  const h = ctx.extras?.hcc;
  if (!h) return out;
  for (const m of [h.v28, h.v24]) {
    for (const n of m?.map[key] ?? []) out.push({ model: m.version, hcc: n, label: m.labels[String(n)] ?? '' });
  }
  return out;
}
