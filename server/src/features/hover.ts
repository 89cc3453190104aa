/** Hover on a code in an annotation file or a note. */
import { MarkupKind } from 'vscode-languageserver';
import { codeWordAt } from '../core/notes/codeTokens';
import type { ServerContext } from '../services/context';
import { cmHoverMarkdown, pcsHoverMarkdown } from './hoverContent';

export function register(ctx: ServerContext): void {
  ctx.providers.hover.push(({ doc, info }, params) => {
    const cs = info.codeSet;
    if (!cs || info.tooLarge || info.editionIndex === undefined) return null;
    const offset = doc.offsetAt(params.position);
    let code: string | undefined;
    let span: { start: number; end: number } | undefined;
    let pcs = false;
    if (info.annotation) {
      const line = info.annotation.lines.find((l) => l.codeSpan.start <= offset && offset <= l.codeSpan.end);
      if (line) {
        code = line.code;
        span = line.codeSpan;
        pcs = line.kind === 'px';
      }
    } else {
      const w = codeWordAt(info.text, offset);
      // in notes only hover what is a known code, to avoid noise on ordinary words
      if (w && cs.row(w.code)) {
        code = w.code;
        span = w.span;
      }
    }
    if (!code || !span) return null;
    const why = info.date ? `${info.date} (from ${info.dateSource})` : `(none: ${info.dateSource})`;
    const value = pcs
      ? pcsHoverMarkdown(cs, code, info.date)
      : cmHoverMarkdown(cs, {
          code,
          edition: info.editionIndex,
          editionOk: info.edition?.ok !== false,
          dateWhy: why,
          editionMessage: info.edition && !info.edition.ok ? info.edition.message : undefined,
        });
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) },
    };
  });
}
