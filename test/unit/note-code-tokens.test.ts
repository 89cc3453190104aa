/** Code-shaped tokens in notes (server/src/core/notes/codeTokens.ts) and note outline/date helpers. */
import assert from 'node:assert/strict';
import { codeWordAt, findCodeTokens, noteCompletionContext } from '../../server/src/core/notes/codeTokens';
import { findNoteDate, findSections } from '../../server/src/core/notes/outline';

// a tiny stand-in for "is a real ICD-10-CM category"
const CATEGORIES = new Set(['E11', 'I10', 'I50', 'S72', 'J18']);
const isCat = (c: string): boolean => CATEGORIES.has(c);
const tokens = (text: string): Array<[string, number, number, string]> =>
  findCodeTokens(text, isCat).map((t) => [t.code, t.span.start, t.span.end, t.form]);

describe('note code tokens', () => {
  const cases: Array<[name: string, text: string, expected: Array<[string, number, number, string]>]> = [
    ['dotted code', 'HF I50.23 today', [['I5023', 3, 9, 'dotted']]],
    ['dotted with 7th character', 'fx S72.001A.', [['S72001A', 3, 11, 'dotted']]],
    ['bracketed without dot', 'see [I5023]', [['I5023', 5, 10, 'bracketed']]],
    ['bracketed with spaces and lower case', '[ e11.9 ]', [['E119', 2, 7, 'bracketed']]],
    [
      'ICD-10 label list',
      'ICD-10: E119, I10\nE11',
      [
        ['E119', 8, 12, 'labelled'],
        ['I10', 14, 17, 'labelled'],
        ['E11', 18, 21, 'category'],
      ],
    ],
    ['ICD-10-CM codes label', 'ICD-10-CM codes: J189', [['J189', 17, 21, 'labelled']]],
    [
      'bare real category',
      'Dx E11 and I10.',
      [
        ['E11', 3, 6, 'category'],
        ['I10', 11, 14, 'category'],
      ],
    ],
    ['vitamin B12 is not a code', 'vitamin B12 low', []],
    ['T12 vertebra is not a code', 'T12 compression fracture', []],
    ['HbA1c and A1c are not codes', 'HbA1c 8.1, A1c rising', []],
    ['undotted long token outside brackets is not a code', 'lot E1122 number', []],
    ['version numbers and decimals', 'v2.0 and 7.2 and L4.5', []],
    ['category inside a word or range is not bare', 'E11-E13, xE11, E11x', []],
    ['U codes are not matched by shape', 'U07.1', []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(tokens(text), expected));
  }

  it('skips tokens on lines the caller excludes', () => {
    const r = findCodeTokens('I50.2\nI50.3', isCat, { skipLine: (s) => s < 6 });
    assert.deepEqual(
      r.map((t) => t.raw),
      ['I50.3'],
    );
  });
});

describe('code word at a position (hover)', () => {
  const cases: Array<[string, number, { raw: string; start: number; end: number } | undefined]> = [
    ['see I50.23.', 6, { raw: 'I50.23', start: 4, end: 10 }],
    ['see I50.23.', 10, { raw: 'I50.23', start: 4, end: 10 }],
    ['i5023 x', 0, { raw: 'i5023', start: 0, end: 5 }],
    ['heart failure', 3, undefined],
  ];
  for (const [text, offset, expected] of cases) {
    it(`${JSON.stringify(text)} @${offset}`, () => {
      const w = codeWordAt(text, offset);
      assert.deepEqual(w ? { raw: w.raw, start: w.span.start, end: w.span.end } : undefined, expected);
    });
  }
});

describe('note completion context', () => {
  const cases: Array<[string, { prefix: string; start: number } | undefined]> = [
    ['Dx [I50', { prefix: 'I50', start: 4 }],
    ['Dx [', { prefix: '', start: 4 }],
    ['ICD-10: E11.9, I1', { prefix: 'I1', start: 15 }],
    ['failure I50.2', { prefix: 'I50.2', start: 8 }],
    ['failure I50', undefined],
    ['heart fail', undefined],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => {
      const r = noteCompletionContext(text, text.length);
      assert.deepEqual(r ? { prefix: r.prefix, start: r.span.start } : undefined, expected);
    });
  }
});

describe('note sections and date', () => {
  it('finds headings: upper-case labels, bare labels, Markdown headings', () => {
    const text =
      'CHIEF COMPLAINT: dyspnea\nPlan: rest and fluids\n## Assessment\nstable\nHospital course:\nuneventful\n';
    assert.deepEqual(
      findSections(text).map((s) => [s.title, s.line, s.headingSpan.start, s.span.end]),
      [
        ['CHIEF COMPLAINT', 0, 0, 46],
        ['Assessment', 2, 47, 67],
        ['Hospital course', 4, 68, text.length],
      ],
    );
  });

  const dates: Array<[string, { date: string; line: number } | undefined]> = [
    ['Date of service: 2026-03-14\n', { date: '2026-03-14', line: 0 }],
    ['Admission date: 03/01/2026\nDischarge date: 3/4/2026\n', { date: '2026-03-04', line: 1 }],
    ['DOS: 2025-10-01', { date: '2025-10-01', line: 0 }],
    ['Seen on 2026-03-14 in clinic', undefined],
  ];
  for (const [text, expected] of dates) {
    it(`date in ${JSON.stringify(text)}`, () => assert.deepEqual(findNoteDate(text), expected));
  }
});
