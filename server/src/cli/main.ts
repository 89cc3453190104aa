/**
 * `coding-review` command-line tool: dispatches to one module per subcommand.
 * Exit codes: 0 no errors, 1 errors found, 2 usage or data problems.
 */
import { runCheck } from './check';
import { runGrade } from './grade';
import { runLookup } from './lookup';
import { runSearch } from './search';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { run: Command; summary: string }> = {
  check: { run: runCheck, summary: 'check <files or folders…> [--format text|json|sarif] [--date YYYY-MM-DD]' },
  lookup: { run: runLookup, summary: 'lookup <code> [--date YYYY-MM-DD] [--json]' },
  search: { run: runSearch, summary: 'search <words…> [--date YYYY-MM-DD] [--limit N] [--json]' },
  grade: {
    run: runGrade,
    summary: 'grade KEY.key.codes [STUDENT.codes|FOLDER …] [--format text|json|markdown|html|csv] [--out FILE]',
  },
};

function usage(): string {
  return [
    'usage: coding-review <command> …',
    ...Object.values(commands).map((c) => `  coding-review ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`coding-review: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  return cmd.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`coding-review: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
