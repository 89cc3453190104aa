/** Outline: annotation files (header, principal, secondary diagnoses, procedures) and note sections. */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../core/types';
import { findSections } from '../core/notes/outline';
import type { ServerContext } from '../services/serverContext';
import type { DocumentInfo } from '../services/documents';

function range(doc: TextDocument, s: Span): Range {
  return { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
}

function group(name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol | undefined {
  if (!children.length) return undefined;
  const r: Range = { start: children[0].range.start, end: children[children.length - 1].range.end };
  return { name, kind, range: r, selectionRange: children[0].selectionRange, children };
}

export function annotationSymbols(doc: TextDocument, info: DocumentInfo): DocumentSymbol[] {
  const file = info.annotation;
  if (!file) return [];
  const cs = info.codeSet;
  const title = (code: string, kind: 'dx' | 'px'): string | undefined =>
    cs ? (kind === 'px' ? undefined : cs.title(code, info.editionIndex)) : undefined;
  const headers = file.headers.map((h): DocumentSymbol => ({
    name: `${h.key}: ${h.value}`,
    kind: SymbolKind.Property,
    range: range(doc, { start: h.keySpan.start, end: h.valueSpan.end }),
    selectionRange: range(doc, h.keySpan),
  }));
  const line = (l: (typeof file.lines)[number]): DocumentSymbol => {
    const shown = cs && l.kind === 'dx' ? cs.display(l.code) : l.raw;
    const t = title(l.code, l.kind);
    const r = range(doc, l.codeSpan);
    const lineRange: Range = { start: { line: l.line, character: 0 }, end: r.end };
    return {
      name: shown,
      detail: t,
      kind: l.kind === 'px' ? SymbolKind.Event : SymbolKind.Constant,
      range: lineRange,
      selectionRange: r,
    };
  };
  const dx = file.lines.filter((l) => l.kind === 'dx');
  const px = file.lines.filter((l) => l.kind === 'px');
  const out: DocumentSymbol[] = [];
  const push = (s: DocumentSymbol | undefined) => s && out.push(s);
  push(group('Header', SymbolKind.Namespace, headers));
  push(group('Principal diagnosis', SymbolKind.Class, dx.slice(0, 1).map(line)));
  push(group('Secondary diagnoses', SymbolKind.Class, dx.slice(1).map(line)));
  push(group('Procedures', SymbolKind.Class, px.map(line)));
  return out;
}

export function noteSymbols(doc: TextDocument, text: string): DocumentSymbol[] {
  return findSections(text).map((s) => ({
    name: s.title,
    kind: SymbolKind.String,
    range: range(doc, s.span),
    selectionRange: range(doc, s.headingSpan),
  }));
}

export function register(ctx: ServerContext): void {
  ctx.providers.symbols.push(({ doc, info }) =>
    info.tooLarge ? [] : info.kind === 'annotation' ? annotationSymbols(doc, info) : noteSymbols(doc, info.text),
  );
}
