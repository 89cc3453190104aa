/**
 * The one entry point of the review, called by the CLI (`coding-review check`, `--jsonl`) and by the
 * language server alike, so both report the same findings for the same files (test/server/parity.test.ts):
 *
 * - `reviewAnnotation`: the annotation checks (core/annotation/check.ts), note-not-found, and the evidence
 *   rules against the linked note (core/notes/rules.ts), suppression comments applied, sorted by position;
 * - `reviewNote`: code-shaped tokens (core/notes/noteFindings.ts), CDI query opportunities
 *   (core/cdi/opportunities.ts) and documented-not-coded against the linked annotation file; for a physician
 *   query (`*.query.md`), code-shaped tokens and the query compliance rules (core/cdi/check.ts).
 *
 * The callers find the linked file and the date of service with core/linking.ts; nothing here reads files.
 */
import { checkAnnotation } from './annotation/check';
import { filterLinked, noteNotFound } from './annotation/rules/note-link';
import type { AnnotationFile } from './annotation/types';
import type { Finding } from './findings/types';
import { checkQuery } from './cdi/check';
import { findQueryOpportunities } from './cdi/opportunities';
import type { CodeSet } from './codeset/api';
import type { LinkedCodes, LinkedNoteText } from './linking';
import { findCodeTokens } from './notes/codeTokens';
import { checkNoteTokens } from './notes/noteFindings';
import type { NoteAnalysis, NoteReader } from './notes/reader';
import { checkCodesAgainstNote, checkNoteAgainstCodes } from './notes/rules';
import { isSuppressedAt, suppressionsOf } from './suppression';
import { LineIndex } from './text/positions';

/** Reads a note with the reader for a date; callers may cache (the server does). */
export type Analyze = (reader: NoteReader, note: { uri: string; text: string }, date: string) => NoteAnalysis;
const analyzeDirect: Analyze = (reader, note, date) => reader.analyze(note.text, date ? { date } : {});

export interface AnnotationReview {
  file: AnnotationFile;
  /** undefined when the data could not be loaded: the file's syntax problems only */
  codeSet?: CodeSet;
  /** the configured default date of service (setting, `--date`), for a file without `date:` */
  defaultDate?: string;
  /** the configured default setting, for a file without `setting:` */
  defaultSetting?: 'inpatient' | 'outpatient';
  /** the linked note (core/linking.ts Linker.noteFor) */
  note?: LinkedNoteText | { problem: string };
  /** the note reader; undefined without Alphabetic Index data (the note is then not read) */
  reader?: NoteReader;
  analyze?: Analyze;
}

const FORMAT_SOURCE = 'annotation format (docs/annotation-format.md)';

export function reviewAnnotation(r: AnnotationReview): Finding[] {
  const { file, codeSet } = r;
  if (!codeSet) {
    return file.problems.map((p) => ({
      rule: p.rule,
      severity: p.severity,
      span: p.span,
      message: p.message,
      source: FORMAT_SOURCE,
      ...(p.data ? { data: p.data } : {}),
    }));
  }
  const options = {
    ...(r.defaultDate ? { date: r.defaultDate } : {}),
    ...(r.defaultSetting ? { setting: r.defaultSetting } : {}),
  };
  const note = r.note;
  if (note && 'problem' in note) {
    const f = noteNotFound(file, note.problem);
    return sortFindings([...checkAnnotation(file, codeSet, options), ...(f ? filterLinked(file, [f]) : [])]);
  }
  if (!note || !r.reader) return checkAnnotation(file, codeSet, options);
  // the date of service: the file's `date:` header, else the default (as checkAnnotation uses it); a `date:`
  // header that is not a date stays no date (checkAnnotation reports it)
  const date = file.date ?? (file.headers.some((h) => h.key === 'date') ? '' : (r.defaultDate ?? ''));
  const analysis = (r.analyze ?? analyzeDirect)(r.reader, note, date);
  const linked = { name: note.name, text: note.text, analysis };
  const findings = checkAnnotation(file, codeSet, { ...options, note: linked });
  const evidence = checkCodesAgainstNote({ codes: file, note: linked, codeSet: r.reader.codeSet });
  return sortFindings([...findings, ...filterLinked(file, evidence)]);
}

export interface NoteReview {
  /** 'query': a physician query (`*.query.md`) */
  kind?: 'note' | 'query';
  text: string;
  uri: string;
  codeSet?: CodeSet;
  /** the edition used (core/codeset editionIndexFor of the note's date of service) */
  editionIndex?: number;
  /** the date of service (core/linking.ts Linker.noteDate), '' for none */
  date: string;
  /** the linked annotation file (Linker.codesFor) */
  codes?: LinkedCodes;
  reader?: NoteReader;
  analyze?: Analyze;
  /** lines (0-based) too long to read: no code tokens are looked for there */
  skipLines?: ReadonlySet<number>;
  /** memo for code tokens (the server keeps one across versions) */
  tokenFindings?: (
    raw: string,
    edition: number,
    compute: () => Array<Omit<Finding, 'span'>>,
  ) => Array<Omit<Finding, 'span'>>;
}

export function reviewNote(r: NoteReview): Finding[] {
  const cs = r.codeSet;
  const out: Finding[] = r.kind === 'query' ? checkQuery(r.text) : [];
  if (cs && r.editionIndex !== undefined) out.push(...codeTokenFindings(r, cs, r.editionIndex));
  if (r.kind === 'query' || !cs || r.editionIndex === undefined) return suppressed(r.text, out);
  out.push(...findQueryOpportunities(r.text, cs, r.editionIndex));
  if (r.reader && r.codes) {
    const analysis = (r.analyze ?? analyzeDirect)(r.reader, r, r.date);
    out.push(
      ...checkNoteAgainstCodes({
        text: r.text,
        analysis,
        codes: r.codes.file,
        codesName: r.codes.name,
        codeSet: r.reader.codeSet,
        reader: r.reader,
      }),
    );
  }
  return suppressed(r.text, out);
}

/** Drops what suppression comments in the text turn off; sorted by position. */
function suppressed(text: string, out: Finding[]): Finding[] {
  const sup = suppressionsOf(text);
  if (sup.file.size === 0 && sup.lines.size === 0) return sortFindings(out);
  const lines = new LineIndex(text);
  return sortFindings(out.filter((f) => !isSuppressedAt(sup, f.rule, lines.positionAt(f.span.start).line)));
}

function codeTokenFindings(r: NoteReview, cs: CodeSet, edition: number): Finding[] {
  const skip = r.skipLines?.size ? lineSkipper(r.text, r.skipLines) : undefined;
  const tokens = findCodeTokens(r.text, (cat) => cs.row(cat) !== undefined, skip ? { skipLine: skip } : {});
  const out: Finding[] = [];
  for (const t of tokens) {
    const compute = () =>
      checkNoteTokens([{ ...t, span: { start: 0, end: 0 } }], cs, edition).map(({ span: _span, ...rest }) => rest);
    const found = r.tokenFindings ? r.tokenFindings(t.raw, edition, compute) : compute();
    for (const f of found) out.push({ ...f, span: t.span });
  }
  return out;
}

/** Offsets of the given lines, as a predicate for the token finder. */
function lineSkipper(text: string, lines: ReadonlySet<number>): (start: number, end: number) => boolean {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    if (lines.has(line)) ranges.push([start, nl]);
    start = nl + 1;
    line++;
  }
  return (s) => ranges.some(([a, b]) => s >= a && s <= b);
}

export function sortFindings(list: Finding[]): Finding[] {
  return list.sort(
    (a, b) =>
      a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
