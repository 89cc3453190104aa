/**
 * `coding-review check --jsonl [--date YYYY-MM-DD]`: batch mode for distributed engines (docs/scaling.md).
 * Reads one encounter per line on stdin, `{"id": …, "codes": "<annotation text>", "note": "<note text>"}`
 * (`note` optional), and writes one JSON result per line on stdout, in input order:
 *   {"id", "line", "findings": [{in, line, column, endLine, endColumn, severity, rule, message, code?, source}],
 *    "counts": {error, warning, information, hint}}
 * or, for a line that cannot be read, {"id", "line", "error": {"message"}} — never a crash.
 * Stateless per line (no line sees another), streaming (one line in memory at a time, back-pressure on
 * stdout), data loaded once. Exit 0 when the input was read to its end (findings never change the exit code,
 * so a Spark/parallel map step does not fail on a coding error), 2 on usage or data problems.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { checkAnnotation, type LinkedNote } from '../core/annotation/check';
import { findQueryOpportunities } from '../core/cdi/opportunities';
import { parseAnnotation } from '../core/annotation/parse';
import { filterLinked } from '../core/annotation/rules/note-link';
import type { Finding } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { noteReaderFor, type NoteReader } from '../core/notes/reader';
import { checkCodesAgainstNote, checkNote } from '../core/notes/rules';
import type { Severity } from '../core/types';
import { defaultDataDir, loadPart } from '../data/load';
import { loadCodeSet } from './codeset-loader';
import { positionFindings, type PositionedFinding } from './json-findings';

/** A line (one encounter) longer than this is answered with an error object, not checked. */
export const MAX_JSONL_LINE = 12 * 1024 * 1024;
/** `codes` or `note` longer than this (UTF-16 units) is refused, like a file over the check size limit. */
export const MAX_FIELD_CHARS = 5 * 1024 * 1024;

export interface JsonlFinding extends PositionedFinding {
  /** which text the position is in */
  in: 'codes' | 'note';
}

export type JsonlResult =
  | {
      id: unknown;
      line: number;
      findings: JsonlFinding[];
      counts: Record<Severity, number>;
      /** set when the note could not be read against the codes (e.g. no Alphabetic Index data) */
      noteSkipped?: string;
    }
  | { id: unknown; line: number; error: { message: string } };

export interface JsonlEngine {
  codeSet: CodeSet;
  /** the note reader, built on first use; null when the Index data is missing */
  reader: () => NoteReader | null;
  date?: string;
}

export function createEngine(codeSet: CodeSet, dataDir: string, date?: string): JsonlEngine {
  let reader: NoteReader | null | undefined;
  return {
    codeSet,
    date,
    reader: () => {
      if (reader === undefined) {
        try {
          reader = noteReaderFor(loadPart(dataDir, 'index'), codeSet);
        } catch {
          reader = null;
        }
      }
      return reader;
    },
  };
}

function positions(where: 'codes' | 'note', text: string, findings: readonly Finding[]): JsonlFinding[] {
  return positionFindings(text, findings).map((f) => ({ in: where, ...f }));
}

/** Checks one input line. Pure apart from the engine's lazily built reader; never throws. */
export function checkJsonlLine(raw: string, lineNo: number, engine: JsonlEngine): JsonlResult {
  const fail = (id: unknown, message: string): JsonlResult => ({ id, line: lineNo, error: { message } });
  if (raw.length > MAX_JSONL_LINE)
    return fail(null, `line ${lineNo} is ${raw.length} characters, over the ${MAX_JSONL_LINE} limit; not checked`);
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return fail(null, `line ${lineNo} is not valid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return fail(null, `line ${lineNo} must be a JSON object {"id", "codes", "note"}`);
  const o = v as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : null;
  if (id === null) return fail(null, `line ${lineNo}: "id" must be a string or a number`);
  if (typeof o.codes !== 'string') return fail(id, `"codes" must be a string (the annotation file's text)`);
  if (o.note !== undefined && o.note !== null && typeof o.note !== 'string')
    return fail(id, `"note" must be a string (the note's text) when given`);
  const codes = o.codes;
  const note = typeof o.note === 'string' ? o.note : undefined;
  if (codes.length > MAX_FIELD_CHARS || (note?.length ?? 0) > MAX_FIELD_CHARS)
    return fail(id, `"codes" and "note" may each be at most ${MAX_FIELD_CHARS} characters; not checked`);
  try {
    const file = parseAnnotation(codes);
    let noteSkipped: string | undefined;
    let linked: { onCodes: Finding[]; inNote: Finding[]; note: LinkedNote } | undefined;
    if (note !== undefined) {
      const reader = engine.reader();
      if (!reader) noteSkipped = 'no Alphabetic Index data (index.json.gz); the note was not read';
      else {
        const name = file.note ?? 'the note';
        const { analysis, findings: inNote } = checkNote(reader, note, {
          codes: file,
          codesName: 'the "codes" field',
          date: engine.date,
        });
        const onCodes = checkCodesAgainstNote({
          codes: file,
          note: { text: note, analysis, name },
          codeSet: reader.codeSet,
        });
        linked = { onCodes: filterLinked(file, onCodes), inNote, note: { text: note, analysis, name } };
      }
    }
    // with the note, the quick-fix candidates it documents come first (as in `check` and the editor)
    const findings = positions(
      'codes',
      codes,
      checkAnnotation(file, engine.codeSet, { date: engine.date, ...(linked ? { note: linked.note } : {}) }),
    );
    if (linked) findings.push(...positions('codes', codes, linked.onCodes), ...positions('note', note!, linked.inNote));
    // the note's CDI query opportunities, as `check` and the editor give them (one rule set); the options are
    // filtered by the encounter's edition
    if (note !== undefined) {
      const edition = linked?.note.analysis.edition.index ?? editionOf(engine.codeSet, file.date ?? engine.date);
      findings.push(...positions('note', note, findQueryOpportunities(note, engine.codeSet, edition)));
    }
    const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const f of findings) counts[f.severity]++;
    return { id, line: lineNo, findings, counts, ...(noteSkipped ? { noteSkipped } : {}) };
  } catch (e) {
    return fail(id, `internal error while checking this encounter (${(e as Error).message}); please report it`);
  }
}

/** The edition in force on a date (the nearest one outside the editions, the newest without a date). */
function editionOf(codeSet: CodeSet, date: string | undefined): number | undefined {
  if (!date) return codeSet.editions.length - 1;
  const r = codeSet.editionFor(date);
  return r.ok ? r.index : r.nearest?.index;
}

/** Streams stdin to stdout. Resolves with the exit code. */
export async function runJsonl(
  opts: { date?: string },
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<number> {
  let codeSet: CodeSet;
  try {
    codeSet = loadCodeSet();
  } catch (e) {
    process.stderr.write(`coding-review check --jsonl: ${(e as Error).message}\n`);
    return 2;
  }
  const engine = createEngine(codeSet, defaultDataDir(), opts.date);
  let closed = false;
  output.on('error', () => {
    closed = true; // EPIPE: the reader went away (e.g. `| head`); stop quietly
  });
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let lineNo = 0;
  for await (const raw of rl) {
    lineNo++;
    if (closed) break;
    if (raw.trim() === '') continue;
    const out = JSON.stringify(checkJsonlLine(raw, lineNo, engine)) + '\n';
    if (!output.write(out)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          output.off('drain', done);
          output.off('error', done);
          output.off('close', done);
          resolve();
        };
        output.on('drain', done);
        output.on('error', done);
        output.on('close', done);
      });
    }
  }
  rl.close();
  return 0;
}
