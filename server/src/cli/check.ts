/**
 * `coding-review check <files or folders…> [--format text|json|sarif] [--date YYYY-MM-DD]`
 * Checks every file of a known type (FILE_TYPES; folders recursively) and prints the findings.
 * Exit codes: 0 no errors, 1 errors found, 2 usage or data problems.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkCodesFile, checkNoteFile } from './check-files';
import { isCalendarDate } from '../core/annotation/parse';
import { reviewKey } from '../core/grading/review';
import { allRules, registerRules, ruleInfo } from '../core/annotation/rules/registry';
import type { Finding } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import type { Severity } from '../core/types';
import { CliError, loadCodeSet } from './codeset-loader';
import { runJsonl } from './jsonl';
import { positionFindings, type PositionedFinding } from './json-findings';

const USAGE =
  'usage: coding-review check <files or folders…> [--format text|json|sarif] [--date YYYY-MM-DD]\n' +
  '       coding-review check --jsonl [--date YYYY-MM-DD]   (one encounter per line on stdin; docs/scaling.md)';

/** Files larger than this are skipped with a finding. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

registerRules([
  {
    id: 'unreadable-file',
    severity: 'error',
    summary: 'A file could not be checked: unreadable, binary, not UTF-8 text, or larger than the limit.',
    source: 'coding-review check',
  },
]);

/** What a file-type checker receives. */
export interface CheckContext {
  codeSet: CodeSet;
  /** --date, the default date of service */
  date?: string;
  /** the file's path as given or found */
  file: string;
}

/**
 * The per-file-type dispatch: the first entry whose `matches` accepts a path checks it. Other features add
 * their file types here (e.g. `*.query.md`, notes).
 */
export const FILE_TYPES: Array<{
  name: string;
  matches: (file: string) => boolean;
  check: (text: string, ctx: CheckContext) => Finding[] | Promise<Finding[]>;
}> = [
  {
    // answer keys (docs/exercises.md): the annotation checks on the key syntax, plus the key-* rules
    name: 'answer key (.key.codes)',
    matches: (f) => f.toLowerCase().endsWith('.key.codes'),
    check: (text, ctx) => reviewKey(text, ctx.codeSet, ctx.date ? { date: ctx.date } : {}).findings,
  },
  {
    name: 'code annotation (.codes)',
    matches: (f) => f.toLowerCase().endsWith('.codes'),
    // plus the evidence rules against the linked note, as in the editor (./check-files.ts)
    check: (text, ctx) => checkCodesFile(text, ctx),
  },
  {
    // physician queries: the query-* compliance rules (docs/query-compliance.md)
    name: 'physician query (.query.md)',
    matches: (f) => f.toLowerCase().endsWith('.query.md'),
    check: (text, ctx) => checkNoteFile(text, ctx, 'query'),
  },
  {
    // clinical notes: CDI query opportunities (docs/cdi-topics.md) and note reading (docs/notes.md):
    // documented-not-coded against the linked .codes file (./check-files.ts)
    name: 'clinical note (.note)',
    matches: (f) => f.toLowerCase().endsWith('.note'),
    check: (text, ctx) => checkNoteFile(text, ctx),
  },
];

/** One finding with 1-based line/column positions, as `--format json` prints it. */
export interface JsonFinding extends PositionedFinding {
  file: string;
}

type Format = 'text' | 'json' | 'sarif';

interface Options {
  paths: string[];
  format: Format;
  date?: string;
  /** batch mode: JSON lines on stdin/stdout (./jsonl.ts) */
  jsonl?: boolean;
}

