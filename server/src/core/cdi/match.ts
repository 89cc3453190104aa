/**
 * Small, explainable text matching for the CDI core: phrases with word boundaries, a NegEx-style
 * negation window, clause windows, and a lab/vital value reader ("BNP 1,250", "EF 25%",
 * "creatinine rose from 1.0 to 2.6"). Pure; bounded work (linear scans with precompiled regexes).
 */
import type { Span } from '../types';
import type { IndicatorDef } from './types';

export interface TextMatch extends Span {
  text: string;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex source for one phrase: spaces match any whitespace, hyphens match a hyphen, a space or nothing. */
function phraseSource(term: string, fold = false): string {
  const part = (p: string) => {
    const e = escapeRe(p);
    return fold ? e.replace(/[A-Za-z]/g, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`) : e;
  };
  return term
    .trim()
    .split(/\s+/)
    .map((w) => w.split('-').map(part).join('[-\\s]?'))
    .join('\\s+');
}

/** All-capital terms (abbreviations: "CHF", "DM", "K") match case-sensitively; others ignore case. */
const isAbbreviation = (t: string): boolean => /[A-Z]/.test(t) && t === t.toUpperCase();

const cache = new Map<string, RegExp[]>();

/** One or two global regexes (case-sensitive abbreviations, case-insensitive words) for a list of phrases. */
export function phraseRegexes(terms: readonly string[]): RegExp[] {
  const key = terms.join('\u0000');
  const hit = cache.get(key);
  if (hit) return hit;
  const byLength = [...terms].sort((a, b) => b.length - a.length);
  const exact = byLength.filter(isAbbreviation);
  const loose = byLength.filter((t) => !isAbbreviation(t));
  const wrap = (list: string[], flags: string) =>
    new RegExp(`(?<![A-Za-z0-9])(?:${list.map((t) => phraseSource(t)).join('|')})(?![A-Za-z0-9])`, flags);
  const out: RegExp[] = [];
  if (exact.length) out.push(wrap(exact, 'g'));
  if (loose.length) out.push(wrap(loose, 'gi'));
  cache.set(key, out);
  return out;
}

/** Non-overlapping matches of any of the phrases, in text order (longest wins at a tie). */
export function findPhrases(text: string, terms: readonly string[]): TextMatch[] {
  const all: TextMatch[] = [];
  for (const re of phraseRegexes(terms)) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      all.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextMatch[] = [];
  let lastEnd = -1;
  for (const m of all) {
    if (m.start < lastEnd) continue;
    out.push(m);
    lastEnd = m.end;
  }
  return out;
}

const WINDOW = 80;

/** True when the character at i ends a clause ('.', ';', ':', ',' or a line break; a '.' only before whitespace). */
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 160;

function isStop(text: string, i: number, stops: string): boolean {
  const c = text.charCodeAt(i);
  if (c === 10 || c === 13) return true;
  if (!stops.includes(text[i])) return false;
  if (c === 46 /* . */) {
    // a single-letter abbreviation ("E. coli", "H. influenzae") does not end a clause
    if (i >= 1 && isLetter(text.charCodeAt(i - 1)) && (i < 2 || !isLetter(text.charCodeAt(i - 2)))) return false;
    return i + 1 >= text.length || isSpace(text.charCodeAt(i + 1));
  }
  return true;
}

/** The clause around [start, end): bounded by stop characters and WINDOW characters each side. */
export function clauseAround(text: string, start: number, end: number, stops = '.;:,!?'): Span {
  let s = start;
  while (s > 0 && start - s < WINDOW && !isStop(text, s - 1, stops)) s--;
  let e = end;
  while (e < text.length && e - end < WINDOW && !isStop(text, e, stops)) e++;
  return { start: s, end: e };
}

const NEGATION =
  /(?<![A-Za-z])(?:no|not|denies|denied|negative for|without|ruled out|rules out|free of|absence of|never had|family history of|FH of|mother has|father has|sister has|brother has)(?![A-Za-z])/gi;
const TERMINATION = /(?<![A-Za-z])(?:but|however|although|except|aside from)(?![A-Za-z])/gi;

/** The words before `start` in its sentence, after the last "but"/"however", at most the last 60 characters. */
function leftInClause(text: string, start: number): string {
  const clause = clauseAround(text, start, start, '.;:!?');
  let left = text.slice(clause.start, start);
  let cut = -1;
  TERMINATION.lastIndex = 0;
  for (let m = TERMINATION.exec(left); m; m = TERMINATION.exec(left)) cut = m.index + m[0].length;
  if (cut >= 0) left = left.slice(cut);
  return left.length > 60 ? left.slice(left.length - 60) : left;
}

/** NegEx-style: a negation or family cue earlier in the same sentence, not cut off by "but"/"however". */
export function isNegated(text: string, start: number): boolean {
  NEGATION.lastIndex = 0;
  return NEGATION.test(leftInClause(text, start));
}

const NOT_PRESENT =
  /(?<![A-Za-z])(?:risk of|risk for|at risk|risks include|risks of|return if|call if|watch for|monitor for|to prevent|prevention of|prophylaxis|rule out|r\/o|evaluate for|screen(?:ing)? for|if|low probability|unlikely|family history|mother|father|sister|brother|aunt|uncle|grand(?:mother|father))(?![A-Za-z])/i;

/**
 * A mention that is hypothetical, a work-up, or someone else's ("risk of heart failure", "r/o sepsis",
 * "return if short of breath", "mother had CHF"), or negated: not a documented condition to query about.
 */
export function isNotPresent(text: string, start: number, end?: number): boolean {
  if (isNegated(text, start)) return true;
  if (NOT_PRESENT.test(leftInClause(text, start))) return true;
  // a backward trigger right after the mention ("sepsis was ruled out", "pneumonia is unlikely")
  const clause = clauseAround(text, start, start, '.;:!?');
  const right =
    end === undefined ? text.slice(start, clause.end).replace(/^[A-Za-z-]+/, '') : text.slice(end, clause.end);
  return RULED_OUT_AFTER.test(right);
}

/** A trigger after the mention that says it is not present: "was ruled out", "has been excluded", "is unlikely". */
const RULED_OUT_AFTER =
  /^\s*(?:(?:was|were|is|has been|have been|being)\s+)?(?:ruled out|excluded|unlikely|not (?:present|suspected|supported|found))(?![A-Za-z])/i;

/** The quoted context for evidence: the clause around a match, on one line, at most ~100 characters. */
export function quoteAround(text: string, start: number, end: number): string {
  const c = clauseAround(text, start, end, '.;');
  let s = c.start;
  let e = c.end;
  let pre = '';
  let post = '';
  if (e - s > 100) {
    if (start - 40 > s) {
      s = start - 40;
      while (s < start && !/\s/.test(text[s - 1])) s++;
      pre = '... ';
    }
    if (end + 50 < e) {
      e = end + 50;
      while (e > end && !/\s/.test(text[e])) e--;
      post = ' ...';
    }
  }
  return pre + clean(text.slice(s, e)).replace(/[,\s]+$/, '') + post;
}

/** One line, no bullet marker, no double quotes (they delimit quotes in a query). */
export function clean(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
    .replace(/"/g, "'")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Values of labs and vital signs

export interface ValueMatch {
  /** from the start of the name to the end of the value (and unit) */
  span: Span;
  text: string;
  /** the values read, in text order (several for "from 1.0 to 2.6") */
  values: number[];
}

const SEPARATORS = String.raw`(?:\s*(?:\([^)\d]{0,20}\)|level|count|value|of|was|is|at|now|from|on admission|on arrival|measured|peaked at|rose|rising|increased|decreased|dropped|fell|trended|up|down|:|=|-)\s*){0,3}\s*`;
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?)`;
const UNIT = String.raw`(?:\s?(?:%|mmHg|mg\/dL|g\/dL|pg\/mL|ng\/mL|mmol\/L|mEq\/L|umol\/L|K\/uL|kg\/m2|bpm|°?\s?[CF](?![A-Za-z])))?`;
const MORE = new RegExp(
  String.raw`^\s*(?:(?:today|now|this morning|on admission|at discharge)\s*)?[,;]?\s*(?:\(\s*)?(?:(?:was|is|a|with)\s+)?(?:baseline|prior|from|to|->|→|then|down to|up to|and now|now)(?:\s+(?:of|was|is))?\s*:?\s*` +
    NUMBER +
    String.raw`\)?`,
  'i',
);

const valueCache = new Map<string, RegExp>();

function valueRegex(names: readonly string[]): RegExp {
  const key = names.join('\u0000');
  let re = valueCache.get(key);
  if (!re) {
    const sorted = [...names].sort((a, b) => b.length - a.length);
    // Names are matched case-insensitively except one- and two-letter abbreviations ("T", "K", "Na", "Cr", "HR").
    const alts = sorted.map((n) => phraseSource(n, !(n.length <= 2 || isAbbreviation(n))));
    re = new RegExp(
      `(?<![A-Za-z0-9])(?:${alts.join('|')})(?![A-Za-z0-9])\\+?${SEPARATORS}(?:[<>≤≥]=?\\s*)?${NUMBER}${UNIT}`,
      'g',
    );
    valueCache.set(key, re);
  }
  return re;
}

const toNumber = (s: string): number => Number(s.replace(/,/g, ''));

/** Every "name value" in the text for these names. */
export function findValues(text: string, names: readonly string[]): ValueMatch[] {
  return [...iterValues(text, names)];
}

/** The "name value" matches one by one (callers may stop early). */
export function* iterValues(text: string, names: readonly string[]): Generator<ValueMatch> {
  // a fresh regex per iteration: generators may interleave
  const re = new RegExp(valueRegex(names).source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const values = [toNumber(m[1])];
    let end = m.index + m[0].length;
    for (let k = 0; k < 4; k++) {
      const more = MORE.exec(text.slice(end, end + 40));
      if (!more) break;
      values.push(toNumber(more[1]));
      end += more[0].length;
    }
    yield { span: { start: m.index, end }, text: clean(text.slice(m.index, end)), values };
  }
}

/** The value as the indicator compares it (temperature in Celsius, WBC in thousands). */
export function scaled(def: IndicatorDef, v: number): number {
  if (def.scale === 'temperature' && v > 50) return Math.round((((v - 32) * 5) / 9) * 10) / 10;
  if (def.scale === 'thousands' && v >= 1000) return v / 1000;
  return v;
}

export function meets(def: IndicatorDef, v: number): boolean {
  const t = def.value ?? 0;
  switch (def.op) {
    case '<':
      return v < t;
    case '<=':
      return v <= t;
    case '>':
      return v > t;
    case '>=':
      return v >= t;
    case 'range':
      return v >= t && v < (def.max ?? Infinity);
    default:
      return false;
  }
}
