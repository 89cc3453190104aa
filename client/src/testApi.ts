/**
 * A small API that `activate` returns only when the extension host's environment has
 * CLINICAL_CODING_TEST_HOOKS=1 (the end-to-end tests; the server then also registers its
 * fault-injection hooks). In normal use `activate` returns nothing and none of this exists.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { CodeBrowserShown } from './codeBrowser';

export const TEST_HOOKS_ENV = 'CLINICAL_CODING_TEST_HOOKS';

export type ServerState = 'starting' | 'running' | 'stopped';

/** What the status bar item shows, and for which document; `visible` is false when it is hidden. */
export interface StatusSnapshot {
  uri?: string;
  visible: boolean;
  text: string;
  tooltip: string;
  warning: boolean;
}

export interface LookupShown {
  query: string;
  codes: string[];
  /** the item Enter would pick */
  active: string;
}

export interface ClinicalCodingTestApi {
  /** Sends a request to the running server (e.g. `clinicalCoding/test/throw`); rejects when none runs. */
  request<R>(method: string, params?: unknown): Promise<R>;
  /** The language client's state, restarts after a crash included. */
  serverState(): ServerState;
  readonly onDidChangeServerState: vscode.Event<ServerState>;
  statusBar(): StatusSnapshot;
  /** Fires after the status bar item is drawn (or hidden). */
  readonly onDidRenderStatus: vscode.Event<StatusSnapshot>;
  /** Fires when the "Look up ICD-10 code…" quick pick shows results (the workbench reports the active item). */
  readonly onDidShowLookup: vscode.Event<LookupShown>;
  /** Fires when the code browser has listed the children of a node (after the server answered). */
  readonly onDidListCodeBrowser: vscode.Event<CodeBrowserShown>;
  /** The node ids selected in the code browser, and when they change. */
  codeBrowserSelection(): string[];
  readonly onDidSelectCodeBrowser: vscode.Event<string[]>;
}

export function stateName(s: State): ServerState {
  return s === State.Running ? 'running' : s === State.Starting ? 'starting' : 'stopped';
}

export function createTestApi(
  getClient: () => LanguageClient | undefined,
  serverState: vscode.Event<ServerState>,
  status: { snapshot(): StatusSnapshot; readonly onDidRender: vscode.Event<StatusSnapshot> },
  lookup: vscode.Event<LookupShown>,
  browser: { shown: vscode.Event<CodeBrowserShown>; selected: vscode.Event<string[]>; selection(): string[] },
): ClinicalCodingTestApi {
  return {
    request: async <R>(method: string, params?: unknown): Promise<R> => {
      const client = getClient();
      if (!client) throw new Error('the language server is not running');
      return client.sendRequest<R>(method, params);
    },
    serverState: () => {
      const client = getClient();
      return client ? stateName(client.state) : 'stopped';
    },
    onDidChangeServerState: serverState,
    statusBar: () => status.snapshot(),
    onDidRenderStatus: status.onDidRender,
    onDidShowLookup: lookup,
    onDidListCodeBrowser: browser.shown,
    codeBrowserSelection: () => browser.selection(),
    onDidSelectCodeBrowser: browser.selected,
  };
}
