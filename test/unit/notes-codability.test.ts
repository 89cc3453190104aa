import assert from 'node:assert/strict';
import { codability } from '../../server/src/core/evidence/codability';
import { mentionOf, noteReader } from './notes-fixture';

describe('notes: setting-aware codability of a mention', function () {
  this.timeout(60000);
  // [sentence, mention, setting, codable, reason, source]
  const cases: Array<[string, string, 'inpatient' | 'outpatient', boolean, string, string | undefined]> = [
    ['Pneumonia.', 'Pneumonia', 'outpatient', true, 'affirmed', undefined],
    [
      'Probable pneumonia.',
      'pneumonia',
      'inpatient',
      true,
      'uncertain ("Probable"); inpatient: coded as if established',
      'ICD-10-CM Official Guidelines II.H, III.C',
    ],
    [
      'Probable pneumonia.',
      'pneumonia',
      'outpatient',
      false,
      'uncertain ("Probable"); outpatient: code the signs or symptoms instead',
      'ICD-10-CM Official Guidelines IV.H',
    ],
    [
      'Suspected HIV.',
      'HIV',
      'inpatient',
      false,
      'uncertain ("Suspected"); HIV disease is coded only when confirmed',
      'ICD-10-CM Official Guidelines I.C.1.a.1.a',
    ],
    [
      'Suspected Zika virus disease.',
      'Zika virus disease',
      'inpatient',
      false,
      'uncertain ("Suspected"); Zika virus disease is coded only when confirmed',
      'ICD-10-CM Official Guidelines I.C.1.d.1',
    ],
    ['Denies chest pain.', 'chest pain', 'inpatient', false, 'negated ("Denies")', undefined],
    ['History of DVT.', 'DVT', 'inpatient', false, 'historical ("History of")', undefined],
    ['Return if fever.', 'fever', 'outpatient', false, 'hypothetical ("Return if")', undefined],
    ['Mother with asthma.', 'asthma', 'outpatient', false, 'family ("Mother")', undefined],
  ];
  for (const [text, mention, setting, codable, reason, source] of cases) {
    it(`${JSON.stringify(text)} ${setting}: ${codable ? 'coded' : 'not coded'}`, () => {
      const m = mentionOf(noteReader().analyze(text, { date: '2026-03-14' }), mention);
      assert.deepEqual(codability(m, setting), source ? { codable, reason, source } : { codable, reason });
    });
  }
});
