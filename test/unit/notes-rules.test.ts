import assert from 'node:assert/strict';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { findEvidence } from '../../server/src/core/evidence/phrase';
import { checkCodesAgainstNote, checkNote } from '../../server/src/core/notes/rules';
import { noteReader } from './notes-fixture';

const NOTE = [
  'HPI: 70 year old with fever. Pneumonia was ruled out.',
  'PMH: history of DVT.',
  'Discharge Diagnoses:',
  '1. Acute on chronic systolic heart failure',
  '2. Possible sepsis',
  '3. AKI',
].join('\n');

function codes(setting: string, lines: string[]): string {
  return ['note: discharge-summary.note', `setting: ${setting}`, 'date: 2026-03-14', '', ...lines].join('\n') + '\n';
}

function run(codesText: string) {
  const r = noteReader();
  const file = parseAnnotation(codesText);
  const analysis = r.analyze(NOTE, { date: file.date });
  return {
    codes: checkCodesAgainstNote({
      codes: file,
      note: { text: NOTE, analysis, name: 'discharge-summary.note' },
      codeSet: r.codeSet,
    }),
    note: checkNote(r, NOTE, { codes: file, codesName: 'discharge-summary.codes' }).findings,
    text: codesText,
  };
}

describe('notes: rules linking a note and its .codes file', function () {
  this.timeout(60000);

  it('findEvidence folds case and whitespace', () => {
    assert.deepEqual(findEvidence('Acute  on\nchronic systolic', 'acute on chronic'), { start: 0, end: 17 });
    assert.equal(findEvidence('heart failure', 'renal failure'), undefined);
    // an ellipsis stands for the words between the parts
    assert.deepEqual(findEvidence('Alzheimer disease with dementia, mild, without behavior', 'dementia ... mild'), {
      start: 23,
      end: 37,
    });
  });

  it('a personal history code (Z86.718) is supported by the historical mention it names: no negated-evidence', () => {
    const r = run(codes('inpatient', ['I50.23 POA=Y', 'N17.9 POA=Y', 'Z86.718 POA=Y "history of DVT"']));
    assert.deepEqual(r.codes, []);
  });

  // [rule, setting, code lines, the text the finding spans, severity, fix]
  const cases: Array<[string, string, string[], string, string, unknown]> = [
    [
      'evidence-not-found',
      'inpatient',
      ['I50.23 POA=Y "chronic diastolic heart failure"'],
      '"chronic diastolic heart failure"',
      'warning',
      { fix: 'none' },
    ],
    ['unsupported-code', 'inpatient', ['I50.23 POA=Y', 'K35.80 POA=Y'], 'K35.80', 'information', undefined],
    [
      'negated-evidence',
      'inpatient',
      ['I50.23 POA=Y', 'J18.9 POA=Y'],
      'J18.9',
      'warning',
      { fix: 'remove-line', line: 5 },
    ],
    [
      'uncertain-diagnosis-outpatient',
      'outpatient',
      ['I50.23', 'A41.9'],
      'A41.9',
      'warning',
      { fix: 'remove-line', line: 5 },
    ],
    [
      'more-specific-code-documented',
      'inpatient',
      ['I50.9 POA=Y'],
      'I50.9',
      'warning',
      {
        fix: 'replace-code',
        candidates: [
          {
            code: 'I50.23',
            title: 'Acute on chronic systolic (congestive) heart failure',
            label: 'Index: Failure, heart, systolic, chronic, and (on) acute (congestive) → I50.23',
          },
        ],
      },
    ],
  ];
  for (const [rule, setting, lines, spanText, severity, fix] of cases) {
    it(`${rule} (${setting})`, () => {
      const r = run(codes(setting, lines));
      const f = r.codes.filter((x) => x.rule === rule);
      assert.equal(f.length, 1, JSON.stringify(r.codes, null, 1));
      assert.equal(r.text.slice(f[0].span.start, f[0].span.end), spanText);
      assert.equal(f[0].severity, severity);
      assert.deepEqual(f[0].data, fix);
      assert.ok(f[0].source.length > 0);
    });
  }
  it('an uncertain diagnosis is supported for an inpatient (OCG II.H, III.C): no finding on A41.9', () => {
    const r = run(codes('inpatient', ['I50.23 POA=Y', 'A41.9 POA=Y', 'N17.9 POA=Y']));
    assert.deepEqual(r.codes, []);
  });
  it('documented-not-coded: an affirmed discharge diagnosis without a code, with the add-code fix', () => {
    const r = run(codes('inpatient', ['A41.9 POA=Y']));
    const f = r.note.filter((x) => x.rule === 'documented-not-coded');
    assert.deepEqual(
      f.map((x) => [NOTE.slice(x.span.start, x.span.end), x.code, x.severity, x.data]),
      [
        [
          'Acute on chronic systolic heart failure',
          'I50.23',
          'information',
          {
            fix: 'add-code',
            file: 'discharge-summary.codes',
            code: 'I50.23',
            title: 'Acute on chronic systolic (congestive) heart failure',
          },
        ],
        [
          'AKI',
          'N17.9',
          'information',
          {
            fix: 'add-code',
            file: 'discharge-summary.codes',
            code: 'N17.9',
            title: 'Acute kidney failure, unspecified',
          },
        ],
      ],
    );
  });
  it('documented-not-coded ignores negated, historical and outpatient-uncertain mentions', () => {
    const r = run(codes('outpatient', ['I50.23', 'N17.9']));
    assert.deepEqual(
      r.note.filter((x) => x.rule === 'documented-not-coded'),
      [],
    );
  });
});
