/**
 * createCodeSet: the code-set core over the plain data of ../data.ts (see ./api.ts for the contract).
 * Pure: no fs, no clock. Indexes are built on creation (code map) or lazily (categories, search, PCS, extras).
 */
import type { Classification } from '../types';
import type { CodeSet } from './api';
import { classifyCode } from './classify';
import { claimAttributesOf, pcsSexOf } from './claims';
import { createCtx, type CodeSetData } from './state';
import { pickEdition } from './editions';
import { ccMccFor, foldExtrasLists, guidelinesFor, hccFor, msdrgFor, poaExemptFor } from './extras';
import { validityOf } from './validity';
import { hierarchyOf, unspecifiedOf } from './hierarchy';
import { codesInNoteText, matchesReference, notesOf } from './notes';
import { browseChildren, browsePath } from './browse';
import { classifyPcsCode } from './pcs';
import { explainPcs, nextPcsCharacters } from './pcsTables';
import { replacementsFor } from './replacements';
import { searchCodes } from './search';
import { seventhChoices } from './seventh';
import { suggestCodes } from './suggest';
import { display, looseKey } from './normalize';

export type { CodeSet } from './api';

export type { CodeSetData, Lazy } from './state';

/** data.pcs may be a loader: it runs on the first PCS question (classifyPcs, pcsEditions). */
export function createCodeSet(data: CodeSetData): CodeSet {
  const ctx = createCtx(data);
  // the POA and MS-DRG code lists become flags per row now, and the lists are not kept (about 3 MB)
  foldExtrasLists(ctx);
  const idx = ctx.idx;
  const last = Math.max(0, data.cm.editions.length - 1);
  const ed = (e: number) => (Number.isInteger(e) && e >= 0 && e <= last ? e : last);
  const keyOf = (raw: string) => ctx.key(raw) ?? looseKey(raw);

  const set: CodeSet = {
    editions: data.cm.editions,
    get pcsEditions() {
      return ctx.pcs?.editions ?? [];
    },
    tabularYear: data.tabular?.year,
    normalize(raw) {
      const k = ctx.key(raw);
      return k === null ? null : display(k);
    },
    display,
    editionFor: (date) => pickEdition(ctx.cm.editions, date),
    editionIndexFor(date) {
      const newest = ctx.cm.editions.length - 1;
      if (!date) return newest;
      const r = pickEdition(ctx.cm.editions, date);
      return r.ok ? r.index : (r.nearest?.index ?? newest);
    },
    row: (code) => idx.row(keyOf(code)),
    title(code, edition) {
      const r = idx.position(keyOf(code));
      return r !== undefined ? idx.titleAt(r, edition === undefined ? undefined : ed(edition)) : undefined;
    },
    classify: (code, edition): Classification => classifyCode(ctx, code, ed(edition)),
    suggest: (code, edition, limit) => suggestCodes(ctx, code, ed(edition), limit),
    seventhCharacters: (code, edition) => seventhChoices(ctx, keyOf(code), ed(edition)),
    unspecified: (code, edition) => unspecifiedOf(ctx, keyOf(code), ed(edition)),
    hierarchy: (code, edition) => hierarchyOf(ctx, keyOf(code), ed(edition)),
    notes: (code, edition) => notesOf(ctx, keyOf(code), edition === undefined ? undefined : ed(edition)),
    codesInNote: (text) => codesInNoteText(ctx, text),
    matchesRef: (code, ref) => matchesReference(code, ref),
    search: (query, edition, limit) => searchCodes(ctx, query, ed(edition), limit),
    classifyPcs: (code, date) => classifyPcsCode(ctx, code, date),
    explainPcs: (code, date) => explainPcs(ctx.pcsTables, code, date),
    nextPcs: (prefix, date) => nextPcsCharacters(ctx.pcsTables, prefix, date),
    browse: (node, edition, date) =>
      browseChildren(ctx, node, ed(edition), date, data.cm.editions[ed(edition)]?.label ?? 'ICD-10-CM'),
    browsePath: (code, edition, pcs) => browsePath(ctx, code, ed(edition), pcs),
    poaExempt: (code, edition) => poaExemptFor(ctx, keyOf(code), ed(edition)),
    ccMcc: (code) => ccMccFor(ctx, keyOf(code)),
    msdrg: (edition) => msdrgFor(ctx, edition === undefined ? undefined : ed(edition)),
    validity: (code) => validityOf(ctx, keyOf(code)),
    guidelines: (edition) => guidelinesFor(ctx, ed(edition)),
    hcc: (code) => hccFor(ctx, keyOf(code)),
    replacements: (code, edition) => replacementsFor(ctx, keyOf(code), ed(edition)),
    claimAttributes: (code, edition) => claimAttributesOf(ctx, keyOf(code), ed(edition)),
    pcsSex: (code) => pcsSexOf(ctx, code.trim().toUpperCase()),
  };
  return set;
}
