/**
 * Tokens and segments of a note. Pure: strings in, offsets out.
 * A token is a run of letters/digits (apostrophes inside words are dropped, "Crohn's" -> "crohn");
 * `norm` is lower case and lightly stemmed (plural "s"/"ies"), so the Index and the note compare alike.
 */
import type { Span } from '../types';

export interface Token {
  /** the text as written */
  raw: string;
  /** lower case, stemmed */
  norm: string;
  start: number;
  end: number;
  /** lower case, not stemmed (tokens made by `tokenize`; expansion tokens may lack it) */
  lower?: string;
}

/** Light, deterministic stemming applied to both Index words and note words. */
export function stem(word: string): string {
  return stemLower(word.toLowerCase());
}

function stemLower(w: string): string {
  const n = w.length;
  if (n > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (n > 3 && w.charCodeAt(n - 1) === 115 /* s */) {
    // not "ss", "us", "is", "ys"
    const p = w.charCodeAt(n - 2);
    if (p !== 115 && p !== 117 && p !== 105 && p !== 121) return w.slice(0, -1);
  }
  return w;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Tokens of text[from, to): runs of ASCII letters and digits; an apostrophe followed by letters ends the word
 * and its letters are dropped ("Crohn's" -> "Crohn"). A scanner, not a regular expression: it runs on every
 * character of a note.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    if (!isAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let upper = false;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (!isAlnum(c)) {
        // a decimal number is one word ("1.9" is not "1" and "9": "Cr 1.9" never reads as "stage 1")
        if (c === 46 && i + 1 < to && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) continue;
        break;
      }
      if (c <= 90 && c >= 65) upper = true;
    }
    const end = i;
    if (i + 1 < to && text.charCodeAt(i) === 39 && isAlpha(text.charCodeAt(i + 1))) {
      i += 2;
      while (i < to && isAlpha(text.charCodeAt(i))) i++;
    }
    const raw = text.slice(start, end);
    // toLowerCase allocates a new string even when nothing changes: the word itself when it has no capital
    const lower = upper ? raw.toLowerCase() : raw;
    out.push({ raw, norm: stemLower(lower), start, end, lower });
  }
  return out;
}

/**
 * Words of a phrase as the matcher compares them: the `norm` of each token of `tokenize`, scanned the same way
 * but without a token object per word (the Index's titles, code titles and phrases are read this way).
 */
