import assert from 'node:assert/strict';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { isChronicCondition } from '../../server/src/core/evidence/chronic';
import { codability } from '../../server/src/core/evidence/codability';
import { checkCodesAgainstNote } from '../../server/src/core/notes/rules';
import { mentionOf, noteReader } from './notes-fixture';

const CHRONIC_SOURCE = 'ICD-10-CM Official Guidelines III (other diagnoses), IV.I, IV.J (chronic conditions)';

describe('notes: chronic conditions under a history heading stay codeable', function () {
  this.timeout(60000);

  // [note, mention, codable, reason, source]
  const cases: Array<[string, string, boolean, string, string | undefined]> = [
    ['PMH: HTN, DM2.', 'HTN', true, 'chronic condition listed under "PMH": still present', CHRONIC_SOURCE],
    ['PMH: HTN, DM2.', 'DM2', true, 'chronic condition listed under "PMH": still present', CHRONIC_SOURCE],
    [
      'History: essential hypertension.',
      'hypertension',
      true,
      'chronic condition listed under "History": still present',
      CHRONIC_SOURCE,
    ],
    [
      'Past Medical History: COPD, CKD 3b.',
      'COPD',
      true,
      'chronic condition listed under "Past Medical History": still present',
      CHRONIC_SOURCE,
    ],
    [
      'Past Medical History: COPD, CKD 3b.',
      'CKD 3b',
      true,
      'chronic condition listed under "Past Medical History": still present',
      CHRONIC_SOURCE,
    ],
    ['PMH: CHF, hyperlipidemia.', 'CHF', true, 'chronic condition listed under "PMH": still present', CHRONIC_SOURCE],
    [
      'PMH: CHF, hyperlipidemia.',
      'hyperlipidemia',
      true,
      'chronic condition listed under "PMH": still present',
      CHRONIC_SOURCE,
    ],
    // explicit history triggers keep a chronic condition historical
    ['PMH: history of hypertension.', 'hypertension', false, 'historical ("history of")', undefined],
    ['PMH: asthma, resolved.', 'asthma', false, 'historical ("resolved")', undefined],
    // past episodes listed under PMH are history, not current conditions
    ['PMH: breast cancer treated 2019.', 'breast cancer', false, 'historical ("PMH")', undefined],
    ['PMH: pneumonia.', 'pneumonia', false, 'historical ("PMH")', undefined],
    ['PMH: DKA.', 'DKA', false, 'historical ("PMH")', undefined],
    // family history stays family, a chronic condition or not
    ['Family History: mother with diabetes.', 'diabetes', false, 'family ("mother")', undefined],
    // outside a history section nothing changes
    ['Assessment: hypertension.', 'hypertension', true, 'affirmed', undefined],
  ];
  for (const [text, mention, codable, reason, source] of cases) {
    it(`${JSON.stringify(text)} → ${mention}: ${codable ? 'coded' : 'not coded'}`, () => {
      const m = mentionOf(noteReader().analyze(text, { date: '2026-03-14' }), mention);
      assert.deepEqual(codability(m, 'inpatient'), source ? { codable, reason, source } : { codable, reason });
    });
  }

  // [texts, chronic]
  const words: Array<[Parameters<typeof isChronicCondition>[0], boolean]> = [
    [{ mention: 'HTN', phrase: 'hypertension' }, true],
    [{ mention: 'CKD 3b', phrase: 'chronic kidney disease stage 3b' }, true],
    [
      { mention: 'CAD', title: 'Atherosclerotic heart disease of native coronary artery without angina pectoris' },
      true,
    ],
    [{ mention: "Parkinson's disease" }, true],
    [{ mention: 'acute exacerbation of COPD', phrase: 'chronic obstructive pulmonary disease' }, false],
    [{ mention: 'acute on chronic systolic heart failure' }, true],
    [{ mention: 'DKA', phrase: 'diabetic ketoacidosis' }, false],
    [{ mention: 'stroke', title: 'Cerebral infarction, unspecified' }, false],
    [{ mention: 'hip fracture' }, false],
    [{ mention: 'gout', path: 'Index: Gout, acute → M10.9' }, false],
    [{ mention: 'gout', path: 'Index: Gout → M10.9' }, true],
  ];
  for (const [texts, chronic] of words) {
    it(`isChronicCondition(${JSON.stringify(texts)}) = ${chronic}`, () => {
      assert.equal(isChronicCondition(texts), chronic);
    });
  }

  it('a chronic condition under "History:" supports its code (no negated-evidence), a past episode does not', () => {
    const note = ['History: essential hypertension, pneumonia.', 'Discharge Diagnoses:', '1. Acute kidney injury'].join(
      '\n',
    );
    const file = parseAnnotation(
      [
        'note: n.note',
        'setting: inpatient',
        'date: 2026-03-14',
        '',
        'N17.9 POA=Y',
        'I10 POA=Y',
        'J18.9 POA=Y',
        '',
      ].join('\n'),
    );
    const r = noteReader();
    const found = checkCodesAgainstNote({
      codes: file,
      note: { text: note, analysis: r.analyze(note, { date: file.date }), name: 'n.note' },
      codeSet: r.codeSet,
    });
    assert.deepEqual(
      found.map((f) => [f.rule, f.code]),
      [['negated-evidence', 'J18.9']],
    );
  });
});
