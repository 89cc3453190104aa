/**
 * What the server knows about one document version, computed once and shared by all features:
 * its kind (annotation or note), the parsed annotation, the date of service and where it came
 * from, the edition in force, and whether a size limit was hit.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAnnotation } from '../core/annotation/parse';
import { parseKeyAnnotation } from '../core/grading/key';
import { isKeyFile } from '../core/grading/review';
import type { AnnotationFile } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { findNoteDate } from '../core/notes/outline';
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
}

export function documentKind(doc: { uri: string; languageId: string }): DocumentKind {
  if (doc.languageId === 'physician-query' || /\.query\.md$/i.test(doc.uri)) return 'query';
  if (doc.languageId === 'code-annotation') return 'annotation';
  if (doc.languageId === 'clinical-note') return 'note';
  return /\.codes$/i.test(doc.uri) ? 'annotation' : 'note';
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export class DocumentService {
  private readonly cache = new Map<string, { version: number; settings: Settings; info: DocumentInfo }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
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
    if (kind === 'annotation') {
      info.annotation = isKeyFile(doc.uri) ? parseKeyAnnotation(text) : parseAnnotation(text);
      if (info.annotation.date) {
        info.date = info.annotation.date;
        info.dateSource = 'the date: header of this file';
      }
    } else {
      const found = findNoteDate(text);
      if (found) {
        info.date = found.date;
        info.dateSource = `the date on line ${found.line + 1} of this note`;
      } else {
        const companion = this.companionDate(doc.uri);
        if (companion) {
          info.date = companion.date;
          info.dateSource = `the date: header of ${companion.file}`;
        }
      }
    }
    if (!info.date && settings.defaultDateOfService) {
      info.date = settings.defaultDateOfService;
      info.dateSource = 'the clinicalCoding.defaultDateOfService setting';
    }
    const cs = info.codeSet;
    if (!info.date) {
      info.dateSource = 'no date of service in the file, so the newest edition is used';
      if (cs) info.editionIndex = cs.editions.length - 1;
    } else if (cs) {
      info.edition = cs.editionFor(info.date);
      info.editionIndex = info.edition.ok ? info.edition.index : info.edition.nearest?.index;
    }
    return info;
  }

  /** The date of the annotation file beside a note (same name, .codes), open or on disk. */
  private companionDate(noteUri: string): { date: string; file: string } | undefined {
    const codesUri = noteUri.replace(/\.[^./]*$/, '') + '.codes';
    if (codesUri === noteUri) return undefined;
    let text = this.documents.get(codesUri)?.getText();
    if (text === undefined) {
      const p = uriToPath(codesUri);
      if (!p || !existsSync(p)) return undefined;
      try {
        if (statSync(p).size > 256 * 1024) return undefined;
        text = readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    }
    const date = parseAnnotation(text).date;
    return date ? { date, file: path.posix.basename(codesUri) } : undefined;
  }
}
