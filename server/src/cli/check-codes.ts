/**
 * `coding-review check` for annotation files (`*.codes`): the annotation checks, and, when the linked note is
 * there (the `note:` header, a path relative to the file; without one, a `.note`/`.txt` with the same base name),
 * the evidence rules against it, exactly as the editor runs them (features/notes.ts): evidence-not-found,
 * unsupported-code, negated-evidence, uncertain-diagnosis-outpatient, more-specific-code-documented; quick-fix
 * candidates the note documents come first. A `note:` file that cannot be read gives note-not-found.
 * Node-side: reads files. The note reader is built once per run (check-note.ts readerFor).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkAnnotation } from '../core/annotation/check';
import { parseAnnotation } from '../core/annotation/parse';
import { filterLinked, noteNotFound } from '../core/annotation/rules/note-link';
import type { AnnotationFile, Finding } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { checkCodesAgainstNote } from '../core/notes/rules';
import { readerFor } from './check-note';

/** Notes larger than this are not read (as in the editor). */
const MAX_NOTE_BYTES = 2 * 1024 * 1024;

/** The linked note's path and text, or why it cannot be read (only for a `note:` header), or nothing. */
export function readLinkedNote(
  codesPath: string,
  file: AnnotationFile,
): { path: string; name: string; text: string } | { problem: string } | undefined {
  const dir = path.dirname(codesPath);
  const candidates = file.note
    ? [path.resolve(dir, file.note)]
    : ['.note', '.txt'].map((ext) => path.join(dir, path.basename(codesPath).replace(/\.codes$/i, '') + ext));
  for (const p of candidates) {
    let size: number;
    try {
      const st = statSync(p);
      if (!st.isFile()) {
        if (file.note) return { problem: 'is a folder, not a file' };
        continue;
      }
      size = st.size;
    } catch {
      continue;
    }
    if (size > MAX_NOTE_BYTES)
      return file.note ? { problem: `is larger than ${MAX_NOTE_BYTES / 1024 / 1024} MB` } : undefined;
    try {
      const bytes = readFileSync(p);
      if (bytes.subarray(0, 8192).includes(0)) return file.note ? { problem: 'looks binary' } : undefined;
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return { path: p, name: path.basename(p), text };
    } catch (e) {
      if (!file.note) return undefined;
      const code = (e as NodeJS.ErrnoException).code;
      return { problem: code ? `could not be read (${code})` : 'is not UTF-8 text' };
    }
  }
  if (file.note) return { problem: existsSync(candidates[0]) ? 'could not be read' : 'was not found beside this file' };
  return undefined;
}

export function checkCodesFile(text: string, ctx: { codeSet: CodeSet; date?: string; file: string }): Finding[] {
  const file = parseAnnotation(text);
  const note = readLinkedNote(ctx.file, file);
  if (!note) return checkAnnotation(file, ctx.codeSet, { date: ctx.date });
  if ('problem' in note) {
    const f = noteNotFound(file, note.problem);
    return [...checkAnnotation(file, ctx.codeSet, { date: ctx.date }), ...(f ? filterLinked(file, [f]) : [])].sort(
      byPosition,
    );
  }
  const reader = readerFor(ctx.codeSet);
  // without the Alphabetic Index data the note cannot be read: the annotation checks only
  if (!reader) return checkAnnotation(file, ctx.codeSet, { date: ctx.date });
  // the date of service: the file's `date:` header, else --date (as checkAnnotation and the editor use it)
  const date = file.date ?? (file.headers.some((h) => h.key === 'date') ? undefined : ctx.date);
  const analysis = reader.analyze(note.text, date ? { date } : {});
  const linked = { name: note.name, text: note.text, analysis };
  const findings = checkAnnotation(file, ctx.codeSet, { date: ctx.date, note: linked });
  const evidence = checkCodesAgainstNote({ codes: file, note: linked, codeSet: reader.codeSet });
  return [...findings, ...filterLinked(file, evidence)].sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
