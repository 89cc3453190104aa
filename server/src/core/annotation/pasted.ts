/**
 * Text pasted from a word processor, a PDF or a web page (docs/annotation-format.md, "Pasted text"): non-breaking
 * and other Unicode spaces, curly double quotes, a dash where the code's dot goes (`D63–1`) and `POA = Y` are read
 * as intended, and each line with such characters gets ONE `pasted-text` hint whose quick fix writes them plainly.
 * Pure; offsets are preserved (every character replacement keeps the length).
 */
import type { Span } from '../types';
import type { AnnotationFile, CodeLine, ParseProblem } from './types';

/** a token of a code line (parse.ts) */
interface Tok {
  text: string;
  start: number;
  end: number;
}

/** Unicode spaces (and invisible characters) read as a plain space. */
const SPACES = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\u00ad\u2060\ufeff]/g;
/** Curly and other double quotes read as `"`. */
const QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02]/g;
/** A dash where a code's dot goes: `D63–1`, `E11-22` (en dash, em dash, minus sign, hyphen). */
export const DASH_CODE = /^([A-Za-z]\d[0-9A-Za-z])[\u2010-\u2015\u2212-]((?![A-Za-z]\d\d)[0-9A-Za-z]{1,4})$/;

export interface PastedEdit extends Span {
  newText: string;
  /** what was read, for the hint: "a non-breaking space" */
  what: string;
}

function describeChar(c: string): string {
  if (c === '\u00a0' || c === '\u202f') return 'a non-breaking space';
  if (/[\u200b\u2060\ufeff\u00ad]/.test(c)) return 'an invisible character';
  if (/\s/.test(c) || /[\u2000-\u200a]/.test(c)) return 'a Unicode space';
  return 'a curly quote';
}

/**
 * The text with Unicode spaces and curly double quotes replaced (same length), and where each replacement is.
 * The text is returned as is (no copy) when it has none.
 */
export function cleanPasted(text: string): { text: string; edits: PastedEdit[] } {
  const edits: PastedEdit[] = [];
  if (
    !/[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\u00ad\u2060\ufeff\u201c-\u201f\u2033\u00ab\u00bb\uff02]/.test(text)
  )
    return { text, edits };
  const clean = text
    .replace(SPACES, (c, i: number) => {
      // a byte-order mark at the very start is not pasted text
      if (!(i === 0 && c === '\ufeff')) edits.push({ start: i, end: i + 1, newText: ' ', what: describeChar(c) });
      return i === 0 && c === '\ufeff' ? c : ' ';
    })
    .replace(QUOTES, (c, i: number) => {
      // a line that already uses straight quotes keeps its curly ones: they are words inside the evidence
      const from = Math.max(text.lastIndexOf('\n', i), text.lastIndexOf('\r', i)) + 1;
      const nl = text.slice(i).search(/[\r\n]/);
      if (text.slice(from, nl < 0 ? text.length : i + nl).includes('"')) return c;
      edits.push({ start: i, end: i + 1, newText: '"', what: describeChar(c) });
      return '"';
    });
  edits.sort((a, b) => a.start - b.start);
  return { text: clean, edits };
}

/** "a non-breaking space and a curly quote" (each kind once). */
function whatList(edits: readonly PastedEdit[]): string {
  const kinds = [...new Set(edits.map((e) => e.what))];
  return kinds.length <= 1 ? (kinds[0] ?? '') : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}

/**
 * The one hint for a line's pasted characters: it covers the line's content (`span`, without a comment) and its
 * quick fix replaces that content by the same text in plain characters. `original` is the file's text as written.
 */
export function pastedHint(original: string, edits: readonly PastedEdit[], span: Span): ParseProblem | undefined {
  const sorted = edits.filter((e) => e.start >= span.start && e.end <= span.end).sort((a, b) => a.start - b.start);
  if (!sorted.length) return undefined;
  let newText = '';
  let at = span.start;
  for (const e of sorted) {
    if (e.start < at) continue; // overlapping edits: the first wins
    newText += original.slice(at, e.start) + e.newText;
    at = e.end;
  }
  newText += original.slice(at, span.end);
  const shown = newText.length <= 80 ? `: \`${newText}\`` : '';
  return {
    rule: 'pasted-text',
    severity: 'hint',
    span,
    message: `Pasted text (${whatList(sorted)}) was read as intended${shown}. The quick fix writes it in plain characters.`,
    data: { fix: 'edit', choices: [{ label: `Write in plain characters${shown}`, span, newText }] },
  };
}

/** `POA` `=` `Y` (or `POA=` `Y`, `POA` `=Y`) starting at tokens[k]: the value token's text and span. */
export function spacedPoa(tokens: readonly Tok[], k: number): { value: string; span: Span; last: number } | undefined {
  const t = tokens[k];
  const a = tokens[k + 1];
  const b = tokens[k + 2];
  const value = (v: Tok | undefined) => (v && /^[A-Za-z0-9]$/.test(v.text) ? v : undefined);
  let v: Tok | undefined;
  let last = k + 1;
  if (/^poa$/i.test(t.text) && a?.text === '=') {
    v = value(b);
    last = k + 2;
  } else if (/^poa=$/i.test(t.text)) v = value(a);
  else if (/^poa$/i.test(t.text) && a && /^=[A-Za-z0-9]$/.test(a.text))
    return { value: a.text.slice(1), span: { start: a.start + 1, end: a.end }, last };
  return v ? { value: v.text, span: { start: v.start, end: v.end }, last } : undefined;
}

/** One pasted-text hint per line, on the line's content (`content(line)`, without its comment). */
export function addPastedHints(
  file: AnnotationFile,
  original: string,
  lineCount: number,
  edits: PastedEdit[],
  problem: (p: ParseProblem) => void,
  content: (line: number) => Span,
): void {
  if (!edits.length) return;
  edits.sort((a, b) => a.start - b.start);
  const byLine = new Map<number, CodeLine>(file.lines.map((l) => [l.line, l]));
  let i = 0;
  for (let ln = 0; ln < lineCount && i < edits.length; ln++) {
    const span = content(ln);
    const mine: PastedEdit[] = [];
    while (i < edits.length && edits[i].start <= span.end) {
      if (edits[i].start >= span.start) mine.push(edits[i]);
      i++;
    }
    if (!mine.length) continue;
    // spaces inside the evidence phrase change nothing
    const ev = byLine.get(ln)?.evidence?.span;
    const kept = mine.filter((e) => !(ev && e.start > ev.start && e.end < ev.end && e.newText === ' '));
    const hint = pastedHint(original, kept, span);
    if (hint) problem(hint);
  }
}
