// Stages the workbench for run.mjs's screenshots: a hover on a flagged code, the Problems panel, the status
// bar's warning, a PCS hover, the code browser and a note's history/status codes.
// Protocol: rename a complete <ipc>/request-NAME.json { waitFor: css selector, attempt } into place, then wait
// (bounded) for <ipc>/done-NAME, written by run.mjs after page.screenshot(): empty, or what went wrong (a hover
// that closed before the picture is shown again and taken again).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, openDoc, waitForDiagnostics } from './helpers';
import {
  fixtureUri,
  PCS_CODES,
  PX_LINE,
  REVIEW_CODES,
  screenshotTarget,
  STATUS_CODES,
  STATUS_LINE,
  STATUS_NOTE,
} from './fixtures';

/** Asks run.mjs for a screenshot; resolves with its note ('' when the picture shows what was waited for). */
function shoot(ipc: string, name: string, waitFor: string, attempt = 1, ms = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = path.join(ipc, `done-${name}`);
    fs.rmSync(done, { force: true });
    const timer = setTimeout(() => {
      w.close();
      reject(new Error(`no screenshot '${name}' within ${ms} ms`));
    }, ms);
    const w = fs.watch(ipc, () => {
      if (fs.existsSync(done)) {
        clearTimeout(timer);
        w.close();
        resolve(fs.readFileSync(done, 'utf8'));
      }
    });
    const tmp = path.join(ipc, `tmp-request-${name}.json`);
    fs.writeFileSync(tmp, JSON.stringify({ waitFor, attempt }));
    fs.renameSync(tmp, path.join(ipc, `request-${name}.json`));
  });
}

/** A hover's screenshot: shown, then taken; shown and taken again (up to 3 times) when it closed before. */
async function shootHover(ipc: string, name: string, waitFor: string, show: () => Promise<void>): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await show();
    if (!(await shoot(ipc, name, waitFor, attempt))) return;
  }
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
  await shootHover(ipc, 'hover', '.monaco-hover .hover-contents', hover);
  // 2. the Problems panel (the hover stays open beside it)
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shoot(ipc, 'problems', '.markers-panel .monaco-list-row');
  // 3. both: the picture for the README
  await shootHover(ipc, 'workbench', '.monaco-hover .hover-contents', hover);
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
  await shootHover(ipc, 'pcs-hover', '.monaco-hover .hover-contents table', async () => {
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    pcsEditor.selection = new vscode.Selection(PX_LINE, 5, PX_LINE, 5);
    await vscode.commands.executeCommand('editor.action.showHover');
  });
  // 6. the code browser (its own activity-bar container) beside the example: a search, then a code revealed in
  // its chapter → block → category (the example's date 2026-01-20: FY2026)
  await openDoc(uri);
  await vscode.commands.executeCommand('clinicalCoding.codeBrowser.focus');
  await vscode.commands.executeCommand('clinicalCoding.codeBrowser.search', 'CHF');
  await shoot(ipc, 'code-browser-search', '.monaco-list-row.selected[aria-label^="Search: CHF,"]');
  await vscode.commands.executeCommand('clinicalCoding.codeBrowser.reveal', 'I50.23');
  await shoot(ipc, 'code-browser', '.monaco-list-row.selected[aria-label^="I50.23,"]');
  // 7. a note whose assessment lists history and status codes (issue 11): the hover on "Former smoker"
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  fixtureUri('status-visit.codes', STATUS_CODES);
  const statusNote = fixtureUri('status-visit.note', STATUS_NOTE);
  const noteEditor = await openDoc(statusNote);
  await waitForDiagnostics(statusNote, (d) => d.filter((x) => codeOf(x) === 'documented-not-coded').length >= 3);
  await shootHover(ipc, 'note-status-hover', '.monaco-hover .hover-contents', async () => {
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    noteEditor.selection = new vscode.Selection(STATUS_LINE, 6, STATUS_LINE, 6);
    await vscode.commands.executeCommand('editor.action.showHover');
  });
}
