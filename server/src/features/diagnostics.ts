/**
 * Diagnostics of annotation files and notes, from the one review entry point (core/review.ts) that the
 * CLI calls too: the annotation checks, note-not-found and the evidence rules against the linked note;
 * in notes, code-shaped tokens, CDI query opportunities and documented-not-coded. Without data,
 * annotation files still get their syntax problems.
 */
import type { Finding } from '../core/annotation/types';
import { isKeyFile } from '../core/grading/review';
import { reviewAnnotation, reviewNote } from '../core/review';
import type { DocumentRequest, ServerContext } from '../services/context';
import { findingToDiagnostic } from '../services/convert';

/**
 * Findings of one token depend only on the token text and the edition: memoised (span-free), so
 * re-checking a long note after a small edit only classifies tokens it has not seen.
 */
const memo = new Map<string, Array<Omit<Finding, 'span'>>>();
const MEMO_MAX = 20000;
function tokenFindings(raw: string, edition: number, compute: () => Array<Omit<Finding, 'span'>>) {
  const key = `${edition}|${raw}`;
  let found = memo.get(key);
  if (!found) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, (found = compute()));
  }
  return found;
}

export function annotationFindings(ctx: ServerContext, { doc, info, settings }: DocumentRequest): Finding[] {
  const file = info.annotation;
  if (!file) return [];
  // answer keys are exercises: their note is checked by the grading feature (key-unsupported)
  const note = info.codeSet && !isKeyFile(doc.uri) ? ctx.notes.noteOrProblem(doc.uri, file) : undefined;
  const reader = note && 'text' in note ? ctx.notes.reader(info.codeSet) : undefined;
  return reviewAnnotation({
    file,
    codeSet: info.codeSet,
    defaultDate: settings.defaultDateOfService || undefined,
    defaultSetting: settings.defaultSetting,
    note,
    reader,
    analyze: ctx.notes.analyze,
  });
}

export function noteFindings(ctx: ServerContext, { doc, info }: DocumentRequest): Finding[] {
  return reviewNote({
    kind: info.kind === 'query' ? 'query' : 'note',
    uri: doc.uri,
    text: info.text,
    codeSet: info.codeSet,
    editionIndex: info.editionIndex,
    date: info.date,
    codes: info.codes,
    reader: info.codes ? ctx.notes.reader(info.codeSet) : undefined,
    analyze: ctx.notes.analyze,
    skipLines: new Set(info.longLines),
    tokenFindings,
  });
}

function diagnostics(ctx: ServerContext, req: DocumentRequest) {
  if (req.info.tooLarge) return [];
  const findings = req.info.kind === 'annotation' ? annotationFindings(ctx, req) : noteFindings(ctx, req);
  return findings.map((f) => findingToDiagnostic(req.doc, f));
}

export function register(ctx: ServerContext): void {
  ctx.providers.diagnostics.push((req) => diagnostics(ctx, req));
}
