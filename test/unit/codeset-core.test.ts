/** Code-set core over a tiny hand-made fixture: every classification kind and every suggestion kind. */
import assert from 'node:assert/strict';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import type { Classification, Suggestion } from '../../server/src/core/types';
import { cm, extras, pcs, tabular } from './fixtures/codeset-fixture';

const cs = createCodeSet({ cm, tabular, pcs, extras });
const bare = createCodeSet({ cm });
const E0 = 0;
const E1 = 1;
const E2 = 2;
const codes = (xs: Array<{ code: string }>) => xs.map((x) => x.code);
const sugg = (xs: Suggestion[]) => xs.map((s) => `${s.code}:${s.reason}`);

describe('codeset: normalize and display', () => {
  const table: Array<[string, string | null]> = [
    ['I50.23', 'I50.23'],
    ['i5023', 'I50.23'],
    ['  i50.23 ', 'I50.23'],
    ['I50', 'I50'],
    ['I50.', 'I50'],
    ['S72.001A', 'S72.001A'],
    ['s72001a', 'S72.001A'],
    ['I502.3', null],
    ['I50..23', null],
    ['I50 23', null],
    ['5023', null],
    ['I5', null],
    ['S72.001AB', null],
    ['', null],
    ['heart', null],
  ];
  for (const [raw, want] of table) {
    it(`normalize(${JSON.stringify(raw)}) = ${want}`, () => assert.equal(cs.normalize(raw), want));
  }
  const disp: Array<[string, string]> = [
    ['I5023', 'I50.23'],
    ['I50', 'I50'],
    ['S72001A', 'S72.001A'],
    ['I50.23', 'I50.23'],
  ];
  for (const [k, want] of disp) it(`display(${k}) = ${want}`, () => assert.equal(cs.display(k), want));
});

describe('codeset: editionFor', () => {
  const table: Array<
    [string, { ok: true; id: string; index: number } | { ok: false; message: string; nearest?: string }]
  > = [
    ['2023-10-01', { ok: true, id: 'fy2024', index: 0 }],
    ['2024-03-31', { ok: true, id: 'fy2024', index: 0 }],
    ['2024-04-01', { ok: true, id: 'fy2024-april', index: 1 }],
    ['2025-09-30', { ok: true, id: 'fy2025', index: 2 }],
    [
      '2025-10-01',
      {
        ok: false,
        message: 'No ICD-10-CM edition covers 2025-10-01; FY2025 (to 2025-09-30) is the newest available.',
        nearest: 'fy2025',
      },
    ],
    [
      '2023-09-30',
      {
        ok: false,
        message: 'No ICD-10-CM edition covers 2023-09-30; FY2024 (from 2023-10-01) is the oldest available.',
        nearest: 'fy2024',
      },
    ],
    [
      '2024-02-30',
      { ok: false, message: "'2024-02-30' is not a date; write the date of service as YYYY-MM-DD.", nearest: 'fy2025' },
    ],
    [
      '03/14/2024',
      { ok: false, message: "'03/14/2024' is not a date; write the date of service as YYYY-MM-DD.", nearest: 'fy2025' },
    ],
  ];
  for (const [date, want] of table) {
    it(`editionFor(${date})`, () => {
      const r = cs.editionFor(date);
      if (want.ok) {
        assert.ok(r.ok);
        assert.equal(r.id, want.id);
        assert.equal(r.index, want.index);
      } else {
        assert.ok(!r.ok);
        assert.equal(r.message, want.message);
        assert.equal(r.nearest?.id, want.nearest);
      }
    });
  }
});

