/**
 * Clinical Coding Review extension: starts the language server (dist/server.js) and wires the
 * status bar, commands and output channel. The LanguageClient's default error handler restarts a
 * crashed server after each crash, and gives up with a message after 5 crashes within 3 minutes.
 * With CLINICAL_CODING_TEST_HOOKS=1 in the environment (the e2e tests only), `activate` returns a small
 * test API (testApi.ts); otherwise it returns nothing.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCodeBrowser, type CodeBrowserShown } from './codeBrowser';
import { registerCommands } from './commands';
import { registerGradeCommand } from './grade';
import { onNotification } from './protocol';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './serverLaunch';
import { EditionStatus } from './statusBar';
import {
  createTestApi,
  stateName,
  TEST_HOOKS_ENV,
  type ClinicalCodingTestApi,
  type LookupShown,
  type ServerState,
} from './testApi';

let client: LanguageClient | undefined;

function notePatterns(): string[] {
  const v = vscode.workspace.getConfiguration('clinicalCoding').get<unknown>('notePatterns');
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
}

function selector(): DocumentSelector {
  return [
    { language: 'code-annotation' },
    { language: 'clinical-note' },
    { language: 'physician-query' },
    ...notePatterns().map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

function isOurs(doc: vscode.TextDocument): boolean {
  return vscode.languages.match(selector() as vscode.DocumentSelector, doc) > 0;
}

export async function activate(context: vscode.ExtensionContext): Promise<ClinicalCodingTestApi | undefined> {
  const output = vscode.window.createOutputChannel('Clinical Coding Review', { log: true });
  context.subscriptions.push(output);
  const status = new EditionStatus(() => client, isOurs);
  context.subscriptions.push(status);
  const serverState = new vscode.EventEmitter<ServerState>();
  const lookupShown = new vscode.EventEmitter<LookupShown>();
  const browser = {
    shown: new vscode.EventEmitter<CodeBrowserShown>(),
    selected: new vscode.EventEmitter<string[]>(),
  };
  context.subscriptions.push(serverState, lookupShown, browser.shown, browser.selected);

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // Node options and malloc settings that keep the server's memory down (serverLaunch.ts); the client merges
    // options.env over its own environment
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV } } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'], env: { ...SERVER_ENV } },
    },
  };

  const start = async (): Promise<void> => {
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector(),
      outputChannel: output,
      synchronize: { configurationSection: 'clinicalCoding' },
    };
    client = new LanguageClient('clinicalCoding', 'Clinical Coding Review', serverOptions, clientOptions);
    onNotification(client, 'clinicalCoding/status', (s) => status.update(s));
    client.onDidChangeState((e) => {
      serverState.fire(stateName(e.newState));
      // the code browser lists nothing while the server starts: list it again once it runs
      if (e.newState === State.Running) codeBrowser.refresh();
    });
    await client.start();
    await status.refresh();
  };
  const restart = async (): Promise<void> => {
    const old = client;
    client = undefined;
    if (old) await old.stop().catch(() => undefined);
    await start();
    output.appendLine('Server restarted.');
  };

  registerCommands(context, () => client, restart, output, lookupShown);
  registerGradeCommand(context, () => client);
  const codeBrowser = registerCodeBrowser(context, () => client, isOurs, browser);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('clinicalCoding.notePatterns')) void restart();
    }),
    vscode.workspace.onDidCloseTextDocument((d) => status.forget(d.uri.toString())),
  );
  try {
    await start();
  } catch (e) {
    output.appendLine(`Could not start the language server: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(
      'Clinical Coding Review: the language server did not start. See the output channel.',
    );
  }
  return process.env[TEST_HOOKS_ENV] === '1'
    ? createTestApi(() => client, serverState.event, status, lookupShown.event, {
        shown: browser.shown.event,
        selected: browser.selected.event,
        selection: () => codeBrowser.selection(),
      })
    : undefined;
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
