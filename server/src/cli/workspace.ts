/**
 * The CLI's Workspace (core/linking.ts): files on disk only, bounded (2 MB, not binary, UTF-8).
 * The server's (services/workspace.ts) also sees the editor's open documents.
 */
import type { ReadResult, Workspace } from '../core/linking';
import { listFolder, readBounded, uriToPath } from '../node/files';

export class CliWorkspace implements Workspace {
  read(uri: string): ReadResult {
    const p = uriToPath(uri);
    return p ? readBounded(p) : { problem: 'is not a file', missing: true };
  }

  siblings(uri: string): readonly string[] {
    const p = uriToPath(uri);
    return p ? listFolder(p) : [];
  }
}
