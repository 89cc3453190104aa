/**
 * CDI physician queries in the editor (docs/query-compliance.md). The diagnostics (`query-opportunity` in
 * notes, the `query-*` compliance rules in `*.query.md` files) come from core/review.ts through
 * features/diagnostics.ts, as in the CLI. Here, wired by `register`:
 * - code actions "Draft physician query" (multiple choice, and open-ended) on them (`queryCodeActions`), which
 *   run the command `clinicalCoding.draftQuery` (features/draftQuery.ts: it creates `<note>.<topic>.query.md`
 *   beside the note, never replacing a file, and opens it);
 * - the hover of a query opportunity (`opportunityHoverAt`);
 * - completion snippets for the sections of a query (`querySectionCompletions`).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  ExecuteCommandRequest,
  InsertTextFormat,
  MessageType,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type Hover,
  type HoverParams,
} from 'vscode-languageserver';
import { findQueryOpportunities, OPPORTUNITY_RULE } from '../core/cdi/opportunities';
import type { QueryOpportunity } from '../core/cdi/types';
import type { DocumentRequest, ServerContext } from '../services/serverContext';
import { DRAFT_QUERY_COMMAND, draftQueryCommand, today, type DraftQueryArgs, type DraftQueryHost } from './draftQuery';

export { DRAFT_QUERY_COMMAND, type DraftQueryArgs, type DraftQueryResult } from './draftQuery';

export function register(ctx: ServerContext): void {
  ctx.codeActionKinds.add(CodeActionKind.QuickFix);
  for (const c of ['#', '-']) ctx.triggerCharacters.add(c);
  // The command is registered dynamically the first time a provider runs (that is, after `initialized`).
  let commandRegistered = false;
  const ensureCommand = () => {
    if (commandRegistered) return;
    commandRegistered = true;
    void ctx.connection.client
      .register(ExecuteCommandRequest.type, { commands: [DRAFT_QUERY_COMMAND] })
      .catch((e: unknown) => ctx.logger.error('could not register the draft-query command', e));
  };
  ctx.providers.codeActions.push((req, params) => {
    ensureCommand();
    return queryCodeActions(req, params);
  });
  ctx.connection.onExecuteCommand((p) =>
    p.command === DRAFT_QUERY_COMMAND ? draftQueryCommand(draftQueryHost(ctx), p.arguments?.[0]) : null,
  );
  ctx.providers.hover.push(opportunityHoverAt);
  ctx.providers.completion.push(querySectionCompletions);
}

/** The query opportunities of a note's version (core/cdi/opportunities.ts). */
const opportunities = (req: DocumentRequest): ReturnType<typeof findQueryOpportunities> =>
  findQueryOpportunities(req.info.text, req.info.codeSet, req.info.editionIndex);

/** "Draft physician query" (multiple choice, then open-ended) for each opportunity in the range. */
export function queryCodeActions(req: DocumentRequest, params: CodeActionParams): CodeAction[] {
  if (req.info.kind !== 'note' || req.info.tooLarge) return [];
  const start = req.doc.offsetAt(params.range.start);
  const end = req.doc.offsetAt(params.range.end);
  const out: CodeAction[] = [];
  for (const f of opportunities(req)) {
    if (f.span.end < start || f.span.start > end) continue;
    if (f.data?.fix !== 'draft-query') continue;
    const o = f.data.opportunity;
    const diag = params.context.diagnostics.filter(
      (d) => d.code === OPPORTUNITY_RULE && (d.data as { topic?: string } | undefined)?.topic === o.topic,
    );
    for (const openEnded of [false, true]) {
      const title = `Draft physician query${openEnded ? ' (open-ended)' : ''}: ${o.title}`;
      const args: DraftQueryArgs = { uri: req.doc.uri, topic: o.topic, openEnded };
      out.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: diag.length ? diag : undefined,
        isPreferred: !openEnded,
        command: { title, command: DRAFT_QUERY_COMMAND, arguments: [args] },
      });
    }
  }
  return out;
}

