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
import { noteReaderFor } from '../core/notes/reader';
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

export function checkNoteFile(text: string, ctx: { codeSet: CodeSet; date?: string; file: string }): Finding[] {
  let index;
  try {
    index = loadPart(defaultDataDir(), 'index');
  } catch {
    return [];
  }
  const linked = linkedCodesFile(ctx.file);
  return checkNote(noteReaderFor(index, ctx.codeSet), text, {
    codes: linked?.file,
    codesName: linked ? path.basename(linked.path) : undefined,
    date: ctx.date,
  }).findings;
}
