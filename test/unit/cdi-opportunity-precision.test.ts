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
