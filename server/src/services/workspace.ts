/**
 * The server's Workspace (core/linking.ts): a document's open version first, else the file on disk,
 * bounded (2 MB, not binary, UTF-8), and folder listings. The CLI has its own (cli/workspace.ts).
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReadResult, Workspace } from '../core/linking';
import { listFolder, readBounded, uriToPath } from '../node/files';

export class ServerWorkspace implements Workspace {
  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  read(uri: string): ReadResult {
    const open = this.documents.get(uri);
    if (open) return { text: open.getText() };
    const p = uriToPath(uri);
    return p ? readBounded(p) : { problem: 'is not a file on this machine', missing: true };
  }

  siblings(uri: string): readonly string[] {
    const names = new Set<string>();
    const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
    // open documents that are not saved yet count too
    for (const d of this.documents.all()) {
      if (d.uri.startsWith(folder) && !d.uri.slice(folder.length).includes('/'))
        names.add(decodeURIComponent(d.uri.slice(folder.length)));
    }
    const p = uriToPath(uri);
    if (p) for (const n of listFolder(p)) names.add(n);
    return [...names];
  }
}
