/**
 * Shared by `lookup` and `search`: loads the data (dist/data or $CODING_REVIEW_DATA), builds the code set and
 * picks the edition: the one of --date (a date outside every edition is an error), else the one covering
 * today, else the newest edition, with a note saying so.
 */
import type { CodeSet } from '../core/codeset/api';
import { createCodeSet } from '../core/codeset/codeset';
import { loadDataset } from '../data/load';

export class CliError extends Error {}

export function loadCodeSet(): CodeSet {
  try {
    return createCodeSet(loadDataset());
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/**
 * YYYY-MM-DD of today (UTC); the CLI, not the core, reads the clock. CODING_REVIEW_TODAY (YYYY-MM-DD)
 * overrides it, for tests and reproducible runs.
 */
export function today(): string {
  const fixed = process.env.CODING_REVIEW_TODAY;
  if (fixed && /^\d{4}-\d\d-\d\d$/.test(fixed)) return fixed;
  return new Date().toISOString().slice(0, 10);
}

/** the edition index for a date, or a CliError naming the newest edition */
export function editionIndex(cs: CodeSet, date: string, defaulted = false): number {
  const r = cs.editionFor(date);
  if (!r.ok) {
    const why = defaulted ? ` (${date} is today's date, used because --date was not given.)` : '';
    throw new CliError(`${r.message}${why} Pass --date YYYY-MM-DD with a date of service inside an edition.`);
  }
  return r.index;
}

export interface EditionChoice {
  /** edition index */
  index: number;
  /** the date of service used: --date, else today */
  date: string;
  /** set when --date was not given and no edition covers today: the newest edition is used instead */
  note?: string;
}

/**
 * The edition for --date (CliError when no edition covers it). Without --date: the edition covering today,
 * else the newest edition, with a note that says so (a CLI user looking a code up wants an answer, and the
 * data always lags the calendar at the start of a fiscal year).
 */
export function chooseEdition(cs: CodeSet, date: string | undefined, now: string = today()): EditionChoice {
  if (date !== undefined) return { index: editionIndex(cs, date), date };
  const r = cs.editionFor(now);
  if (r.ok) return { index: r.index, date: now };
  const newest = cs.editions.length - 1;
  if (newest < 0) throw new CliError(r.message);
  const e = cs.editions[newest]!;
  return {
    index: newest,
    date: now,
    note:
      `no ICD-10-CM edition covers today (${now}); using ${e.label} (${e.from} to ${e.to}), the newest available. ` +
      'Pass --date YYYY-MM-DD to choose the date of service.',
  };
}

export interface ParsedArgs {
  positional: string[];
  date?: string;
  json: boolean;
  limit?: number;
}

export function parseArgs(args: string[], allowLimit: boolean): ParsedArgs {
  const out: ParsedArgs = { positional: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new CliError(`${name} needs a value`);
      return v;
    };
    if (a === '--json') out.json = true;
    else if (a === '--date' || a.startsWith('--date=')) out.date = value('--date');
    else if (allowLimit && (a === '--limit' || a.startsWith('--limit='))) {
      const v = value('--limit');
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new CliError(`--limit must be a positive whole number, not '${v}'`);
      out.limit = n;
    } else if (a.startsWith('--')) throw new CliError(`unknown option '${a}'`);
    else out.positional.push(a);
  }
  return out;
}
