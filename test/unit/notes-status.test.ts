/**
 * Issue 11: history and status codes (core/notes/status.ts). Status and history codes never started a mention,
 * so "History of falls", "Former smoker" or "Long-term insulin use" in an assessment were never suggested. Every
 * code comes from the Alphabetic Index (History, personal / family; Long-term drug therapy; Body, mass index;
 * Dependence, on). Real data; each row is one class, with the traps that must stay silent.
 */
import assert from 'node:assert/strict';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { checkNote } from '../../server/src/core/notes/rules';
import { noteReader, suggestedCodes } from './notes-fixture';

/** documented-not-coded suggestions of a note against an empty .codes file */
const suggested = (text: string, setting = 'outpatient', date = '2025-06-01') => suggestedCodes(text, setting, date);

describe('notes (issue 11): history and status codes', function () {
  this.timeout(60000);
  // [class, note, suggested codes (sorted)]
  const cases: Array<[string, string, string[]]> = [
    // personal history, from the words after the trigger
    ['history of falls', 'Assessment: History of falls, recurrent. Home PT.', ['Z91.81']],
    ['former smoker: Smoker, see Dependence, drug, nicotine', 'Assessment: Former smoker.', ['Z87.891']],
    ['ex-smoker', 'Assessment: Ex-smoker, 30 pack-years.', ['Z87.891']],
    ['history of breast cancer', 'Assessment: Personal history of breast cancer.', ['Z85.3']],
    [
      '"breast ca": the Index path of the mention (Neoplasm, malignant, breast)',
      'Assessment: History of breast ca.',
      ['Z85.3'],
    ],
    [
      'history of prostate cancer, then a procedure',
      'Assessment: History of prostate cancer, s/p prostatectomy 2015.',
      ['Z85.46'],
    ],
    ['an abbreviation read as its Index words (MRSA)', 'Impression: History of MRSA infection in 2022.', ['Z86.14']],
    ['two items: DVT and PE', 'Assessment: History of DVT and PE.', ['Z86.711', 'Z86.718']],
    ['two triggers, one code', 'Assessment: Remote history of kidney stones.', ['Z87.442']],
    ['history of MI is I25.2 (the Index under History, personal)', 'Assessment: History of MI.', ['I25.2']],
    // family history
    [
      'family history of breast cancer',
      'Assessment: Family history of breast cancer in first-degree relative.',
      ['Z80.3'],
    ],
    // long-term drug therapy
    ['long-term insulin use', 'Assessment: T2DM without complications. Long-term insulin use.', ['E11.9', 'Z79.4']],
    [
      'on long-term insulin, in the diagnosis line',
      'Diagnoses: Type 2 diabetes mellitus without complications, on long-term insulin.',
      ['E11.9', 'Z79.4'],
    ],
    ['oral hypoglycemics', 'Assessment: Long-term use of oral hypoglycemics.', ['Z79.84']],
    [
      '"anticoagulation" is the Index\'s "anticoagulants"',
      'Assessment: Long-term anticoagulation with apixaban.',
      ['Z79.01'],
    ],
    ['long-term aspirin', 'Assessment: Long-term aspirin use.', ['Z79.82']],
    // BMI, with its associated diagnosis (OCG I.B.14)
    ['BMI beside obesity', 'Assessment: Obesity, BMI 36.4.', ['E66.9', 'Z68.36']],
    ['BMI range 40.0-44.9', 'Assessment: Morbid obesity, BMI 41.2.', ['E66.01', 'Z68.41']],
    // dependence on dialysis
    ['on hemodialysis', 'Diagnoses: Hyperkalemia. ESRD on hemodialysis.', ['E87.5', 'N18.6', 'Z99.2']],
    // silent: negated, uncertain, a relative's, non-diagnostic sections, nothing more specific read
    ['no history of falls', 'Assessment: No history of falls.', []],
    ['denies history of', 'Assessment: Denies history of breast cancer.', []],
    ["mother's history is hers, not a personal history", 'Assessment: Mother has a history of breast cancer.', []],
    ['a history condition with no history entry (hypertension)', 'Assessment: History of hypertension.', []],
    [
      'family history of colon cancer: no "colon" under the entry, so not Z80.9',
      'Assessment: Family history of colon cancer.',
      [],
    ],
    ['history in the HPI is not a diagnosis list', 'HPI: 60F with a history of falls and a former smoker.', []],
    ['BMI without a weight diagnosis', 'Assessment: Hypertension, BMI 31.', ['I10']],
    ['BMI of a child', 'Assessment: Obesity in a 12-year-old, BMI 31, 97th percentile.', ['E66.9']],
    ['not on long-term anticoagulation', 'Assessment: Not on long-term anticoagulation.', []],
    ['chronic, no drug (kidney disease)', 'Assessment: Chronic kidney disease stage 3a.', ['N18.31']],
    ['dialysis considered', 'Assessment: ESRD. Discussed possible dialysis.', ['N18.6']],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(suggested(text), want));
  }

  it('a status mention has its span, words, Index path and section', () => {
    const text = 'Assessment:\n1. History of falls, recurrent.\n2. Obesity, BMI 41.2.';
    const a = noteReader().analyze(text, { date: '2025-06-01' });
    const got = a.statuses.map((s) => [
      s.kind,
      text.slice(s.span.start, s.span.end),
      s.candidate.code,
      s.candidate.path,
      a.sections[s.section]?.name,
    ]);
    assert.deepEqual(got, [
      [
        'personal history',
        'History of falls',
        'Z91.81',
        'Index: History, personal, fall, falling → Z91.81',
        'Assessment',
      ],
      ['body mass index', 'BMI 41.2', 'Z68.41', 'Index: Body, mass index, adult, 40.0-44.9 → Z68.41', 'Assessment'],
    ]);
  });

  it('the finding names the guideline of its kind', () => {
    const codes = parseAnnotation('note: n.note\nsetting: outpatient\ndate: 2025-06-01\n\n');
    const f = checkNote(noteReader(), 'Assessment: Former smoker.', { codes, codesName: 'n.codes' }).findings;
    assert.equal(f.length, 1);
    assert.equal(
      f[0].message,
      '"Former smoker" (Assessment) is documented but n.codes has no code for it. Suggested: Z87.891 Personal history of nicotine dependence (Index: History, personal, nicotine dependence → Z87.891).',
    );
    assert.match(
      f[0].source,
      /^ICD-10-CM Official Guidelines I\.C\.21\.c\.4 \(history codes\); ICD-10-CM Alphabetic Index FY2017/,
    );
    assert.deepEqual(f[0].data, {
      fix: 'add-code',
      file: 'n.codes',
      code: 'Z87.891',
      title: 'Personal history of nicotine dependence',
    });
  });

  it('an edition without the code suggests nothing (Z79.84 is newer than FY2016)', () => {
    assert.deepEqual(suggested('Assessment: Long-term use of oral hypoglycemics.', 'outpatient', '2016-03-01'), []);
  });
});

describe('notes (issue 11): run-on input stays bounded', function () {
  this.timeout(120000);
  it('a sentence of 8,000 "history of" triggers: each mention keeps its 12 nearest context hits, 50 status codes at most', () => {
    const text = 'Assessment: ' + 'history of falls and '.repeat(8000) + '.';
    const a = noteReader().analyze(text, { date: '2025-06-01' });
    assert.equal(a.mentions.length, 8000);
    assert.ok(a.mentions.every((m) => m.context.length <= 12));
    assert.equal(a.statuses.length, 50);
    assert.ok(a.statuses.every((s) => s.candidate.code === 'Z91.81'));
  });
  it('a sentence of 20,000 "chronic kidney disease": no status code, every mention read', () => {
    const a = noteReader().analyze('Assessment: ' + 'chronic kidney disease '.repeat(20000) + '.', {
      date: '2025-06-01',
    });
    assert.equal(a.mentions.length, 19999);
    assert.equal(a.statuses.length, 0);
  });
});
