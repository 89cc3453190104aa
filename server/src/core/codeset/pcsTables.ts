/**
 * ICD-10-PCS from the Tables (PcsTablesData): what each character of a code means on its axis, the characters
 * allowed next (completion), and which character of an invalid code is not allowed there. The Tables edition
 * is the fiscal year of the date of service; without a Tables XML for that year, nothing is guessed: the
 * result says so and validity stays with the order file (pcs.ts). Pure.
 */
import type { PcsTable, PcsTablesData, PcsTablesEdition } from '../data';

export interface PcsCharMeaning {
  /** 1-based position */
  pos: number;
  /** the axis title ("Body Part") */
  axis: string;
  char: string;
  meaning: string;
}

export interface PcsTablesRef {
  id: string;
  label: string;
  source: string;
}

export interface PcsExplanation {
  code: string;
  /** the Tables edition used; undefined when none covers the date (see message) */
  tables?: PcsTablesRef;
  /** why no Tables edition was used, and what validity falls back to */
  message?: string;
  /** the table (first three characters) with its operation's definition */
  table?: { code: string; definition?: string };
  /** the meaning of each character, up to the first one not allowed */
  chars: PcsCharMeaning[];
  /** the first character not allowed at its position, and what the Tables allow there */
  invalidAt?: { pos: number; axis: string; char: string; allowed: Array<{ char: string; meaning: string }> };
  /** every character allowed (7 characters, one row of a table) */
  valid: boolean;
}

export interface PcsNext {
  tables?: PcsTablesRef;
  message?: string;
  /** the 1-based position offered */
  pos: number;
  axis?: string;
  /** the table the prefix is in (3 characters or more typed) */
  table?: { code: string; title: string };
  options: Array<{ char: string; meaning: string }>;
}

interface EdIndex {
  ed: PcsTablesEdition;
  byCode: Map<string, PcsTable>;
}
const cache = new WeakMap<PcsTablesData, EdIndex[]>();

function indexOf(data: PcsTablesData): EdIndex[] {
  let x = cache.get(data);
  if (!x) {
    x = data.editions.map((ed) => ({ ed, byCode: new Map(ed.tables.map((t) => [t.code, t])) }));
    cache.set(data, x);
  }
  return x;
}

/** The fiscal year of a date of service (FY N: N-1-10-01 .. N-09-30). */
export function fiscalYearOf(date: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-\d\d$/.exec(date.trim());
  if (!m) return undefined;
  return Number(m[1]) + (Number(m[2]) >= 10 ? 1 : 0);
}

/** The Tables edition for a date (no date: the newest), or why there is none. */
function pick(data: PcsTablesData | undefined, date: string | undefined): { x?: EdIndex; message?: string } {
  if (!data || !data.editions.length)
    return { message: 'The ICD-10-PCS Tables are not loaded; validity comes from the order file only.' };
  const all = indexOf(data);
  if (date === undefined || !date.trim()) return { x: all[all.length - 1] };
  const fy = fiscalYearOf(date);
  const have = all.map((e) => `FY${e.ed.fiscalYear}`).join(', ');
  if (fy === undefined)
    return { message: `'${date}' is not a date (YYYY-MM-DD); the ICD-10-PCS Tables (${have}) were not used.` };
  const x = all.find((e) => e.ed.fiscalYear === fy);
  if (x) return { x };
  return {
    message:
      `No ICD-10-PCS Tables XML for FY${fy} (the date of service ${date.trim()}); the official files have the ` +
      `Tables for ${have} only, so the meaning of each character is not shown. Validity comes from the ` +
      `ICD-10-PCS order file of the date.`,
  };
}

const ref = (e: PcsTablesEdition): PcsTablesRef => ({ id: e.id, label: e.label, source: e.source });

/** Tables whose code starts with the prefix (1 or 2 characters): the distinct next characters. */
function headOptions(x: EdIndex, prefix: string): Array<{ char: string; meaning: string }> {
  const n = prefix.length;
  const seen = new Map<string, string>();
  for (const t of x.ed.tables) {
    if (!t.code.startsWith(prefix)) continue;
    const c = t.code[n]!;
    if (!seen.has(c)) seen.set(c, x.ed.labels[t.head[n]!] ?? '');
  }
  return [...seen].map(([char, meaning]) => ({ char, meaning })).sort((a, b) => (a.char < b.char ? -1 : 1));
}

