/**
 * Finds ICD-10-CM code-shaped tokens in free-text clinical notes. Pure: takes the text and a predicate
 * telling whether a 3-character string is a real ICD-10-CM category.
 *
 * A token counts as a code only when the writer clearly meant one, so that ordinary clinical words
 * ("vitamin B12", "T12 vertebra", "HbA1c") are never flagged:
 * - a dotted form: letter, digit, digit-or-letter, dot, 1–4 characters ("I50.23", "S72.001A");
 * - a bracketed code, with or without the dot: "[I5023]", "[E11.9]";
 * - a code in a list after an "ICD-10:" / "ICD-10-CM:" / "ICD10:" label on the same line;
 * - a bare 3-character token that is a real category ("E11"), upper case only.
 */
import type { Span } from '../types';
import { nextLineEnd } from './text';

export type CodeTokenForm = 'dotted' | 'bracketed' | 'labelled' | 'category';

export interface CodeToken {
  /** the token exactly as written (without brackets) */
  raw: string;
  /** upper case, no dot */
  code: string;
  /** span of the code itself (brackets excluded) */
  span: Span;
  form: CodeTokenForm;
}

/** letter, digit, then 1 char, optionally more after a dot or directly (undotted forms up to 7). */
const CODE_SHAPE = /^[A-TV-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$/i;
const DOTTED = /(?<![A-Za-z0-9.])([A-TV-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4})(?![A-Za-z0-9]|\.[A-Za-z0-9])/g;
const BRACKETED = /\[\s*([A-Za-z][0-9][0-9A-Za-z](?:\.?[0-9A-Za-z]{1,4})?)\s*\]/g;
const LABEL = /\bICD-?10(?:-CM)?\s*(?:codes?)?\s*:/gi;
const LIST_ITEM = /(?<![A-Za-z0-9.])([A-Za-z][0-9][0-9A-Za-z](?:\.?[0-9A-Za-z]{1,4})?)(?![A-Za-z0-9]|\.[A-Za-z0-9])/g;
const BARE = /(?<![A-Za-z0-9.\-/])([A-TV-Z][0-9][0-9A-Z])(?![A-Za-z0-9]|\.[A-Za-z0-9]|-[A-Za-z]?[0-9])/g;

/** true when `text` has the shape of an ICD-10-CM code (with or without the dot). */
export function isCodeShaped(text: string): boolean {
  return CODE_SHAPE.test(text);
}

function norm(raw: string): string {
  return raw.replace('.', '').toUpperCase();
}

/**
 * All code tokens in `text`, in document order, without duplicates of the same span.
 * `isCategory` receives a 3-character upper-case string.
 */
export function findCodeTokens(
  text: string,
  isCategory: (cat: string) => boolean,
  options: { skipLine?: (start: number, end: number) => boolean } = {},
): CodeToken[] {
  const out = new Map<number, CodeToken>();
  const add = (raw: string, start: number, form: CodeTokenForm): void => {
    if (!isCodeShaped(raw)) return;
    if (options.skipLine && options.skipLine(start, start + raw.length)) return;
    if (!out.has(start)) out.set(start, { raw, code: norm(raw), span: { start, end: start + raw.length }, form });
  };
  for (const m of text.matchAll(BRACKETED)) {
    const inner = m[1];
    add(inner, m.index + m[0].indexOf(inner), 'bracketed');
  }
  for (const m of text.matchAll(LABEL)) {
    const from = m.index + m[0].length;
    let to = nextLineEnd(text, from);
    if (to < 0) to = text.length;
    const rest = text.slice(from, to);
    for (const item of rest.matchAll(LIST_ITEM)) add(item[1], from + item.index, 'labelled');
  }
  for (const m of text.matchAll(DOTTED)) add(m[1], m.index, 'dotted');
  for (const m of text.matchAll(BARE)) if (isCategory(m[1])) add(m[1], m.index, 'category');
  return [...out.values()].sort((a, b) => a.span.start - b.span.start);
}

/**
 * The code-shaped word around `offset` (for hover), with or without a dot, any case; or undefined.
 * Hover is more lenient than diagnostics: the user points at the token explicitly.
 */
export function codeWordAt(text: string, offset: number): { raw: string; code: string; span: Span } | undefined {
  const isWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9.]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  while (end < text.length && isWordChar(text[end])) end++;
  let raw = text.slice(start, end);
  // trim sentence punctuation
  while (raw.endsWith('.')) {
    raw = raw.slice(0, -1);
    end--;
  }
  while (raw.startsWith('.')) {
    raw = raw.slice(1);
    start++;
  }
  if (offset < start || offset > end || !raw) return undefined;
  if (!isCodeShaped(raw)) return undefined;
  return { raw, code: norm(raw), span: { start, end } };
}

/**
 * The code prefix being typed at `offset` in a note, when completion should be offered:
 * after "[" or an "ICD-10:" label, or on a dotted code-shaped prefix. Returns the span to replace.
 */
export function noteCompletionContext(text: string, offset: number): { prefix: string; span: Span } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const word = /([A-Za-z0-9.]*)$/.exec(before)?.[1] ?? '';
  const wordStart = offset - word.length;
  const head = before.slice(0, before.length - word.length);
  const span = { start: wordStart, end: offset };
  if (/\[\s*$/.test(head)) return { prefix: word, span };
  if (/\bICD-?10(?:-CM)?\s*(?:codes?)?\s*:[\sA-Za-z0-9.,;]*$/i.test(head)) return { prefix: word, span };
  if (/^[A-TV-Z][0-9][0-9A-Z]\.[0-9A-Z]{0,3}$/i.test(word)) return { prefix: word, span };
  return undefined;
}
