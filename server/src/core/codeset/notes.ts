/**
 * Tabular notes of a code (own and its ancestors', each tagged with its source) and the parsing of code
 * references inside note text: "(I50.-)", "(I50.2-)", "(A00-A09)", "(K25.0)", "(E08-E13 with .40)".
 */
import type { CodeNotes } from '../data';
import type { SourcedNote } from '../types';
import type { Ctx } from './context';
import { sectionOf } from './hierarchy';
import { tabNotes } from './tabtable';
import { display } from './normalize';

const KINDS: Array<SourcedNote['kind']> = [
  'inclusionTerm',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
  'sevenChrNote',
];

function push(
  out: SourcedNote[],
  n: CodeNotes | undefined,
  from: string,
  inherited: boolean,
  drop?: Set<string>,
): void {
  if (!n) return;
  for (const kind of KINDS) {
    for (const text of n[kind] ?? []) if (!drop?.has(`${kind}|${text}`)) out.push({ kind, text, from, inherited });
  }
}

export interface NotesResult {
  notes: SourcedNote[];
  tabularYear: number | undefined;
  hasNode: boolean;
  /** where the notes come from for this edition, e.g. "FY2021 Tabular List; 2 later note changes applied …" */
  provenance?: string;
  /** the note changes applied for this edition (deleted notes), with their sources */
  removed?: Array<{ from: string; kind: SourcedNote['kind']; text: string; effective: string; source: string }>;
}

/**
 * The notes of a code for an edition: the FY2021 Tabular's notes without those that a later change (tabular
 * noteChanges, docs/tabular-note-changes.tsv) deleted by the edition's first day. No edition: FY2021 as is.
 */
export function notesOf(ctx: Ctx, key: string, ed?: number): NotesResult {
  const tab = ctx.tabular;
  if (!tab) return { notes: [], tabularYear: undefined, hasNode: false };
  const e = ed === undefined ? undefined : ctx.cm.editions[ed];
  const changes = e ? (tab.noteChanges ?? []).filter((c) => c.effective <= e.from) : [];
  const removed: NonNullable<NotesResult['removed']> = [];
  const dropFor = (nodeKey: string, from: string): Set<string> | undefined => {
    let s: Set<string> | undefined;
    for (const c of changes) {
      if (c.node !== nodeKey) continue;
      (s ??= new Set()).add(`${c.kind}|${c.text}`);
      removed.push({ from, kind: c.kind, text: c.text, effective: c.effective, source: c.source });
    }
    return s;
  };
  const out: SourcedNote[] = [];
  const node = tabNotes(tab, key);
  const hasNode = node !== undefined;
  if (node) push(out, node, display(key), false, dropFor(key, display(key)));
  for (let n = key.length - 1; n >= 3; n--) {
    const p = key.slice(0, n);
    const up = tabNotes(tab, p);
    if (up) push(out, up, display(p), true, dropFor(p, display(p)));
  }
  const cat = key.slice(0, 3);
  const sec = sectionOf(ctx, cat);
  if (sec) push(out, sec.notes, sec.id, true, dropFor(sec.id, sec.id));
  const ch = tab.chapters.find((c) => c.first <= cat && cat <= c.last);
  if (ch) push(out, ch.notes, `Chapter ${ch.num}`, true);
  const res: NotesResult = { notes: out, tabularYear: tab.year, hasNode };
  if (e) {
    res.provenance = notesProvenance(tab.year, e, tab.noteChanges?.length ?? 0, removed.length);
    if (removed.length) res.removed = removed;
  }
  return res;
}

/** Which Tabular the notes of an edition come from, said honestly. */
function notesProvenance(
  year: number,
  e: { label: string; fiscalYear: number },
  known: number,
  applied: number,
): string {
  if (e.fiscalYear === year) return `FY${year} Tabular List (the Tabular of ${e.label})`;
  if (e.fiscalYear < year) {
    return `FY${year} Tabular List (no FY${e.fiscalYear} Tabular available; notes as of FY${year}, a later Tabular)`;
  }
  return (
    `FY${year} Tabular List (no FY${e.fiscalYear} Tabular available; notes as of FY${year}), with the deleted ` +
    `Excludes1 notes of the FY2024-FY2026 addenda and guideline I.C.4.a.3 (docs/tabular-note-changes.tsv, ` +
    `${known} changes) in force on ${e.label} removed` +
    (applied ? ` (${applied} here)` : '') +
    '; other note changes after FY' +
    `${year} (added and revised notes) are not applied`
  );
}

