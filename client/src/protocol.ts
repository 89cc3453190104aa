/**
 * Custom method names of the Clinical Coding Review server, mirrored from server/src/protocol.ts
 * (the client bundle must not import server code). Keep the two in sync.
 */
export const DiagnosticsPublished = 'clinicalCoding/diagnosticsPublished';
export const Status = 'clinicalCoding/status';
export const Search = 'clinicalCoding/search';
export const Editions = 'clinicalCoding/editions';
export const DocumentStatus = 'clinicalCoding/documentStatus';
export const CodeTree = 'clinicalCoding/codeTree';
export const CodeTreePath = 'clinicalCoding/codeTreePath';

export interface StatusParams {
  uri: string;
  ok: boolean;
  edition?: string;
  date?: string;
  dateSource?: string;
  message?: string;
}
export interface SearchResult {
  edition?: string;
  items: Array<{
    code: string;
    title: string;
    billable: boolean;
    matched: string;
    term?: string;
    path?: string;
    note?: string;
  }>;
  instructions?: string[];
  message?: string;
}
export interface EditionsResult {
  cm: Array<{ id: string; label: string; from: string; to: string; billable: number; total: number }>;
  pcs: Array<{ id: string; label: string; from: string; to: string }>;
  tabularYear?: number;
  dataDir?: string;
  error?: string;
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
  edition?: string;
  message?: string;
  warning?: boolean;
  nodes: CodeTreeNode[];
}
export interface CodeTreePathResult {
  path: string[];
}