describe('codeset: classify (every kind)', () => {
  const table: Array<[string, number, Classification]> = [
    ['i50.23', E2, { kind: 'billable', code: 'I50.23', title: 'Acute on chronic systolic (congestive) heart failure' }],
    ['I501', E0, { kind: 'billable', code: 'I50.1', title: 'Left ventricular failure' }],
    ['I501', E2, { kind: 'billable', code: 'I50.1', title: 'Left ventricular failure, unspecified' }],
    ['G35', E1, { kind: 'billable', code: 'G35', title: 'Multiple sclerosis' }],
    [
      'G35',
      E2,
      {
        kind: 'header',
        code: 'G35',
        title: 'Multiple sclerosis',
        billableDescendants: [
          { code: 'G35.A', title: 'Relapsing-remitting multiple sclerosis', billable: true },
          { code: 'G35.D', title: 'Multiple sclerosis, unspecified', billable: true },
        ],
      },
    ],
    [
      'I50.2',
      E2,
      {
        kind: 'header',
        code: 'I50.2',
        title: 'Systolic (congestive) heart failure',
        billableDescendants: [
          { code: 'I50.20', title: 'Unspecified systolic (congestive) heart failure', billable: true },
          { code: 'I50.21', title: 'Acute systolic (congestive) heart failure', billable: true },
          { code: 'I50.22', title: 'Chronic systolic (congestive) heart failure', billable: true },
          { code: 'I50.23', title: 'Acute on chronic systolic (congestive) heart failure', billable: true },
        ],
      },
    ],
    [
      'S72.001',
      E2,
      {
        kind: 'needs-seventh',
        code: 'S72.001',
        title: 'Fracture of unspecified part of neck of right femur',
        choices: [
          { char: 'A', meaning: 'initial encounter for closed fracture', code: 'S72.001A' },
          { char: 'D', meaning: 'subsequent encounter for closed fracture with routine healing', code: 'S72.001D' },
          { char: 'S', meaning: 'sequela', code: 'S72.001S' },
        ],
      },
    ],
    [
      'S00.00',
      E2,
      {
        kind: 'needs-seventh',
        code: 'S00.00',
        title: 'Unspecified superficial injury of scalp',
        // no sevenChrDef in the fixture Tabular for S00: meanings come from the billable codes' titles
        choices: [
          { char: 'A', meaning: 'initial encounter', code: 'S00.00XA' },
          { char: 'D', meaning: 'subsequent encounter', code: 'S00.00XD' },
          { char: 'S', meaning: 'sequela', code: 'S00.00XS' },
        ],
      },
    ],
    [
      'S00.00X',
      E2,
      {
        kind: 'needs-seventh',
        code: 'S00.00X',
        title: 'Unspecified superficial injury of scalp',
        choices: [
          { char: 'A', meaning: 'initial encounter', code: 'S00.00XA' },
          { char: 'D', meaning: 'subsequent encounter', code: 'S00.00XD' },
          { char: 'S', meaning: 'sequela', code: 'S00.00XS' },
        ],
      },
    ],
    [
      'T36.01A',
      E2,
      {
        kind: 'needs-placeholder',
        code: 'T36.01A',
        corrected: [
          {
            code: 'T36.0X1A',
            title: 'Poisoning by penicillins, accidental (unintentional), initial encounter',
            billable: true,
          },
        ],
      },
    ],
    [
      'S00.00A',
      E2,
      {
        kind: 'needs-placeholder',
        code: 'S00.00A',
        corrected: [
          { code: 'S00.00XA', title: 'Unspecified superficial injury of scalp, initial encounter', billable: true },
        ],
      },
    ],
    [
      'T36.01',
      E2,
      {
        kind: 'needs-placeholder',
        code: 'T36.01',
        corrected: [
          {
            code: 'T36.0X1A',
            title: 'Poisoning by penicillins, accidental (unintentional), initial encounter',
            billable: true,
          },
          {
            code: 'T36.0X1D',
            title: 'Poisoning by penicillins, accidental (unintentional), subsequent encounter',
            billable: true,
          },
          { code: 'T36.0X1S', title: 'Poisoning by penicillins, accidental (unintentional), sequela', billable: true },
        ],
      },
    ],
    [
      'T40.7X1A',
      E2,
      {
        kind: 'deleted',
        code: 'T40.7X1A',
        title: 'Poisoning by cannabis (derivatives), accidental (unintentional), initial encounter',
        lastEdition: { index: 0, label: 'ICD-10-CM FY2024' },
        replacements: [
          {
            code: 'T40.711A',
            title: 'Poisoning by cannabis, accidental (unintentional), initial encounter',
            billable: true,
            reason: 'replacement',
            rank: 0,
          },
        ],
      },
    ],
    [
      'Z87.09',
      E1,
      {
        kind: 'not-yet-valid',
        code: 'Z87.09',
        title: 'Personal history of other diseases of the respiratory system',
        firstEdition: { index: 2, label: 'ICD-10-CM FY2025' },
        suggestions: [
          {
            code: 'Z87.01',
            title: 'Personal history of pneumonia (recurrent)',
            billable: true,
            reason: 'replacement',
            rank: 0,
          },
        ],
      },
    ],
    [
      'G35.A',
      E1,
      {
        kind: 'not-yet-valid',
        code: 'G35.A',
        title: 'Relapsing-remitting multiple sclerosis',
        firstEdition: { index: 2, label: 'ICD-10-CM FY2025' },
        suggestions: [{ code: 'G35', title: 'Multiple sclerosis', billable: true, reason: 'header-of-valid', rank: 0 }],
      },
    ],
  ];
  for (const [raw, edition, want] of table) {
    it(`classify(${raw}, ${edition}) is ${want.kind}`, () => assert.deepEqual(cs.classify(raw, edition), want));
  }

  it('deleted without a conversion table falls back to same-prefix billable codes with the same 7th character', () => {
    const c = bare.classify('T40.7X1A', E2);
    assert.equal(c.kind, 'deleted');
    assert.deepEqual(c.kind === 'deleted' ? sugg(c.replacements) : [], ['T40.711A:prefix']);
  });
  it('Z87.01 deleted in FY2025 points to its conversion-table replacement', () => {
    const c = cs.classify('Z87.01', E2);
    assert.equal(c.kind, 'deleted');
    assert.deepEqual(c.kind === 'deleted' ? sugg(c.replacements) : [], ['Z87.09:replacement']);
  });
});

