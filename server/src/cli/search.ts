/** `coding-review search <words…> [--date D] [--limit N] [--json]`: codes by prefix or words, for the date's edition. */
import { chooseEdition, CliError, loadCodeSet, parseArgs } from './codeset-loader';

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
    const hits = cs.search(query, ed, a.limit ?? 20);
    if (a.json) {
      const note = choice.note ? { note: choice.note } : {};
      process.stdout.write(
        JSON.stringify({ query, date, edition: { index: ed, id: e.id, label: e.label }, ...note, hits }, null, 2) +
          '\n',
      );
      return 0;
    }
    if (choice.note) process.stderr.write(`coding-review search: note: ${choice.note}\n`);
    const when = choice.note ? `newest edition; no edition covers today, ${date}` : `date of service ${date}`;
    const lines = [`${e.label} (${when}): ${hits.length} result${hits.length === 1 ? '' : 's'}`];
    for (const h of hits) {
      const mark = h.billable ? ' ' : '*';
      lines.push(`${mark} ${h.code.padEnd(8)} ${h.title}${h.term ? `  [${h.term}]` : ''}`);
    }
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
