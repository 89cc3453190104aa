/**
 * The code browser's data (client/src/codeBrowser.ts shows it as a tree view): the children of a node and the
 * path to a code, for the edition of the active document's date of service (docs/language-server.md).
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  CodeTree,
  CodeTreePath,
  type CodeTreeParams,
  type CodeTreePathParams,
  type CodeTreePathResult,
  type CodeTreeResult,
} from '../protocol';
import type { ServerContext } from '../services/serverContext';

/** the edition index and date for a request: its date, else its document's, else the newest edition */
async function editionOf(
  ctx: ServerContext,
  p: { uri?: string; date?: string },
): Promise<{ edition: number; date?: string; message?: string; warning?: boolean } | undefined> {
  const cs = ctx.data.codeSet();
  if (!cs) return undefined;
  if (typeof p.date === 'string' && p.date) {
    const r = cs.editionFor(p.date);
    return {
      edition: r.ok ? r.index : (r.nearest?.index ?? cs.editions.length - 1),
      date: p.date,
      message: r.ok ? undefined : r.message,
      warning: !r.ok,
    };
  }
  const doc = typeof p.uri === 'string' ? ctx.documents.get(p.uri) : undefined;
  if (doc) {
    const req = await ctx.request(doc);
    const info = req.info;
    return {
      edition: info.editionIndex ?? cs.editions.length - 1,
      date: info.date || undefined,
      warning: !info.date || (info.edition !== undefined && !info.edition.ok),
      message:
        info.edition && !info.edition.ok
          ? info.edition.message
          : info.date
            ? `date of service ${info.date} (${info.dateSource})`
            : undefined,
    };
  }
  return { edition: cs.editions.length - 1, message: 'no file open: the newest edition', warning: true };
}

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(CodeTree, async (p: CodeTreeParams): Promise<CodeTreeResult> => {
    const cs = ctx.data.codeSet();
    if (!cs) return { nodes: [], message: ctx.data.error ?? 'ICD-10 data not loaded' };
    if (p?.node !== undefined && typeof p.node !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, 'node must be a string');
    try {
      const e = (await editionOf(ctx, p ?? {}))!;
      return {
        edition: cs.editions[e.edition]?.label,
        ...(e.message ? { message: e.message } : {}),
        ...(e.warning ? { warning: true } : {}),
        nodes: cs.browse(p?.node || undefined, e.edition, e.date),
      };
    } catch (err) {
      ctx.logger.error('code tree failed', err);
      throw new ResponseError(ErrorCodes.InternalError, `code tree failed: ${(err as Error).message}`);
    }
  });

  ctx.connection.onRequest(CodeTreePath, async (p: CodeTreePathParams): Promise<CodeTreePathResult> => {
    const cs = ctx.data.codeSet();
    if (!cs) return { path: [] };
    if (typeof p?.code !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'code must be a string');
    const e = (await editionOf(ctx, p))!;
    return { path: cs.browsePath(p.code, e.edition, p.pcs === true) };
  });
}
