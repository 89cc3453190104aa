/**
 * The search of completion by words and of the lookup command: the Alphabetic Index and the titles
 * (core/notes/indexSearch.ts) over the note reader the server already holds; titles only without Index data.
 */
import type { CodeSet, SearchHit } from '../core/codeset/api';
import { isCodeQuery } from '../core/codeset/search';
import { searchWithIndex, type IndexSearchResult } from '../core/notes/indexSearch';
import type { ServerContext } from '../services/serverContext';

export function searchCodes(
  ctx: ServerContext,
  cs: CodeSet,
  query: string,
  edition: number,
  limit: number,
): IndexSearchResult {
  // a code prefix is answered by code, as searchWithIndex answers it first: no Alphabetic Index loaded for it
  const q = query.trim();
  if (isCodeQuery(q)) {
    const code = cs.search(q, edition, limit);
    if (code.length && code[0].matched === 'code-prefix') return { hits: code, instructions: [] };
  }
  const reader = ctx.notes.reader(cs);
  if (!reader) return { hits: cs.search(query, edition, limit), instructions: [] };
  const search = (q: string, ed: number, n: number): SearchHit[] => cs.search(q, ed, n);
  return searchWithIndex(reader, search, query, edition, limit);
}
