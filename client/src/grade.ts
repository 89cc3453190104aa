/**
 * "Clinical Coding: Grade this exercise" (docs/exercises.md): asks the server to grade the active `.codes` file
 * (a student's answer, or an answer key for the whole class), writes the markdown report beside it as
 * NAME.<student>.grade.md — a new file every time, never replacing one — and opens its preview beside the editor.
 * Returns the written file's URI (string), or undefined when nothing was graded.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { request, runningClient, type GradeResponse } from './protocol';

export const GRADE_COMMAND = 'clinicalCoding.gradeExercise';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** NAME.grade.md, else NAME.grade-2.md, NAME.grade-3.md … : the first name not taken. */
export async function freeName(dir: vscode.Uri, name: string): Promise<vscode.Uri> {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 1; n < 1000; n++) {
    const candidate = vscode.Uri.joinPath(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`${name} and 998 numbered variants already exist`);
}

export function registerGradeCommand(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(GRADE_COMMAND, async (arg?: unknown): Promise<string | undefined> => {
      const client = runningClient(getClient);
      if (!client) return undefined;
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri || !/\.codes$/i.test(uri.path)) {
        void vscode.window.showWarningMessage(
          'Clinical Coding: open a student answer (.codes) or an answer key (NAME.key.codes) to grade.',
        );
        return undefined;
      }
      let r: GradeResponse;
      try {
        r = await request(client, 'clinicalCoding/grade', { uri: uri.toString(), format: 'markdown' });
      } catch (e) {
        void vscode.window.showErrorMessage(`Clinical Coding: grading failed: ${(e as Error).message}`);
        return undefined;
      }
      if (!r.ok || r.content === undefined || !r.suggestedName) {
        void vscode.window.showWarningMessage(`Clinical Coding: ${r.message ?? 'nothing to grade.'}`);
        return undefined;
      }
      const dir = vscode.Uri.joinPath(uri, '..');
      const target = await freeName(dir, r.suggestedName);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.content));
      try {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
      } catch {
        // no markdown preview (extension disabled): show the file itself beside the answer
        await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      }
      vscode.window.setStatusBarMessage(
        r.kind === 'class'
          ? `Clinical Coding: graded ${r.students} answers, average ${r.percent}%`
          : `Clinical Coding: graded, ${r.percent}%`,
        8000,
      );
      return target.toString();
    }),
  );
}
