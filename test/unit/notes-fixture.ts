/** Shared by the notes-*.test.ts suites: one NoteReader over the real data (built once per process). */
import { createCodeSet } from '../../server/src/core/codeset/codeset';
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
