/** `coding-review search <words…> [--date D] [--limit N] [--json]`: codes by prefix or words, for the date's edition. */
import type { CodeSet } from '../core/codeset/api';
import { searchWithIndex, type IndexSearchResult } from '../core/notes/indexSearch';
import { readerFor } from './check-files';
import { chooseEdition, CliError, loadCodeSet, parseArgs } from './codeset-loader';

/** The Alphabetic Index and the titles; the titles alone when the Index part is missing. */
function search(cs: CodeSet, query: string, ed: number, limit: number): IndexSearchResult {
  const reader = readerFor(cs);
  if (!reader) return { hits: cs.search(query, ed, limit), instructions: [] };
  return searchWithIndex(reader, (q, e, n) => cs.search(q, e, n), query, ed, limit);
}

const USAGE = 'usage: coding-review search <words…> [--date YYYY-MM-DD] [--limit N] [--json]';

export async function runSearch(args: string[]): Promise<number> {
  try {
    const a = parseArgs(args, true);
    const query = a.positional.join(' ').trim();
    if (!query) throw new CliError(`search needs words or a code prefix\n${USAGE}`);
    const cs = loadCodeSet();
    const choice = chooseEdition(cs, a.date);
    const { date, index: ed } = choice;
    const e = cs.editions[ed]!;
    const { hits, instructions } = search(cs, query, ed, a.limit ?? 20);
    if (a.json) {
      const note = choice.note ? { note: choice.note } : {};
      const instr = instructions.length ? { instructions } : {};
      process.stdout.write(
        JSON.stringify(
          { query, date, edition: { index: ed, id: e.id, label: e.label }, ...note, ...instr, hits },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    if (choice.note) process.stderr.write(`coding-review search: note: ${choice.note}\n`);
    const when = choice.note ? `newest edition; no edition covers today, ${date}` : `date of service ${date}`;
    const lines = [`${e.label} (${when}): ${hits.length} result${hits.length === 1 ? '' : 's'}`];
    for (const h of hits) {
      const mark = h.billable ? ' ' : '*';
      lines.push(`${mark} ${h.code.padEnd(8)} ${h.title}${h.term ? `  [${h.term}]` : ''}`);
      if (h.path) lines.push(`           ${h.path}${h.note ? ` (${h.note})` : ''}`);
    }
    for (const i of instructions)
      lines.push(
        `  ${i}: the term has no code of its own; code the condition documented (query the provider if unclear)`,
      );
    if (hits.some((h) => !h.billable)) lines.push('* header: not valid for reporting');
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`coding-review search: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
