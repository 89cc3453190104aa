/**
 * Clinical Coding Review language server. Small on purpose: creates the connection and services,
 * registers the features (features/index.ts) and wires one LSP handler per method over the
 * providers they registered. Every handler is guarded: an exception is logged and fails only
 * that request. Run: node dist/server.js --stdio  (or --node-ipc from the VS Code client).
 * Options: --data-dir DIR (else CODING_REVIEW_DATA, else dist/data beside the bundle).
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  type CompletionList,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { features } from './features/index';
import { register as registerTestHooks, TEST_HOOKS_ENV } from './features/testHooks';
import { register as registerRequests } from './features/requests';
import { emptyProviders, type ServerContext } from './services/context';
import { DataService } from './services/data';
import { DocumentService, documentKind } from './services/documents';
import { Linker } from './core/linking';
import { NoteReading } from './services/noteReading';
import { ServerWorkspace } from './services/workspace';
import { Logger } from './services/logger';
import { DiagnosticsPipeline } from './services/pipeline';
import { SettingsService } from './services/settings';

const argv = process.argv.slice(2);
const argValue = (flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(flag + '='))?.slice(flag.length + 1);
};

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const logger = new Logger(connection);
const settings = new SettingsService(connection);
let reportedDataError = false;
const data = new DataService(
  logger,
  (message) => {
    if (reportedDataError) return;
    reportedDataError = true;
    void connection.window.showErrorMessage(message);
  },
  argValue('--data-dir'),
);
const linker = new Linker(new ServerWorkspace(documents));
const docs = new DocumentService(linker, data);
const notes = new NoteReading(data, logger, linker);

const ctx: ServerContext = {
  connection,
  documents,
  logger,
  settings,
  data,
  docs,
  linker,
  notes,
  providers: emptyProviders(),
  triggerCharacters: new Set(),
  codeActionKinds: new Set(),
  recheck: (uri) => pipeline.schedule(uri),
  request: (doc) => pipeline.request(doc),
};
const debounceMs = Number(process.env.CODING_REVIEW_DEBOUNCE_MS ?? 200);
const pipeline: DiagnosticsPipeline = new DiagnosticsPipeline(
  ctx,
  Number.isFinite(debounceMs) && debounceMs >= 0 ? debounceMs : 200,
);

for (const register of features) {
  try {
    register(ctx);
  } catch (e) {
    logger.error('A feature failed to register', e);
  }
}
if (process.env[TEST_HOOKS_ENV] === '1') registerTestHooks(ctx); // fault injection for tests only
registerRequests(ctx, async (uri) => {
  const doc = documents.get(uri);
  if (!doc) return { uri, ok: false, message: 'document not open' };
  return pipeline.status((await pipeline.request(doc)).info);
});

/** Runs a request handler over every provider; a failure is logged and yields `fallback`. */
async function guarded<T>(
  name: string,
  uri: string,
  fallback: T,
  fn: (req: Awaited<ReturnType<ServerContext['request']>>) => T,
): Promise<T> {
  const doc = documents.get(uri);
  if (!doc) return fallback;
  try {
    return fn(await pipeline.request(doc));
  } catch (e) {
    logger.error(`${name} failed on ${uri}`, e);
    return fallback;
  }
}

function each<P, R>(list: Array<(req: P) => R>, req: P, name: string): R[] {
  const out: R[] = [];
  for (const p of list) {
    try {
      out.push(p(req));
    } catch (e) {
      logger.error(`a ${name} provider failed`, e);
    }
  }
  return out;
}

connection.onInitialize((params): InitializeResult => {
  settings.supportsConfiguration = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { dataDir?: string } | undefined;
  if (init?.dataDir && !data.dir) data.dir = init.dataDir;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { resolveProvider: true, triggerCharacters: [...ctx.triggerCharacters] },
      codeActionProvider: { codeActionKinds: [...ctx.codeActionKinds] },
      documentSymbolProvider: true,
      // note reading (features/notes.ts): annotation line -> evidence, note mention -> annotation lines, lenses
      definitionProvider: true,
      referencesProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'clinical-coding-review', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (settings.supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  }
  // load the data now, so the first check does not wait for it (and a data problem shows at once)
  setImmediate(() => data.codeSet());
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  docs.clear();
  for (const d of documents.all()) pipeline.schedule(d.uri, true);
});

/**
 * The search index (completion, look-up) costs about 1.5 s and 100 MB to build: build it once, a second
 * after the first annotation file opens (where completion is used), not for notes-only sessions.
 */
let searchWarmed = false;
function warmSearch(): void {
  if (searchWarmed) return;
  searchWarmed = true;
  setTimeout(() => {
    const cs = data.codeSet();
    try {
      cs?.search('heart', cs.editions.length - 1, 1);
    } catch (e) {
      logger.error('building the search index failed', e);
    }
  }, 1000).unref();
}

documents.onDidOpen((e) => {
  pipeline.schedule(e.document.uri, true);
  if (documentKind(e.document) === 'annotation') warmSearch();
});
documents.onDidChangeContent((e) => {
  pipeline.schedule(e.document.uri);
  // a note takes its date from the annotation file beside it: re-check the open note too
  if (/\.codes$/i.test(e.document.uri)) {
    const base = e.document.uri.replace(/\.codes$/i, '');
    for (const d of documents.all()) {
      if (d.uri !== e.document.uri && d.uri.replace(/\.[^./]*$/, '') === base) {
        docs.forget(d.uri);
        pipeline.schedule(d.uri);
      }
    }
  }
});
documents.onDidClose((e) => pipeline.close(e.document.uri));

connection.onHover((p) =>
  guarded('hover', p.textDocument.uri, null, (req) => {
    const hovers = each(
      ctx.providers.hover.map((h) => (r: typeof req) => h(r, p)),
      req,
      'hover',
    ).filter((h) => !!h);
    if (!hovers.length) return null;
    if (hovers.length === 1) return hovers[0]!;
    const values = hovers.map((h) =>
      typeof h!.contents === 'object' && 'value' in h!.contents ? h!.contents.value : String(h!.contents),
    );
    return { contents: { kind: 'markdown' as const, value: values.join('\n\n---\n\n') }, range: hovers[0]!.range };
  }),
);
connection.onCompletion((p) =>
  guarded<CompletionList>('completion', p.textDocument.uri, { isIncomplete: false, items: [] }, (req) => ({
    isIncomplete: true,
    items: each(
      ctx.providers.completion.map((c) => (r: typeof req) => c(r, p)),
      req,
      'completion',
    ).flat(),
  })),
);
connection.onCompletionResolve((item) => {
  for (const r of ctx.providers.completionResolve) {
    try {
      const done = r(item);
      if (done) return done;
    } catch (e) {
      logger.error('completion resolve failed', e);
    }
  }
  return item;
});
connection.onCodeAction((p) =>
  guarded('codeAction', p.textDocument.uri, [], (req) =>
    each(
      ctx.providers.codeActions.map((c) => (r: typeof req) => c(r, p)),
      req,
      'code action',
    ).flat(),
  ),
);
connection.onDocumentSymbol((p) =>
  guarded('documentSymbol', p.textDocument.uri, [], (req) => each(ctx.providers.symbols, req, 'symbol').flat()),
);

process.on('uncaughtException', (e) => logger.error('uncaught exception', e));
process.on('unhandledRejection', (e) => logger.error('unhandled rejection', e));

documents.listen(connection);
connection.listen();
