/**
 * Completion. In annotation files: codes by prefix or by words (search), header keys and values,
 * POA flags. In notes: codes after "[" or an "ICD-10:" label, and on dotted code prefixes.
 * Billable codes first; headers marked; the dotted code inserted; the title as detail; notes on resolve.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { HEADER_KEYS, POA_VALUES, SETTINGS } from '../core/annotation/parse';
import type { CodeSet } from '../core/codeset/api';
import { noteCompletionContext } from '../core/notes/codeTokens';
import type { ServerContext } from '../services/serverContext';
import type { DocumentInfo } from '../services/documents';
import { cmHoverMarkdown, esc } from './hoverContent';
import { searchCodes } from './indexSearch';

export const COMPLETION_LIMIT = 50;

const HEADER_DOCS: Record<string, string> = {
  encounter: 'Encounter identifier (synthetic, no PHI)',
  note: 'The note being coded, relative to this file',
  setting: 'inpatient | outpatient',
  date: 'Date of service YYYY-MM-DD (inpatient: discharge date); picks the edition',
  age: 'Patient age in years',
  sex: 'F | M | U',
  key: 'Answer key this file is graded against (trainers)',
};
const POA_DOCS: Record<string, string> = {
  Y: 'Yes: present at the time of inpatient admission',
  N: 'No: not present at the time of inpatient admission',
  U: 'Unknown: documentation insufficient to determine',
  W: 'Clinically undetermined: provider unable to determine',
  '1': 'Exempt from POA reporting (blank on paper claims)',
};
const SEX_DOCS: Record<string, string> = { F: 'female', M: 'male', U: 'unknown' };

interface ItemData {
  code: string;
  edition: number;
  why: string;
  ok: boolean;
  /** the Index path and the edition check's note, shown above the code's hover */
  path?: string;
}

function codeItems(ctx: ServerContext, cs: CodeSet, info: DocumentInfo, query: string, range: Range): CompletionItem[] {
  const edition = info.editionIndex;
  if (edition === undefined || !query.trim()) return [];
  // the Alphabetic Index first (its default, then the titles), as ranked by the search
  const hits = searchCodes(ctx, cs, query, edition, COMPLETION_LIMIT).hits;
  // billable first, then the search's own ranking
  const ordered = hits
    .map((h, i) => ({ h, i }))
    .sort((a, b) => Number(b.h.billable === true) - Number(a.h.billable === true) || a.i - b.i);
  return ordered.map(({ h }, rank) => {
    const header = h.billable !== true;
    const data: ItemData = {
      code: h.code,
      edition,
      why: info.date ? `${info.date} (from ${info.dateSource})` : `(none: ${info.dateSource})`,
      ok: info.edition?.ok !== false,
    };
    if (h.path) data.path = [h.path, h.note].filter(Boolean).join(' — ');
    const item: CompletionItem = {
      label: h.code,
      kind: header ? CompletionItemKind.Folder : CompletionItemKind.Value,
      detail: h.title,
      labelDetails: {
        description: header
          ? 'header, not billable'
          : h.matched === 'inclusion-term'
            ? h.term
            : h.matched === 'index'
              ? 'Index'
              : undefined,
      },
      sortText: String(rank).padStart(4, '0'),
      filterText: query,
      textEdit: { range, newText: h.code },
      data,
    };
    return item;
  });
}

/** Completion on a `px` line: the next character of the code, table by table, from the ICD-10-PCS Tables. */
function pcsItems(cs: CodeSet, info: DocumentInfo, query: string, range: Range): CompletionItem[] {
  if (!/^[0-9A-HJ-NP-Z]{0,6}$/i.test(query)) return [];
  const prefix = query.toUpperCase();
  const next = cs.nextPcs(prefix, info.date);
  return next.options.map((o, i): CompletionItem => {
    const code = prefix + o.char;
    const done = code.length === 7;
    return {
      label: code,
      kind: done ? CompletionItemKind.Value : CompletionItemKind.Folder,
      detail: `${next.axis ?? `Character ${next.pos}`} ${o.char}: ${o.meaning}`,
      labelDetails: { description: next.table ? `${next.table.code} ${next.table.title}` : next.axis },
      documentation: done ? cs.classifyPcs(code, info.date).title : undefined,
      sortText: String(i).padStart(3, '0'),
      filterText: code,
      textEdit: { range, newText: code },
      // not yet 7 characters: offer the next one at once
      ...(done ? {} : { command: { title: 'Next character', command: 'editor.action.triggerSuggest' } }),
    };
  });
}

