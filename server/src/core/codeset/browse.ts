/**
 * The code-set browser's tree, for one edition: ICD-10-CM chapters → blocks (Tabular sections) → categories →
 * codes, and the ICD-10-PCS Tables (sections → body systems → tables → characters → codes). Node ids:
 * `cm` (the ICD-10-CM root), `ch:9`, `blk:I30-I5A`, `cm:I50.2` (a code), `pcs:` + the characters so far.
 * Pure: the caller passes the edition and the date (PCS Tables go by fiscal year).
 */
import type { TabularSection } from '../data';
import type { BrowseNode } from './api';
import type { Ctx } from './state';
import { sectionOf } from './hierarchy';
import { display } from './normalize';
import { nextPcsCharacters } from './pcsTables';

/** the categories valid in an edition, by Tabular section id */
const byBlockCache = new WeakMap<Ctx, Map<number, Map<string, string[]>>>();
/** every category the Tabular's sections hold, sorted */
const heldCache = new WeakMap<Ctx, string[]>();

/**
 * The Tabular section (block) of a category. A category newer than the Tabular (FY2021: I5A, QA0, U09, Z1A …)
 * goes in the block of the category before it in code order, within the same letter (I5A after I52: I30-I52).
 */
export function blockOf(ctx: Ctx, cat: string): TabularSection | undefined {
  const own = sectionOf(ctx, cat);
  if (own || !ctx.tabular) return own;
  let held = heldCache.get(ctx);
  if (!held) {
    held = [...new Set(ctx.tabular.sections.flatMap((s) => s.categories ?? []))].sort();
    heldCache.set(ctx, held);
  }
  let lo = 0;
  let hi = held.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (held[mid] < cat) lo = mid + 1;
    else hi = mid;
  }
  const before = held[lo - 1];
  return before && before[0] === cat[0] ? sectionOf(ctx, before) : undefined;
}

function categoriesByBlock(ctx: Ctx, ed: number): Map<string, string[]> {
  let per = byBlockCache.get(ctx);
  if (!per) byBlockCache.set(ctx, (per = new Map()));
  let m = per.get(ed);
  if (m) return m;
  m = new Map();
  const cats = [...ctx.idx.categories()].filter((c) => ctx.idx.status(c, ed) !== '-').sort();
  for (const c of cats) {
    const s = blockOf(ctx, c);
    const id = s?.id ?? '?';
    const l = m.get(id);
    if (l) l.push(c);
    else m.set(id, [c]);
  }
  per.set(ed, m);
  return m;
}

function codeNode(ctx: Ctx, key: string, ed: number): BrowseNode {
  const st = ctx.idx.status(key, ed);
  const code = display(key);
  const billable = st === 'B';
  return {
    id: `cm:${code}`,
    label: code,
    description: ctx.idx.titleAt(ctx.idx.position(key)!, ed),
    kind: billable ? 'billable' : 'header',
    code,
    // a billable code has no codes beneath it in ICD-10-CM
    leaf: billable,
  };
}

/** The children of a node (undefined: the roots). */
export function browseChildren(
  ctx: Ctx,
  node: string | undefined,
  ed: number,
  date: string | undefined,
  cmLabel: string,
): BrowseNode[] {
  const tab = ctx.tabular;
  if (!node) {
    const roots: BrowseNode[] = [{ id: 'cm', label: cmLabel, description: 'chapters', kind: 'root', leaf: false }];
    const next = nextPcsCharacters(ctx.pcsTables, '', date);
    roots.push({
      id: 'pcs:',
      label: next.tables?.label ?? 'ICD-10-PCS Tables',
      description: next.tables ? 'sections' : (next.message ?? ''),
      kind: 'root',
      leaf: !next.tables,
    });
    return roots;
  }
  if (node === 'cm') {
    if (!tab) return [];
    const blocks = categoriesByBlock(ctx, ed);
    return tab.chapters
      .filter((ch) => tab.sections.some((s) => s.chapter === ch.num && blocks.has(s.id)))
      .map((ch) => ({
        id: `ch:${ch.num}`,
        label: `Chapter ${ch.num} (${display(ch.first)}-${display(ch.last)})`,
        description: ch.desc,
        kind: 'chapter' as const,
        leaf: false,
      }));
  }
  if (node.startsWith('ch:')) {
    if (!tab) return [];
    const num = Number(node.slice(3));
    const blocks = categoriesByBlock(ctx, ed);
    return tab.sections
      .filter((s) => s.chapter === num && blocks.has(s.id))
      .map((s) => ({ id: `blk:${s.id}`, label: s.id, description: s.desc, kind: 'block' as const, leaf: false }));
  }
  if (node.startsWith('blk:')) {
    return (categoriesByBlock(ctx, ed).get(node.slice(4)) ?? []).map((c) => codeNode(ctx, c, ed));
  }
  if (node.startsWith('cm:')) {
    const key = node.slice(3).replace('.', '');
    const out: BrowseNode[] = [];
    for (const i of ctx.idx.descendantIdx(key)) {
      if (ctx.idx.statusAt(i, ed) === '-') continue;
      const code = ctx.idx.code(i);
      if (code !== key && ctx.idx.parent(code, ed) === key) out.push(codeNode(ctx, code, ed));
    }
    return out;
  }
  if (node.startsWith('pcs:')) {
    const prefix = node.slice(4);
    const next = nextPcsCharacters(ctx.pcsTables, prefix, date);
    return next.options.map((o) => {
      const code = prefix + o.char;
      const done = code.length === 7;
      return {
        id: `pcs:${code}`,
        label: code,
        description: `${next.axis ?? ''}: ${o.meaning}`,
        kind: done ? ('pcs-code' as const) : code.length === 3 ? ('pcs-table' as const) : ('pcs-axis' as const),
        ...(done ? { code } : {}),
        leaf: done,
      };
    });
  }
  return [];
}

/** The ids from a root down to a code's node (for reveal); [] when the code is not in the tree. */
export function browsePath(ctx: Ctx, raw: string, ed: number, pcs: boolean): string[] {
  const text = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (pcs) {
    const out = ['pcs:'];
    for (let n = 1; n <= Math.min(7, text.length); n++) out.push(`pcs:${text.slice(0, n)}`);
    return out;
  }
  const key = text.replace('.', '');
  if (ctx.idx.status(key, ed) === '-' || !ctx.tabular) return [];
  const cat = key.slice(0, 3);
  const block = blockOf(ctx, cat);
  const ch = ctx.tabular.chapters.find((c) => c.num === block?.chapter);
  if (!block || !ch) return [];
  const out = ['cm', `ch:${ch.num}`, `blk:${block.id}`];
  const chain: string[] = [];
  for (let k: string | undefined = key; k && k.length >= 3; k = ctx.idx.parent(k, ed)) {
    chain.unshift(`cm:${display(k)}`);
    if (k.length === 3) break;
  }
  return [...out, ...chain];
}
