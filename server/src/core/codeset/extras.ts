/** POA exemption, MS-DRG CC/MCC and CMS-HCC lookups, each labelled with the list/version used. */
import type { CodeSet } from './api';
import type { Ctx } from './context';

/**
 * The lists as flags per ICD-10-CM row (one byte per row and list group) rather than Sets of ~95,000 strings
 * (3 MB of heap); a listed code that is in no edition's order file (none in FY2016-FY2026) is kept in `other`.
 */
interface ExtrasIndex {
  /** POA list label -> 1 per exempt row */
  poa: Map<string, Uint8Array>;
  /** per row: CC | MCC | MCC_ALIVE bits */
  drg: Uint8Array;
  /** "<list> <key>" of listed codes without a row ("cc", "mcc", "alive" or the POA label) */
  other: Set<string>;
  /** per HCC model (v28, v24): the HCC of each row (0: none), and the lists of codes with several or no row */
  hcc: Array<{ one: Int16Array; more: Map<number, number[]>; noRow: Map<string, number[]> }>;
}
const CC = 1;
const MCC = 2;
const MCC_ALIVE = 4;
const cache = new WeakMap<Ctx, ExtrasIndex>();
const strip = (c: string) => c.trim().toUpperCase().replace(/\./g, '');

function extrasIndex(ctx: Ctx): ExtrasIndex {
  let x = cache.get(ctx);
  if (!x) {
    const e = ctx.extras;
    const n = ctx.cm.size;
    const idx: ExtrasIndex = { poa: new Map(), drg: new Uint8Array(n), other: new Set(), hcc: [] };
    const mark = (flags: Uint8Array, bit: number, list: readonly string[], name: string) => {
      for (const c of list) {
        const key = strip(c);
        const row = ctx.cm.indexOf(key);
        if (row === undefined) idx.other.add(`${name} ${key}`);
        else flags[row]! |= bit;
      }
    };
    for (const [label, list] of Object.entries(e?.poaExempt ?? {})) {
      const flags = new Uint8Array(n);
      mark(flags, 1, list, label);
      idx.poa.set(label, flags);
    }
    mark(idx.drg, CC, e?.msdrg.cc ?? [], 'cc');
    mark(idx.drg, MCC, e?.msdrg.mcc ?? [], 'mcc');
    mark(idx.drg, MCC_ALIVE, e?.msdrg.mccIfDischargedAlive ?? [], 'alive');
    for (const m of [e?.hcc.v28, e?.hcc.v24]) {
      const h = { one: new Int16Array(n), more: new Map<number, number[]>(), noRow: new Map<string, number[]>() };
      for (const [code, hccs] of Object.entries(m?.map ?? {})) {
        const row = ctx.cm.indexOf(code);
        if (row === undefined) h.noRow.set(code, hccs);
        else if (hccs.length === 1 && hccs[0]! > 0 && hccs[0]! < 32768) h.one[row] = hccs[0]!;
        else h.more.set(row, hccs);
      }
      idx.hcc.push(h);
    }
    cache.set(ctx, (x = idx));
  }
  return x;
}

/**
 * Builds the flags now and leaves the code lists and HCC maps out of ctx.extras (a copy: the caller's data is not
 * changed), so that nothing keeps ~110,000 code strings once the caller drops its data. The HCC labels and
 * hierarchies and the conversion rows stay.
 */
export function foldExtrasLists(ctx: Ctx): void {
  const e = ctx.extras;
  if (!e) return;
  extrasIndex(ctx);
  ctx.extras = {
    ...e,
    poaExempt: {},
    msdrg: { ...e.msdrg, cc: [], mcc: [], mccIfDischargedAlive: [] },
    hcc: { v28: { ...e.hcc.v28, map: {} }, v24: { ...e.hcc.v24, map: {} } },
  };
}

/** key is on a list: its row's bit, or (no row) the `other` set */
function listed(ctx: Ctx, x: ExtrasIndex, flags: Uint8Array, bit: number, name: string, key: string): boolean {
  const row = ctx.cm.indexOf(key);
  return row === undefined ? x.other.has(`${name} ${key}`) : (flags[row]! & bit) !== 0;
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
  return { exempt: listed(ctx, x, x.poa.get(bestLabel!)!, 1, bestLabel!, key), list };
}

export function ccMccFor(ctx: Ctx, key: string): ReturnType<CodeSet['ccMcc']> {
  const x = extrasIndex(ctx);
  const version = ctx.extras?.msdrg.version ?? 'MS-DRG';
  if (listed(ctx, x, x.drg, MCC_ALIVE, 'alive', key)) return { level: 'MCC (if discharged alive)', version };
  if (listed(ctx, x, x.drg, MCC, 'mcc', key)) return { level: 'MCC', version };
  if (listed(ctx, x, x.drg, CC, 'cc', key)) return { level: 'CC', version };
  return undefined;
}

/**
 * The MS-DRG version the CC/MCC labels come from, with the dates of its fiscal year and, for an edition
 * that starts after that year, a caution: the labels may be out of date (e.g. Z59.01 is a CC from v41).
 */
export function msdrgFor(ctx: Ctx, ed: number | undefined): ReturnType<CodeSet['msdrg']> {
  const version = ctx.extras?.msdrg.version ?? 'MS-DRG';
  const fy = Number(/FY(\d{4})/.exec(version)?.[1] ?? NaN);
  if (Number.isNaN(fy)) return { version };
  const from = `${fy - 1}-10-01`;
  const to = `${fy}-09-30`;
  const e = ed === undefined ? undefined : ctx.cm.editions[ed];
  if (!e || e.from <= to) return { version, from, to };
  return {
    version,
    from,
    to,
    caution:
      `${version} covers discharges ${from} to ${to}; this date of service is in ${e.label}, so the CC/MCC ` +
      'label may be out of date (later MS-DRG versions add and remove CCs and MCCs); check the MS-DRG version in force.',
  };
}

/** The Official Guidelines in force on the edition's first day (cm/guidelines/ PDFs), or a note that none is here. */
export function guidelinesFor(ctx: Ctx, ed: number): ReturnType<CodeSet['guidelines']> {
  const e = ctx.cm.editions[ed];
  const list = ctx.extras?.guidelines ?? [];
  let best: { label: string; from: string; file: string } | undefined;
  for (const g of list) if (e && g.from <= e.from) best = g;
  if (best) return { label: best.label, file: best.file, available: true };
  const oldest = list[0];
  return {
    label: `the FY${e?.fiscalYear ?? '?'} guidelines are not in the official files here${oldest ? ` (oldest: ${oldest.label})` : ''}`,
    available: false,
  };
}

export function hccFor(ctx: Ctx, key: string): Array<{ model: string; hcc: number; label: string }> {
  const out: Array<{ model: string; hcc: number; label: string }> = [];
  const h = ctx.extras?.hcc;
  if (!h) return out;
  const x = extrasIndex(ctx);
  const row = ctx.cm.indexOf(key);
  [h.v28, h.v24].forEach((m, i) => {
    const f = x.hcc[i];
    if (!m || !f) return;
    const one = row === undefined ? 0 : f.one[row]!;
    const hccs = one ? [one] : ((row === undefined ? f.noRow.get(key) : f.more.get(row)) ?? []);
    for (const n of hccs) out.push({ model: m.version, hcc: n, label: m.labels[String(n)] ?? '' });
  });
  return out;
}