function simpleItems(
  values: readonly string[],
  docs: Record<string, string>,
  range: Range,
  suffix = '',
): CompletionItem[] {
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: docs[v],
    sortText: String(i).padStart(2, '0'),
    textEdit: { range, newText: v + suffix },
  }));
}

export function register(ctx: ServerContext): void {
  for (const c of ['[', '.', '=', ':']) ctx.triggerCharacters.add(c);

  ctx.providers.completion.push(({ doc, info }, params) => {
    // physician queries (*.query.md) get their section snippets from features/cdi.ts only
    if (info.tooLarge || info.kind === 'query') return [];
    const pos = params.position;
    const lineStart = doc.offsetAt({ line: pos.line, character: 0 });
    const offset = doc.offsetAt(pos);
    const before = info.text.slice(lineStart, offset);
    const cs = info.codeSet;
    const rangeFrom = (start: number): Range => ({ start: doc.positionAt(start), end: pos });

    if (info.kind === 'note') {
      if (!cs) return [];
      const c = noteCompletionContext(info.text, offset);
      return c && c.prefix ? codeItems(ctx, cs, info, c.prefix, rangeFrom(c.span.start)) : [];
    }

    const file = info.annotation;
    const firstCodeLine = file?.lines[0]?.line ?? Number.MAX_SAFE_INTEGER;
    const inHeader = pos.line <= firstCodeLine;
    // header values
    const hv = /^\s*(setting|sex)\s*:\s*(\w*)$/i.exec(before);
    if (hv) {
      const r = rangeFrom(offset - hv[2].length);
      return hv[1].toLowerCase() === 'setting'
        ? simpleItems(SETTINGS, { inpatient: 'Inpatient (POA required)', outpatient: 'Outpatient' }, r)
        : simpleItems(['F', 'M', 'U'], SEX_DOCS, r);
    }
    // POA flags
    const poa = /\bPOA=(\w*)$/i.exec(before);
    if (poa) return simpleItems(POA_VALUES, POA_DOCS, rangeFrom(offset - poa[1].length));
    // after the code (evidence, comment, attributes): nothing
    if (before.includes('#') || before.includes('"')) return [];
    const m = /^(\s*)(px\s+)?(.*)$/i.exec(before);
    if (!m) return [];
    const query = m[3];
    const queryStart = lineStart + m[1].length + (m[2]?.length ?? 0);
    const items: CompletionItem[] = [];
    if (inHeader && /^[a-z]*$/.test(query) && !m[2]) {
      items.push(
        ...HEADER_KEYS.filter((k) => !file?.headers.some((h) => h.key === k && h.line !== pos.line)).map(
          (k, i): CompletionItem => ({
            label: `${k}:`,
            kind: CompletionItemKind.Property,
            detail: HEADER_DOCS[k],
            sortText: 'h' + String(i).padStart(2, '0'),
            filterText: k,
            textEdit: { range: rangeFrom(queryStart), newText: `${k}: ` },
          }),
        ),
      );
    }
    // ICD-10-PCS: the characters allowed next, from the Tables of the date, each with its axis and meaning
    if (cs && m[2]) return pcsItems(cs, info, query, rangeFrom(queryStart));
    const pastCode = /^[A-Za-z][0-9][0-9A-Za-z.]*\s/.test(query);
    if (cs && !m[2] && query.trim() && !pastCode) {
      // a code already typed followed by a space means the cursor is past the code
      const codeLike = /^[A-Za-z][0-9][0-9A-Za-z.]*$/.test(query);
      if (codeLike || /[a-z]{2}/i.test(query)) items.push(...codeItems(ctx, cs, info, query, rangeFrom(queryStart)));
    }
    return items;
  });

  ctx.providers.completionResolve.push((item) => {
    const data = item.data as ItemData | undefined;
    const cs = ctx.data.codeSet();
    if (!cs || !data || typeof data.code !== 'string') return undefined;
    const code = cs.normalize(data.code);
    if (!code) return undefined;
    item.documentation = {
      kind: MarkupKind.Markdown,
      value:
        (typeof data.path === 'string' ? `${esc(data.path)}\n\n` : '') +
        cmHoverMarkdown(cs, { code, edition: data.edition, editionOk: data.ok, dateWhy: data.why }),
    };
    return item;
  });
}
