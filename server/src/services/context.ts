/**
 * The server context handed to every feature's `register(ctx)`: the connection, the document store,
 * the services, and provider lists. Features push providers; server.ts wires ONE LSP handler per
 * method that asks every provider and concatenates the answers, so several features (and helpers'
 * features added later) can contribute hovers, completions, code actions and diagnostics.
 */
import type {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  CompletionParams,
  Connection,
  Diagnostic,
  DocumentSymbol,
  Hover,
  HoverParams,
  TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Linker } from '../core/linking';
import type { DataService } from './data';
import type { DocumentInfo, DocumentService } from './documents';
import type { Logger } from './logger';
import type { NoteReading } from './noteReading';
import type { Settings, SettingsService } from './settings';

/** Everything a provider gets about one document version. */
export interface DocumentRequest {
  doc: TextDocument;
  info: DocumentInfo;
  settings: Settings;
}

export type DiagnosticProvider = (req: DocumentRequest) => Diagnostic[];
export type HoverProvider = (req: DocumentRequest, params: HoverParams) => Hover | null | undefined;
export type CompletionProvider = (req: DocumentRequest, params: CompletionParams) => CompletionItem[];
export type CompletionResolver = (item: CompletionItem) => CompletionItem | undefined;
export type CodeActionProvider = (req: DocumentRequest, params: CodeActionParams) => CodeAction[];
export type SymbolProvider = (req: DocumentRequest) => DocumentSymbol[];

export interface Providers {
  diagnostics: DiagnosticProvider[];
  hover: HoverProvider[];
  completion: CompletionProvider[];
  completionResolve: CompletionResolver[];
  codeActions: CodeActionProvider[];
  symbols: SymbolProvider[];
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  logger: Logger;
  settings: SettingsService;
  data: DataService;
  docs: DocumentService;
  /** which note goes with which annotation file, and the date of service (core/linking.ts) */
  linker: Linker;
  /** the note reader and cached analyses */
  notes: NoteReading;
  providers: Providers;
  /** completion trigger characters features want (merged into the capabilities) */
  triggerCharacters: Set<string>;
  /** code action kinds offered */
  codeActionKinds: Set<string>;
  /** ask for a (debounced) re-check of a document, e.g. after a companion file changed */
  recheck(uri: string): void;
  /** the document's info with its current settings (computed once per version) */
  request(doc: TextDocument): Promise<DocumentRequest>;
}

export function emptyProviders(): Providers {
  return { diagnostics: [], hover: [], completion: [], completionResolve: [], codeActions: [], symbols: [] };
}
