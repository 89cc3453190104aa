/**
 * CDI physician queries in the editor (docs/query-compliance.md). The diagnostics (`query-opportunity` in
 * notes, the `query-*` compliance rules in `*.query.md` files) come from core/review.ts through
 * features/diagnostics.ts, as in the CLI. Here:
 * - code actions "Draft physician query" (multiple choice, and open-ended) on them, which run the
 *   command `clinicalCoding.draftQuery`: it creates `<note>.<topic>.query.md` beside the note (a number
 *   is added when the name is taken; a CreateFile with overwrite:false, so an existing file is never
 *   replaced) and opens it (window/showDocument);
 * - completion snippets for the sections of a query.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  ExecuteCommandRequest,
  InsertTextFormat,
  MessageType,
  type CodeAction,
  type CompletionItem,
} from 'vscode-languageserver';
import { draftQuery, queryFileName } from '../core/cdi/draft';
import { findQueryOpportunities, OPPORTUNITY_RULE } from '../core/cdi/opportunities';
import type { DraftContext, QueryOpportunity } from '../core/cdi/types';
import type { DocumentRequest, ServerContext } from '../services/context';

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

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Local calendar date YYYY-MM-DD (the query date). */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

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

  /** Encounter, age and sex from the note's annotation file (core/linking.ts). */
  const annotationContext = (noteUri: string): Partial<DraftContext> => {
    const a = ctx.linker.codesFor(noteUri)?.file;
    return a ? { encounter: a.encounter, age: a.age, sex: a.sex } : {};
  };

  const opportunities = (req: DocumentRequest): ReturnType<typeof findQueryOpportunities> =>
    findQueryOpportunities(req.info.text, req.info.codeSet, req.info.editionIndex);

  ctx.providers.codeActions.push((req, params): CodeAction[] => {
    ensureCommand();
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
  });

  ctx.connection.onExecuteCommand(async (p): Promise<DraftQueryResult | null> => {
    if (p.command !== DRAFT_QUERY_COMMAND) return null;
    const fail = (message: string): DraftQueryResult => {
      void ctx.connection.window.showWarningMessage(message);
      return { ok: false, message };
    };
    const args = p.arguments?.[0] as Partial<DraftQueryArgs> | undefined;
    if (!args || typeof args.uri !== 'string' || typeof args.topic !== 'string')
      return fail('Draft physician query: missing note or topic.');
    const notePath = toPath(args.uri);
    if (!notePath) return fail('Save the note to a file first: the query is created next to it.');
    const doc = ctx.documents.get(args.uri);
    let opportunity: QueryOpportunity | undefined;
    if (doc) {
      const req = await ctx.request(doc);
      for (const f of opportunities(req))
        if (f.data?.fix === 'draft-query' && f.data.topic === args.topic) opportunity = f.data.opportunity;
    } else {
      const read = ctx.linker.workspace.read(args.uri);
      for (const f of 'text' in read ? findQueryOpportunities(read.text) : [])
        if (f.data?.fix === 'draft-query' && f.data.topic === args.topic) opportunity = f.data.opportunity;
    }
    if (!opportunity) return fail(`The note no longer has a ${args.topic} query opportunity.`);
    const dir = path.dirname(notePath);
    const name = queryFileName(path.basename(notePath), args.topic, (n) => {
      const file = path.join(dir, n);
      return existsSync(file) || ctx.documents.get(pathToFileURL(file).toString()) !== undefined;
    });
    if (!name) return fail(`Too many ${args.topic} queries beside ${path.basename(notePath)}; none was created.`);
    const context: DraftContext = {
      ...annotationContext(args.uri),
      date: today(),
      note: path.basename(notePath),
    };
    const content = draftQuery(opportunity, context, { openEnded: args.openEnded === true });
    const uri = pathToFileURL(path.join(dir, name)).toString();
    const applied = await ctx.connection.workspace.applyEdit({
      label: 'Draft physician query',
      edit: {
        documentChanges: [
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
          {
            textDocument: { uri, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }],
          },
        ],
      },
    });
    if (!applied.applied)
      return fail(
        `The query file ${name} was not created${applied.failureReason ? `: ${applied.failureReason}` : ''}.`,
      );
    const shown = await ctx.connection.window.showDocument({ uri, takeFocus: true }).catch(() => ({ success: false }));
    if (!shown.success)
      void ctx.connection.sendNotification('window/showMessage', {
        type: MessageType.Info,
        message: `Created ${name}.`,
      });
    return { ok: true, uri };
  });

  ctx.providers.hover.push((req, params) => {
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
  });

  ctx.providers.completion.push((req, params): CompletionItem[] => {
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
  });
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
