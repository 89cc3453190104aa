/**
 * Custom LSP notifications and requests of the Clinical Coding Review server (method names and payloads): the
 * one typed protocol. The server's features implement it; the client imports it as types only
 * (client/src/protocol.ts sends through `Requests` and `Notifications`, so a method name or payload that is
 * not here does not compile), and the server tests use it. Nothing here may be needed at run time by the client.
 */

/** server → client, after every publishDiagnostics of a document. */
export const DiagnosticsPublished = 'clinicalCoding/diagnosticsPublished';
export interface DiagnosticsPublishedParams {
  uri: string;
  version: number;
  count: number;
  /** server time spent checking this version (ms, excludes debounce wait) */
  elapsedMs: number;
  /** ms per diagnostics provider, in registration order (features/index.ts order; [0] = the code checks) */
  timings: number[];
}

/** server → client, the edition in use for a document (for the status bar). */
export const Status = 'clinicalCoding/status';
export interface StatusParams {
  uri: string;
  /** true when an edition covers the document's date */
  ok: boolean;
  /** "ICD-10-CM FY2026" or, when !ok, the nearest edition used */
  edition?: string;
  /** the date of service used */
  date?: string;
  /** where the date came from, e.g. "date: header of this file" */
  dateSource?: string;
  /** a warning to show (no edition covers the date, data not loaded …) */
  message?: string;
}

/** client → server: search codes for the quick pick. */
export const Search = 'clinicalCoding/search';
export interface SearchParams {
  query: string;
  /** document whose date picks the edition (optional) */
  uri?: string;
  /** explicit date of service (wins over uri) */
  date?: string;
  limit?: number;
}
export interface SearchResult {
  edition?: string;
  /** matched 'index': path "Index: Failure, heart, congestive → I50.9", note: what the edition check changed */
  items: Array<{
    code: string;
    title: string;
    billable: boolean;
    matched: string;
    term?: string;
    path?: string;
    note?: string;
  }>;
  /** Index entries without a code ("Index: Urosepsis - code to condition") */
  instructions?: string[];
  message?: string;
}

/** client → server: the editions available. */
export const Editions = 'clinicalCoding/editions';
export interface EditionsResult {
  cm: Array<{ id: string; label: string; from: string; to: string; billable: number; total: number }>;
  pcs: Array<{ id: string; label: string; from: string; to: string }>;
  tabularYear?: number;
  dataDir?: string;
  /** the data problem when the data did not load */
  error?: string;
}

/** client → server: the status of a document (same payload as the Status notification). */
export const DocumentStatus = 'clinicalCoding/documentStatus';
export interface DocumentStatusParams {
  uri: string;
}

/** client → server: the code browser's children of a node (no node: the roots), for the document's edition. */
export const CodeTree = 'clinicalCoding/codeTree';
export interface CodeTreeParams {
  /** node id (`cm`, `ch:9`, `blk:I30-I5A`, `cm:I50.2`, `pcs:0DT`); absent: the roots */
  node?: string;
  /** document whose date picks the edition (optional; else the newest edition) */
  uri?: string;
  date?: string;
}
export interface CodeTreeNode {
  id: string;
  label: string;
  description?: string;
  /** root | chapter | block | header | billable | pcs-axis | pcs-table | pcs-code */
  kind: string;
  code?: string;
  leaf: boolean;
}
export interface CodeTreeResult {
  /** "ICD-10-CM FY2026" */
  edition?: string;
  /** the date used and where it came from, or why the newest edition is shown */
  message?: string;
  /** true when the edition is not the one of a date of service in force (no date, outside every edition, no file) */
  warning?: boolean;
  nodes: CodeTreeNode[];
}

/** client → server: the node ids from a root down to a code (to reveal it in the code browser). */
export const CodeTreePath = 'clinicalCoding/codeTreePath';
export interface CodeTreePathParams {
  code: string;
  /** an ICD-10-PCS code (its characters) rather than ICD-10-CM */
  pcs?: boolean;
  uri?: string;
  date?: string;
}
export interface CodeTreePathResult {
  path: string[];
}

/** client → server: grade a student's answer, or (on an answer key) the class beside it (features/grading.ts). */
export const Grade = 'clinicalCoding/grade';
export interface GradeParams {
  uri: string;
  /** default markdown */
  format?: 'markdown' | 'html' | 'json' | 'text' | 'csv';
}
export interface GradeResponse {
  ok: boolean;
  /** why grading was not possible (ok === false) */
  message?: string;
  format?: string;
  /** the report */
  content?: string;
  /** file name (no folder) the client should write the report to, beside `uri` */
  suggestedName?: string;
  /** 'student' or 'class' */
  kind?: 'student' | 'class';
  keyUri?: string;
  /** one student: the percentage; class: the average */
  percent?: number;
  students?: number;
}

/**
 * client → server: the companion of a document by the linking service (core/linking.ts), the one precedence:
 * of an annotation file (`.codes`) the note it codes, of a note its annotation file.
 */
export const Companion = 'clinicalCoding/companion';
export interface CompanionParams {
  uri: string;
}
export interface CompanionResult {
  /** what was looked for: the note of an annotation file, or the annotation file of a note */
  kind: 'note' | 'codes';
  /** the companion's URI, when there is one */
  uri?: string;
  /** why there is none, in words (e.g. the note named in `note:` was not found) */
  message?: string;
}

/** Every custom request: method → params and result. The client sends only these (client/src/protocol.ts). */
export interface Requests {
  [Search]: { params: SearchParams; result: SearchResult };
  [Editions]: { params: Record<string, never>; result: EditionsResult };
  [DocumentStatus]: { params: DocumentStatusParams; result: StatusParams };
  [Grade]: { params: GradeParams; result: GradeResponse };
  [Companion]: { params: CompanionParams; result: CompanionResult };
  [CodeTree]: { params: CodeTreeParams; result: CodeTreeResult };
  [CodeTreePath]: { params: CodeTreePathParams; result: CodeTreePathResult };
}

/** Every custom notification the server sends: method → params. */
export interface Notifications {
  [DiagnosticsPublished]: DiagnosticsPublishedParams;
  [Status]: StatusParams;
}
