/** Shared by the notes-*.test.ts suites: one NoteReader over the real data (built once per process). */
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { checkNote } from '../../server/src/core/notes/rules';
import { NoteReader } from '../../server/src/core/notes/reader';
import { getDataset, getPart } from '../helpers/data';

let reader: NoteReader | undefined;

export function noteReader(): NoteReader {
  if (!reader) reader = new NoteReader(getPart('index'), createCodeSet(getDataset()));
  return reader;
}

/** The mention whose text is `text` (first occurrence), or a clear failure. */
export function mentionOf(r: ReturnType<NoteReader['analyze']>, text: string) {
  const m = r.mentions.find((x) => x.text.toLowerCase() === text.toLowerCase());
  if (!m) throw new Error(`no mention "${text}" among: ${r.mentions.map((x) => JSON.stringify(x.text)).join(', ')}`);
  return m;
}

/** documented-not-coded suggestions of a note against an empty .codes file of that setting and date, sorted */
export function suggestedCodes(text: string, setting: string, date = '2025-06-01'): string[] {
  const codes = parseAnnotation(`note: n.note\nsetting: ${setting}\ndate: ${date}\n\n`);
  return checkNote(noteReader(), text, { codes, codesName: 'n.codes' })
    .findings.filter((f) => f.rule === 'documented-not-coded')
    .map((f) => f.code!)
    .sort();
}
