/** 7th characters: which stems need one, and the allowed characters with their meanings. */
import type { SeventhCharChoice } from '../types';
import type { Ctx } from './state';
import { display } from './normalize';
import { tabNotes } from './tabtable';

/** billable 7-character codes of the edition whose first six characters are the stem padded with X */
function seventhChildren(ctx: Ctx, stem: string, ed: number): string[] {
  const padded = stem.padEnd(6, 'X');
  const out: string[] = [];
  for (const i of ctx.idx.descendantIdx(stem)) {
    const code = ctx.idx.code(i);
    if (ctx.idx.statusAt(i, ed) === 'B' && code.length === 7 && code.slice(0, 6) === padded) out.push(code);
  }
  return out;
}

/**
 * true when key is a header in the edition whose billable descendants are all "key + X padding + 7th char"
 * (e.g. S72001 -> S72001A…, S0000 -> S0000XA…).
 */
export function isSeventhStem(ctx: Ctx, key: string, ed: number): boolean {
  if (key.length >= 7 || ctx.idx.status(key, ed) !== 'H') return false;
  const padded = key.padEnd(6, 'X');
  let any = false;
  for (const i of ctx.idx.descendantIdx(key)) {
    if (ctx.idx.statusAt(i, ed) !== 'B') continue;
    const code = ctx.idx.code(i);
    if (code.length !== 7 || code.slice(0, 6) !== padded) return false;
    any = true;
  }
  return any;
}

/** the nearest sevenChrDef of key or its ancestors in the Tabular */
export function sevenChrDef(ctx: Ctx, key: string): Array<{ char: string; meaning: string }> | undefined {
  const tab = ctx.tabular;
  if (!tab) return undefined;
  for (let n = key.length; n >= 3; n--) {
    const def = tabNotes(tab, key.slice(0, n))?.sevenChrDef;
    if (def && def.length > 0) return def;
  }
  return undefined;
}

/** meaning from a title's last comma clause: "…, initial encounter for closed fracture" */
function meaningFromTitle(title: string): string {
  const i = title.lastIndexOf(', ');
  return i >= 0 ? title.slice(i + 2) : title;
}

/**
 * 7th-character choices for a stem (a 7-char code is reduced to its stem). Only characters that make a
 * billable code in the edition; meanings from the Tabular's sevenChrDef (inherited), else from titles.
 */
export function seventhChoices(ctx: Ctx, key: string, ed: number): SeventhCharChoice[] {
  let stem = key.length === 7 ? key.slice(0, 6) : key;
  if (!ctx.idx.has(stem)) {
    const trimmed = stem.replace(/X+$/, '');
    if (trimmed.length >= 3 && ctx.idx.has(trimmed)) stem = trimmed;
  }
  const kids = seventhChildren(ctx, stem, ed);
  const def = sevenChrDef(ctx, stem);
  const byChar = new Map(kids.map((k) => [k[6]!, k]));
  const out: SeventhCharChoice[] = [];
  if (def) {
    for (const d of def) {
      const k = byChar.get(d.char);
      if (k) {
        out.push({ char: d.char, meaning: d.meaning, code: display(k) });
        byChar.delete(d.char);
      }
    }
  }
  for (const [char, k] of byChar) {
    out.push({ char, meaning: meaningFromTitle(ctx.idx.titleAt(ctx.idx.position(k)!, ed)), code: display(k) });
  }
  return out;
}
