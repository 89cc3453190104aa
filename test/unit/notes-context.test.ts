import assert from 'node:assert/strict';
import { categories } from '../../server/src/core/evidence/codability';
import { mentionOf, noteReader } from './notes-fixture';

describe('notes: ConText context and scopes', function () {
  this.timeout(60000);
  // [sentence, mention, categories, trigger, scope text]
  const cases: Array<[string, string, string[], string?, string?]> = [
    ['No chest pain but has fever.', 'chest pain', ['negated'], 'No', 'chest pain'],
    ['No chest pain but has fever.', 'fever', []],
    [
      'Denies shortness of breath, nausea or vomiting.',
      'nausea or vomiting',
      ['negated'],
      'Denies',
      'shortness of breath, nausea or vomiting',
    ],
    ['Pneumonia was ruled out.', 'Pneumonia', ['negated'], 'was ruled out', 'Pneumonia'],
    ['Possible pneumonia.', 'pneumonia', ['uncertain'], 'Possible', 'pneumonia'],
    ['Syncope, likely orthostatic hypotension versus arrhythmia.', 'Syncope', []],
    [
      'Syncope, likely orthostatic hypotension versus arrhythmia.',
      'arrhythmia',
      ['uncertain'],
      'likely',
      'orthostatic hypotension versus arrhythmia',
    ],
    ['Pneumonia versus bronchitis.', 'Pneumonia', ['uncertain'], 'versus', 'Pneumonia'],
    ['History of DVT.', 'DVT', ['historical'], 'History of', 'DVT'],
    ['66 year old with CAD s/p MI presented with chest pain.', 'chest pain', []],
    ['Return if chest pain.', 'chest pain', ['hypothetical'], 'Return if', 'chest pain'],
    ['Mother has breast cancer.', 'breast cancer', ['family'], 'Mother', 'has breast cancer'],
    ['Migraine without aura, with nausea.', 'nausea', []],
    ['No fever; cough.', 'cough', []],
  ];
  for (const [text, mention, cats, trigger, scope] of cases) {
    it(`${JSON.stringify(text)}: "${mention}" is ${cats.join('+') || 'affirmed'}`, () => {
      const a = noteReader().analyze(text);
      const m = mentionOf(a, mention);
      assert.deepEqual(categories(m), cats);
      if (trigger) {
        const h = m.context[0];
        assert.equal(h.trigger, trigger);
        assert.equal(text.slice(h.triggerSpan.start, h.triggerSpan.end), trigger);
        assert.equal(text.slice(h.scope.start, h.scope.end), scope);
      }
    });
  }
  it('section context: Family History makes every mention family, with the heading as trigger', () => {
    const text = 'Family History: diabetes in her sister.';
    const m = mentionOf(noteReader().analyze(text), 'diabetes');
    assert.deepEqual(categories(m), ['family']);
    assert.equal(m.context[0].fromSection, true);
    assert.equal(m.context[0].trigger, 'Family History');
  });
});
