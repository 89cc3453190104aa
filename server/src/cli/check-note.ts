/**
 * `coding-review check` for clinical notes (`*.note`): reads the note, finds its linked annotation file
 * (a `.codes` file beside it whose `note:` header names it, else the same base name) and reports
 * documented-not-coded (core: checkNote). Node-side: reads files. Without Index data it reports nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAnnotation } from '../core/annotation/parse';
import type { AnnotationFile, Finding } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { noteReaderFor, type NoteReader } from '../core/notes/reader';
import { checkNote } from '../core/notes/rules';
import { defaultDataDir, loadPart } from '../data/load';

/** The annotation file linked to a note: `note:` header naming it, else the same base name. */
export function linkedCodesFile(notePath: string): { path: string; file: AnnotationFile } | undefined {
  const dir = path.dirname(notePath);
  const base = path.basename(notePath);
  let sameName: string | undefined;
  let entries: string[] = [];
  try {
    entries = readdirSync(dir).filter((f) => f.endsWith('.codes') && !f.endsWith('.key.codes'));
  } catch {
    return undefined;
  }
  for (const f of entries) {
    const p = path.join(dir, f);
    const file = parseAnnotation(readFileSync(p, 'utf8'));
    if (file.note && path.resolve(dir, file.note) === path.resolve(notePath)) return { path: p, file };
    if (f.slice(0, -'.codes'.length) === base.replace(/\.note$/, '')) sameName = p;
  }
  return sameName && existsSync(sameName)
    ? { path: sameName, file: parseAnnotation(readFileSync(sameName, 'utf8')) }
    : undefined;
}

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

export function checkNoteFile(text: string, ctx: { codeSet: CodeSet; date?: string; file: string }): Finding[] {
  const reader = readerFor(ctx.codeSet);
  if (!reader) return [];
  const linked = linkedCodesFile(ctx.file);
  return checkNote(reader, text, {
    codes: linked?.file,
    codesName: linked ? path.basename(linked.path) : undefined,
    date: ctx.date,
  }).findings;
}