/** Rows of a table compatible with characters 4.. of `code` (as many as given, up to `upto` characters). */
function rowsFor(t: PcsTable, code: string, upto: number): PcsTable['rows'] {
  return t.rows.filter((r) => {
    for (let p = 3; p < upto; p++) if (!r[p - 3]![0].includes(code[p]!)) return false;
    return true;
  });
}

function rowOptions(x: EdIndex, rows: PcsTable['rows'], pos: number): Array<{ char: string; meaning: string }> {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const [chars, ids] = r[pos - 4]!;
    for (let i = 0; i < chars.length; i++) if (!seen.has(chars[i]!)) seen.set(chars[i]!, x.ed.labels[ids[i]!] ?? '');
  }
  return [...seen].map(([char, meaning]) => ({ char, meaning })).sort((a, b) => (a.char < b.char ? -1 : 1));
}

const axisTitle = (x: EdIndex, t: PcsTable | undefined, pos: number, fallback: string) =>
  t ? (x.ed.labels[t.titles[pos - 1]!] ?? fallback) : fallback;
const DEFAULT_AXES = ['Section', 'Body System', 'Operation', 'Body Part', 'Approach', 'Device', 'Qualifier'];

/** Each character's axis and meaning; the first one not allowed, with what is allowed there. */
export function explainPcs(data: PcsTablesData | undefined, raw: string, date: string | undefined): PcsExplanation {
  const code = raw.trim().toUpperCase().replace(/[\s.]/g, '');
  const { x, message } = pick(data, date);
  if (!x) return { code, message, chars: [], valid: false };
  const out: PcsExplanation = { code, tables: ref(x.ed), chars: [], valid: false };
  const t = code.length >= 3 ? x.byCode.get(code.slice(0, 3)) : undefined;
  for (let pos = 1; pos <= Math.min(7, code.length); pos++) {
    const ch = code[pos - 1]!;
    const axis = axisTitle(x, t, pos, DEFAULT_AXES[pos - 1]!);
    let allowed: Array<{ char: string; meaning: string }>;
    if (pos <= 3) allowed = headOptions(x, code.slice(0, pos - 1));
    else allowed = t ? rowOptions(x, rowsFor(t, code, pos - 1), pos) : [];
    const hit = allowed.find((a) => a.char === ch);
    if (!hit) {
      out.invalidAt = { pos, axis, char: ch, allowed };
      break;
    }
    out.chars.push({ pos, axis, char: ch, meaning: hit.meaning });
    if (pos === 3 && t) out.table = { code: t.code, ...(t.def ? { definition: t.def } : {}) };
  }
  out.valid = !out.invalidAt && code.length === 7 && out.chars.length === 7;
  return out;
}

/** The characters allowed after a prefix (0-6 characters), with their meanings, table by table. */
export function nextPcsCharacters(data: PcsTablesData | undefined, raw: string, date: string | undefined): PcsNext {
  const prefix = raw.trim().toUpperCase().replace(/[\s.]/g, '');
  const pos = prefix.length + 1;
  const { x, message } = pick(data, date);
  if (!x) return { pos, message, options: [] };
  const base: PcsNext = { tables: ref(x.ed), pos, options: [] };
  if (pos > 7) return base;
  if (pos <= 3) {
    // the prefix itself must lead somewhere
    if (prefix && !x.ed.tables.some((t) => t.code.startsWith(prefix))) return base;
    const first = x.ed.tables.find((t) => t.code.startsWith(prefix));
    return { ...base, axis: axisTitle(x, first, pos, DEFAULT_AXES[pos - 1]!), options: headOptions(x, prefix) };
  }
  const t = x.byCode.get(prefix.slice(0, 3));
  if (!t) return base;
  const title = t.head.map((i) => x.ed.labels[i]).join(', ');
  return {
    ...base,
    axis: axisTitle(x, t, pos, DEFAULT_AXES[pos - 1]!),
    table: { code: t.code, title },
    options: rowOptions(x, rowsFor(t, prefix, prefix.length), pos),
  };
}