export function words(phrase: string): string[] {
  const out: string[] = [];
  const to = phrase.length;
  let i = 0;
  while (i < to) {
    if (!isAlnum(phrase.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let upper = false;
    for (; i < to; i++) {
      const c = phrase.charCodeAt(i);
      if (!isAlnum(c)) {
        if (c === 46 && i + 1 < to && isDigit(phrase.charCodeAt(i - 1)) && isDigit(phrase.charCodeAt(i + 1))) continue;
        break;
      }
      if (c <= 90 && c >= 65) upper = true;
    }
    const end = i;
    if (i + 1 < to && phrase.charCodeAt(i) === 39 && isAlpha(phrase.charCodeAt(i + 1))) {
      i += 2;
      while (i < to && isAlpha(phrase.charCodeAt(i))) i++;
    }
    const raw = phrase.slice(start, end);
    out.push(stemLower(upper ? raw.toLowerCase() : raw));
  }
  return out;
}

export type SegmentKind = 'sentence' | 'list-item' | 'heading';

export interface Segment {
  kind: SegmentKind;
  span: Span;
  /** index into NoteAnalysis.sections, or -1 before the first heading */
  section: number;
}

/** Offset of the next line end at or after `from` (LF, CR, or the CR of CRLF), or -1. */
export function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** Where the next line starts after the line end at `end` (a CRLF pair is one line end). */
export function afterLineEnd(text: string, end: number): number {
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

const LIST_MARK = /^[ \t]*(?:[-*\u2022+]|\d{1,2}[.)]|[a-z][.)])[ \t]+/;

/** Could a list mark start with this character ("-", "*", "•", "+", a digit, a lower-case letter)? */
const mayStartMark = (c: number) =>
  c === 45 || c === 42 || c === 0x2022 || c === 43 || (c >= 48 && c <= 57) || (c >= 97 && c <= 122);

/** `/\s/` for one UTF-16 unit, without a regular expression for ASCII. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(String.fromCharCode(c));
}
const SPACE = /\s/;

/**
 * Splits text[from, to) into sentences and list items. A list item is one line starting with "-", "*",
 * "•", "1." or "a)"; other lines are joined into paragraphs and split at ".", "!", "?" followed by a space or
 * line end (not inside decimals such as "1.5"), at ";" and at blank lines.
 */
export function segmentBody(text: string, from: number, to: number, section: number, out: Segment[]): void {
  let lineStart = from;
  let paraStart = -1;
  const flushSentences = (s: number, e: number) => {
    let cur = s;
    for (let i = s; i < e; i++) {
      const c = text.charCodeAt(i);
      let cut = -1;
      if (c === 59 /* ; */) cut = i + 1;
      else if (c === 46 /* . */ || c === 33 || c === 63) {
        const next = i + 1 < e ? text.charCodeAt(i + 1) : 32;
        if ((next === 32 || next === 10 || next === 13 || next === 9) && !(c === 46 && isAbbrevBefore(text, i)))
          cut = i + 1;
      }
      if (cut > 0) {
        pushTrimmed(text, cur, cut, 'sentence', section, out);
        cur = cut;
      }
    }
    pushTrimmed(text, cur, e, 'sentence', section, out);
  };
  while (lineStart < to) {
    let lineEnd = nextLineEnd(text, lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    // scanned, not sliced, for the common line: blank when every character is white space (as `trim`); the
    // list-mark expression runs only when the first character after spaces and tabs could start a mark
    let k = lineStart;
    while (k < lineEnd && isSpace(text.charCodeAt(k))) k++;
    const blank = k === lineEnd;
    let m = lineStart;
    while (m < lineEnd && (text.charCodeAt(m) === 32 || text.charCodeAt(m) === 9)) m++;
    const list =
      m < lineEnd && mayStartMark(text.charCodeAt(m)) ? LIST_MARK.exec(text.slice(lineStart, lineEnd)) : null;
    if (blank || list) {
      if (paraStart >= 0) flushSentences(paraStart, lineStart);
      paraStart = -1;
      if (list) {
        // a list item may still hold several sentences: split them, all tagged list-item
        const before = out.length;
        flushSentences(lineStart + list[0].length, lineEnd);
        for (let k = before; k < out.length; k++) out[k].kind = 'list-item';
      }
    } else if (paraStart < 0) {
      paraStart = lineStart;
    } else if (startsWithLabel(text, m, lineEnd)) {
      // "Label: value" lines ("Neg: fever, chills", "MOTHER: breast cancer") are not wrapped sentences
      flushSentences(paraStart, lineStart);
      paraStart = lineStart;
    }
    lineStart = afterLineEnd(text, lineEnd);
  }
  if (paraStart >= 0) flushSentences(paraStart, to);
}

/** Does the line at `from` start with a short label and a colon ("Neg: …", "HEENT: …", "Blood Loss: …")? */
function startsWithLabel(text: string, from: number, lineEnd: number): boolean {
  if (from >= lineEnd || !isAlpha(text.charCodeAt(from))) return false;
  const max = Math.min(lineEnd, from + 40);
  for (let i = from + 1; i < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */) return i + 1 >= lineEnd || text.charCodeAt(i + 1) !== 47; // not "http://"
    if (!(isAlnum(c) || c === 32 || c === 45 || c === 47 || c === 38 || c === 39 || c === 40 || c === 41)) return false;
  }
  return false;
}

const NO_SPLIT = new Set(['dr', 'mr', 'mrs', 'ms', 'vs', 'e.g', 'i.e', 'approx', 'st']);
const NO_SPLIT_MAX = Math.max(...[...NO_SPLIT].map((w) => w.length));
const isAlphaOrDot = (c: number) => isAlpha(c) || c === 46;

/** Is the word before the "." at i an initial ("H. pylori") or an abbreviation that does not end a sentence? */
function isAbbrevBefore(text: string, i: number): boolean {
  let s = i;
  while (s > 0 && isAlphaOrDot(text.charCodeAt(s - 1))) s--;
  if (i - s === 1) return true;
  if (i - s > NO_SPLIT_MAX) return false; // longer than any word of NO_SPLIT: no slice
  return NO_SPLIT.has(text.slice(s, i).toLowerCase());
}

function pushTrimmed(text: string, s: number, e: number, kind: SegmentKind, section: number, out: Segment[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ kind, span: { start: s, end: e }, section });
}
