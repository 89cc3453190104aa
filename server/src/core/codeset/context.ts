/** Shared state of one CodeSet: the indexes every module reads. */
import type { CmData, ExtrasData, PcsData, TabularData } from '../data';
import { CmIndex } from './cmindex';

export interface Ctx {
  cm: CmData;
  idx: CmIndex;
  tabular?: TabularData;
  pcs?: PcsData;
  extras?: ExtrasData;
}

export function createCtx(data: { cm: CmData; tabular?: TabularData; pcs?: PcsData; extras?: ExtrasData }): Ctx {
  return { cm: data.cm, idx: new CmIndex(data.cm), tabular: data.tabular, pcs: data.pcs, extras: data.extras };
}

export function editionRef(ctx: Ctx, ed: number): { index: number; label: string } {
  const e = ctx.cm.editions[ed];
  return { index: ed, label: e ? e.label : `edition ${ed}` };
}
