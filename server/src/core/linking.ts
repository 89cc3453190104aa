/**
 * Linking: which annotation file (`.codes`) goes with which clinical note, and which date of service
 * applies to each. One precedence for the editor, the CLI and every feature (docs/annotation-format.md,
 * "Linking a note"):
 *
 * - **annotation file → note**: its `note:` header (a path relative to the file; when it names no readable
 *   file that is a problem, reported as note-not-found), else the file with the same base name and the
 *   extension `.note`, then `.txt`.
 * - **note → annotation file**: a `.codes` file in the note's folder whose `note:` header names the note;
 *   else the `.codes` file with the same base name, unless its `note:` header names another file. Answer
 *   keys (`.key.codes`) are never linked this way (they are exercises, docs/exercises.md).
 * - **date of service**: of an annotation file, its `date:` header; of a note, the `date:` header of its
 *   linked annotation file, else a date written in the note (core/notes/outline.ts); then the configured
 *   default (the `clinicalCoding.defaultDateOfService` setting, `--date` on the command line); else none,
 *   and the newest edition is used (and said).
 *
 * Pure: files are reached through a `Workspace` (open documents first, then bounded reads), implemented
 * once for the server (services/workspace.ts) and once for the CLI (cli/workspace.ts). Documents are named
 * by URI strings (`file:///…`); relative `note:` paths are resolved as URLs.
 */
import { parseAnnotation } from './annotation/parse';
import type { AnnotationFile } from './annotation/types';
import { findNoteDate } from './notes/outline';

/** A document's text, or why it cannot be read. `missing`: there is no such file. */
export type ReadResult = { text: string } | { problem: string; missing?: boolean };

/** What linking needs of the files around a document. */
export interface Workspace {
  /** The open version of a document, else the file on disk, bounded (size, binary, UTF-8). */
  read(uri: string): ReadResult;
  /** The file names in the folder of `uri` (bounded; [] when the folder cannot be read). */
  siblings(uri: string): readonly string[];
}

export interface LinkedCodes {
  uri: string;
  /** file name, for messages */
  name: string;
  text: string;
  file: AnnotationFile;
}

export interface LinkedNoteText {
  uri: string;
  name: string;
  text: string;
}

export interface DateChoice {
  /** YYYY-MM-DD, '' when none applies (the newest edition is then used) */
  date: string;
  /** where it came from, in words ("the date: header of discharge.codes") */
  source: string;
}

/** Note extensions tried for an annotation file without a `note:` header, in this order. */
export const NOTE_EXTENSIONS = ['.note', '.txt'] as const;

export const isAnnotationUri = (uri: string): boolean => /\.codes$/i.test(uri);
export const isKeyUri = (uri: string): boolean => /\.key\.codes$/i.test(uri);
export const fileNameOf = (uri: string): string => {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
};
/** The URI without its last extension (`…/a.codes` → `…/a`). */
export const baseOf = (uri: string): string => uri.replace(/\.[^./]*$/, '');
/** The URI in its normal form (percent-encoding as `new URL` writes it), for comparisons. */
export function normalUri(uri: string): string {
  try {
    return new URL(uri).toString();
  } catch {
    return uri;
  }
}

/** `note:` (relative to the annotation file) as a URI; undefined when it cannot be one. */
export function resolveRelative(ref: string, fromUri: string): string | undefined {
  try {
    return new URL(ref.replace(/\\/g, '/'), fromUri).toString();
  } catch {
    return undefined;
  }
}

/** At most this many `.codes` siblings are read when looking for the annotation file of a note. */
export const MAX_SIBLINGS = 200;

export class Linker {
  /** parsed annotation files by URI, reused while the text is the same */
  private readonly parsed = new Map<string, { text: string; file: AnnotationFile }>();

  constructor(readonly workspace: Workspace) {}

  /** The annotation file's parse, cached by text. */
  annotation(uri: string, text: string): AnnotationFile {
    const hit = this.parsed.get(uri);
    if (hit && hit.text === text) return hit.file;
    const file = parseAnnotation(text);
    this.parsed.set(uri, { text, file });
    if (this.parsed.size > 500) this.parsed.delete(this.parsed.keys().next().value!);
    return file;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }

  /**
   * The note an annotation file codes. `{ problem }` only for a `note:` header that names no readable
   * file; undefined when there is no header and no same-name note.
   */
  noteFor(codesUri: string, file: AnnotationFile): LinkedNoteText | { problem: string } | undefined {
    if (file.note) {
      const uri = resolveRelative(file.note, codesUri);
      if (!uri) return { problem: 'is not a valid path' };
      const r = this.workspace.read(uri);
      if ('text' in r) return { uri, name: fileNameOf(uri), text: r.text };
      return { problem: r.missing ? 'was not found beside this file' : r.problem };
    }
    for (const ext of NOTE_EXTENSIONS) {
      const uri = baseOf(codesUri) + ext;
      if (uri === codesUri) continue;
      const r = this.workspace.read(uri);
      if ('text' in r) return { uri, name: fileNameOf(uri), text: r.text };
    }
    return undefined;
  }

  /** The annotation file of a note (see the module comment for the order). */
  codesFor(noteUri: string): LinkedCodes | undefined {
    if (isAnnotationUri(noteUri)) return undefined;
    const target = normalUri(noteUri);
    const base = fileNameOf(baseOf(noteUri));
    const names = this.workspace.siblings(noteUri).filter((f) => isAnnotationUri(f) && !isKeyUri(f));
    // the same-name file first, then the others (bounded)
    const sameName = `${base}.codes`;
    const ordered = [
      ...names.filter((f) => f === sameName),
      ...names.filter((f) => f !== sameName).slice(0, MAX_SIBLINGS),
    ];
    let fallback: LinkedCodes | undefined;
    for (const name of ordered) {
      const uri = resolveRelative(encodeURIComponent(name), noteUri);
      if (!uri) continue;
      const r = this.workspace.read(uri);
      if (!('text' in r)) continue;
      const file = this.annotation(uri, r.text);
      const linked = { uri, name, text: r.text, file };
      if (file.note) {
        if (resolveRelative(file.note, uri) === target) return linked;
      } else if (name === sameName) fallback = linked;
    }
    return fallback;
  }

  /** The date of service of a note (see noteDate). */
  noteDate(noteText: string, codes: LinkedCodes | undefined, fallback?: DateChoice): DateChoice {
    return noteDate(noteText, codes, fallback);
  }
}

/** The date of service of a note: its annotation file's header, else the note's own date, else `fallback`. */
export function noteDate(
  noteText: string,
  codes: Pick<LinkedCodes, 'file' | 'name'> | undefined,
  fallback?: DateChoice,
): DateChoice {
  if (codes?.file.date) return { date: codes.file.date, source: `the date: header of ${codes.name}` };
  const found = findNoteDate(noteText);
  if (found) return { date: found.date, source: `the date on line ${found.line + 1} of this note` };
  return fallback?.date ? fallback : NO_DATE;
}

/** The date of service of an annotation file: its header, else `fallback`. */
export function annotationDate(file: AnnotationFile, fallback?: DateChoice): DateChoice {
  if (file.date) return { date: file.date, source: 'the date: header of this file' };
  return fallback?.date ? fallback : NO_DATE;
}

export const NO_DATE: DateChoice = {
  date: '',
  source: 'no date of service in the file, so the newest edition is used',
};
