// CDI physician queries end to end: on a copy of examples/cdi/heart-failure.note (so the repository is never
// written to), the query-opportunity diagnostic appears, the "Draft physician query" code action runs, and the
// new <note>.<topic>.query.md opens beside the note with the encounter from the .codes file; a second draft
// gets a numbered name and the first is untouched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, examplesDir, openDoc, waitForDiagnostics } from './helpers';

/** Resolves with the active editor once `cond` holds for it, rejecting after `ms`. */
function waitForActiveEditor(cond: (e: vscode.TextEditor) => boolean, ms = 30_000): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const now = vscode.window.activeTextEditor;
    if (now && cond(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `the query did not open within ${ms} ms (active: ${vscode.window.activeTextEditor?.document.uri.fsPath ?? 'none'})`,
        ),
      );
    }, ms);
    const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e && cond(e)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      }
    });
  });
}

describe('CDI physician queries', () => {
  let dir: string;
  before(async () => {
    await activeExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-cdi-'));
    for (const f of ['heart-failure.note', 'heart-failure.codes'])
      fs.copyFileSync(path.join(examplesDir(), 'cdi', f), path.join(dir, f));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function draftFromCodeAction(note: vscode.Uri): Promise<vscode.TextEditor> {
    const diags = await waitForDiagnostics(note, (d) => d.some((x) => codeOf(x) === 'query-opportunity'));
    const opportunity = diags.find((x) => codeOf(x) === 'query-opportunity')!;
    assert.equal(opportunity.range.start.line, 19);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      note,
      opportunity.range,
    );
    const draft = actions.find((a) => a.title === 'Draft physician query: Heart failure: type and acuity');
    assert.ok(draft?.command, `no "Draft physician query" action (got: ${actions.map((a) => a.title).join('; ')})`);
    await vscode.commands.executeCommand(draft.command.command, ...(draft.command.arguments ?? []));
    return waitForActiveEditor((e) => e.document.uri.fsPath.endsWith('.query.md'));
  }

  it('drafts a query from the note through the code action and opens the new file', async () => {
    const note = vscode.Uri.file(path.join(dir, 'heart-failure.note'));
    await openDoc(note);
    const editor = await draftFromCodeAction(note);
    assert.equal(editor.document.uri.fsPath, path.join(dir, 'heart-failure.note.heart-failure.query.md'));
    assert.equal(editor.document.languageId, 'physician-query');
    const text = editor.document.getText();
    assert.match(text, /^# Physician query: heart failure\n/);
    assert.match(text, /- Encounter: CDI-HF-001\n- Patient: age 72, sex M\n/);
    assert.match(text, /- BNP elevated: "BNP 1,850 pg\/mL" \(line 10\)\n/);
    assert.match(text, /- \[ \] Other \(please specify\): ________\n- \[ \] Clinically undetermined\n/);
    assert.ok(await editor.document.save(), 'the first query saved');
    // the draft is compliant: the server publishes no query-* diagnostics for it
    const qd = vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => String(codeOf(d)).startsWith('query-'));
    assert.deepEqual(qd, []);
  });

  it('a second draft gets a numbered name; the first file is untouched', async () => {
    const first = path.join(dir, 'heart-failure.note.heart-failure.query.md');
    // the CDI specialist adds a line to the first query in the editor and saves it (the first draft is still
    // open there: writing the file behind the editor's back raced its save, "File Modified Since")
    const firstDoc = await vscode.workspace.openTextDocument(vscode.Uri.file(first));
    const added = new vscode.WorkspaceEdit();
    added.insert(firstDoc.uri, firstDoc.positionAt(firstDoc.getText().length), '\nCDI note: sent to Dr. Example.\n');
    assert.ok(await vscode.workspace.applyEdit(added));
    assert.ok(await firstDoc.save(), 'the first query saved');
    const before = fs.readFileSync(first, 'utf8');
    assert.match(before, /CDI note: sent to Dr\. Example\.\n$/);
    const note = vscode.Uri.file(path.join(dir, 'heart-failure.note'));
    await openDoc(note);
    const editor = await draftFromCodeAction(note);
    assert.equal(editor.document.uri.fsPath, path.join(dir, 'heart-failure.note.heart-failure.2.query.md'));
    assert.equal(fs.readFileSync(first, 'utf8'), before);
    assert.ok(await editor.document.save(), 'the second query saved');
  });
});
