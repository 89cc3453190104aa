/**
 * Parser for code annotation files (`*.codes`). Pure and total: never throws, whatever the input
 * (binary, huge lines, any line endings); work is bounded. See docs/annotation-format.md.
 */
import { directiveRules, parseDirective } from '../suppression';
import type { Span } from '../types';
import { addPastedHints, cleanPasted, DASH_CODE, spacedPoa, type PastedEdit } from './pasted';
import type { AnnotationFile, CodeLine, HeaderEntry, ParseProblem } from './types';

/** Header keys a `.codes` file may use. */
export const HEADER_KEYS = ['encounter', 'note', 'setting', 'date', 'age', 'sex', 'key'] as const;
export const SETTINGS = ['inpatient', 'outpatient'] as const;
export const POA_VALUES = ['Y', 'N', 'U', 'W', '1'] as const;

/** Limits that bound the parser's work. */
export const LIMITS = {
  /** longer lines are reported and skipped */
  maxLineLength: 4000,
  /** lines after this are reported once and ignored */
  maxLines: 50000,
  /** further problems are summarised in one */
  maxProblems: 500,
  /** a NUL in the first this-many characters means "binary" */
  binaryProbe: 8192,
};

const HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(.*)$/;
const CODE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9.]*$/;
const ATTR_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;

interface Token {
  text: string;
  start: number;
  end: number;
  /** for quoted tokens: the text between the quotes, and whether the closing quote was found */
  quoted?: { inner: string; closed: boolean };
  /** key=value tokens: index of '=' in text */
  eq?: number;
}

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** Splits the text into lines: [start, end) without the line break. */
function splitLines(text: string, maxLines: number): { lines: Array<[number, number]>; truncatedAt?: number } {
  const lines: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push([start, i]);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      if (lines.length >= maxLines) return { lines, truncatedAt: start < text.length ? start : undefined };
    }
  }
  lines.push([start, text.length]);
  return { lines };
}

/** Finds the start of a `#` comment that is not inside double quotes, or -1. */
function commentStart(text: string, from: number, to: number): number {
  let inQuote = false;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '#' && !inQuote) return i;
  }
  return -1;
}

