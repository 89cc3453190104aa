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
import { parseAnnotation } from '../core/annotation/parse';
import type { Finding } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { noteReaderFor, type NoteReader } from '../core/notes/reader';
import { noteDate } from '../core/linking';
import { reviewAnnotation, reviewNote, type Analyze } from '../core/review';
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
    const reader = note !== undefined ? engine.reader() : null;
    if (note !== undefined && !reader) noteSkipped = 'no Alphabetic Index data (index.json.gz); the note was not read';
    // the same review as `check` and the editor (core/review.ts), with the note given inline
    // one analysis per note and date for both sides (the line is stateless: nothing is kept after it)
    const analyses = new Map<string, ReturnType<Analyze>>();
    const analyze: Analyze = (r, n, date) => {
      let a = analyses.get(date);
      if (!a) analyses.set(date, (a = r.analyze(n.text, date ? { date } : {})));
      return a;
    };
    const noteText = note !== undefined ? { uri: 'jsonl:note', name: file.note ?? 'the note', text: note } : undefined;
    const onCodes = reviewAnnotation({
      file,
      codeSet: engine.codeSet,
      defaultDate: engine.date,
      note: noteText,
      reader: reader ?? undefined,
      analyze,
    });
    const findings = positions('codes', codes, onCodes);
    if (noteText) {
      const linkedCodes = { uri: 'jsonl:codes', name: 'the "codes" field', text: codes, file };
      const fallback = engine.date ? { date: engine.date, source: '--date' } : undefined;
      const date = noteDate(noteText.text, linkedCodes, fallback).date;
      const inNote = reviewNote({
        uri: noteText.uri,
        text: noteText.text,
        codeSet: engine.codeSet,
        editionIndex: engine.codeSet.editionIndexFor(date),
        date,
        codes: linkedCodes,
        reader: reader ?? undefined,
        analyze,
      });
      findings.push(...positions('note', noteText.text, inNote));
    }
    const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const f of findings) counts[f.severity]++;
    return { id, line: lineNo, findings, counts, ...(noteSkipped ? { noteSkipped } : {}) };
  } catch (e) {
    return fail(id, `internal error while checking this encounter (${(e as Error).message}); please report it`);
  }
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
