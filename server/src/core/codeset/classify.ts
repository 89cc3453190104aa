/** Classification of one code for one edition (the order file's flag is the authority). */
import type { Classification, CodeRef } from '../types';
import { editionRef, type Ctx } from './state';
import { display } from './normalize';
import { predecessorsFor, replacementsFor } from './replacements';
import { isSeventhStem, seventhChoices } from './seventh';
import { suggestCodes } from './suggest';

/** every way to place `count` X placeholders among positions 3..5 of a `len`-character result */
function placements(key: string, len: number): string[] {
  const count = len - key.length;
  if (count <= 0 || key.length < 3) return [];
  const slots = [3, 4, 5].filter((p) => p < len - (len === 7 ? 1 : 0));
  const out: string[] = [];
  const choose = (start: number, picked: number[]) => {
    if (picked.length === count) {
      const chars: string[] = [];
      let k = 0;
      for (let i = 0; i < len; i++) chars.push(picked.includes(i) ? 'X' : (key[k++] ?? ''));
      if (k === key.length) out.push(chars.join(''));
      return;
    }
    for (let s = start; s < slots.length; s++) choose(s + 1, [...picked, slots[s]!]);
  };
  choose(0, []);
  return out;
}

/** corrected codes when X placeholder padding is missing ("T3601A" -> "T360X1A"; "T3601" -> T360X1's codes) */
export function placeholderCorrections(ctx: Ctx, key: string, ed: number): CodeRef[] {
  const idx = ctx.idx;
  const out: CodeRef[] = [];
  const seen = new Set<string>();
  if (key.length < 7) {
    for (const c of placements(key, 7)) {
      if (idx.billable(c, ed) && !seen.has(c)) {
        seen.add(c);
        out.push(idx.ref(c, ed));
      }
    }
  }
  if (out.length > 0) return out;
  if (key.length < 6) {
    for (const stem of placements(key, 6)) {
      if (isSeventhStem(ctx, stem, ed)) {
        for (const ch of seventhChoices(ctx, stem, ed)) {
          if (!seen.has(ch.code)) {
            seen.add(ch.code);
            out.push({ code: ch.code, title: idx.titleAt(idx.position(ctx.key(ch.code)!)!, ed), billable: true });
          }
        }
      }
    }
  }
  return out;
}

export function classifyCode(ctx: Ctx, raw: string, ed: number): Classification {
  const idx = ctx.idx;
  const key = ctx.key(raw);
  if (!key) return { kind: 'invalid', code: raw.trim(), suggestions: suggestCodes(ctx, raw, ed) };
  const code = display(key);
  const row = idx.position(key);
  const st = row !== undefined ? idx.statusAt(row, ed) : '-';
  if (row !== undefined && st === 'B') return { kind: 'billable', code, title: idx.titleAt(row, ed) };
  if (row !== undefined && st === 'H') {
    const title = idx.titleAt(row, ed);
    if (isSeventhStem(ctx, key, ed))
      return { kind: 'needs-seventh', code, title, choices: seventhChoices(ctx, key, ed) };
    return { kind: 'header', code, title, billableDescendants: idx.billableDescendants(key, ed) };
  }
  if (row !== undefined) {
    const last = idx.lastBefore(key, ed);
    if (last >= 0) {
      return {
        kind: 'deleted',
        code,
        title: idx.titleAt(row, last),
        lastEdition: editionRef(ctx, last),
        replacements: replacementsFor(ctx, key, ed),
      };
    }
    const first = idx.firstAfter(key, ed);
    if (first >= 0) {
      return {
        kind: 'not-yet-valid',
        code,
        title: idx.titleAt(row, first),
        firstEdition: editionRef(ctx, first),
        suggestions: predecessorsFor(ctx, key, ed),
      };
    }
  }
  // a stem written with its X padding but without the 7th character ("S00.00X")
  const bare = key.replace(/X+$/, '');
  if (bare !== key && bare.length >= 3 && isSeventhStem(ctx, bare, ed) && key === bare.padEnd(key.length, 'X')) {
    const r = idx.position(bare)!;
    return { kind: 'needs-seventh', code, title: idx.titleAt(r, ed), choices: seventhChoices(ctx, bare, ed) };
  }
  const corrected = placeholderCorrections(ctx, key, ed);
  if (corrected.length > 0) return { kind: 'needs-placeholder', code, corrected };
  return { kind: 'invalid', code, suggestions: suggestCodes(ctx, raw, ed) };
}