/** Whitespace-separated tokens; a token starting with `"` (or containing `="`) runs to the closing quote. */
function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    const start = i;
    let quoteOpen = -1;
    let closed = true;
    while (i < to) {
      const ch = text[i];
      if (ch === '"') {
        if (quoteOpen < 0) {
          quoteOpen = i;
          closed = false;
        } else if (!closed) {
          closed = true;
          i++;
          break;
        }
      } else if ((ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v') && (quoteOpen < 0 || closed)) break;
      i++;
    }
    const tokText = text.slice(start, i);
    const tok: Token = { text: tokText, start, end: i };
    if (quoteOpen >= 0) {
      const innerStart = quoteOpen + 1;
      const innerEnd = closed ? i - 1 : i;
      tok.quoted = { inner: text.slice(innerStart, innerEnd), closed };
    }
    const eq = tokText.indexOf('=');
    if (eq > 0 && (quoteOpen < 0 || quoteOpen > start + eq)) tok.eq = eq;
    tokens.push(tok);
  }
  return tokens;
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Parses the text of a `.codes` file. Offsets in the result index into `text`. */
export function parseAnnotation(text: string): AnnotationFile {
  const file: AnnotationFile = { headers: [], lines: [], problems: [], disabled: [] };
  if (typeof text !== 'string') {
    file.problems.push({
      message: 'No text to parse.',
      span: { start: 0, end: 0 },
      severity: 'error',
      rule: 'syntax-error',
    });
    return file;
  }
  let problemCount = 0;
  const problem = (p: ParseProblem): void => {
    problemCount++;
    if (problemCount <= LIMITS.maxProblems) file.problems.push(p);
    else if (problemCount === LIMITS.maxProblems + 1)
      file.problems.push({
        ...p,
        message: `More than ${LIMITS.maxProblems} problems; the rest are not listed.`,
      });
  };
  const syntax = (message: string, span: Span): void =>
    problem({ message, span, severity: 'error', rule: 'syntax-error' });
  const header = (message: string, span: Span): void =>
    problem({ message, span, severity: 'error', rule: 'header-error' });

  if (text.slice(0, LIMITS.binaryProbe).includes('\u0000')) {
    syntax('This file looks binary (it contains NUL characters); a .codes file is plain text. Nothing was checked.', {
      start: 0,
      end: 0,
    });
    return file;
  }
  // Pasted characters (./pasted.ts) are read as intended; `original` keeps the user's text for the hint's fix.
  const original = text;
  const pasted = cleanPasted(text);
  text = pasted.text;
  const pastedEdits: PastedEdit[] = [...pasted.edits];
  // A byte-order mark is not part of the first line.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const { lines, truncatedAt } = splitLines(text, LIMITS.maxLines);
  if (bom && lines.length) lines[0][0] = 1;
  if (truncatedAt !== undefined)
    syntax(`This file has more than ${LIMITS.maxLines} lines; the lines after that were not checked.`, {
      start: truncatedAt,
      end: truncatedAt,
    });

  let seenCode = false;
  let dxIndex = 0;
  const seenKeys = new Set<string>();
  /** rules from `# coding-review: ignore …` on a comment-only line, applied to the next code line */
  let pendingIgnore: string[] = [];

  for (let ln = 0; ln < lines.length; ln++) {
    const [ls, le] = lines[ln];
    if (le - ls > LIMITS.maxLineLength) {
      syntax(`Line ${ln + 1} is longer than ${LIMITS.maxLineLength} characters and was not read.`, {
        start: ls,
        end: ls + LIMITS.maxLineLength,
      });
      continue;
    }
    const hash = commentStart(text, ls, le);
    const contentEnd = hash >= 0 ? hash : le;
    let comment: CodeLine['comment'];
    let lineIgnore: string[] = [];
    if (hash >= 0) {
      const cs = trimSpan(text, hash + 1, le);
      comment = { text: text.slice(cs.start, cs.end), span: { start: hash, end: le } };
      const d = parseDirective(comment.text, cs.start);
      if (d) {
        // where each rule id is written, so a check can point at an unknown one
        for (const r of d.rules) (file.directives ??= []).push({ kind: d.kind, rule: r.id, span: r.span, line: ln });
        const rules = directiveRules(d);
        if (d.kind === 'disable') {
          if (rules.length === 0) syntax('`coding-review: disable` needs the rule ids to disable.', comment.span);
          for (const r of rules) if (!file.disabled.includes(r)) file.disabled.push(r);
        } else {
          lineIgnore = rules;
        }
      }
    }
    const content = trimSpan(text, ls, contentEnd);
    if (content.start === content.end) {
      if (lineIgnore.length) pendingIgnore = [...pendingIgnore, ...lineIgnore];
      continue;
    }
    const contentText = text.slice(content.start, content.end);

    // Header line: `key: value`
    const hm = HEADER_LINE.exec(contentText);
    if (hm) {
      const keyRaw = hm[1];
      const keySpan = { start: content.start, end: content.start + keyRaw.length };
      const valueStartInLine = contentText.length - hm[2].length;
      const valueSpan = trimSpan(text, content.start + valueStartInLine, content.end);
      const value = text.slice(valueSpan.start, valueSpan.end);
      const key = keyRaw.toLowerCase();
      if (seenCode) {
        syntax(
          `Header line '${keyRaw}:' comes after the first code line; header lines (key: value) must come before the codes. It was ignored.`,
          { start: content.start, end: content.end },
        );
        continue;
      }
      const entry: HeaderEntry = { key, value, keySpan, valueSpan, line: ln };
      file.headers.push(entry);
      if (!(HEADER_KEYS as readonly string[]).includes(key)) {
        header(`Unknown header key '${keyRaw}'. Known keys: ${HEADER_KEYS.join(', ')}.`, keySpan);
        continue;
      }
      if (seenKeys.has(key)) {
        header(`Header '${key}' is given twice; only the first one is used.`, keySpan);
        continue;
      }
      seenKeys.add(key);
      if (value === '') {
        header(`Header '${key}' has no value.`, keySpan);
        continue;
      }
      applyHeader(file, key, value, valueSpan, header);
      continue;
    }

    // Code line: `px CODE …` or `CODE …`
    const tokens = tokenize(text, content.start, content.end);
    if (tokens.length === 0) continue;
    let kind: 'dx' | 'px' = 'dx';
    let ti = 0;
    if (tokens[0].text.toLowerCase() === 'px') {
      kind = 'px';
      ti = 1;
      if (tokens.length < 2) {
        syntax('`px` needs an ICD-10-PCS code after it, e.g. `px 02HV33Z`.', {
          start: tokens[0].start,
          end: tokens[0].end,
        });
        continue;
      }
    }
    let codeTok = tokens[ti];
    const dash = DASH_CODE.exec(codeTok.text);
    if (dash) {
      // `D63–1`: the dash stands for the dot
      const at = codeTok.start + dash[1].length;
      pastedEdits.push({ start: at, end: at + 1, newText: '.', what: 'a dash for the dot of the code' });
      codeTok = { ...codeTok, text: `${dash[1]}.${dash[2]}` };
    }
    if (/^[A-Za-z0-9.]+[,;]/.test(codeTok.text) && tokens.length >= 1 && /\d/.test(codeTok.text)) {
      syntax('Write one code per line: this line lists several codes separated by commas or semicolons.', {
        start: codeTok.start,
        end: content.end,
      });
      continue;
    }
    if (!CODE_TOKEN.test(codeTok.text) || !/\d/.test(codeTok.text) || codeTok.text.length > 12) {
      syntax(
        `Cannot read this line: expected ${kind === 'px' ? 'an ICD-10-PCS code' : 'an ICD-10-CM code (e.g. I50.23), `px CODE`, or a header `key: value`'}, found '${truncate(codeTok.text)}'.`,
        { start: codeTok.start, end: kind === 'px' ? codeTok.end : content.end },
      );
      continue;
    }
    seenCode = true;
    const codeLine: CodeLine = {
      kind,
      line: ln,
      raw: codeTok.text,
      code: codeTok.text.replace(/\./g, '').toUpperCase(),
      codeSpan: { start: codeTok.start, end: codeTok.end },
      dxIndex: kind === 'dx' ? dxIndex++ : -1,
      attributes: {},
      ignored: [...pendingIgnore, ...lineIgnore],
    };
    pendingIgnore = [];
    if (comment) codeLine.comment = comment;

    for (let k = ti + 1; k < tokens.length; k++) {
      const t = tokens[k];
      const span = { start: t.start, end: t.end };
      const spaced = kind === 'dx' && !codeLine.poa ? spacedPoa(tokens, k) : undefined;
      if (spaced) {
        // `POA = Y`, `POA= Y`, `POA =Y`: read as POA=Y
        const value = spaced.value.toUpperCase();
        const tokenSpan = { start: t.start, end: spaced.span.end };
        codeLine.poa = {
          value,
          span: spaced.span,
          valid: (POA_VALUES as readonly string[]).includes(value),
          tokenSpan,
        };
        pastedEdits.push({ ...tokenSpan, newText: `POA=${spaced.value}`, what: 'spaces around "=" in POA' });
        k = spaced.last;
        continue;
      }
      if (t.quoted && t.text.startsWith('"')) {
        if (!t.quoted.closed) {
          syntax('Unterminated quote: the evidence phrase needs a closing `"`.', span);
          continue;
        }
        if (codeLine.evidence) {
          syntax('Only one quoted evidence phrase per line.', span);
          continue;
        }
        codeLine.evidence = { text: t.quoted.inner, span };
        continue;
      }
      if (t.eq !== undefined) {
        const key = t.text.slice(0, t.eq);
        let value = t.text.slice(t.eq + 1);
        let valueSpan = { start: t.start + t.eq + 1, end: t.end };
        if (!ATTR_KEY.test(key)) {
          syntax(`Cannot read '${truncate(t.text)}': an attribute is written key=value.`, span);
          continue;
        }
        if (t.quoted) {
          if (!t.quoted.closed || !value.startsWith('"') || !value.endsWith('"') || value.length < 2) {
            syntax(`Cannot read '${truncate(t.text)}': a quoted value needs its closing quote.`, span);
            continue;
          }
          value = value.slice(1, -1);
          valueSpan = { start: valueSpan.start + 1, end: valueSpan.end - 1 };
        }
        if (key.toLowerCase() === 'poa') {
          if (kind === 'px') {
            syntax('POA applies to diagnoses, not to `px` procedure lines.', span);
            continue;
          }
          if (codeLine.poa) {
            syntax('POA is given twice on this line.', span);
            continue;
          }
          const upper = value.toUpperCase();
          codeLine.poa = {
            value: upper,
            span: valueSpan,
            valid: (POA_VALUES as readonly string[]).includes(upper),
            tokenSpan: span,
          };
          continue;
        }
        if (codeLine.attributes[key]) {
          syntax(`Attribute '${key}' is given twice on this line.`, span);
          continue;
        }
        codeLine.attributes[key] = { value, span: valueSpan };
        continue;
      }
      syntax(
        `Unexpected '${truncate(t.text)}': after the code a line may have POA=Y|N|U|W|1, a quoted "evidence phrase", key=value attributes and a # comment.`,
        span,
      );
    }
    file.lines.push(codeLine);
  }
  addPastedHints(file, original, lines.length, pastedEdits, problem, (ln) => {
    const [ls, le] = lines[ln];
    const hash = commentStart(text, ls, le);
    return trimSpan(text, ls, hash >= 0 ? hash : le);
  });
  return file;
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function applyHeader(
  file: AnnotationFile,
  key: string,
  value: string,
  span: Span,
  header: (message: string, span: Span) => void,
): void {
  switch (key) {
    case 'encounter':
      file.encounter = value;
      return;
    case 'note':
      file.note = value;
      return;
    case 'key':
      file.key = value;
      return;
    case 'setting': {
      const v = value.toLowerCase();
      if (v === 'inpatient' || v === 'outpatient') file.setting = v;
      else header(`Unknown setting '${truncate(value)}'; use inpatient or outpatient.`, span);
      return;
    }
    case 'date':
      if (isCalendarDate(value)) file.date = value;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(value))
        header(`'${value}' is not a real calendar date; write the date of service as YYYY-MM-DD.`, span);
      else header(`Cannot read the date '${truncate(value)}'; write the date of service as YYYY-MM-DD.`, span);
      return;
    case 'age': {
      const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (Number.isInteger(n) && n >= 0 && n <= 124) file.age = n;
      else header(`Age '${truncate(value)}' is not a whole number of years from 0 to 124.`, span);
      return;
    }
    case 'sex': {
      const v = value.toUpperCase();
      const map: Record<string, 'F' | 'M' | 'U'> = { F: 'F', M: 'M', U: 'U', FEMALE: 'F', MALE: 'M', UNKNOWN: 'U' };
      if (map[v]) file.sex = map[v];
      else header(`Sex '${truncate(value)}' is not one of F, M or U.`, span);
      return;
    }
  }
}
