// Note reading end to end: a note beside its annotation file shows a documented-not-coded diagnostic, and
// applying its quick fix "Add N17.9 to discharge-summary.codes" edits the annotation file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, openDoc, waitForDiagnostics } from './helpers';

const NOTE = [
  'HPI: 70 year old with fever. Pneumonia was ruled out.',
  'Discharge Diagnoses:',
  '1. Acute on chronic systolic heart failure',
  '2. AKI',
  '',
].join('\n');
const CODES = [
  'note: discharge-summary.note',
  'setting: inpatient',
  'date: 2026-03-14',
  '',
  'I50.23  POA=Y  "acute on chronic systolic heart failure"',
  '',
].join('\n');

describe('note reading', () => {
  let dir: string;
  before(async () => {
    await activeExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-notes-'));
    fs.writeFileSync(path.join(dir, 'discharge-summary.note'), NOTE);
    fs.writeFileSync(path.join(dir, 'discharge-summary.codes'), CODES);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows documented-not-coded on "AKI" and its quick fix adds N17.9 to the annotation file', async () => {
    const note = vscode.Uri.file(path.join(dir, 'discharge-summary.note'));
    const codes = vscode.Uri.file(path.join(dir, 'discharge-summary.codes'));
    await openDoc(note);
    const diags = await waitForDiagnostics(note, (d) => d.some((x) => codeOf(x) === 'documented-not-coded'));
    const d = diags.find((x) => codeOf(x) === 'documented-not-coded')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [3, 3, 6]);
    assert.match(
      d.message,
      /"AKI" \(Discharge Diagnoses\) is documented but discharge-summary\.codes has no code for it/,
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      note,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Add N17.9 to discharge-summary.codes');
    assert.ok(fix?.edit, `the quick fix is offered (got: ${actions.map((a) => a.title).join('; ')})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const codesDoc = await vscode.workspace.openTextDocument(codes);
    assert.equal(codesDoc.getText(), CODES + 'N17.9  POA=Y  "AKI"\n');
    await codesDoc.save();
    assert.equal(fs.readFileSync(codes.fsPath, 'utf8'), CODES + 'N17.9  POA=Y  "AKI"\n');
    // editing the annotation file re-checks the note: the diagnostic goes away
    await waitForDiagnostics(note, (ds) => !ds.some((x) => codeOf(x) === 'documented-not-coded'));
  });
});
