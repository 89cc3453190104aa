/** Shared state of one CodeSet: the indexes every module reads. */
import type { CmData, ExtrasData, PcsData, PcsTablesData, TabularData } from '../data';
import { CmIndex } from './cmindex';
import { compact } from './normalize';

export interface Ctx {
  cm: CmData;
  idx: CmIndex;
  tabular?: TabularData;
  pcs?: PcsData;
  /** the ICD-10-PCS Tables (axes and meanings), loaded on first use */
  pcsTables?: PcsTablesData;
  extras?: ExtrasData;
  /** compact() that also accepts letter-letter keys of categories present in the data */
  key: (raw: string) => string | null;
}

/** a part given as data, or as a function that loads it on first use (undefined: not available) */
export type Lazy<T> = T | (() => T | undefined);

export interface CodeSetData {
  cm: CmData;
  tabular?: TabularData;
  /** ICD-10-PCS: only `px` lines and PCS look-ups need it, so a caller may pass a loader */
  pcs?: Lazy<PcsData>;
  /** ICD-10-PCS Tables (pcs-tables.json.gz): only PCS hovers, completion and messages need them */
  pcstables?: Lazy<PcsTablesData>;
  extras?: ExtrasData;
}

export function createCtx(data: CodeSetData): Ctx {
  const idx = new CmIndex(data.cm);
  const known = (cat: string) => idx.has(cat);
  let pcs = data.pcs;
  let tables = data.pcstables;
  return {
    cm: data.cm,
    idx,
    tabular: data.tabular,
    get pcs(): PcsData | undefined {
      if (typeof pcs === 'function') pcs = pcs();
      return pcs;
    },
    get pcsTables(): PcsTablesData | undefined {
      if (typeof tables === 'function') tables = tables();
      return tables;
    },
    extras: data.extras,
    key: (raw) => compact(raw, known),
  };
}

export function editionRef(ctx: Ctx, ed: number): { index: number; label: string } {
  const e = ctx.cm.editions[ed];
  return { index: ed, label: e ? e.label : `edition ${ed}` };
}
