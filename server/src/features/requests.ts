/** Custom requests the client needs: code search (quick pick), editions, a document's status. */
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import {
  DocumentStatus,
  Editions,
  Search,
  type DocumentStatusParams,
  type EditionsResult,
  type SearchParams,
  type SearchResult,
  type StatusParams,
} from '../protocol';
import type { ServerContext } from '../services/serverContext';
import { searchCodes } from './indexSearch';

export function register(ctx: ServerContext, status: (uri: string) => Promise<StatusParams>): void {
  ctx.connection.onRequest(Search, async (p: SearchParams): Promise<SearchResult> => {
    try {
      const cs = ctx.data.codeSet();
      if (!cs) return { items: [], message: ctx.data.error ?? 'ICD-10 data not loaded' };
      if (typeof p?.query !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'query must be a string');
      let edition: number | undefined;
      let message: string | undefined;
      const doc = p.uri ? ctx.documents.get(p.uri) : undefined;
      if (p.date) {
        const r = cs.editionFor(p.date);
        edition = r.ok ? r.index : r.nearest?.index;
        if (!r.ok) message = r.message;
      } else if (doc) {
        const req = await ctx.request(doc);
        edition = req.info.editionIndex;
        if (req.info.edition && !req.info.edition.ok) message = req.info.edition.message;
      }
      edition ??= cs.editions.length - 1;
      const limit = Math.max(1, Math.min(p.limit ?? 100, 500));
      const found = p.query.trim() ? searchCodes(ctx, cs, p.query, edition, limit) : { hits: [], instructions: [] };
      const hits = found.hits;
      return {
        edition: cs.editions[edition]?.label,
        message,
        ...(found.instructions.length ? { instructions: found.instructions } : {}),
        items: hits.map((h) => ({
          code: h.code,
          title: h.title,
          billable: h.billable === true,
          matched: h.matched,
          term: h.term,
          ...(h.path ? { path: h.path } : {}),
          ...(h.note ? { note: h.note } : {}),
        })),
      };
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      ctx.logger.error('search failed', e);
      throw new ResponseError(ErrorCodes.InternalError, `search failed: ${(e as Error).message}`);
    }
  });

  ctx.connection.onRequest(Editions, (): EditionsResult => {
    const cs = ctx.data.codeSet();
    if (!cs) return { cm: [], pcs: [], error: ctx.data.error, dataDir: ctx.data.dir };
    return {
      cm: cs.editions.map((e) => ({
        id: e.id,
        label: e.label,
        from: e.from,
        to: e.to,
        billable: e.counts.billable,
        total: e.counts.total,
      })),
      pcs: cs.pcsEditions.map((e) => ({ id: e.id, label: e.label, from: e.from, to: e.to })),
      tabularYear: cs.tabularYear,
      dataDir: ctx.data.dir,
    };
  });

  ctx.connection.onRequest(DocumentStatus, (p: DocumentStatusParams) => status(p.uri));
}
