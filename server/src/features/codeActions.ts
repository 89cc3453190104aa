/**
 * Quick fixes, built ONLY from each diagnostic's `data` (the Finding's FixData) and its `code`
 * (rule id): never by re-running the checks.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixData } from '../core/annotation/types';
import type { ServerContext } from '../services/context';
import { SOURCE } from '../services/convert';

const MAX_REPLACEMENTS = 10;

function lineRange(
  doc: TextDocument,
  line: number,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const next = line + 1 < doc.lineCount ? { line: line + 1, character: 0 } : doc.positionAt(doc.getText().length);
  return { start: { line, character: 0 }, end: next };
}

function lineText(doc: TextDocument, line: number): string {
  const r = lineRange(doc, line);
  return doc.getText(r);
}

function replaceTitle(rule: string, code: string, title: string, label: string | undefined): string {
  // the label says why a candidate comes first, e.g. 'documented in a.note: "…"' (docs/rules.md, candidate order)
  const why = label ? ` (${label})` : '';
  switch (rule) {
    case 'non-billable-code':
      return `Replace header with ${code} ${title}${why}`;
    case 'missing-seventh-character':
      return `Add 7th character ${label ?? ''} → ${code}`.replace(/\s+→/, ' →');
    case 'missing-placeholder':
      return `Insert placeholder X → ${code}`;
    case 'code-not-in-edition':
      return `Replace with ${code} ${title}${why}`;
    case 'unspecified-code':
      return `Use the more specific ${code} ${title}${why}`;
    default:
      return `Change to ${code} ${title}`;
  }
}

export function actionsFor(doc: TextDocument, d: Diagnostic, isAnnotation: boolean): CodeAction[] {
  const uri = doc.uri;
  const rule = typeof d.code === 'string' ? d.code : '';
  const out: CodeAction[] = [];
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  const data = d.data as FixData | undefined;
  if (data && typeof data === 'object' && 'fix' in data) {
    switch (data.fix) {
      case 'replace-code':
        data.candidates.slice(0, MAX_REPLACEMENTS).forEach((c, i) => {
          out.push({
            title: replaceTitle(rule, c.code, c.title, c.label),
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: i === 0 && rule !== 'unspecified-code',
            edit: edit([{ range: d.range, newText: c.code }]),
          });
        });
        break;
      case 'remove-line':
        out.push({
          title: 'Remove the duplicate line',
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: edit([{ range: lineRange(doc, data.line), newText: '' }]),
        });
        break;
      case 'move-after': {
        let text = lineText(doc, data.line);
        if (!text.endsWith('\n')) text += '\n';
        const after = lineRange(doc, data.afterLine).end;
        const insertText = after.character !== 0 ? '\n' + text.replace(/\n$/, '') : text;
        out.push({
          title:
            rule === 'code-first' || rule === 'manifestation-principal'
              ? `Move this code after line ${data.afterLine + 1} (code first its etiology)`
              : `Move this code after line ${data.afterLine + 1}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: edit([
            { range: { start: after, end: after }, newText: insertText },
            { range: lineRange(doc, data.line), newText: '' },
          ]),
        });
        break;
      }
      case 'move-before': {
        let text = lineText(doc, data.line);
        if (!text.endsWith('\n')) text = text.replace(/\r$/, '') + '\n';
        const before = { line: data.beforeLine, character: 0 };
        out.push({
          title: `Move line ${data.line + 1} before line ${data.beforeLine + 1} (sequence it first)`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: edit([
            { range: { start: before, end: before }, newText: text },
            { range: lineRange(doc, data.line), newText: '' },
          ]),
        });
        break;
      }
      case 'add-code': {
        if (rule === 'documented-not-coded') break; // edits the linked .codes file: features/notes.ts
        const line = d.range.start.line;
        const at = { line, character: lineText(doc, line).replace(/\r?\n$/, '').length };
        out.push({
          title: `Add ${data.code} ${data.title}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: edit([{ range: { start: at, end: at }, newText: `\n${data.code}` }]),
        });
        break;
      }
      case 'insert-code': {
        const at = { line: data.afterLine, character: lineText(doc, data.afterLine).replace(/\r?\n$/, '').length };
        data.candidates.slice(0, MAX_REPLACEMENTS).forEach((c) =>
          out.push({
            title: `Add ${c.code} ${c.title}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: edit([{ range: { start: at, end: at }, newText: `\n${c.code}` }]),
          }),
        );
        break;
      }
      case 'edit':
        data.choices.forEach((c, i) =>
          out.push({
            title: c.label,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: i === 0,
            edit: edit([
              { range: { start: doc.positionAt(c.span.start), end: doc.positionAt(c.span.end) }, newText: c.newText },
            ]),
          }),
        );
        break;
      default:
        // 'none', and kinds other features act on (e.g. 'draft-query')
        break;
    }
  }
  if (isAnnotation && rule && rule !== 'size-limit') {
    const line = d.range.start.line;
    const text = lineText(doc, line).replace(/\r?\n$/, '');
    const existing = /#\s*coding-review\s*:\s*ignore\s+[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*/i.exec(text);
    const at = { line, character: existing ? existing.index + existing[0].length : text.length };
    out.push({
      title: `Ignore ${rule} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: edit([
        {
          range: { start: at, end: at },
          newText: existing ? `, ${rule}` : `  # coding-review: ignore ${rule}`,
        },
      ]),
    });
    out.push({
      title: `Disable ${rule} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: edit([
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          newText: `# coding-review: disable ${rule}\n`,
        },
      ]),
    });
  }
  return out;
}

export function register(ctx: ServerContext): void {
  ctx.codeActionKinds.add(CodeActionKind.QuickFix);
  ctx.providers.codeActions.push(({ doc, info }, params) =>
    params.context.diagnostics
      .filter((d) => d.source === SOURCE)
      .flatMap((d) => actionsFor(doc, d, info.kind === 'annotation')),
  );
}
