/** Hover on a code in an annotation file or a note. */
import { MarkupKind } from 'vscode-languageserver';
import { codeWordAt } from '../core/notes/codeTokens';
import type { Span } from '../core/types';
import type { ServerContext } from '../services/serverContext';
import type { DocumentInfo } from '../services/documents';
import { cmHoverMarkdown, pcsHoverMarkdown } from './hoverContent';

const POA_MEANING: Record<string, string> = {
  Y: 'Y: present at the time of inpatient admission',
  N: 'N: not present at the time of inpatient admission',
  U: 'U: documentation insufficient to determine',
  W: 'W: clinically undetermined (provider unable to determine)',
  '1': '1: exempt from POA reporting',
};

/** Hover on the `date:` header (which edition it picks) and on a POA flag (its meaning). */
function headerOrPoaHover(info: DocumentInfo, offset: number): { value: string; span: Span } | undefined {
  const file = info.annotation!;
  const cs = info.codeSet!;
  const date = file.headers.find((h) => h.key === 'date' && h.valueSpan.start <= offset && offset <= h.valueSpan.end);
  if (date) {
    const r = cs.editionFor(date.value.trim());
    const value = r.ok
      ? `### Date of service ${date.value.trim()}\n\n**Edition:** ${r.label} (${r.from} to ${r.to}).`
      : `### Date of service ${date.value.trim()}\n\n**Warning:** ${r.message}` +
        (r.nearest ? `\n\nThe codes are checked against the nearest edition, ${r.nearest.label}.` : '');
    return { value, span: date.valueSpan };
  }
  const poa = file.lines.find((l) => l.poa && l.poa.span.start <= offset && offset <= l.poa.span.end)?.poa;
  if (poa) {
    const meaning = POA_MEANING[poa.value.toUpperCase()];
    return {
      value: `### Present on admission (POA)\n\n${meaning ?? `'${poa.value}' is not a POA indicator (Y, N, U, W or 1).`}`,
      span: poa.span,
    };
  }
  return undefined;
}

export function register(ctx: ServerContext): void {
  ctx.providers.hover.push(({ doc, info }, params) => {
    const cs = info.codeSet;
    if (!cs || info.tooLarge || info.editionIndex === undefined) return null;
    const offset = doc.offsetAt(params.position);
    let code: string | undefined;
    let span: { start: number; end: number } | undefined;
    let pcs = false;
    if (info.annotation) {
      const extra = headerOrPoaHover(info, offset);
      if (extra) {
        return {
          contents: { kind: MarkupKind.Markdown, value: extra.value },
          range: { start: doc.positionAt(extra.span.start), end: doc.positionAt(extra.span.end) },
        };
      }
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
