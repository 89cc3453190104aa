/**
 * `coding-review grade KEY [STUDENT…] [--format text|json|markdown|html|csv] [--out FILE] [--date D]
 *   [--weight KIND=N]… [--extra-weight N] [--overrides FILE.tsv]`
 * Grades student `.codes` answers against an answer key (docs/exercises.md). One student file gives a grade
 * report; a folder, several files, or no STUDENT at all (the answers beside the key) give a class report.
 * Exit: 0 graded; 1 graded but the answer key has errors; 2 usage, file or data problems.
 * --out never overwrites: when FILE exists the report goes to FILE-2, FILE-3 … and stderr says so.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseAnnotation } from '../core/annotation/parse';
import { PARTIAL_KINDS, type GradeOptions, type PartialKind } from '../core/grading/grade';
import {
  classReport,
  renderClass,
  renderGrade,
  REPORT_FORMATS,
  type GradedStudent,
  type ReportFormat,
  type ReportMeta,
} from '../core/grading/report';
import { parseOverrides, type Override } from '../core/grading/overrides';
import { exerciseName, gradeTexts, isKeyFile, reviewKey, studentFor } from '../core/grading/review';
import { parseKeyAnnotation } from '../core/grading/key';
import { defaultDataDir } from '../data/load';
import { CliError, loadCodeSet } from './codeset-loader';
import { noteSupport } from '../node/note-support';

const USAGE =
  'usage: coding-review grade KEY.key.codes [STUDENT.codes|FOLDER …] [--format text|json|markdown|html|csv] [--out FILE] [--date YYYY-MM-DD] [--weight KIND=N]… [--extra-weight N] [--overrides FILE.tsv]\n' +
  `  KIND is one of ${PARTIAL_KINDS.join(', ')}; N between 0 and 1.`;

interface GradeArgs {
  key?: string;
  students: string[];
  format: ReportFormat;
  out?: string;
  /** trainer overrides file; default NAME.overrides.tsv beside the key when it exists */
  overrides?: string;
  options: GradeOptions;
}

