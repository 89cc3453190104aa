/**
 * Note reading for the server: the note reader (Alphabetic Index loaded once per code set) and the
 * analyses of notes, cached by text and date, shared by diagnostics, hover, code lenses, definition and
 * references. Which note goes with which annotation file is core/linking.ts (ctx.linker).
 */
import type { CodeSet } from '../core/codeset/api';
import type { LinkedNoteText, Linker } from '../core/linking';
import { noteReaderFor, type NoteAnalysis, type NoteReader } from '../core/notes/reader';
import type { Analyze } from '../core/review';
import { defaultDataDir, loadPart } from '../data/load';
import type { DataService } from './data';
import type { Logger } from './logger';

export class NoteReading {
  private readerCache: { cs: CodeSet; reader: NoteReader | undefined } | undefined;
  private readonly analyses = new Map<
    string,
    { text: string; date: string; edition: number; analysis: NoteAnalysis }
  >();

  constructor(
    private readonly data: DataService,
    private readonly logger: Logger,
    readonly linker: Linker,
  ) {}

  /** The note reader; undefined when the index data is missing (said once in the log). */
  reader(cs: CodeSet | undefined): NoteReader | undefined {
    if (!cs) return undefined;
    if (this.readerCache?.cs === cs) return this.readerCache.reader;
    let reader: NoteReader | undefined;
    try {
      reader = noteReaderFor(loadPart(this.data.dir ?? defaultDataDir(), 'index'), cs);
    } catch (e) {
      this.logger.error('Note reading is off: the Alphabetic Index data could not be loaded', e);
    }
    this.readerCache = { cs, reader };
    return reader;
  }

  /** The analysis of a note for a date, cached (50 notes). */
  readonly analyze: Analyze = (reader, note, date) => {
    const hit = this.analyses.get(note.uri);
    const edition = reader.edition({ date: date || undefined }).index;
    if (hit && hit.text === note.text && hit.date === date && hit.edition === edition) return hit.analysis;
    const analysis = reader.analyze(note.text, { date: date || undefined });
    this.analyses.set(note.uri, { text: note.text, date, edition, analysis });
    if (this.analyses.size > 50) this.analyses.delete(this.analyses.keys().next().value!);
    return analysis;
  };

  /**
   * The note of an annotation file that is readable, or undefined. Only `file:` documents look for notes
   * beside them (an untitled file has no folder).
   */
  readableNote(codesUri: string, file: Parameters<Linker['noteFor']>[1]): LinkedNoteText | undefined {
    const n = this.noteOrProblem(codesUri, file);
    return n && 'text' in n ? n : undefined;
  }

  noteOrProblem(codesUri: string, file: Parameters<Linker['noteFor']>[1]): ReturnType<Linker['noteFor']> {
    if (!codesUri.startsWith('file:')) return undefined;
    return this.linker.noteFor(codesUri, file);
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
    this.linker.forget(uri);
  }
}
