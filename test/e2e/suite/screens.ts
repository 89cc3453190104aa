// Stages the workbench for run.mjs's screenshots: a hover on a flagged code, then the Problems panel.
// Protocol: write <ipc>/request-NAME.json { waitFor: css selector }, then wait (bounded) for
// <ipc>/done-NAME, written by run.mjs after page.screenshot().
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, openDoc, waitForDiagnostics } from './helpers';
import { screenshotTarget } from './fixtures';

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
}
