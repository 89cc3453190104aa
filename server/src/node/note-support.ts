/**
 * Note support for answer keys (the key-unsupported rule, docs/exercises.md): reads the key's `note:` file and
 * asks the note reader (Alphabetic Index) whether each answer is documented. Node-side (reads files); used by
 * `coding-review grade` and the grading feature. Returns undefined when note reading is not available (no
 * note header, note missing, no index data): the rule is then skipped, never guessed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnnotationFile, CodeLine } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import type { KeyCheckOptions } from '../core/grading/key';
import { noteReaderFor, type NoteReader } from '../core/notes/reader';
import { findEvidence, supportFor } from '../core/notes/rules';
import { loadPart } from '../data/load';

const readers = new WeakMap<CodeSet, NoteReader | null>();

function readerFor(cs: CodeSet, dataDir: string): NoteReader | undefined {
  let r = readers.get(cs);
  if (r === undefined) {
    try {
      r = noteReaderFor(loadPart(dataDir, 'index'), cs);
    } catch {
      r = null;
    }
    readers.set(cs, r);
  }
  return r ?? undefined;
}

export function noteSupport(
  keyPath: string,
  key: AnnotationFile,
  cs: CodeSet,
  dataDir: string,
): Pick<KeyCheckOptions, 'supportedByNote' | 'noteName'> | undefined {
  if (!key.note) return undefined;
  const notePath = path.resolve(path.dirname(keyPath), key.note);
  if (!existsSync(notePath) || !statSync(notePath).isFile() || statSync(notePath).size > 2_000_000) return undefined;
  const reader = readerFor(cs, dataDir);
  if (!reader) return undefined;
  const text = readFileSync(notePath, 'utf8');
  const analysis = reader.analyze(text, key.date ? { date: key.date } : {});
  return {
    noteName: key.note,
    supportedByNote: (line: CodeLine) => {
      const evidence = line.evidence ? findEvidence(text, line.evidence.text) : undefined;
      if (evidence) return { supported: true };
      if (supportFor(line, analysis, undefined).length) return { supported: true };
      return {
        supported: false,
        ...(line.evidence ? { why: `its evidence "${line.evidence.text}" is not in the note` } : {}),
      };
    },
  };
}
