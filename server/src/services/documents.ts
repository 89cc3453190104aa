/**
 * What the server knows about one document version, computed once and shared by all features:
 * its kind (annotation or note), the parsed annotation, the date of service and where it came
 * from, the edition in force, and whether a size limit was hit.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseKeyAnnotation } from '../core/grading/key';
import { isKeyFile } from '../core/grading/review';
import type { AnnotationFile } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { annotationDate, type LinkedCodes, type Linker } from '../core/linking';
import type { EditionResult } from '../core/types';
import type { DataService } from './data';
import type { Settings } from './settings';

/** 'query': a physician query (`*.query.md`, language physician-query; server/src/features/cdi.ts) */
export type DocumentKind = 'annotation' | 'note' | 'query';

export interface DocumentInfo {
  uri: string;
  version: number;
  kind: DocumentKind;
  text: string;
  /** set when the file is larger than maxFileSizeKB: nothing else is computed */
  tooLarge?: { sizeKB: number; limitKB: number };
  /** 0-based numbers of lines longer than maxLineLength (skipped in notes) */
  longLines: number[];
  annotation?: AnnotationFile;
  /** the date of service used, '' when none was found (then the newest edition is used) */
  date: string;
  dateSource: string;
  edition?: EditionResult;
  /** the edition used: the one in force, or the nearest when none covers the date */
  editionIndex?: number;
  codeSet?: CodeSet;
  /** of a note: its linked annotation file (core/linking.ts), when there is one */
  codes?: LinkedCodes;
}

export function documentKind(doc: { uri: string; languageId: string }): DocumentKind {
  if (doc.languageId === 'physician-query' || /\.query\.md$/i.test(doc.uri)) return 'query';
  if (doc.languageId === 'code-annotation') return 'annotation';
  if (doc.languageId === 'clinical-note') return 'note';
  return /\.codes$/i.test(doc.uri) ? 'annotation' : 'note';
}

export class DocumentService {
  private readonly cache = new Map<string, { version: number; settings: Settings; info: DocumentInfo }>();

  constructor(
    private readonly linker: Linker,
    private readonly data: DataService,
  ) {}

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  info(doc: TextDocument, settings: Settings): DocumentInfo {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settings === settings) return hit.info;
    const info = this.compute(doc, settings);
    this.cache.set(doc.uri, { version: doc.version, settings, info });
    return info;
  }

  private compute(doc: TextDocument, settings: Settings): DocumentInfo {
    const text = doc.getText();
    const kind = documentKind(doc);
    const info: DocumentInfo = {
      uri: doc.uri,
      version: doc.version,
      kind,
      text,
      longLines: [],
      date: '',
      dateSource: '',
      codeSet: this.data.codeSet(),
    };
    const sizeKB = Math.ceil(text.length / 1024);
    if (text.length > settings.maxFileSizeKB * 1024) {
      info.tooLarge = { sizeKB, limitKB: settings.maxFileSizeKB };
      return info;
    }
    let start = 0;
    let line = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      if (end - start > settings.maxLineLength) info.longLines.push(line);
      if (nl < 0) break;
      start = nl + 1;
      line++;
    }
    // the date of service, with the one precedence of core/linking.ts
    const fallback = settings.defaultDateOfService
      ? { date: settings.defaultDateOfService, source: 'the clinicalCoding.defaultDateOfService setting' }
      : undefined;
    let choice;
    if (kind === 'annotation') {
      info.annotation = isKeyFile(doc.uri) ? parseKeyAnnotation(text) : this.linker.annotation(doc.uri, text);
      choice = annotationDate(info.annotation, fallback);
    } else {
      info.codes = kind === 'note' ? this.linker.codesFor(doc.uri) : undefined;
      choice = this.linker.noteDate(text, info.codes, fallback);
    }
    info.date = choice.date;
    info.dateSource = choice.source;
    const cs = info.codeSet;
    if (cs) {
      if (info.date) info.edition = cs.editionFor(info.date);
      info.editionIndex = cs.editionIndexFor(info.date);
    }
    return info;
  }
}