describe('codeset: invalid codes and suggestions (every reason)', () => {
  const table: Array<[string, string[]]> = [
    // misplaced dot
    ['I502.3', ['I50.23:dot-position', 'I50.20:edit-distance', 'I50.21:edit-distance', 'I50.22:edit-distance']],
    // missing dot written with a space
    ['I50 23', ['I50.23:dot-position', 'I50.20:edit-distance', 'I50.21:edit-distance', 'I50.22:edit-distance']],
    // O for 0, 1 for I
    ['I5O.23', ['I50.23:o-zero-confusion']],
    ['150.23', ['I50.23:i-one-confusion']],
    // an extra character, then a substitution
    ['I50.233', ['I50.23:edit-distance', 'I50.20:edit-distance', 'I50.21:edit-distance', 'I50.22:edit-distance']],
    // a transposed category
    ['I05.23', ['I50.23:edit-distance']],
    // a truncated code: codes that start with it
    ['T36.0X', ['T36.0X1A:prefix', 'T36.0X1D:prefix', 'T36.0X1S:prefix', 'T36.0:edit-distance']],
    // nothing close: the nearest valid header
    ['A00.77', ['A00.0:edit-distance', 'A00.1:edit-distance', 'A00.9:edit-distance', 'A00:header-of-valid']],
    ['Z87.00', ['Z87.09:edit-distance', 'Z87:header-of-valid']],
    ['Q99.99', []],
  ];
  for (const [raw, want] of table) {
    it(`classify(${JSON.stringify(raw)}) is invalid with ${want.join(', ') || 'no suggestions'}`, () => {
      const c = cs.classify(raw, E2);
      assert.equal(c.kind, 'invalid');
      assert.deepEqual(c.kind === 'invalid' ? sugg(c.suggestions).slice(0, 4) : [], want);
    });
  }
  it('suggestions carry titles and ranks, best first', () => {
    const s = cs.suggest('I502.3', E2, 2);
    assert.deepEqual(s, [
      {
        code: 'I50.23',
        title: 'Acute on chronic systolic (congestive) heart failure',
        billable: true,
        reason: 'dot-position',
        rank: 0,
      },
      {
        code: 'I50.20',
        title: 'Unspecified systolic (congestive) heart failure',
        billable: true,
        reason: 'edit-distance',
        rank: 9,
      },
    ]);
  });
});