function parseCheckArgs(args: string[]): Options | 'help' {
  const out: Options = { paths: [], format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new CliError(`${name} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--jsonl') {
      out.jsonl = true;
      continue;
    }
    if (a === '--format' || a.startsWith('--format=')) {
      const v = value('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif')
        throw new CliError(`--format must be text, json or sarif, not '${v}'`);
      out.format = v;
    } else if (a === '--date' || a.startsWith('--date=')) {
      const v = value('--date');
      if (!isCalendarDate(v)) throw new CliError(`--date must be a real date written YYYY-MM-DD, not '${v}'`);
      out.date = v;
    } else if (a === '--') {
      out.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new CliError(`unknown option '${a}'`);
    else out.paths.push(a);
  }
  return out;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

/** Files to check, in a stable order; problems with the given paths are usage errors. */
function collect(paths: string[]): string[] {
  const files: string[] = [];
  const known = (f: string) => FILE_TYPES.some((t) => t.matches(f));
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new CliError(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p);
      } else if (known(e.name)) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new CliError(`no such file or folder: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else if (known(p)) files.push(p);
    else
      throw new CliError(`${p} is not a file type coding-review checks (${FILE_TYPES.map((t) => t.name).join('; ')})`);
  }
  return [...new Set(files)];
}

/** Reads a file as text, or says why it cannot be checked. */
function readText(file: string): { text: string } | { problem: string } {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES)
      return {
        problem: `${file} is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one file; it was not checked.`,
      };
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    const bytes = buf.subarray(0, off);
    if (bytes.subarray(0, 8192).includes(0))
      return { problem: `${file} looks binary (it contains NUL bytes); it was not checked.` };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { problem: `${file} is not UTF-8 text; save it as UTF-8 to check it.` };
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `${file} could not be read (${code ?? (e as Error).message}); it was not checked.` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Findings of one file with 1-based positions. */
export function toJsonFindings(file: string, text: string, findings: readonly Finding[]): JsonFinding[] {
  return positionFindings(text, findings).map((f) => ({ file, ...f }));
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** SARIF 2.1.0 log of the findings, with metadata for every rule that can be reported. */
export function toSarif(findings: readonly JsonFinding[]): unknown {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (f: string) => encodeURI(f.split(path.sep).join('/'));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'coding-review',
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { source: r.source, severity: r.severity },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          properties: { source: f.source, ...(f.code ? { code: f.code } : {}) },
        })),
      },
    ],
  };
}

function formatText(findings: readonly JsonFinding[], fileCount: number): string {
  const lines = findings.map(
    (f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}${f.source ? ` [${f.source}]` : ''}`,
  );
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(fileCount, 'file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information') + count('hint')} information.`,
  );
  return lines.join('\n') + '\n';
}

export async function runCheck(args: string[]): Promise<number> {
  let opts: Options | 'help';
  let files: string[];
  try {
    opts = parseCheckArgs(args);
    if (opts === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (opts.jsonl) {
      if (opts.paths.length) throw new CliError('--jsonl reads encounters from stdin; give no files or folders');
      return runJsonl({ date: opts.date });
    }
    if (opts.paths.length === 0) {
      process.stderr.write(`coding-review check: no files or folders given\n${USAGE}\n`);
      return 2;
    }
    files = collect(opts.paths);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`coding-review check: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (files.length === 0) {
    process.stderr.write(`coding-review check: no files to check in ${opts.paths.join(', ')} (looking for *.codes)\n`);
    return 2;
  }

  let codeSet: CodeSet;
  try {
    codeSet = loadCodeSet();
  } catch (e) {
    process.stderr.write(`coding-review check: ${(e as Error).message}\n`);
    return 2;
  }

  const progress = process.stderr.isTTY === true && files.length >= 20;
  const all: JsonFinding[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (progress && (i % 10 === 0 || i === files.length - 1))
      process.stderr.write(`\rchecking ${i + 1}/${files.length} files…`);
    const read = readText(file);
    if ('problem' in read) {
      all.push({
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: 'error',
        rule: 'unreadable-file',
        message: read.problem,
        source: ruleInfo('unreadable-file')?.source ?? 'coding-review check',
      });
      continue;
    }
    const type = FILE_TYPES.find((t) => t.matches(file));
    if (!type) continue;
    let findings: Finding[];
    try {
      findings = await type.check(read.text, { codeSet, date: opts.date, file });
    } catch (e) {
      // A checker bug must not stop the other files; say so plainly.
      findings = [
        {
          rule: 'unreadable-file',
          severity: 'error',
          span: { start: 0, end: 0 },
          message: `Internal error while checking this file (${(e as Error).message}); please report it.`,
          source: 'coding-review check',
        },
      ];
    }
    all.push(...toJsonFindings(file, read.text, findings));
  }
  if (progress) process.stderr.write('\r\x1b[K');

  if (opts.format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else if (opts.format === 'sarif') process.stdout.write(JSON.stringify(toSarif(all), null, 2) + '\n');
  else process.stdout.write(formatText(all, files.length));
  return all.some((f) => f.severity === 'error') ? 1 : 0;
}
