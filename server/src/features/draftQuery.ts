/**
 * The command `clinicalCoding.draftQuery` (docs/query-compliance.md) as one named function over a small
 * `DraftQueryHost`, so it can be read and tested without a connection; features/cdi.ts wires it. It creates
 * `<note>.<topic>.query.md` beside the note (a number is added when the name is taken; a CreateFile with
 * overwrite:false, so an existing file is never replaced) and opens it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApplyWorkspaceEditResult, WorkspaceEdit } from 'vscode-languageserver';
import { draftQuery, queryFileName } from '../core/cdi/draft';
import type { DraftContext, QueryOpportunity } from '../core/cdi/types';
import { uriToPath } from '../node/files';

export const DRAFT_QUERY_COMMAND = 'clinicalCoding.draftQuery';

export interface DraftQueryArgs {
  /** the note's URI */
  uri: string;
  topic: string;
  openEnded?: boolean;
}

export interface DraftQueryResult {
  ok: boolean;
  /** the new query file */
  uri?: string;
  message?: string;
}

/** What drafting needs of the server. */
export interface DraftQueryHost {
  /** the note's query opportunities now (its open text, else the file) */
  opportunities(noteUri: string): Promise<QueryOpportunity[]>;
  /** encounter, age and sex from the note's annotation file */
  annotationContext(noteUri: string): Partial<DraftContext>;
  /** whether a file (path) exists or is open */
  taken(file: string): boolean;
  /** the query date, YYYY-MM-DD */
  today(): string;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<ApplyWorkspaceEditResult>;
  /** opens the document; false when the client could not */
  showDocument(uri: string): Promise<boolean>;
  warn(message: string): void;
  info(message: string): void;
}

/** Drafts the query for `args` (the command's first argument) beside its note. */
export async function draftQueryCommand(host: DraftQueryHost, arg: unknown): Promise<DraftQueryResult> {
  const fail = (message: string): DraftQueryResult => {
    host.warn(message);
    return { ok: false, message };
  };
  const args = arg as Partial<DraftQueryArgs> | undefined;
  if (!args || typeof args.uri !== 'string' || typeof args.topic !== 'string')
    return fail('Draft physician query: missing note or topic.');
  const notePath = uriToPath(args.uri);
  if (!notePath) return fail('Save the note to a file first: the query is created next to it.');
  let opportunity: QueryOpportunity | undefined;
  for (const o of await host.opportunities(args.uri)) if (o.topic === args.topic) opportunity = o;
  if (!opportunity) return fail(`The note no longer has a ${args.topic} query opportunity.`);
  const dir = path.dirname(notePath);
  const name = queryFileName(path.basename(notePath), args.topic, (n) => host.taken(path.join(dir, n)));
  if (!name) return fail(`Too many ${args.topic} queries beside ${path.basename(notePath)}; none was created.`);
  const context: DraftContext = {
    ...host.annotationContext(args.uri),
    date: host.today(),
    note: path.basename(notePath),
  };
  const content = draftQuery(opportunity, context, { openEnded: args.openEnded === true });
  const uri = pathToFileURL(path.join(dir, name)).toString();
  const applied = await host.applyEdit('Draft physician query', newFileEdit(uri, content));
  if (!applied.applied)
    return fail(`The query file ${name} was not created${applied.failureReason ? `: ${applied.failureReason}` : ''}.`);
  if (!(await host.showDocument(uri))) host.info(`Created ${name}.`);
  return { ok: true, uri };
}

/** A new file with its content; fails (never replaces) when the file exists. */
export function newFileEdit(uri: string, content: string): WorkspaceEdit {
  return {
    documentChanges: [
      { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }],
      },
    ],
  };
}

/** Local calendar date YYYY-MM-DD (the query date). */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
