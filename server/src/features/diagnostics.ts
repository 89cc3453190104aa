/**
 * Diagnostics for annotation files (every rule of the annotation checks) and for code-shaped
 * tokens in notes. Without data, annotation files still get their syntax problems.
 */
import { checkAnnotation, type LinkedNote } from '../core/annotation/check';
import type { Finding } from '../core/annotation/types';
import { findCodeTokens } from '../core/notes/codeTokens';
import { checkNoteTokens } from '../core/notes/noteFindings';
import type { DocumentRequest, ServerContext } from '../services/context';
import { findingToDiagnostic } from '../services/convert';
import type { DocumentInfo } from '../services/documents';
import { linkedNoteFor } from './notes';

function annotationFindings({ info, settings }: DocumentRequest, note?: LinkedNote): Finding[] {
  const file = info.annotation;
  if (!file) return [];
  const cs = info.codeSet;
  if (!cs) {
    return file.problems.map((p) => ({
      rule: p.rule,
      severity: p.severity,
      span: p.span,
      message: p.message,
      source: 'annotation format (docs/annotation-format.md)',
      ...(p.data ? { data: p.data } : {}),
    }));
  }
  // the file's own date wins inside checkAnnotation; only a configured default is passed on, so a
  // file without a date still gets its no-date-of-service finding
  return checkAnnotation(file, cs, {
    date: settings.defaultDateOfService || undefined,
    setting: settings.defaultSetting,
    // the linked note ranks quick-fix candidates (what it documents first), as `coding-review check` does
    ...(note ? { note } : {}),
  });
}

/** Offsets of lines longer than the limit, so the token finder can skip them. */
function longLineSkipper(info: DocumentInfo): ((start: number, end: number) => boolean) | undefined {
  if (!info.longLines.length) return undefined;
  const ranges: Array<[number, number]> = [];
  const long = new Set(info.longLines);
  let start = 0;
  let line = 0;
  const text = info.text;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    if (long.has(line)) ranges.push([start, nl]);
    start = nl + 1;
    line++;
  }
  return (s) => ranges.some(([a, b]) => s >= a && s <= b);
}

/**
 * Findings of one token depend only on the token text and the edition: memoised (span-free), so
 * re-checking a long note after a small edit only classifies tokens it has not seen.
 */
const memo = new Map<string, Array<Omit<Finding, 'span'>>>();
const MEMO_MAX = 20000;

export function noteFindings(info: DocumentInfo): Finding[] {
  const cs = info.codeSet;
  const edition = info.editionIndex;
  if (!cs || edition === undefined) return [];
  const tokens = findCodeTokens(info.text, (cat) => cs.row(cat) !== undefined, { skipLine: longLineSkipper(info) });
  const out: Finding[] = [];
  for (const t of tokens) {
    const key = `${edition}|${t.raw}`;
    let found = memo.get(key);
    if (!found) {
      if (memo.size >= MEMO_MAX) memo.clear();
      found = checkNoteTokens([{ ...t, span: { start: 0, end: 0 } }], cs, edition).map(
        ({ span: _span, ...rest }) => rest,
      );
      memo.set(key, found);
    }
    for (const f of found) out.push({ ...f, span: t.span });
  }
  return out;
}

export function register(ctx: ServerContext): void {
  ctx.providers.diagnostics.push((req) => {
    const findings =
      req.info.kind === 'annotation' ? annotationFindings(req, linkedNoteFor(ctx, req)) : noteFindings(req.info);
    return findings.map((f) => findingToDiagnostic(req.doc, f));
  });
}