function parse(args: string[]): GradeArgs {
  const out: GradeArgs = { students: [], format: 'text', options: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq >= 0 && a.startsWith('--')) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new CliError(`${name} needs a value`);
      return v;
    };
    const flag = a.startsWith('--') ? a.split('=')[0] : undefined;
    if (flag === '--format') {
      const f = value('--format');
      if (f === 'md') out.format = 'markdown';
      else if ((REPORT_FORMATS as readonly string[]).includes(f)) out.format = f as ReportFormat;
      else throw new CliError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not '${f}'`);
    } else if (flag === '--out') out.out = value('--out');
    else if (flag === '--overrides') out.overrides = value('--overrides');
    else if (flag === '--date') {
      const d = value('--date');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new CliError(`--date must be YYYY-MM-DD, not '${d}'`);
      out.options.date = d;
    } else if (flag === '--weight') {
      const v = value('--weight');
      const m = /^([a-z0-9-]+)=(\d+(?:\.\d+)?)$/.exec(v);
      const kind = m?.[1] === '7th' ? 'seventh-character' : m?.[1];
      if (!m || !(PARTIAL_KINDS as readonly string[]).includes(kind!) || Number(m[2]) > 1)
        throw new CliError(
          `--weight takes KIND=N with KIND one of ${PARTIAL_KINDS.join(', ')} and N from 0 to 1, not '${v}'`,
        );
      out.options.partialWeights = { ...out.options.partialWeights, [kind as PartialKind]: Number(m[2]) };
    } else if (flag === '--extra-weight') {
      const v = value('--extra-weight');
      if (!/^\d+(\.\d+)?$/.test(v)) throw new CliError(`--extra-weight must be a number ≥ 0, not '${v}'`);
      out.options.extraWeight = Number(v);
    } else if (a.startsWith('--')) throw new CliError(`unknown option '${a}'`);
    else if (out.key === undefined) out.key = a;
    else out.students.push(a);
  }
  return out;
}

function readText(file: string, what: string): string {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new CliError(`${what} ${file} is not a file`);
    if (st.size > 5_000_000) throw new CliError(`${what} ${file} is larger than 5 MB; is it really a .codes file?`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `${what} ${file} does not exist` : `cannot read ${what} ${file}: ${(e as Error).message}`,
    );
  }
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, out);
    } else if (e.isFile() && /\.codes$/i.test(e.name)) out.push(p);
  }
}

/** Writes a new file; never replaces one. Returns the path written. */
export function writeNewFile(file: string, content: string): string {
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? file : `${stem}-${n}${ext}`;
    let fd: number;
    try {
      fd = openSync(candidate, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new CliError(`cannot write ${candidate}: ${(e as Error).message}`);
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return candidate;
  }
  throw new CliError(`${file} and 998 numbered variants already exist; choose another --out name`);
}

export async function runGrade(args: string[]): Promise<number> {
  try {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const a = parse(args);
    if (!a.key) throw new CliError(`grade needs an answer key\n${USAGE}`);
    if (!isKeyFile(a.key))
      process.stderr.write(
        `coding-review grade: note: ${a.key} is not named NAME.key.codes; using it as the answer key anyway.\n`,
      );
    const keyText = readText(a.key, 'answer key');
    const cs = loadCodeSet();
    const support = noteSupport(a.key, parseKeyAnnotation(keyText), cs, defaultDataDir());
    const review = reviewKey(keyText, cs, { ...(a.options.date ? { date: a.options.date } : {}), ...support });
    const meta: ReportMeta = { keyFile: a.key, keyFindings: review.lines };

    // Students: explicit files are taken as given; folders (and the key's folder when none is given) are
    // searched for answers to this key.
    let classMode = a.students.length !== 1;
    const files: Array<{ file: string; name: string; text: string }> = [];
    const consider = (file: string, explicit: boolean): void => {
      if (path.resolve(file) === path.resolve(a.key!)) return;
      const text = readText(file, 'student answer');
      const header = parseAnnotation(text).key;
      const who = studentFor(a.key!, file, header);
      if (who) files.push({ file, name: who.name, text });
      else if (explicit) files.push({ file, name: path.basename(file).replace(/\.codes$/i, ''), text });
    };
    const sources = a.students.length ? a.students : [path.dirname(a.key)];
    for (const s of sources) {
      if (!existsSync(s)) throw new CliError(`student answer ${s} does not exist`);
      if (statSync(s).isDirectory()) {
        classMode = true;
        const found: string[] = [];
        walk(s, found);
        for (const f of found) consider(f, false);
      } else consider(s, true);
    }
    if (files.length === 0)
      throw new CliError(
        `no student answers found for ${a.key}: name them ${path.basename(a.key).replace(/\.key\.codes$/i, '')}.<student>.codes beside the key, or put 'key: ${path.basename(a.key)}' in their header`,
      );

    // Trainer overrides: --overrides FILE, else NAME.overrides.tsv beside the key.
    const ex = exerciseName(a.key);
    const defaultOverrides = ex ? path.join(path.dirname(a.key), `${ex}.overrides.tsv`) : undefined;
    const overridesFile =
      a.overrides ?? (defaultOverrides && existsSync(defaultOverrides) ? defaultOverrides : undefined);
    let overrides: Override[] = [];
    if (overridesFile) {
      const parsed = parseOverrides(readText(overridesFile, 'overrides file'));
      overrides = parsed.overrides;
      for (const p of parsed.problems)
        process.stderr.write(`coding-review grade: ${overridesFile}:${p.line}: ${p.message}\n`);
    }

    const graded: GradedStudent[] = files.map((f) => ({
      name: f.name,
      file: f.file,
      result: gradeTexts(review.file, f.text, cs, { ...a.options, student: f.name, overrides }),
    }));
    const report = classMode
      ? renderClass(a.format, classReport(graded, meta), meta)
      : renderGrade(a.format, graded[0]!, meta);
    if (a.out) {
      const written = writeNewFile(a.out, report);
      if (written !== a.out)
        process.stderr.write(`coding-review grade: ${a.out} already exists; wrote ${written} instead.\n`);
      else process.stderr.write(`coding-review grade: wrote ${written}\n`);
    } else process.stdout.write(report);
    const keyErrors = review.findings.filter((f) => f.severity === 'error');
    if (keyErrors.length) {
      process.stderr.write(`coding-review grade: the answer key has ${keyErrors.length} error(s):\n`);
      for (const f of review.lines.filter((l) => l.severity === 'error'))
        process.stderr.write(`  ${a.key}:${f.line}: ${f.message} [${f.rule}]\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`coding-review grade: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
