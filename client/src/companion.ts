/**
 * Pairing a note with its annotation file: `discharge.note` ↔ `discharge.codes` (same name), or an
 * annotation file whose `note:` header names the note. Creating a missing annotation file never
 * overwrites an existing one.
 */
import * as vscode from 'vscode';

const NOTE_EXTS = ['.note', '.txt', '.md'];

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

function dirOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ path: uri.path.replace(/\/[^/]*$/, '') || '/' });
}

function noteHeader(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*note\s*:\s*([^#]*?)\s*(?:#.*)?$/i.exec(line);
    if (m) return m[1];
    if (/^\s*[A-Za-z][0-9]/.test(line) || /^\s*px\s/i.test(line)) break; // first code line ends the header
  }
  return undefined;
}

export async function annotationForNote(note: vscode.Uri): Promise<vscode.Uri | undefined> {
  const same = withExt(note, '.codes');
  if (await exists(same)) return same;
  const dir = dirOf(note);
  const name = note.path.slice(note.path.lastIndexOf('/') + 1);
  try {
    for (const [file, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (type !== vscode.FileType.File || !file.endsWith('.codes')) continue;
      const uri = vscode.Uri.joinPath(dir, file);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const ref = noteHeader(text);
      if (ref && vscode.Uri.joinPath(dir, ref).path === note.path) return uri;
      if (ref === name) return uri;
    }
  } catch {
    // unreadable folder: nothing found
  }
  return undefined;
}

export async function noteForAnnotation(codes: vscode.Uri, text: string): Promise<vscode.Uri | undefined> {
  const ref = noteHeader(text);
  if (ref) {
    const uri = vscode.Uri.joinPath(dirOf(codes), ref);
    if (await exists(uri)) return uri;
  }
  for (const ext of NOTE_EXTS) {
    const uri = withExt(codes, ext);
    if (await exists(uri)) return uri;
  }
  return undefined;
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