describe('codeset: unspecified, hierarchy, notes', () => {
  it('I50.9 is unspecified (residual .9) with its specific siblings', () => {
    const u = cs.unspecified('I50.9', E2);
    assert.equal(u.unspecified, true);
    assert.equal(u.reason, 'residual code (.9/.90 style) whose title says "unspecified"');
    assert.deepEqual(codes(u.specificSiblings), ['I50.1', 'I50.20', 'I50.21', 'I50.22', 'I50.23']);
  });
  it('A00.9 "Cholera, unspecified" lists A00.0 and A00.1', () => {
    assert.deepEqual(codes(cs.unspecified('A009', E2).specificSiblings), ['A00.0', 'A00.1']);
  });
  it('I50.20 says unspecified in its title', () => {
    const u = cs.unspecified('I50.20', E2);
    assert.equal(u.reason, 'title says "unspecified"');
    assert.deepEqual(codes(u.specificSiblings), ['I50.21', 'I50.22', 'I50.23']);
  });
  it('S72.001A: "unspecified part" comes from S72.00, so the offer is the codes beside S72.00 with 7th character A', () => {
    const u = cs.unspecified('S72.001A', E2);
    assert.equal(u.reason, 'title says "unspecified"');
    assert.deepEqual(codes(u.specificSiblings), ['S72.011A']);
  });
  it('I50.23 is not unspecified', () =>
    assert.deepEqual(cs.unspecified('I50.23', E2), { unspecified: false, specificSiblings: [] }));
  it('S00.00XA: siblings of its stem with the same encounter character (none here)', () => {
    const u = cs.unspecified('S00.00XA', E2);
    assert.equal(u.reason, 'title says "unspecified"');
    assert.deepEqual(u.specificSiblings, []);
  });

  it('hierarchy of I50.23', () => {
    assert.deepEqual(cs.hierarchy('I50.23', E2), {
      chapter: { num: 9, desc: 'Diseases of the circulatory system (I00-I99)', range: 'I00-I99' },
      block: { id: 'I30-I52', desc: 'Other forms of heart disease (I30-I52)' },
      ancestors: [
        { code: 'I50', title: 'Heart failure', billable: false },
        { code: 'I50.2', title: 'Systolic (congestive) heart failure', billable: false },
      ],
      children: [],
    });
  });
  it('children of I50 in FY2025', () => {
    assert.deepEqual(codes(cs.hierarchy('I50', E2).children), ['I50.1', 'I50.2', 'I50.9']);
  });
  it('children of T40.7 differ by edition', () => {
    assert.deepEqual(codes(cs.hierarchy('T40.7', E0).children), ['T40.7X1A']);
    assert.deepEqual(codes(cs.hierarchy('T40.7', E2).children), ['T40.71']);
  });

  it('notes of I50.23: own node, inherited from I50.2, I50, block and chapter', () => {
    const n = cs.notes('I50.23');
    assert.equal(n.hasNode, true);
    assert.equal(n.tabularYear, 2021);
    assert.deepEqual(
      n.notes.map((x) => `${x.kind}|${x.from}|${x.inherited}|${x.text}`),
      [
        'inclusionTerm|I50.2|true|Heart failure with reduced ejection fraction [HFrEF]',
        'excludes1|I50.2|true|combined systolic and diastolic heart failure (I50.4-)',
        'excludes1|I50|true|neonatal cardiac failure (P29.0)',
        'codeFirst|I50|true|heart failure due to hypertension (I11.0)',
        'notes|I30-I52|true|block note',
        'excludes2|Chapter 9|true|certain conditions originating in the perinatal period (P04-P96)',
      ],
    );
  });
  it('a code without a Tabular node says so', () => {
    const n = cs.notes('G35.A');
    assert.equal(n.hasNode, false);
    assert.equal(n.tabularYear, 2021);
    assert.deepEqual(n.notes, []);
  });
  it('no Tabular loaded: no notes, no year', () => {
    assert.deepEqual(bare.notes('I50.23'), { notes: [], tabularYear: undefined, hasNode: false });
  });
});

