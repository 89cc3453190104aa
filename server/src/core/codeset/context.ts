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

export function createCtx(data: { cm: CmData; tabular?: TabularData; pcs?: PcsData; extras?: ExtrasData }): Ctx {
  const idx = new CmIndex(data.cm);
  const known = (cat: string) => idx.row(cat) !== undefined;
  return {
    cm: data.cm,
    idx,
    tabular: data.tabular,
    pcs: data.pcs,
    extras: data.extras,
    key: (raw) => compact(raw, known),
  };
}

export function editionRef(ctx: Ctx, ed: number): { index: number; label: string } {
  const e = ctx.cm.editions[ed];
  return { index: ed, label: e ? e.label : `edition ${ed}` };
}
