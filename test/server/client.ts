/**
 * A reusable LSP test client: spawns `node dist/server.js --stdio` and talks LSP over
 * vscode-jsonrpc like a real editor. No fixed sleeps: every wait is on a server message.
 *
 *   const c = await LspTestClient.start({ settings: { defaultDateOfService: '2026-03-14' } });
 *   const diags = await c.open('file:///x/a.codes', 'code-annotation', text);
 *   const hover = await c.hover('file:///x/a.codes', { line: 7, character: 2 });
 *   await c.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../client/src/serverLaunch';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

export interface DiagnosticsPublishedParams {
  uri: string;
  version: number;
  count: number;
  elapsedMs: number;
  /** ms per diagnostics provider, in registration order ([0] = the code checks of features/diagnostics.ts) */
  timings: number[];
}

export interface StartOptions {
  /** the `clinicalCoding` settings the client answers workspace/configuration with */
  settings?: Record<string, unknown>;
  /** extra environment (e.g. CODING_REVIEW_DATA) */
  env?: Record<string, string>;
  /** extra server arguments (e.g. ['--data-dir', dir]) */
  args?: string[];
  /** advertise workspace/configuration support (default true) */
  configuration?: boolean;
  /** the server bundle to run (default dist/server.js), e.g. a copy in a temp folder */
  server?: string;
  /** node options before the bundle, e.g. ['--require', 'test/helpers/no-network.cjs'] */
  nodeArgs?: string[];
}

type Waiter<T> = { test: (v: T) => boolean; resolve: (v: T) => void };

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly published: DiagnosticsPublishedParams[] = [];
  readonly statuses: Array<Record<string, unknown>> = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private publishWaiters: Array<Waiter<DiagnosticsPublishedParams>> = [];
  private statusWaiters: Array<Waiter<Record<string, unknown>>> = [];
  private messageWaiters: Array<Waiter<{ type: number; message: string }>> = [];
  initializeResult?: InitializeResult;
  stderr = '';

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(opts: StartOptions = {}): Promise<LspTestClient> {
    const proc = spawn(
      process.execPath,
      // the same Node options and environment as the extension gives the server (client/src/serverLaunch.ts)
      [...SERVER_EXEC_ARGV, ...(opts.nodeArgs ?? []), opts.server ?? SERVER, '--stdio', ...(opts.args ?? [])],
      {
        cwd: ROOT,
        env: { ...process.env, ...SERVER_ENV, ...(opts.env ?? {}) },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new LspTestClient(proc, conn, opts.settings ?? {});
    proc.stderr!.on('data', (b: Buffer) => (c.stderr += b.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      c.diagnostics.set(p.uri, p);
    });
    conn.onNotification('clinicalCoding/diagnosticsPublished', (p: DiagnosticsPublishedParams) => {
      c.published.push(p);
      c.publishWaiters = c.publishWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    conn.onNotification('clinicalCoding/status', (p: Record<string, unknown>) => {
      c.statuses.push(p);
      c.statusWaiters = c.statusWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      c.messages.push(p);
      c.messageWaiters = c.messageWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      c.logs.push(p.message);
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'clinicalCoding' ? c.settings : null)),
    );
    conn.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      c.messages.push(p);
      c.messageWaiters = c.messageWaiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
      return null;
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    c.initializeResult = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: opts.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: {
            versionSupport: true,
            relatedInformation: true,
            codeDescriptionSupport: true,
            dataSupport: true,
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
      initializationOptions: {},
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  /** resolves with the next diagnosticsPublished for `uri` at `version` or later */
  waitForPublished(uri: string, version: number): Promise<DiagnosticsPublishedParams> {
    const done = this.published.find((p) => p.uri === uri && p.version >= version);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) =>
      this.publishWaiters.push({ test: (p) => p.uri === uri && p.version >= version, resolve }),
    );
  }

  /** resolves with the next diagnosticsPublished for `uri` that arrives after this call */
  nextPublished(uri: string): Promise<DiagnosticsPublishedParams> {
    return new Promise((resolve) => this.publishWaiters.push({ test: (p) => p.uri === uri, resolve }));
  }

  waitForStatus(uri: string): Promise<Record<string, unknown>> {
    const done = [...this.statuses].reverse().find((s) => s.uri === uri);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.statusWaiters.push({ test: (p) => p.uri === uri, resolve }));
  }

  waitForMessage(
    test: (m: { type: number; message: string }) => boolean = () => true,
  ): Promise<{ type: number; message: string }> {
    const done = this.messages.find(test);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.messageWaiters.push({ test, resolve }));
  }

  /** the diagnostics published for the version that was announced */
  async diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    await this.waitForPublished(uri, version);
    return this.diagnostics.get(uri)?.diagnostics ?? [];
  }

  async open(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return this.diagnosticsFor(uri, 1);
  }

  /** sends a change (full text, or incremental edits) and returns the new version */
  async change(uri: string, change: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const contentChanges = typeof change === 'string' ? [{ text: change }] : change;
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = await this.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    return !r ? [] : Array.isArray(r) ? r : r.items;
  }

  resolve(item: CompletionItem): Promise<CompletionItem> {
    return this.conn.sendRequest('completionItem/resolve', item);
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { clinicalCoding: settings } });
  }

  /** shutdown + exit; resolves with the process exit code */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.once('exit', (code) => resolve(code));
    });
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      this.proc.kill();
    }
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}

/** Applies a WorkspaceEdit's TextEdits for one uri to a text (edits must not overlap). */
export function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: Position) => Math.min((starts[p.line] ?? text.length) + p.character, text.length);
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
