/**
 * Note ↔ annotation file navigation. Which file goes with which is the server's linking service
 * (core/linking.ts, one precedence for the editor, the CLI and every feature): the client asks it
 * (`clinicalCoding/companion`) and never decides itself. Creating a missing annotation file never
 * overwrites an existing one.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { request, type CompanionResult } from './protocol';

export interface Companion {
  /** what was looked for: the note of a `.codes` file, or the `.codes` file of a note */
  kind: CompanionResult['kind'];
  uri?: vscode.Uri;
  /** why there is none */
  message: string;
}

/** The companion of a document by the server: the note of a `.codes` file, the `.codes` file of a note. */
export async function companionOf(client: LanguageClient, uri: vscode.Uri): Promise<Companion> {
  const r = await request(client, 'clinicalCoding/companion', { uri: uri.toString() });
  return {
    kind: r.kind,
    ...(r.uri ? { uri: vscode.Uri.parse(r.uri, true) } : {}),
    message: r.message ?? 'No companion file found.',
  };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function withExt(uri: vscode.Uri, ext: string): vscode.Uri {
  return uri.with({ path: uri.path.replace(/\.[^./]*$/, '') + ext });
}

/** Creates `name.codes` beside the note with a header template; never overwrites. */
export async function createAnnotationFor(note: vscode.Uri): Promise<vscode.Uri | undefined> {
  const target = withExt(note, '.codes');
  if (await exists(target)) return target;
  const name = note.path.slice(note.path.lastIndexOf('/') + 1);
  const template = `encounter: \nnote: ${name}\nsetting: inpatient\ndate: \n\n`;
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(template) });
  return (await vscode.workspace.applyEdit(edit)) ? target : undefined;
}
