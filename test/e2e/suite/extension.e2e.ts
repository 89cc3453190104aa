// The end-to-end suite: the real extension, its real language server and the real data, in a real
// VS Code. Every wait is on an event (languages.onDidChangeDiagnostics) bounded by a timeout, so the
// suite fails when the server does not start or a diagnostic is missing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, hoverText, openDoc, waitForDiagnostics } from './helpers';
import { fixtureUri, LINE_BILLABLE, LINE_HEADER, NOTE_LINE_HEADER, REVIEW_CODES, VISIT_NOTE } from './fixtures';

describe('Clinical Coding Review in VS Code', () => {
  it('is the expected build of the extension (the installed .vsix in vsix mode)', async () => {
    const ext = await activeExtension();
    const repo = process.env.E2E_REPO ?? '';
    if (process.env.E2E_MODE === 'vsix') {
      assert.notEqual(
        path.resolve(ext.extensionPath),
        path.resolve(repo),
        'extension runs from the repo, not the .vsix',
      );
    } else if (process.env.E2E_MODE === 'dev') {
      assert.equal(path.resolve(ext.extensionPath), path.resolve(repo));
    }
    assert.equal(ext.isActive, true);
  });

  describe('annotation files (.codes)', () => {
    let uri: vscode.Uri;
    let diags: readonly vscode.Diagnostic[];
    before(async () => {
      uri = fixtureUri('review.codes', REVIEW_CODES);
      const editor = await openDoc(uri);
      assert.equal(editor.document.languageId, 'code-annotation');
      diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
    });

    it('flags the header code E11 as non-billable at its exact range', () => {
      const d = diags.filter((x) => codeOf(x) === 'non-billable-code');
      assert.equal(d.length, 1, JSON.stringify(d.map((x) => x.message)));
      assert.equal(d[0].range.start.line, LINE_HEADER);
      assert.equal(d[0].range.start.character, 0);
      assert.equal(d[0].range.end.character, 3);
      assert.equal(d[0].severity, vscode.DiagnosticSeverity.Error);
      assert.match(d[0].message, /E11/);
    });

    it('does not flag the billable code I50.23', () => {
      const onLine = diags.filter((x) => x.range.start.line === LINE_BILLABLE);
      assert.deepEqual(
        onLine.map((x) => codeOf(x)),
        [],
      );
    });

    it('hover on I50.23 gives its title, billable status and edition', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(LINE_BILLABLE, 2),
      );
      const text = hoverText(hovers);
      assert.match(text, /I50\.23/);
      assert.match(text, /acute on chronic systolic/i);
      assert.match(text, /billable/i);
      assert.match(text, /FY ?2026/);
    });

    it('completes a code prefix with billable children, the dotted code inserted', async () => {
      const editor = await openDoc(uri);
      const end = new vscode.Position(editor.document.lineCount - 1, 0);
      await editor.edit((b) => b.insert(end, 'I50.2'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        new vscode.Position(end.line, 5),
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(
        labels.some((l) => l.startsWith('I50.23')),
        `I50.23 not among ${labels.slice(0, 20).join(', ')}`,
      );
      const item = list.items.find((i) =>
        (typeof i.label === 'string' ? i.label : i.label.label).startsWith('I50.23'),
      )!;
      const insert = typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? item.label);
      assert.match(String(typeof insert === 'string' ? insert : insert.label), /I50\.23/);
      await vscode.commands.executeCommand('undo');
    });

    it('a quick fix replaces the header by a billable child and the diagnostic goes away', async () => {
      const d = vscode.languages.getDiagnostics(uri).find((x) => codeOf(x) === 'non-billable-code');
      assert.ok(d, 'the non-billable-code diagnostic is gone before the fix');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
        // resolve the edits of lazily resolved actions (codeAction/resolve)
        50,
      );
      const fix = actions.find((a) => a.edit && /replace/i.test(a.title));
      assert.ok(fix?.edit, `no quick fix with an edit among: ${actions.map((a) => a.title).join(' | ')}`);
      const doc = await vscode.workspace.openTextDocument(uri);
      const before = doc.lineAt(LINE_HEADER).text;
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      const after = doc.lineAt(LINE_HEADER).text;
      assert.notEqual(after, before);
      assert.match(after, /^E11\.\w+/);
      await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === 'non-billable-code'));
    });
  });

  describe('clinical notes (.note)', () => {
    it('flags the dotted header [I50.2] and nothing in B12, A1c or T12', async () => {
      const uri = fixtureUri('visit.note', VISIT_NOTE);
      const editor = await openDoc(uri);
      assert.equal(editor.document.languageId, 'clinical-note');
      const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'non-billable-code'));
      const flagged = diags.map((x) => `${String(codeOf(x))}@${x.range.start.line}`);
      assert.ok(flagged.includes(`non-billable-code@${NOTE_LINE_HEADER}`), flagged.join(', '));
      assert.deepEqual(
        diags.filter((x) => x.range.start.line === 3).map((x) => editor.document.getText(x.range)),
        [],
      );
    });
  });

  describe('bundled examples', () => {
    it('the examples/ folder has annotation files and the server reports on them', async () => {
      const files = await vscode.workspace.findFiles('**/*.codes', undefined, 50);
      assert.ok(files.length > 0, 'no .codes files in examples/');
      for (const f of files) await openDoc(f);
      // Clean examples have no findings; the others must get theirs.
      await Promise.any(files.map((f) => waitForDiagnostics(f)));
    });
  });
});
