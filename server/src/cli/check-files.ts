/**
 * `coding-review check` for annotation files (`*.codes`) and notes (`*.note`), through the one review entry
 * point the editor uses too (core/review.ts) and the one linking service (core/linking.ts, over the CLI's
 * Workspace, ./workspace.ts): the annotation checks, note-not-found and the evidence rules against the linked
 * note; in notes, code-shaped tokens, CDI query opportunities and documented-not-coded against the linked
 * annotation file. Node-side: reads files. The note reader is built once per code set.
 */
import { pathToFileURL } from 'node:url';
import type { Finding } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { Linker } from '../core/linking';
import { noteReaderFor, type NoteReader } from '../core/notes/reader';
import { reviewAnnotation, reviewNote } from '../core/review';
import { defaultDataDir, loadPart } from '../data/load';
import { CliWorkspace } from './workspace';

/** The note reader, built once per code set (loading the Index and building its matcher takes ~1 s). */
const readers = new WeakMap<CodeSet, NoteReader | null>();
export function readerFor(cs: CodeSet): NoteReader | null {
  let r = readers.get(cs);
  if (r === undefined) {
    try {
      r = noteReaderFor(loadPart(defaultDataDir(), 'index'), cs);
    } catch {
      r = null;
    }
    readers.set(cs, r);
  }
  return r;
}

const linker = new Linker(new CliWorkspace());
const fallbackDate = (date: string | undefined) => (date ? { date, source: '--date' } : undefined);

export interface FileCheck {
  codeSet: CodeSet;
  /** --date */
  date?: string;
  /** the file's path */
  file: string;
}

export function checkCodesFile(text: string, ctx: FileCheck): Finding[] {
  const uri = pathToFileURL(ctx.file).toString();
  const file = linker.annotation(uri, text);
  const note = linker.noteFor(uri, file);
  const reader = note && 'text' in note ? (readerFor(ctx.codeSet) ?? undefined) : undefined;
  return reviewAnnotation({ file, codeSet: ctx.codeSet, defaultDate: ctx.date, note, reader });
}

export function checkNoteFile(text: string, ctx: FileCheck, kind: 'note' | 'query' = 'note'): Finding[] {
  const uri = pathToFileURL(ctx.file).toString();
  const codes = kind === 'note' ? linker.codesFor(uri) : undefined;
  const date = linker.noteDate(text, codes, fallbackDate(ctx.date)).date;
  return reviewNote({
    kind,
    uri,
    text,
    codeSet: ctx.codeSet,
    editionIndex: ctx.codeSet.editionIndexFor(date),
    date,
    codes,
    reader: codes ? (readerFor(ctx.codeSet) ?? undefined) : undefined,
  });
}
