/**
 * Issue 11: query-opportunity only where a condition is documented as present, with the patient's own
 * current indicators. Each row: a note and the topics expected (none = no mark).
 */
import assert from 'node:assert/strict';
import { findQueryOpportunities } from '../../server/src/core/cdi/opportunities';

const topics = (note: string) => findQueryOpportunities(note).map((f) => (f.data as { topic: string }).topic);

describe('cdi findQueryOpportunities (issue 11): precision', () => {
  const table: Array<[string, string, string[]]> = [
    [
      'a vague CHF with BNP and IV diuretics',
      'Assessment: CHF.\nLabs: BNP 1,450 pg/mL.\nPlan: IV furosemide.',
      ['heart-failure'],
    ],
    ['a negated CHF', 'Assessment: No CHF.\nLabs: BNP 1,450 pg/mL.', []],
    ['a hypothetical CHF', 'Plan: monitor for CHF with IV fluids.\nLabs: BNP 1,450 pg/mL.', []],
    ['a risk of CHF in a consent paragraph', 'Consent: risks of heart failure discussed.\nLabs: BNP 1,450 pg/mL.', []],
    ["a relative's CHF", 'Family History: mother with CHF.\nLabs: BNP 1,450 pg/mL.', []],
    ['CHF only under Family History', 'Family History:\nCHF in father.\nLabs: BNP 1,450 pg/mL.', []],
    ['CHF only in the past medical history', 'Past Medical History: CHF.\nLabs: BNP 1,450 pg/mL.', []],
    ['indicators only in Family History', 'Assessment: CHF.\nFamily History: brother with BNP 1,450 pg/mL.', []],
    ['r/o CHF', 'Assessment: r/o CHF.\nLabs: BNP 1,450 pg/mL.', []],
  ];
  it('pneumonia: imaging and broad antibiotics confirm it, they do not point to an organism', () => {
    const base =
      'Impression: Community-acquired pneumonia, right lower lobe.\nCT: right lower lobe consolidation.\nPlan: ceftriaxone.';
    assert.deepEqual(topics(base), []);
    assert.deepEqual(topics(`${base}\nHistory: dysphagia, failed bedside swallow.`), ['pneumonia']);
  });
  for (const [what, note, expected] of table)
    it(what, () =>
      assert.deepEqual(
        topics(note).filter((t) => t === 'heart-failure'),
        expected,
      ),
    );
});

describe('cdi findQueryOpportunities (issue 11): specificity after a comma, a trigger after the mention', () => {
  // [what, note, topic, expected marks of that topic]
  const table: Array<[string, string, string, string[]]> = [
    [
      'cause after a comma: "Pneumonia, likely aspiration"',
      'Final Diagnoses:\n1. Pneumonia, likely aspiration.\nCourse: failed bedside swallow, ampicillin-sulbactam.',
      'pneumonia',
      [],
    ],
    [
      'no cause after the comma: "Pneumonia, right lower lobe, improving"',
      'Final Diagnoses:\n1. Pneumonia, right lower lobe, improving.\nCourse: failed bedside swallow, ampicillin-sulbactam.',
      'pneumonia',
      ['pneumonia'],
    ],
    [
      'class after a comma: "Obesity, class 3, BMI 52.4"',
      'Final Diagnoses:\n1. Obesity, class 3, BMI 52.4.',
      'obesity',
      [],
    ],
    ['no class: "Obesity, BMI 52.4"', 'Final Diagnoses:\n1. Obesity, BMI 52.4.', 'obesity', ['obesity']],
    [
      'type after a comma: "Diabetic ketoacidosis, type 1 diabetes mellitus, without coma"',
      'HPI: glucose 512.\nDischarge diagnoses:\n1. Diabetic ketoacidosis, type 1 diabetes mellitus, without coma.',
      'diabetes',
      [],
    ],
    [
      'organism after a comma: "Septic shock due to pneumonia, organism not identified"',
      'On norepinephrine, lactate 5.1.\nAssessment: Septic shock due to pneumonia, organism not identified.',
      'sepsis',
      [],
    ],
    [
      'a comma segment about something else does not specify: "Sepsis, hypotension"',
      'On norepinephrine, lactate 5.1.\nAssessment: Sepsis, hypotension, on pressors.',
      'sepsis',
      ['sepsis'],
    ],
    [
      '"diabetic kidney disease" documents the complication',
      'eGFR 38.\nImpression: Type 2 diabetes mellitus with diabetic kidney disease.',
      'diabetes',
      [],
    ],
    [
      'a trigger after the mention: "sepsis was ruled out"',
      'HR 104, T 38.4; sepsis was ruled out once lactate 1.1 returned.\nFinal diagnoses: Cellulitis.',
      'sepsis',
      [],
    ],
    [
      '"sepsis ruled out" without a verb',
      'HR 104, T 38.4, lactate 4.2; sepsis ruled out.\nFinal diagnoses: Cellulitis.',
      'sepsis',
      [],
    ],
    [
      'a present sepsis with the same indicators still fires',
      'HR 104, T 38.4, lactate 4.2.\nAssessment: Sepsis.',
      'sepsis',
      ['sepsis'],
    ],
  ];
  for (const [what, note, topic, expected] of table)
    it(what, () =>
      assert.deepEqual(
        topics(note).filter((t) => t === topic),
        expected,
      ),
    );
});
