/** Chapter, block (section), ancestors and children of a code; and "unspecified" codes with their siblings. */
import type { CodeRef } from '../types';
import type { HierarchyInfo, UnspecifiedInfo } from './api';
import type { Ctx } from './state';
import type { TabularSection } from '../data';
import { display } from './normalize';

const sectionCache = new WeakMap<Ctx, Map<string, TabularSection>>();

/**
 * The Tabular section (block) holding a category: from the sections' category lists when the data has them
 * ("C4A" sits in C43-C44), else the first first..last range that covers it.
 */
export function sectionOf(ctx: Ctx, cat: string): TabularSection | undefined {
  const tab = ctx.tabular;
  if (!tab) return undefined;
  let m = sectionCache.get(ctx);
  if (!m) {
    m = new Map();
    for (const s of tab.sections) for (const c of s.categories ?? []) if (!m.has(c)) m.set(c, s);
    sectionCache.set(ctx, m);
  }
  const hit = m.get(cat);
  if (hit) return hit;
  if (m.size > 0) return undefined;
  return tab.sections.find((s) => s.first <= cat && cat <= s.last);
}

export function hierarchyOf(ctx: Ctx, key: string, ed: number): HierarchyInfo {
  const idx = ctx.idx;
  const cat = key.slice(0, 3);
  const info: HierarchyInfo = { ancestors: [], children: [] };
  const tab = ctx.tabular;
  if (tab) {
    const ch = tab.chapters.find((c) => c.first <= cat && cat <= c.last);
    if (ch) info.chapter = { num: ch.num, desc: ch.desc, range: `${ch.first}-${ch.last}` };
    const block = sectionOf(ctx, cat);
    if (block) info.block = { id: block.id, desc: block.desc };
  }
  for (let n = 3; n < key.length; n++) {
    const p = key.slice(0, n);
    const r = idx.position(p);
    if (r !== undefined && idx.statusAt(r, ed) !== '-')
      info.ancestors.push({ code: display(p), title: idx.titleAt(r, ed), billable: idx.statusAt(r, ed) === 'B' });
  }
  for (const i of idx.descendantIdx(key)) {
    const st = idx.statusAt(i, ed);
    if (st === '-') continue;
    const code = idx.code(i);
    if (idx.parent(code, ed) === key)
      info.children.push({ code: display(code), title: idx.titleAt(i, ed), billable: st === 'B' });
  }
  return info;
}

/**
 * True when a title leaves something unspecified. "or unspecified" does not count: a code titled "Chronic or
 * unspecified gastric ulcer …", "… stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney
 * disease" (I12.9) or "…, not applicable or unspecified" (7th character 0, single gestation) also covers the
 * specified case, so it is the right code when that case is documented. 217 FY2026 billable titles say "or
 * unspecified"; those that still say "unspecified" elsewhere ("unspecified trimester") stay unspecified.
 */
export function titleSaysUnspecified(title: string): boolean {
  return /\bunspecified\b/i.test(title.replace(/\bor unspecified\b/gi, 'or'));
}

export function unspecifiedOf(ctx: Ctx, key: string, ed: number): UnspecifiedInfo {
  const idx = ctx.idx;
  const row = idx.position(key);
  if (row === undefined) return { unspecified: false, specificSiblings: [] };
  const title = idx.titleAt(row, ed);
  if (!titleSaysUnspecified(title)) return { unspecified: false, specificSiblings: [] };
  const base = key.length === 7 ? key.slice(0, 6).replace(/X+$/, '') : key;
  const residual = /9$|90$/.test(base) && base.length > 3;
  const reason = residual ? 'residual code (.9/.90 style) whose title says "unspecified"' : 'title says "unspecified"';
  // the unspecified aspect may come from an ancestor ("Fracture of unspecified part of neck of femur" above
  // S72.001A): climb while the ancestor's title also says unspecified, then offer the billable codes beside that
  // node (for a 7th-character code, with the same 7th character). Never climbs to the category: "Pneumonia,
  // unspecified organism" (J18) still offers J18.0 … J18.8 for J18.9.
  let top = base;
  let parent = idx.parent(top, ed) ?? idx.parent(top);
  while (parent && parent.length > 3) {
    const pr = idx.position(parent)!;
    if (!titleSaysUnspecified(idx.titleAt(pr, ed))) break;
    top = parent;
    parent = idx.parent(top, ed) ?? idx.parent(top);
  }
  const siblings: CodeRef[] = [];
  if (parent) {
    const seventh = key.length === 7 ? key[6] : undefined;
    for (const s of idx.billableDescendants(parent, ed)) {
      const k = s.code.replace('.', '');
      if (k.startsWith(top)) continue;
      if (seventh && k.length === 7 && k[6] !== seventh) continue;
      siblings.push(s);
    }
  }
  return { unspecified: true, reason, specificSiblings: siblings };
}
