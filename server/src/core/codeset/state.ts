/** Shared state of one CodeSet: the indexes every module reads. */
import type { CmData, ExtrasData, PcsData, TabularData } from '../data';
import { CmIndex } from './cmindex';
import { compact } from './normalize';

export interface Ctx {
  cm: CmData;
  idx: CmIndex;
  tabular?: TabularData;
  pcs?: PcsData;
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
  extras?: ExtrasData;
}

export function createCtx(data: CodeSetData): Ctx {
  const idx = new CmIndex(data.cm);
  const known = (cat: string) => idx.has(cat);
  let pcs = data.pcs;
  return {
    cm: data.cm,
    idx,
    tabular: data.tabular,
    get pcs(): PcsData | undefined {
      if (typeof pcs === 'function') pcs = pcs();
      return pcs;
    },
    extras: data.extras,
    key: (raw) => compact(raw, known),
  };
}

export function editionRef(ctx: Ctx, ed: number): { index: number; label: string } {
  const e = ctx.cm.editions[ed];
  return { index: ed, label: e ? e.label : `edition ${ed}` };
}
