import assert from 'node:assert/strict';
import type { IndexTerm } from '../../server/src/core/data';
import { compileAlts, mainHeadWords } from '../../server/src/core/notes/indexMatcher';
import { tokenize, words } from '../../server/src/core/notes/text';
import { getPart } from '../helpers/data';
import { mentionOf, noteReader } from './notes-fixture';

describe('notes: Alphabetic Index matching and abbreviations', function () {
  this.timeout(60000);
  // [text, mention, top code, path of the top candidate, date]
  const cases: Array<[string, string, string, string, string?]> = [
    [
      'Acute on chronic systolic heart failure.',
      'Acute on chronic systolic heart failure',
      'I50.23',
      'Index: Failure, heart, systolic, chronic, and (on) acute (congestive) → I50.23',
    ],
    ['Heart failure.', 'Heart failure', 'I50.9', 'Index: Failure, heart → I50.9'],
    ['Chest pain.', 'Chest pain', 'R07.9', 'Index: Pain, chest → R07.9'],
    ['Shortness of breath.', 'Shortness of breath', 'R06.02', 'Index: Breath, shortness → R06.02'],
    [
      'Type 2 diabetes mellitus with hyperglycemia.',
      'Type 2 diabetes',
      'E11.65',
      'Index: Diabetes, type 2, with, hyperglycemia → E11.65',
    ],
    // before FY2023 (no K76.82 yet) the Index's code
    [
      'Hepatic encephalopathy.',
      'Hepatic encephalopathy',
      'K72.90',
      'Index: Encephalopathy, hepatic → see Failure, hepatic → K72.90',
      '2022-03-14',
    ],
  ];
  for (const [text, mention, code, path, date] of cases) {
    it(`${JSON.stringify(text)} -> ${code}`, () => {
      const m = mentionOf(noteReader().analyze(text, { date: date ?? '2026-03-14' }), mention);
      assert.equal(m.candidates[0].code, code);
      assert.equal(m.candidates[0].path, path);
    });
  }

  it('an Index code that is a header in the edition is refined by the Tabular titles: CKD 3b -> N18.32 (FY2026)', () => {
    const m = mentionOf(noteReader().analyze('CKD 3b.', { date: '2026-03-14' }), 'CKD 3b');
    assert.equal(m.candidates[0].code, 'N18.32');
    assert.equal(
      m.candidates[0].path,
      'Index: Disease, kidney, chronic, stage 3 → N18.3 (a header in ICD-10-CM FY2026) → Tabular: N18.32 Chronic kidney disease, stage 3b',
    );
  });
  it('the same Index code is billable in an older edition: CKD 3b -> N18.3 (FY2019)', () => {
    const m = mentionOf(noteReader().analyze('CKD 3b.', { date: '2019-03-14' }), 'CKD 3b');
    assert.equal(m.candidates[0].code, 'N18.3');
  });
  it('a Tabular title that is the words exactly comes before an Index code reached by "see" (K76.82, FY2023)', () => {
    const m = mentionOf(
      noteReader().analyze('Hepatic encephalopathy.', { date: '2026-03-14' }),
      'Hepatic encephalopathy',
    );
    assert.equal(m.candidates[0].code, 'K76.82');
    assert.equal(m.candidates[0].path, 'Tabular: K76.82 Hepatic encephalopathy');
    assert.equal(m.candidates[1].code, 'K72.90');
  });
  it('an Index code read directly keeps first place, the Tabular title beside it (I50.9, then I50.89)', () => {
    const m = mentionOf(noteReader().analyze('Heart failure.', { date: '2026-03-14' }), 'Heart failure');
    assert.deepEqual(
      m.candidates.slice(0, 2).map((c) => c.code),
      ['I50.9', 'I50.89'],
    );
  });

  // the Table of Neoplasms, reached through "see Neoplasm, …, by site", the column picked by the reference
  const neo: Array<[string, string, string, string]> = [
    [
      'Colon cancer.',
      'Colon cancer',
      'C18.9',
      'Index: Cancer → see Neoplasm, by site, malignant (Table of Neoplasms, Malignant Primary), colon → C18.9',
    ],
    [
      'Prostate cancer.',
      'Prostate cancer',
      'C61',
      'Index: Cancer → see Neoplasm, by site, malignant (Table of Neoplasms, Malignant Primary), prostate → C61',
    ],
    [
      'Benign neoplasm of colon.',
      'Benign neoplasm of colon',
      'D12.6',
      'Index: Neoplasm → see Table of Neoplasms (Benign), colon → see Neoplasm, intestine, large (Table of Neoplasms, Benign), colon → D12.6',
    ],
  ];
  for (const [text, mention, code, path] of neo) {
    it(`${JSON.stringify(text)} -> ${code} (Table of Neoplasms)`, () => {
      const m = mentionOf(noteReader().analyze(text, { date: '2026-03-14' }), mention);
      assert.equal(m.candidates[0].code, code);
      assert.equal(m.candidates[0].path, path);
    });
  }

  // [abbreviation text, expansion phrase, top code]
  const abbr: Array<[string, string, string]> = [
    ['CHF', 'congestive heart failure', 'I50.9'],
    ['HFrEF', 'systolic heart failure', 'I50.20'],
    ['HFpEF', 'diastolic heart failure', 'I50.30'],
    ['AKI', 'acute kidney failure', 'N17.9'],
    ['COPD', 'chronic obstructive pulmonary disease', 'J44.9'],
    ['DM2', 'diabetes type 2', 'E11.9'],
    ['T2DM', 'diabetes type 2', 'E11.9'],
    ['HTN', 'hypertension', 'I10'],
    ['CAD', 'coronary artery disease', 'I25.10'],
    ['NSTEMI', 'non-ST elevation myocardial infarction', 'I21.4'],
    ['PNA', 'pneumonia', 'J18.9'],
    ['UTI', 'urinary tract infection', 'N39.0'],
    ['DVT', 'deep vein thrombosis', 'I82.409'],
    ['AFib', 'atrial fibrillation', 'I48.91'],
    ['GERD', 'gastroesophageal reflux disease', 'K21.9'],
    ['OSA', 'obstructive sleep apnea', 'G47.33'],
    ['ESRD', 'end stage renal disease', 'N18.6'],
  ];
  for (const [a, phrase, code] of abbr) {
    it(`abbreviation ${a} -> "${phrase}" -> ${code}`, () => {
      const m = mentionOf(noteReader().analyze(`Assessment: ${a}.`, { date: '2026-03-14' }), a);
      assert.equal(m.abbreviation?.phrase, phrase);
      assert.equal(m.candidates[0].code, code);
    });
  }
  it('case-sensitive abbreviations: "PE" is pulmonary embolism, "pe" is not', () => {
    assert.equal(mentionOf(noteReader().analyze('Assessment: PE.'), 'PE').abbreviation?.phrase, 'pulmonary embolism');
    assert.deepEqual(noteReader().analyze('Assessment: pe.').mentions, []);
  });
});

