// The client's commands and status bar item, driven end to end: the lookup quick pick inserts the code
// picked, "Show code-set editions" returns the editions, the status bar shows the edition for the active
// .codes file (and its warning state for a date outside every edition), and "Open note for this
// annotation file" opens the note named in `note:`. Waits are on events (the test API's status and
// lookup events, document changes), bounded by timeouts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClinicalCodingTestApi, StatusSnapshot } from '../../../client/src/testApi';
import { codeOf, openDoc, testApi, waitForDiagnostics, waitForEvent } from './helpers';

// Synthetic documents (no real patient). The note's name differs from the annotation file's, so only
// the `note:` header can lead to it.
const NOTE = [
  'SYNTHETIC NOTE - written for the end-to-end tests, no real patient.',
  'Date of service: 2026-03-14',
  'Assessment: acute on chronic systolic heart failure.',
  '',
].join('\n');
const CODES = (date: string) =>
  [
    'encounter: E2E-CMD',
    'note: progress-visit.note',
    'setting: outpatient',
    `date: ${date}`,
    '',
    'I50.23  "acute on chronic systolic heart failure"',
    '',
    '',
  ].join('\n');

describe('commands and status bar', () => {
  let api: ClinicalCodingTestApi;
  let dir: string;
  const file = (name: string) => vscode.Uri.file(path.join(dir, name));
  const statusWhere = (cond: (s: StatusSnapshot) => boolean, what: string) =>
    waitForEvent(api.onDidRenderStatus, cond, what, () => api.statusBar());

  before(async () => {
    api = await testApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-cmd-'));
    fs.writeFileSync(path.join(dir, 'progress-visit.note'), NOTE);
    fs.writeFileSync(path.join(dir, 'visit.codes'), CODES('2026-03-14'));
    fs.writeFileSync(path.join(dir, 'late.codes'), CODES('2026-11-02'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the status bar shows the edition of the active .codes file', async () => {
    await openDoc(file('visit.codes'));
    const s = await statusWhere((x) => x.uri === file('visit.codes').toString(), 'status bar for visit.codes');
    assert.equal(s.text, '$(book) ICD-10-CM FY2026');
    assert.equal(s.warning, false);
    assert.match(s.tooltip, /Date of service: 2026-03-14/);
  });

  it('the status bar warns (icon, text and background) for a date outside every edition', async () => {
    await openDoc(file('late.codes'));
    const s = await statusWhere((x) => x.uri === file('late.codes').toString(), 'status bar for late.codes');
    assert.equal(s.warning, true);
    assert.equal(s.text, '$(warning) ICD-10-CM FY2026 (nearest)');
    assert.match(s.tooltip, /Date of service: 2026-11-02/);
    assert.match(s.tooltip, /Warning: .*2026-11-02/);
    // the same file's diagnostics say so too
    const d = await waitForDiagnostics(file('late.codes'), (ds) =>
      ds.some((x) => codeOf(x) === 'date-outside-editions'),
    );
    assert.ok(d.length > 0);
  });

  it('the status bar is hidden for a file that is not ours and back for a .codes file', async () => {
    const other = vscode.Uri.file(path.join(dir, 'readme.json'));
    fs.writeFileSync(other.fsPath, '{}\n');
    await openDoc(other);
    await statusWhere((x) => !x.visible, 'status bar hidden for a .json file');
    await openDoc(file('visit.codes'));
    const s = await statusWhere((x) => x.uri === file('visit.codes').toString(), 'status bar back for visit.codes');
    assert.equal(s.text, '$(book) ICD-10-CM FY2026');
  });

  it('"Show code-set editions" returns the 17 ICD-10-CM editions (13 order files, 4 mid-year), oldest FY2016, newest FY2026', async () => {
    const r = await vscode.commands.executeCommand<{
      cm: Array<{ label: string; from: string; to: string }>;
      pcs: Array<{ label: string }>;
    }>('clinicalCoding.showEditions');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(r, 'the command returned nothing (server not running?)');
    assert.equal(r.cm.length, 17, r.cm.map((e) => e.label).join(', '));
    assert.ok(r.cm.some((e) => e.label === 'ICD-10-CM FY2021 January update' && e.from === '2021-01-01'));
    assert.match(r.cm[0].label, /FY2016/);
    assert.equal(r.cm[0].from, '2015-10-01');
    assert.match(r.cm[r.cm.length - 1].label, /FY2026/);
    assert.equal(r.cm[r.cm.length - 1].to, '2026-09-30');
    // consecutive: each edition starts the day after the previous one ends
    for (let i = 1; i < r.cm.length; i++) {
      const next = new Date(`${r.cm[i - 1].to}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      assert.equal(r.cm[i].from, next.toISOString().slice(0, 10), `${r.cm[i - 1].label} → ${r.cm[i].label}`);
    }
  });

  it('"Look up ICD-10 code…" searches by words and inserts the picked code at the cursor', async () => {
    const editor = await openDoc(file('visit.codes'));
    const line = editor.document.lineCount - 1;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const shown = waitForEvent(
      api.onDidShowLookup,
      (e) => e.codes.length > 0,
      'lookup results for "acute on chronic systolic"',
    );
    const done = vscode.commands.executeCommand('clinicalCoding.lookupCode', 'acute on chronic systolic');
    const results = await shown;
    assert.equal(results.query, 'acute on chronic systolic');
    assert.ok(results.codes.includes('I50.23'), results.codes.join(', '));
    const changed = waitForEvent(
      vscode.workspace.onDidChangeTextDocument,
      (e) => e.document.uri.toString() === editor.document.uri.toString(),
      'the picked code inserted into visit.codes',
    );
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    await changed;
    assert.equal(results.active, results.codes[0]);
    assert.equal(editor.document.lineAt(line).text, results.active);
    await vscode.commands.executeCommand('undo');
  });

  it('"Open note for this annotation file" opens the note named in note:', async () => {
    await openDoc(file('visit.codes'));
    await vscode.commands.executeCommand('clinicalCoding.openNoteForAnnotation');
    const active = vscode.window.activeTextEditor?.document;
    assert.equal(active?.uri.fsPath, file('progress-visit.note').fsPath);
    assert.equal(active?.languageId, 'clinical-note');
  });

  it('"Open annotation file for this note" opens a .codes file whose note: names it', async () => {
    await openDoc(file('progress-visit.note'));
    await vscode.commands.executeCommand('clinicalCoding.openAnnotationForNote');
    const active = vscode.window.activeTextEditor?.document;
    assert.ok(
      active && ['visit.codes', 'late.codes'].includes(path.basename(active.uri.fsPath)),
      `opened ${active?.uri.fsPath}`,
    );
    assert.equal(active.languageId, 'code-annotation');
    assert.match(active.getText(), /^note: progress-visit\.note$/m);
  });
});