/** The server's side of the draft-query command: the note's open text first, the linked annotation file. */
export function draftQueryHost(ctx: ServerContext): DraftQueryHost {
  const conn = ctx.connection;
  return {
    opportunities: async (uri) => {
      const doc = ctx.documents.get(uri);
      let found: ReturnType<typeof findQueryOpportunities> = [];
      if (doc) found = opportunities(await ctx.request(doc));
      else {
        const read = ctx.linker.workspace.read(uri);
        if ('text' in read) found = findQueryOpportunities(read.text);
      }
      return found.flatMap((f) => (f.data?.fix === 'draft-query' ? [f.data.opportunity] : []));
    },
    annotationContext: (uri) => {
      const a = ctx.linker.codesFor(uri)?.file;
      return a ? { encounter: a.encounter, age: a.age, sex: a.sex } : {};
    },
    taken: (file) => existsSync(file) || ctx.documents.get(pathToFileURL(file).toString()) !== undefined,
    today,
    applyEdit: (label, edit) => conn.workspace.applyEdit({ label, edit }),
    showDocument: async (uri) =>
      (await conn.window.showDocument({ uri, takeFocus: true }).catch(() => ({ success: false }))).success,
    warn: (message) => void conn.window.showWarningMessage(message),
    info: (message) => void conn.sendNotification('window/showMessage', { type: MessageType.Info, message }),
  };
}

/** The hover of the query opportunity under the cursor. */
export function opportunityHoverAt(req: DocumentRequest, params: HoverParams): Hover | undefined {
  if (req.info.kind !== 'note' || req.info.tooLarge) return undefined;
  const at = req.doc.offsetAt(params.position);
  for (const f of opportunities(req)) {
    if (at < f.span.start || at > f.span.end || f.data?.fix !== 'draft-query') continue;
    return {
      contents: { kind: 'markdown' as const, value: opportunityHover(f.data.opportunity) },
      range: { start: req.doc.positionAt(f.span.start), end: req.doc.positionAt(f.span.end) },
    };
  }
  return undefined;
}

/** The section snippets of a physician query, at the start of a line. */
export function querySectionCompletions(req: DocumentRequest, params: CompletionParams): CompletionItem[] {
  if (req.info.kind !== 'query') return [];
  const line = req.doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  if (!/^\s*[#-]*\s*\S*$/.test(line)) return [];
  return QUERY_SNIPPETS.map(([label, detail, body], i) => ({
    label,
    detail,
    kind: CompletionItemKind.Snippet,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: {
      range: { start: { line: params.position.line, character: 0 }, end: params.position },
      newText: body,
    },
    filterText: label,
    sortText: String(i).padStart(2, '0'),
  }));
}

const md = (t: string): string => t.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

/** Hover text of a query opportunity: what is missing, the indicators with their lines, the reasonable options. */
export function opportunityHover(o: QueryOpportunity): string {
  const out = [
    `**Query opportunity: ${md(o.title)}**`,
    '',
    `Not documented: ${md(o.missing.join('; '))}.`,
    '',
    'Clinical indicators:',
  ];
  for (const i of o.indicators)
    out.push(
      `- ${md(i.label)}: ${md(i.summary)} (${[...new Set(i.evidence.map((e) => `line ${e.line + 1}`))].join(', ')})`,
    );
  if (o.options.length) {
    out.push('', 'Clinically reasonable options for a query:');
    for (const label of o.options) out.push(`- ${md(label)}`);
  }
  out.push('', 'Use the quick fix **Draft physician query** to write a compliant query beside this note.');
  return out.join('\n');
}

/** [label, detail, snippet body] for query sections (docs/query-compliance.md). */
export const QUERY_SNIPPETS: Array<[string, string, string]> = [
  [
    '## Details',
    'Query details: encounter, patient, date, provider, author',
    '## Details\n\n- Encounter: ${1:________}\n- Patient: ${2:________}\n- Date: ${3:YYYY-MM-DD}\n- Provider: ${4:________}\n- Query author: ${5:________}\n- Query type: ${6|multiple choice,open-ended,yes/no|}\n',
  ],
  [
    '## Clinical indicators',
    'Indicators quoted from the record, with their locations',
    '## Clinical indicators\n\n- ${1:Indicator}: "${2:quoted text}" (line ${3:N})\n',
  ],
  [
    '## Question',
    'A neutral question',
    '## Question\n\nBased on the clinical indicators above, can the ${1:condition} be further clarified?\n',
  ],
  [
    '## Options',
    'Multiple-choice options with Other and Clinically undetermined',
    '## Options\n\n- [ ] ${1:Clinically reasonable option}\n- [ ] ${2:Another clinically reasonable option}\n- [ ] Other (please specify): ________\n- [ ] Clinically undetermined\n',
  ],
  [
    '## Provider response',
    'Response, signature, date and time',
    '## Provider response\n\n- Response: ________\n- Signature: ________\n- Date and time: ________\n',
  ],
  ['- [ ] Other (please specify)', 'The "other" option', '- [ ] Other (please specify): ________'],
  ['- [ ] Clinically undetermined', 'The "clinically undetermined" option', '- [ ] Clinically undetermined'],
];