const BASE = '[A-Z][0-9][0-9A-Z](?:\\.[0-9A-Z]{0,4})?';
const SUFFIX = '\\.[0-9A-Z]{1,4}(?:\\s*-\\s*\\.[0-9A-Z]{1,4}|-)?';
const TOKEN_RE = new RegExp(
  `(?<![A-Za-z0-9])(${BASE})(?:\\s*-\\s*(${BASE})(?![0-9A-Za-z])|-)?(?:\\s+with\\s+(${SUFFIX}(?:\\s*[,.]\\s*${SUFFIX})*))?`,
  'g',
);
const SUFFIX_RE = /\.([0-9A-Z]{1,4})(?:\s*-\s*\.([0-9A-Z]{1,4})|-)?/g;

const catCache = new WeakMap<Ctx, string[]>();
function sortedCategories(ctx: Ctx): string[] {
  let c = catCache.get(ctx);
  if (!c) catCache.set(ctx, (c = [...ctx.idx.categories()].sort()));
  return c;
}

/** ".51-.52" -> ["51", "52"]; ".14, .24" -> ["14", "24"]; ".61-" -> ["61"] (a prefix) */
function suffixes(text: string): string[] {
  const out: string[] = [];
  SUFFIX_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SUFFIX_RE.exec(text))) {
    const a = m[1]!;
    const b = m[2];
    if (
      b &&
      /^\d+$/.test(a) &&
      /^\d+$/.test(b) &&
      a.length === b.length &&
      Number(b) >= Number(a) &&
      Number(b) - Number(a) < 50
    ) {
      for (let n = Number(a); n <= Number(b); n++) out.push(String(n).padStart(a.length, '0'));
    } else {
      out.push(a);
      if (b) out.push(b);
    }
  }
  return out;
}

const clean = (c: string) => c.replace(/\.?-$/, '').replace(/\.$/, '');

/**
 * Code references inside parentheses of a note. A range "with .NN" expands to each category of the range that
 * exists in the code set with that suffix. Anything unclear is left out (conservative).
 */
export function codesInNoteText(ctx: Ctx, text: string): string[] {
  const out: string[] = [];
  const groups = text.match(/\(([^()]*)\)/g) ?? [];
  for (const g of groups) {
    const inner = g.slice(1, -1);
    TOKEN_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN_RE.exec(inner))) {
      const a = clean(m[1]!);
      const b = m[2] ? clean(m[2]) : undefined;
      const suffix = m[3];
      if (suffix) {
        // "(E08-E13 with .42)": each category of the range (or the one category) that has that code
        const lo = a.slice(0, 3);
        const hi = (b ?? a).slice(0, 3);
        const sx = suffixes(suffix);
        for (const cat of sortedCategories(ctx)) {
          if (cat < lo || cat > hi) continue;
          for (const x of sx) if (ctx.idx.has(cat + x)) out.push(display(cat + x));
        }
      } else if (b) out.push(`${a}-${b}`);
      else out.push(a);
    }
  }
  return [...new Set(out)];
}

export function matchesReference(code: string, ref: string): boolean {
  const key = code.trim().toUpperCase().replace(/\./g, '');
  const r = ref.trim().toUpperCase().replace(/\./g, '');
  const dash = r.indexOf('-');
  if (dash > 0) {
    const lo = r.slice(0, dash);
    const hi = r.slice(dash + 1);
    if (!lo || !hi) return key.startsWith(lo || hi);
    return key.slice(0, lo.length) >= lo && key.slice(0, hi.length) <= hi;
  }
  return r.length > 0 && key.startsWith(r);
}