describe('notes: the allocation-light readers of words and head words (issue 11 performance)', function () {
  this.timeout(60000);
  it('words() is the norm of every token of tokenize(), on every Index title and on edge cases', () => {
    const edge = [
      "Crohn's disease",
      'Cr 1.9, stage 3b',
      'A1c 8.1. HbA1c',
      'rock’s 1.5.2 .5 5.',
      "o'",
      'ÉTAT fièvre',
      'Diabetes, type 2',
      '',
      '  ,,  ',
      'ABSCESSES abscess BODIES bodies ss us is ys',
    ];
    const all: string[] = [...edge];
    const walk = (t: IndexTerm) => {
      all.push(t.t);
      if (t.m) all.push(t.m);
      if (t.see) all.push(t.see);
      for (const k of t.s ?? []) walk(k);
    };
    for (const t of getPart('index').terms) walk(t);
    for (const s of all)
      assert.deepEqual(
        words(s),
        tokenize(s).map((t) => t.norm),
        s,
      );
  });
  it('mainHeadWords() gives the first word of each compiled alternative of every main term, in order', () => {
    for (const t of getPart('index').terms)
      assert.deepEqual(
        mainHeadWords(t),
        compileAlts(t, true).alts.map((a) => a[0]),
        t.t,
      );
  });
});
