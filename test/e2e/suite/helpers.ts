// Helpers for the e2e suite (extension host side). No fixed sleeps: every wait is on an event,
// bounded by a timeout that fails the test with a message saying what never happened.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClinicalCodingTestApi } from '../../../client/src/testApi';

export const EXTENSION_ID = 'clinical-coding-review.clinical-coding-review';

/** The examples/ folder opened as the workspace by run.mjs. */
export function examplesDir(): string {
  const ws = vscode.workspace.workspaceFolders?.[0];
  if (!ws) throw new Error('no workspace folder is open (run.mjs opens examples/)');
  return ws.uri.fsPath;
}

export function exampleUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(examplesDir(), ...parts));
}

/** Resolves when `cond` holds for the document's diagnostics, rejecting after `ms`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  cond: (d: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  ms = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (cond(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      const got = vscode.languages.getDiagnostics(uri);
      reject(
        new Error(
          `no matching diagnostics for ${path.basename(uri.fsPath)} within ${ms} ms ` +
            `(got ${got.length}: ${got.map((d) => `${String(codeOf(d))}@${d.range.start.line + 1}`).join(', ') || 'none'}); ` +
            'did the language server start?',
        ),
      );
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (cond(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

/** The rule id of a diagnostic (diagnostic.code may be a string or { value, target }). */
export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? c.value : c;
}

export async function openDoc(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Resolves when the extension is active (activating it if needed), rejecting after `ms`. */
export async function activeExtension(ms = 30_000): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    ext.activate(),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`extension did not activate within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
  return ext;
}

/**
 * Resolves with `current()` when it satisfies `cond`, else with the first value `event` fires that does;
 * rejects after `ms` saying `what` never happened (and what was last seen).
 */
export function waitForEvent<T>(
  event: vscode.Event<T>,
  cond: (v: T) => boolean,
  what: string,
  current?: () => T,
  ms = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let last: T | undefined = current?.();
    if (current && cond(last as T)) return resolve(last as T);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${what} did not happen within ${ms} ms (last seen: ${JSON.stringify(last)})`));
    }, ms);
    const sub = event((v) => {
      last = v;
      if (!cond(v)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(v);
    });
  });
}

/** The extension's test API (returned by `activate` when CLINICAL_CODING_TEST_HOOKS=1, which run.mjs sets). */
export async function testApi(): Promise<ClinicalCodingTestApi> {
  const ext = await activeExtension();
  const api = ext.exports as ClinicalCodingTestApi | undefined;
  if (!api || typeof api.request !== 'function')
    throw new Error('the extension returned no test API: is CLINICAL_CODING_TEST_HOOKS=1 set for the extension host?');
  return api;
}
