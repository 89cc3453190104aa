/**
 * Shared by the property tests (test/unit/fuzz-*.test.ts, test/server/fuzz.test.ts): fast-check settings and
 * document generators. In the unit suite (CI) the runs are few and the seed fixed; `npm run fuzz`
 * (scripts/fuzz.mjs) sets FUZZ_RUNS=10000 and a random FUZZ_SEED, printed so a failure can be replayed:
 *   FUZZ_SEED=123 FUZZ_RUNS=10000 npx mocha --import=tsx test/unit/fuzz-annotation.test.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

/** runs per property: FUZZ_RUNS, else `ci` (small, so the unit suite stays fast) */
export function runs(ci: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : ci;
}

/** fc.assert parameters: FUZZ_SEED when set, else a fixed seed (CI is reproducible) */
export function params(ci: number, scale = 1): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: Math.max(1, Math.round(runs(ci) * scale)),
    seed: Number.isInteger(seed) ? seed : 20260314,
    endOnFailure: true,
  };
}

const EXAMPLES = path.resolve(__dirname, '../../examples');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** the texts of the example files with one of these extensions (synthetic data) */
export function exampleTexts(...exts: string[]): string[] {
  return walk(EXAMPLES)
    .filter((f) => exts.some((x) => f.endsWith(x)))
    .map((f) => readFileSync(f, 'utf8'));
}

/** characters that break naive text code: RTL marks and Arabic/Hebrew, emoji (surrogate pairs), combining
 * marks, NUL and other controls, lone surrogates, BOM, zero-width joiners, line/paragraph separators */
export const NASTY = [
  '\u0000',
  '\u0007',
  '\t',
  '\u000b',
  '\u000c',
  '\u200f',
  '\u202e',
  '\u2066',
  'مرض السكري',
  'אי ספיקת לב',
  '😀',
  '👩🏽‍⚕️',
  'e\u0301',
  '\u0301\u0301\u0301',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufffd',
  'Ｉ５０．２３',
  'İ',
  'ß',
];

/** code-annotation and note fragments, so random documents often look almost right */
const FRAGMENTS = [
  'date: 2026-03-14',
  'date: 2019-13-40',
  'setting: inpatient',
  'setting: outpatient',
  'encounter: X-1',
  'note: a.note',
  'age: 67',
  'sex: F',
  'I50.23',
  'I5023',
  'i50.2',
  'E11.22',
  'E11.A',
  'S72.001',
  'S72.001A',
  'S30.1XXA',
  'N17.9',
  'I10',
  'Z79.4',
  'V00.01XA',
  'px 02HV33Z',
  'px 0000000',
  'POA=Y',
  'POA=Q',
  'POA=',
  '"acute on chronic systolic heart failure"',
  '"unterminated',
  '# coding-review: ignore unspecified-code',
  '# coding-review: disable all',
  '# comment',
  '[I50.23]',
  'ICD-10: E11.9',
  'ASSESSMENT AND PLAN:',
  'HISTORY OF PRESENT ILLNESS:',
  'Diagnoses:',
  '1. ',
  '- ',
  'no evidence of pneumonia',
  'possible sepsis',
  'acute kidney injury',
  'type 2 diabetes with CKD stage 3b',
  'CHF',
  'A1c 7.2',
  'T12 compression fracture',
  '## Clinical indicators',
  '## Question',
  '- [ ] Acute systolic heart failure',
  '- [x] Other',
  'Provider: Dr. Example',
  'reimbursement',
  ':',
  '=',
  '"',
  '.',
  ' ',
  '  ',
];

const EOL = ['\n', '\r\n', '\r'];

/** a random document: fragments, nasty characters and random code points joined by random line ends */
export function documentArb(extraLines: string[] = []): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS, ...extraLines) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 3, arbitrary: fc.constantFrom(...EOL) },
  );
  return fc.array(piece, { maxLength: 60 }).map((a) => a.join(''));
}

/** an existing document with random edits: insertions of pieces, deletions, duplications */
export function mutatedArb(bases: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    del: fc.nat({ max: 40 }),
    ins: fc.oneof(fc.constantFrom(...FRAGMENTS, ...NASTY, ...EOL), fc.string({ unit: 'binary', maxLength: 6 })),
  });
  return fc.tuple(fc.constantFrom(...bases), fc.array(edit, { maxLength: 8 })).map(([base, edits]) => {
    let t = base;
    for (const e of edits) {
      const at = t.length ? e.at % (t.length + 1) : 0;
      t = t.slice(0, at) + e.ins + t.slice(at + e.del);
    }
    return t;
  });
}

/** the same document with one line-ending style */
export function withEol(text: string, eol: '\n' | '\r\n' | '\r'): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/** LF/CRLF/CR mixed at random per line end */
export function mixEolArb(text: string): fc.Arbitrary<string> {
  const n = (text.match(/\r\n|\r|\n/g) ?? []).length;
  return fc.array(fc.constantFrom(...EOL), { minLength: n, maxLength: n }).map((eols) => {
    let i = 0;
    let lastEnd = -1;
    let last = '';
    return text.replace(/\r\n|\r|\n/g, (m: string, offset: number) => {
      let eol = eols[i++]!;
      // a CR right before an LF would merge into one CRLF line end: keep the line count
      if (eol === '\n' && last === '\r' && lastEnd === offset) eol = '\r\n';
      last = eol;
      lastEnd = offset + m.length;
      return eol;
    });
  });
}

/** 0-based line of each offset, counting CRLF, CR and LF as one line end (as the LSP does) */
export function lineOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return (o) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** asserts 0 <= start <= end <= length */
export function assertSpanInside(span: { start: number; end: number }, length: number, what: string): void {
  if (!(
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    0 <= span.start &&
    span.start <= span.end &&
    span.end <= length
  )) {
    throw new Error(`${what}: span ${JSON.stringify(span)} is not inside a text of length ${length}`);
  }
}

/** a document with very long lines and many lines (huge files): `kb` kilobytes from a repeated block */
export function hugeDocument(block: string, kb: number, longLine = false): string {
  const unit = longLine ? block.replace(/\r\n|\r|\n/g, ' ') : block;
  return unit.repeat(Math.ceil((kb * 1024) / Math.max(1, unit.length))).slice(0, kb * 1024);
}
