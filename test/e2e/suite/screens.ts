// Stages the workbench for run.mjs's screenshots: a hover on a flagged code, the Problems panel, the status
// bar's warning, a PCS hover and the code browser.
// Protocol: write <ipc>/request-NAME.json { waitFor: css selector }, then wait (bounded) for
// <ipc>/done-NAME, written by run.mjs after page.screenshot().
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, openDoc, waitForDiagnostics } from './helpers';
import { fixtureUri, PCS_CODES, PX_LINE, REVIEW_CODES, screenshotTarget } from './fixtures';

function shoot(ipc: string, name: string, waitFor: string, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = path.join(ipc, `done-${name}`);
    const timer = setTimeout(() => {
      w.close();
      reject(new Error(`no screenshot '${name}' within ${ms} ms`));
    }, ms);
    const w = fs.watch(ipc, () => {
      if (fs.existsSync(done)) {
        clearTimeout(timer);
        w.close();
        resolve();
      }
    });
    fs.writeFileSync(path.join(ipc, `request-${name}.json`), JSON.stringify({ waitFor }));
  });
}

export async function stageScreenshots(ipc: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const uri = screenshotTarget();
  const editor = await openDoc(uri);
  const diags = await waitForDiagnostics(uri);
  const target = diags.find((d) => codeOf(d) === 'non-billable-code') ?? diags[0];
  const hover = async (): Promise<void> => {
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    editor.selection = new vscode.Selection(target.range.start, target.range.start);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
  };
  // 1. the hover alone
  await hover();
  await shoot(ipc, 'hover', '.monaco-hover .hover-contents');
  // 2. the Problems panel (the hover stays open beside it)
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shoot(ipc, 'problems', '.markers-panel .monaco-list-row');
  // 3. both: the picture for the README
  await hover();
  await shoot(ipc, 'workbench', '.monaco-hover .hover-contents');
  // 4. the status bar's warning state: a file whose date of service is outside every edition
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const late = fixtureUri('late-date.codes', REVIEW_CODES.replace('date: 2026-03-14', 'date: 2026-11-02'));
  const lateEditor = await openDoc(late);
  const lateDiags = await waitForDiagnostics(late, (d) => d.some((x) => codeOf(x) === 'date-outside-editions'));
  const dateLine = lateDiags.find((x) => codeOf(x) === 'date-outside-editions')!.range.start.line;
  lateEditor.selection = new vscode.Selection(dateLine, 6, dateLine, 6);
  await vscode.commands.executeCommand('editor.action.showHover');
  await shoot(ipc, 'status-warning', '.statusbar-item.warning-kind');
  // 5. a PCS hover: each character's axis and meaning from the ICD-10-PCS Tables
  const pcs = fixtureUri('pcs-shot.codes', PCS_CODES);
  const pcsEditor = await openDoc(pcs);
  await waitForDiagnostics(pcs);
  pcsEditor.selection = new vscode.Selection(PX_LINE, 5, PX_LINE, 5);
  await vscode.commands.executeCommand('editor.action.showHover');
  await shoot(ipc, 'pcs-hover', '.monaco-hover .hover-contents table');
  // 6. the code browser (its own activity-bar container) beside the example: a search, then a code revealed in
  // its chapter → block → category (the example's date 2026-01-20: FY2026)
  await openDoc(uri);
  await vscode.commands.executeCommand('clinicalCoding.codeBrowser.focus');
  await vscode.commands.executeCommand('clinicalCoding.codeBrowser.search', 'CHF');
  await shoot(ipc, 'code-browser-search', '.monaco-list-row.selected[aria-label^="Search: CHF,"]');
  await vscode.commands.executeCommand('clinicalCoding.codeBrowser.reveal', 'I50.23');
  await shoot(ipc, 'code-browser', '.monaco-list-row.selected[aria-label^="I50.23,"]');
}
