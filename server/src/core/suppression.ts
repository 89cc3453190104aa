/**
 * The one suppression engine: `coding-review: ignore [RULE …]` and `coding-review: disable RULE …` comments,
 * read the same way in annotation files (core/annotation/parse.ts), notes, queries, the CLI and the
 * server's publish pipeline (docs/annotation-format.md, "Suppressing a rule"):
 *
 * - rule ids are separated by spaces and/or commas; `all` stands for every rule;
 * - `ignore` with no rule ids ignores every rule on its line;
 * - `ignore` on a line with nothing else (only the comment) applies to the next line that has content;
 * - `disable` applies to the whole file and needs at least one rule id.
 */
import type { Span } from './types';

/** `coding-review: ignore|disable …` inside a comment's text (after `#`), as the annotation parser reads it. */
export const DIRECTIVE = /^\s*coding-review\s*:\s*(ignore|disable)\b\s*(.*)$/i;
/** The same directive anywhere on a line (notes and queries have no comment syntax of their own). */
const DIRECTIVE_ANYWHERE = /coding-review\s*:\s*(ignore|disable)\b([^\n]*)$/i;

/** The wildcard in `ignored` lists: every rule. */
export const ALL_RULES = '*';

export interface Directive {
  kind: 'ignore' | 'disable';
  /** the rule ids as written, with their offsets in the text given to parseDirective */
  rules: Array<{ id: string; span: Span }>;
}

/** The rule list of a directive: ids separated by spaces and/or commas; a trailing `-->` or `*` + `/` (comment ends) is not one. */
export function parseDirective(comment: string, offset = 0): Directive | undefined {
  const d = DIRECTIVE.exec(comment);
  if (!d) return undefined;
  const listStart = offset + d[0].length - d[2].length;
  const rules: Directive['rules'] = [];
  for (const m of d[2].matchAll(/[^\s,]+/g)) {
    if (/^(-->|\*\/)$/.test(m[0])) break;
    const start = listStart + (m.index ?? 0);
    rules.push({ id: m[0], span: { start, end: start + m[0].length } });
  }
  return { kind: d[1].toLowerCase() === 'disable' ? 'disable' : 'ignore', rules };
}

/** Rule ids of a directive, lower case, `all` read as ALL_RULES; bare `ignore` is [ALL_RULES]. */
export function directiveRules(d: Directive): string[] {
  const ids = d.rules.map((r) => (r.id.toLowerCase() === 'all' ? ALL_RULES : r.id.toLowerCase()));
  return d.kind === 'ignore' && ids.length === 0 ? [ALL_RULES] : ids;
}

export interface Suppressions {
  /** 0-based line → rules ignored there (ALL_RULES for every rule) */
  lines: Map<number, Set<string>>;
  /** rules disabled for the file (ALL_RULES for every rule) */
  file: Set<string>;
}

/** The suppression comments of any text (a note, a query, an annotation file), by line. */
export function suppressionsOf(text: string): Suppressions {
  const lines = new Map<number, Set<string>>();
  const file = new Set<string>();
  if (!text.includes('coding-review')) return { lines, file };
  const all = text.split('\n');
  let pending: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    const m = line.includes('coding-review') ? DIRECTIVE_ANYWHERE.exec(line) : null;
    const d = m ? parseDirective(line.slice(m.index)) : undefined;
    const before = m
      ? line
          .slice(0, m.index)
          .replace(/(#|\/\/|<!--|\/\*|\[|\()\s*$/, '')
          .trim()
      : line.trim();
    if (d?.kind === 'disable') {
      for (const r of directiveRules(d)) file.add(r);
      continue;
    }
    const rules = d ? directiveRules(d) : [];
    if (d && before === '') {
      // a comment-only line: applies to the next line with content
      pending = [...pending, ...rules];
      continue;
    }
    if (before === '' && !d) continue;
    const here = [...pending, ...rules];
    pending = [];
    if (here.length) {
      const set = lines.get(i) ?? new Set<string>();
      for (const r of here) set.add(r);
      lines.set(i, set);
    }
  }
  return { lines, file };
}

/** Is `rule` suppressed on 0-based `line`? */
export function isSuppressedAt(s: Suppressions, rule: string, line: number): boolean {
  if (s.file.has(rule) || s.file.has(ALL_RULES)) return true;
  const on = s.lines.get(line);
  return !!on && (on.has(rule) || on.has(ALL_RULES));
}
