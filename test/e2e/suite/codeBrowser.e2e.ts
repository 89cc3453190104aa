// The code browser tree view and the ICD-10-PCS hover, inside VS Code (issue 12). Waits on events (the tree's
// listings after the server answered, its selection, document changes), never sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodeBrowserShown } from '../../../client/src/codeBrowser';
import type { ClinicalCodingTestApi } from '../../../client/src/testApi';
import { fixtureUri, PCS_CODES, PX_LINE } from './fixtures';
import { hoverText, openDoc, testApi, waitForDiagnostics, waitForEvent } from './helpers';

/** the label → [kind, icon] of each item of a listing */
function itemsOf(e: CodeBrowserShown): Map<string, [string, string]> {
  return new Map(e.labels.map((l, i) => [l, [e.kinds[i], e.icons[i]]]));
}

describe('code browser and PCS hover', function () {
  this.timeout(90_000);
  let api: ClinicalCodingTestApi;
  before(async () => {
    api = await testApi();
  });

  it('hover on a px code shows each character with its axis and meaning (ICD-10-PCS Tables FY2026)', async () => {
    const uri = fixtureUri('pcs.codes', PCS_CODES);
    await openDoc(uri);
    await waitForDiagnostics(uri, () => true);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(PX_LINE, 5),
    );
    const text = hoverText(hovers);
    assert.match(text, /0DTJ4ZZ \(ICD-10-PCS\)/);
    assert.ok(text.includes('| # | Axis | Character | Meaning (ICD-10-PCS Tables FY2026) |'), text);
    for (const row of [
      '| 1 | Section | 0 | Medical and Surgical |',
      '| 2 | Body System | D | Gastrointestinal System |',
      '| 3 | Operation | T | Resection |',
      '| 4 | Body Part | J | Appendix |',
      '| 5 | Approach | 4 | Percutaneous Endoscopic |',
      '| 6 | Device | Z | No Device |',
      '| 7 | Qualifier | Z | No Qualifier |',
    ])
      assert.ok(text.includes(row), `${row} in ${text}`);
  });

  it('the tree follows the edition of the active file', async () => {
    const old = fixtureUri('browse-2024.codes', PCS_CODES.replace('date: 2026-03-14', 'date: 2024-02-10'));
    const roots = waitForEvent(
      api.onDidListCodeBrowser,
      (e) => e.parent === '' && e.edition === 'ICD-10-CM FY2024',
      'the FY2024 roots',
    );
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.focus');
    await openDoc(old);
    const r = await roots;
    assert.deepEqual(r.labels.slice(-2), ['ICD-10-CM FY2024', 'ICD-10-PCS Tables']);
    assert.deepEqual(r.kinds.slice(-2), ['root', 'root']);
  });

  it('chapters → block → category → codes with billable/header icons, search, insert at cursor, copy', async () => {
    const uri = fixtureUri('browse.codes', PCS_CODES);
    // the roots, for the file's edition (FY2026: the date 2026-03-14)
    const roots = waitForEvent(
      api.onDidListCodeBrowser,
      (e) => e.parent === '' && e.edition === 'ICD-10-CM FY2026',
      'the FY2026 roots',
    );
    const editor = await openDoc(uri);
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.focus');
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.clearSearch');
    const r = await roots;
    assert.deepEqual(r.labels.slice(-2), ['ICD-10-CM FY2026', 'ICD-10-PCS Tables FY2026']);

    // search: the results first (the Alphabetic Index's default I50.9 for CHF)
    const results = waitForEvent(api.onDidListCodeBrowser, (e) => e.parent === 'results', 'the search results');
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.search', 'CHF');
    const found = await results;
    assert.equal(found.query, 'CHF');
    assert.equal(found.labels[0], 'I50.9');
    assert.deepEqual(itemsOf(found).get('I50.9'), ['billable', 'pass']);

    // reveal a code in its place: the chapters, chapter 9's blocks, I30-I52's categories, I50's and I50.2's codes
    const listed = (parent: string) =>
      waitForEvent(api.onDidListCodeBrowser, (e) => e.parent === parent, `the children of ${parent}`);
    const [chapters, blocks, categories, i50, i502] = [
      listed('cm'),
      listed('ch:9'),
      listed('blk:I30-I52'),
      listed('cm:I50'),
      listed('cm:I50.2'),
    ];
    const selected = waitForEvent(
      api.onDidSelectCodeBrowser,
      (ids) => ids.includes('cm:I50.23'),
      'I50.23 selected in the tree',
      () => api.codeBrowserSelection(),
    );
    const ok = await vscode.commands.executeCommand<boolean>('clinicalCoding.codeBrowser.reveal', 'I50.23');
    assert.equal(ok, true);
    const ch = await chapters;
    assert.equal(ch.edition, 'ICD-10-CM FY2026');
    assert.equal(ch.labels.length, 22, ch.labels.join(', '));
    assert.equal(ch.labels[0], 'Chapter 1 (A00-B99)');
    assert.ok(ch.labels.includes('Chapter 9 (I00-I99)'));
    assert.ok(ch.kinds.every((k) => k === 'chapter'));
    assert.ok((await blocks).labels.includes('I30-I52'));
    const cats = itemsOf(await categories);
    assert.deepEqual(cats.get('I50'), ['header', 'symbol-folder']);
    assert.deepEqual(cats.get('I38'), ['billable', 'pass']);
    const sub = itemsOf(await i50);
    assert.deepEqual(sub.get('I50.1'), ['billable', 'pass']);
    assert.deepEqual(sub.get('I50.2'), ['header', 'symbol-folder']);
    assert.deepEqual((await i502).labels, ['I50.20', 'I50.21', 'I50.22', 'I50.23']);
    assert.deepEqual(itemsOf(await i502).get('I50.23'), ['billable', 'pass']);
    await selected;

    // insert at cursor: the item selected in the tree goes into the editor at its cursor
    const end = editor.document.lineCount - 1;
    assert.equal(editor.document.lineAt(end).text, '');
    editor.selection = new vscode.Selection(end, 0, end, 0);
    const changed = waitForEvent(
      vscode.workspace.onDidChangeTextDocument,
      (e) => e.document.uri.toString() === uri.toString() && e.contentChanges.length > 0,
      'the code inserted',
    );
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.insertCode');
    await changed;
    assert.equal(editor.document.lineAt(end).text, 'I50.23');
    // the server checks the line it gained (I50.23 needs its POA on an inpatient encounter)
    await waitForDiagnostics(uri, (d) => d.some((x) => x.range.start.line === end));
    await editor.edit((b) => b.delete(new vscode.Range(end, 0, end, 6)));
    await editor.document.save();
    assert.equal(editor.document.lineAt(end).text, '');

    // copy: a context-menu item (the command's argument) goes to the clipboard
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.copyCode', {
      node: { id: 'pcs:0DTJ4ZZ', label: '0DTJ4ZZ', kind: 'pcs-code', code: '0DTJ4ZZ', leaf: true },
      result: false,
    });
    assert.equal(await vscode.env.clipboard.readText(), '0DTJ4ZZ');
    await vscode.commands.executeCommand('clinicalCoding.codeBrowser.clearSearch');
  });
});