describe('codeset: codesInNote and matchesRef', () => {
  const table: Array<[string, string[]]> = [
    ['heart failure (I50.-)', ['I50']],
    ['systolic heart failure (I50.2-)', ['I50.2']],
    ['intestinal infectious diseases (A00-A09)', ['A00-A09']],
    ['gastric ulcer (K25.0)', ['K25.0']],
    ['obstetric (O00-O07, O08.8)', ['O00-O07', 'O08.8']],
    ['poisoning (T36.0X1-) and cholera (A00.9)', ['T36.0X1', 'A00.9']],
    ['diabetes (A00-I50 with .9)', ['A00.9', 'I50.9']],
    ['lists (A00-I50 with .1, .9)', ['A00.1', 'A00.9', 'I50.1', 'I50.9']],
    ['typo separator (A00-I50 with .1. .9)', ['A00.1', 'A00.9', 'I50.1', 'I50.9']],
    ['a suffix range (I50 with .20-.22)', ['I50.20', 'I50.21', 'I50.22']],
    ['a suffix prefix (I50 with .2-)', ['I50.2']],
    ['no parentheses I50.23 here', []],
    ['(see text)', []],
  ];
  for (const [text, want] of table)
    it(`codesInNote(${JSON.stringify(text)})`, () => assert.deepEqual(cs.codesInNote(text), want));

  const refs: Array<[string, string, boolean]> = [
    ['I50.23', 'I50', true],
    ['I5023', 'I50.2', true],
    ['I50.33', 'I50.2', false],
    ['A05.9', 'A00-A09', true],
    ['A09', 'A00-A09', true],
    ['A10', 'A00-A09', false],
    ['O08.81', 'O08.8', true],
    ['O08.9', 'O08.8', false],
  ];
  for (const [code, ref, want] of refs)
    it(`matchesRef(${code}, ${ref}) = ${want}`, () => assert.equal(cs.matchesRef(code, ref), want));
});

describe('codeset: search', () => {
  const table: Array<[string, number, string[]]> = [
    ['acute on chronic systolic', E2, ['I50.23']],
    ['heart failure', E2, ['I50.9', 'I50.20', 'I50.21', 'I50.22', 'I50.23']],
    ['systolic', E2, ['I50.20', 'I50.21', 'I50.22', 'I50.23', 'I50.2']],
    // an inclusion term of a header
    ['HFrEF', E2, ['I50.2']],
    // titles first, then the inclusion term of I50.9
    ['cong heart', E2, ['I50.20', 'I50.21', 'I50.22', 'I50.23', 'I50.9']],
    ['I50.2', E2, ['I50.2', 'I50.20', 'I50.21', 'I50.22', 'I50.23']],
    ['i502', E2, ['I50.2', 'I50.20', 'I50.21', 'I50.22', 'I50.23']],
    ['multiple sclerosis', E1, ['G35']],
    ['multiple sclerosis', E2, ['G35.D', 'G35.A', 'G35']],
    ['cannabis', E0, ['T40.7X1A', 'T40.7']],
    ['zzz', E2, []],
    ['', E2, []],
  ];
  for (const [q, edition, want] of table) {
    it(`search(${JSON.stringify(q)}, ${edition})`, () => assert.deepEqual(codes(cs.search(q, edition, 5)), want));
  }
  it('an inclusion-term hit names the term', () => {
    const [h] = cs.search('congestive heart disease', E2);
    assert.deepEqual(h && { code: h.code, matched: h.matched, term: h.term }, {
      code: 'I50.9',
      matched: 'inclusion-term',
      term: 'Congestive heart disease',
    });
  });
  it('a repeated query (served from the recent-query cache) gives equal, independent hits', () => {
    const a = cs.search('systolic', E2, 3);
    a[0]!.code = 'changed by the caller';
    assert.deepEqual(codes(cs.search('systolic', E2, 3)), ['I50.20', 'I50.21', 'I50.22']);
    assert.deepEqual(codes(cs.search('  SYSTOLIC ', E2, 3)), ['I50.20', 'I50.21', 'I50.22']);
  });
  it('a code prefix hit says code-prefix', () => assert.equal(cs.search('I50.23', E2)[0]?.matched, 'code-prefix'));
});

