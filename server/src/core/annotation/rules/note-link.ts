/**
 * The link between a `.codes` file and its note (the `note:` header): note-not-found when the note cannot be
 * read, and suppression of the evidence rules (core/notes/rules.ts) by `# coding-review: ignore` comments. Pure:
 * the caller (the CLI, the editor) reads the files and says why a note could not be read.
 */
import { ALL_RULES } from '../../suppression';
import type { AnnotationFile, Finding } from '../types';

/** note-not-found at the `note:` header's value, or undefined when the file has no `note:` header. */
export function noteNotFound(file: AnnotationFile, why: string): Finding | undefined {
  const h = file.headers.find((x) => x.key === 'note');
  if (!h || !file.note) return undefined;
  return {
    rule: 'note-not-found',
    severity: 'warning',
    span: h.valueSpan,
    message: `The note '${file.note}' ${why}, so the codes could not be checked against it (evidence, support, negation). Correct the \`note:\` header (a path relative to this file) or add the note.`,
    source: 'docs/annotation-format.md (the note header)',
    data: { fix: 'none' },
  };
}

/** True when a finding on this file is turned off by `disable RULE`, or by `ignore RULE` / `ignore` on its line. */
export function isSuppressed(file: AnnotationFile, f: Finding): boolean {
  if (file.disabled.includes(f.rule) || file.disabled.includes(ALL_RULES)) return true;
  // the code line the finding is on: the last one starting at or before it (findings sit on a line's code/evidence)
  let line: AnnotationFile['lines'][number] | undefined;
  for (const l of file.lines) {
    if (l.codeSpan.start > f.span.start) break;
    line = l;
  }
  return !!line && (line.ignored.includes(f.rule) || line.ignored.includes(ALL_RULES));
}

/** Drops suppressed findings and applies severity overrides (as checkAnnotation does for its own rules). */
export function filterLinked(
  file: AnnotationFile,
  findings: readonly Finding[],
  opts: { disabledRules?: readonly string[]; severities?: Record<string, Finding['severity']> } = {},
): Finding[] {
  return findings
    .filter((f) => !isSuppressed(file, f) && !opts.disabledRules?.includes(f.rule))
    .map((f) => (opts.severities?.[f.rule] ? { ...f, severity: opts.severities[f.rule] } : f));
}
