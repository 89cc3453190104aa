// Fault tolerance end to end (issue 7): an exception in a request handler fails only that request, and
// the client restarts a server process that crashed. The server's fault-injection request
// `clinicalCoding/test/throw` exists only with CLINICAL_CODING_TEST_HOOKS=1 (run.mjs sets it for
// code-server, whose extension host and language server inherit it). Waits are on the language
// client's state events and on languages.onDidChangeDiagnostics, bounded by timeouts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClinicalCodingTestApi } from '../../../client/src/testApi';
import { codeOf, hoverText, openDoc, testApi, waitForDiagnostics, waitForEvent } from './helpers';
import { fixtureUri } from './fixtures';

// Synthetic (no real patient).
const CODES = [
  'encounter: E2E-CRASH',
  'setting: outpatient',
  'date: 2026-03-14',
  '',
  'E11     # a header, not billable',
  'I50.23  "acute on chronic systolic heart failure"',
  '',
].join('\n');
const LINE_HEADER = 4;
const LINE_BILLABLE = 5;

async function hoverAt(uri: vscode.Uri, line: number, ch: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    new vscode.Position(line, ch),
  );
  return hoverText(hovers);
}

describe('server faults', () => {
  let api: ClinicalCodingTestApi;
  let uri: vscode.Uri;
  before(async () => {
    api = await testApi();
    uri = fixtureUri('crash.codes', CODES);
    await openDoc(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an exception in a request handler fails only that request; the same server answers the next (and survives an uncaught one)', async () => {
    const pid = await api.request<string>('clinicalCoding/test/throw', { mode: 'pid' });
    const states: string[] = [];
    const sub = api.onDidChangeServerState((s) => states.push(s));
    try {
      await assert.rejects(api.request('clinicalCoding/test/throw', { mode: 'sync' }), /test hook: handler failure/);
      await assert.rejects(
        api.request('clinicalCoding/test/throw', { mode: 'async' }),
        /test hook: asynchronous handler failure/,
      );
      assert.match(await hoverAt(uri, LINE_BILLABLE, 2), /I50\.23/);
      // an exception thrown outside any handler (from a timer) is logged; the process stays up
      assert.equal(await api.request<string>('clinicalCoding/test/throw', { mode: 'uncaught' }), 'scheduled');
      const editor = await openDoc(uri);
      await editor.edit((b) => b.insert(new vscode.Position(LINE_HEADER, 3), '.9'));
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'non-billable-code'));
      await vscode.commands.executeCommand('undo');
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
      assert.equal(await api.request<string>('clinicalCoding/test/throw', { mode: 'pid' }), pid);
    } finally {
      sub.dispose();
    }
    assert.deepEqual(states, [], 'the language client changed state (restarted?)');
    assert.equal(api.serverState(), 'running');
  });

  it('the client restarts a crashed server: diagnostics come back, edits are checked, hover works', async () => {
    const oldPid = await api.request<string>('clinicalCoding/test/throw', { mode: 'pid' });
    const seen: string[] = [];
    const restarted = waitForEvent(
      api.onDidChangeServerState,
      (s) => {
        seen.push(s);
        return s === 'running' && seen.includes('starting');
      },
      'the language client restarting the server (state starting → running)',
    );
    assert.equal(await api.request<string>('clinicalCoding/test/throw', { mode: 'exit' }), 'exiting');
    await restarted;
    const newPid = await api.request<string>('clinicalCoding/test/throw', { mode: 'pid' });
    assert.notEqual(newPid, oldPid, 'the same server process answers: it did not exit');

    // The new server re-publishes the open document's diagnostics …
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
    // … checks an edit (E11 → E11.9: the non-billable finding goes) …
    const editor = await openDoc(uri);
    await editor.edit((b) => b.insert(new vscode.Position(LINE_HEADER, 3), '.9'));
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'non-billable-code'));
    // … and answers hovers, with the edition in use.
    const text = await hoverAt(uri, LINE_BILLABLE, 2);
    assert.match(text, /I50\.23/);
    assert.match(text, /FY ?2026/);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
  });

  it('after the restart the status bar and the commands still work', async () => {
    await openDoc(uri);
    const s = await waitForEvent(
      api.onDidRenderStatus,
      (x) => x.uri === uri.toString(),
      'status bar for crash.codes after the restart',
      () => api.statusBar(),
    );
    assert.equal(s.text, '$(book) ICD-10-CM FY2026');
    const r = await vscode.commands.executeCommand<{ cm: unknown[] }>('clinicalCoding.showEditions');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(r?.cm.length, 17); // 13 order files and 4 mid-year editions (issue 10)
    // "Restart server" (a new LanguageClient) also brings back a working server.
    const pid = await api.request<string>('clinicalCoding/test/throw', { mode: 'pid' });
    await vscode.commands.executeCommand('clinicalCoding.restartServer');
    assert.equal(api.serverState(), 'running');
    assert.notEqual(await api.request<string>('clinicalCoding/test/throw', { mode: 'pid' }), pid);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
  });
});