describe('codeset: PCS', () => {
  const table: Array<
    [
      string,
      string | undefined,
      { kind: string; code: string; edition?: string; suggestions?: string[]; message?: string },
    ]
  > = [
    ['02hv33z', '2025-01-01', { kind: 'valid', code: '02HV33Z', edition: 'ICD-10-PCS FY2025' }],
    ['0DTJ4ZZ', '2024-01-01', { kind: 'valid', code: '0DTJ4ZZ', edition: 'ICD-10-PCS FY2024' }],
    [
      '0DTJ4ZZ',
      '2025-01-01',
      {
        kind: 'deleted',
        code: '0DTJ4ZZ',
        edition: 'ICD-10-PCS FY2025',
        suggestions: ['0DTJ0ZZ'],
        message: '0DTJ4ZZ was last valid in ICD-10-PCS FY2024; it is not in ICD-10-PCS FY2025.',
      },
    ],
    [
      '0DTJ0ZZ',
      '2024-01-01',
      {
        kind: 'not-yet-valid',
        code: '0DTJ0ZZ',
        edition: 'ICD-10-PCS FY2024',
        suggestions: ['0DTJ4ZZ'],
        message: '0DTJ0ZZ is valid from ICD-10-PCS FY2025; it is not in ICD-10-PCS FY2024.',
      },
    ],
    [
      'O2HV33Z',
      undefined,
      { kind: 'invalid', code: 'O2HV33Z', edition: 'ICD-10-PCS FY2025', suggestions: ['02HV33Z'] },
    ],
    ['02HV33', undefined, { kind: 'invalid', code: '02HV33', edition: 'ICD-10-PCS FY2025', suggestions: [] }],
    ['02H', undefined, { kind: 'header', code: '02H', edition: 'ICD-10-PCS FY2025', suggestions: [] }],
    [
      '02HV33Z',
      '2026-01-01',
      {
        kind: 'valid',
        code: '02HV33Z',
        edition: 'ICD-10-PCS FY2025',
        message:
          'No ICD-10-PCS edition covers 2026-01-01; FY2025 (to 2025-09-30) is the newest available. Checked against ICD-10-PCS FY2025.',
      },
    ],
  ];
  for (const [raw, date, want] of table) {
    it(`classifyPcs(${raw}, ${date})`, () => {
      const r = cs.classifyPcs(raw, date);
      assert.equal(r.kind, want.kind);
      assert.equal(r.code, want.code);
      assert.equal(r.edition?.label, want.edition);
      if (want.suggestions) assert.deepEqual(codes(r.suggestions), want.suggestions);
      if (want.message) assert.equal(r.message, want.message);
    });
  }
  it('without PCS data it says so', () =>
    assert.equal(bare.classifyPcs('02HV33Z', undefined).message, 'ICD-10-PCS data is not loaded.'));
});

describe('codeset: POA exemption, CC/MCC, HCC, replacements, title', () => {
  it('poaExempt uses the nearest fiscal year list, labelled', () => {
    assert.deepEqual(cs.poaExempt('Z87.09', E2), { exempt: true, list: 'POA-exempt list FY2025' });
    assert.deepEqual(cs.poaExempt('Z87.01', E0), { exempt: true, list: 'POA-exempt list FY2025' });
    assert.deepEqual(cs.poaExempt('I50.23', E2), { exempt: false, list: 'POA-exempt list FY2025' });
    assert.deepEqual(bare.poaExempt('Z87.09', E2), { exempt: false });
  });
  const cc: Array<[string, ReturnType<typeof cs.ccMcc>]> = [
    ['I50.23', { level: 'MCC', version: 'MS-DRG v40 (FY2023)' }],
    ['I50.21', { level: 'MCC (if discharged alive)', version: 'MS-DRG v40 (FY2023)' }],
    ['I50.22', { level: 'CC', version: 'MS-DRG v40 (FY2023)' }],
    ['I50.9', undefined],
  ];
  for (const [code, want] of cc) it(`ccMcc(${code})`, () => assert.deepEqual(cs.ccMcc(code), want));
  it('hcc lists V28 then V24', () => {
    assert.deepEqual(cs.hcc('i50.23'), [
      { model: 'CMS-HCC V28', hcc: 226, label: 'Heart Failure, Except End-Stage and Acute' },
      { model: 'CMS-HCC V24', hcc: 85, label: 'Congestive Heart Failure' },
    ]);
    assert.deepEqual(cs.hcc('I50.9'), []);
  });
  it('replacements of a code that became a header are its billable children', () => {
    assert.deepEqual(sugg(cs.replacements('G35', E2)), ['G35.A:billable-child', 'G35.D:billable-child']);
  });
  it('title follows the edition', () => {
    assert.equal(cs.title('I50.1', E0), 'Left ventricular failure');
    assert.equal(cs.title('I50.1', E2), 'Left ventricular failure, unspecified');
    assert.equal(cs.title('I50.1'), 'Left ventricular failure, unspecified');
    assert.equal(cs.title('X99.99'), undefined);
  });
  it('row is keyed without the dot', () => assert.equal(cs.row('i50.23')?.status, 'BBB'));
  it('seventhCharacters of a full code uses its stem', () => {
    assert.deepEqual(codes(cs.seventhCharacters('S72.001A', E2)), ['S72.001A', 'S72.001D', 'S72.001S']);
  });
});
