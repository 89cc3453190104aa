/**
 * The client's side of the one typed protocol, server/src/protocol.ts, imported as types only (the client
 * bundle contains no server code; lint allows only type imports of the server). A method name or payload the
 * server does not declare does not compile.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Notifications, Requests } from '../../server/src/protocol';

export type {
  CodeTreeNode,
  CodeTreePathResult,
  CodeTreeResult,
  CompanionResult,
  EditionsResult,
  GradeResponse,
  SearchResult,
  StatusParams,
} from '../../server/src/protocol';

/** Sends a custom request of the protocol and returns its typed result. */
export function request<M extends keyof Requests>(
  client: LanguageClient,
  method: M,
  params: Requests[M]['params'],
): Promise<Requests[M]['result']> {
  return client.sendRequest<Requests[M]['result']>(method, params);
}

/** Listens to a custom notification of the protocol. */
export function onNotification<M extends keyof Notifications>(
  client: LanguageClient,
  method: M,
  handler: (params: Notifications[M]) => void,
): { dispose(): void } {
  return client.onNotification(method, handler);
}

/** The running language client, or undefined after telling the user the server is not running. */
export function runningClient(getClient: () => LanguageClient | undefined): LanguageClient | undefined {
  const client = getClient();
  if (client?.isRunning()) return client;
  void vscode.window.showWarningMessage('Clinical Coding: the language server is not running.');
  return undefined;
}
