import assert from 'node:assert/strict';
import { parseGoldTsv, parseNegationTsv } from '../corpus/eval-gold';
import { prf, scoreCdi, scoreDnc, scoreNegation, statusOf } from '../corpus/eval-score';

describe('eval scoring (issue 11 measurement)', () => {
  it('prf: counts to precision, recall, F1; empty denominators read 1', () => {
    const x = prf(3, 1, 2);
    assert.equal(x.precision, 0.75);
    assert.equal(x.recall, 0.6);
    assert.ok(Math.abs(x.f1 - (2 * 0.75 * 0.6) / 1.35) < 1e-12);
    assert.deepEqual([prf(0, 0, 0).precision, prf(0, 0, 0).recall], [1, 1]);
  });

  it('documented-not-coded: condition level by category (and also:), code level exact, R codes out of scope', () => {
    const gold = parseGoldTsv(
      [
        'kind\tdischarge',
        'setting\tinpatient',
        'date\t2025-11-03',
        'dx\tE11.22\ttype 2 diabetes with CKD',
        'dx\tI13.0\thypertension with HF and CKD\talso:I10',
        'dx\tN18.32/N18.30\tCKD 3b',
        'dx\tR07.9\tchest pain',
        'not\tJ18\tpneumonia\tnegated',
      ].join('\n'),
      'x.gold.tsv',
    );
    const s = scoreDnc([
      {
        gold: { name: 'x', ...gold },
        predictions: [
          { code: 'E11.9', line: 3, text: 'T2DM' }, // right condition, wrong code
          { code: 'I10', line: 4, text: 'HTN' }, // right condition through also:
          { code: 'N18.32', line: 5, text: 'CKD 3b' }, // exact
          { code: 'J18.9', line: 6, text: 'pneumonia' }, // wrong, on a trap
        ],
      },
    ]);
    assert.equal(s.gold, 3); // R07.9 is out of scope
    assert.deepEqual([s.code.tp, s.code.fp, s.code.fn], [1, 3, 2]);
    assert.deepEqual([s.condition.tp, s.condition.fp, s.condition.fn], [3, 1, 0]);
    assert.equal(s.condition.precision, 0.75);
    assert.equal(s.code.recall, 1 / 3);
    assert.equal(s.trapHits, 1);
    assert.deepEqual(
      s.falsePositives.map((f) => [f.code, f.level, Boolean(f.trap)]),
      [
        ['E11.9', 'code', false],
        ['I10', 'code', false],
        ['J18.9', 'condition', true],
      ],
    );
    assert.deepEqual(
      s.missed.map((m) => m.codes[0]),
      ['E11.22', 'I13.0'],
    );
  });

  it('query-opportunity: yes lines are exhaustive, a topic counts once per note', () => {
    const s = scoreCdi([
      {
        gold: {
          name: 'a',
          cdi: [
            { topic: 'heart-failure', expected: true, why: '' },
            { topic: 'sepsis', expected: false, why: '' },
          ],
        },
        predicted: [
          { topic: 'heart-failure', line: 1, text: 'CHF' },
          { topic: 'heart-failure', line: 9, text: 'CHF' },
          { topic: 'sepsis', line: 2, text: 'sepsis' },
        ],
      },
      { gold: { name: 'b', cdi: [{ topic: 'kidney', expected: true, why: '' }] }, predicted: [] },
    ]);
    assert.deepEqual([s.tp, s.fp, s.fn], [1, 1, 1]);
    assert.equal(s.precision, 0.5);
    assert.deepEqual(
      s.falsePositives.map((f) => `${f.note}:${f.topic}`),
      ['a:sepsis'],
    );
    assert.deepEqual(s.missed, [{ note: 'b', topic: 'kidney' }]);
  });

  it('negation table: status priority, per-status precision/recall, confusion', () => {
    assert.equal(statusOf(['historical', 'negated']), 'negated');
    assert.equal(statusOf(['uncertain', 'historical']), 'uncertain');
    assert.equal(statusOf(['family', 'hypothetical']), 'family');
    assert.equal(statusOf([]), 'affirmed');
    const s = scoreNegation([
      { gold: 'negated', predicted: 'negated' },
      { gold: 'negated', predicted: 'negated' },
      { gold: 'negated', predicted: 'affirmed' },
      { gold: 'affirmed', predicted: 'negated' },
      { gold: 'uncertain', predicted: 'uncertain' },
    ]);
    assert.equal(s.accuracy, 3 / 5);
    assert.equal(s.perStatus.negated.precision, 2 / 3);
    assert.equal(s.perStatus.negated.recall, 2 / 3);
    assert.equal(s.perStatus.affirmed.tp, 0);
    assert.equal(s.confusion.negated.affirmed, 1);
    assert.equal(s.perStatus.uncertain.f1, 1);
  });

  it('gold files: malformed lines are errors with file and line', () => {
    assert.throws(() => parseGoldTsv('kind\tx\nsetting\tinpatient\ndate\t2025-01-01\ndx\tE11\t', 'g.tsv'), /g\.tsv:4/);
    assert.throws(() => parseGoldTsv('kind\tx\nsetting\tclinic\ndate\t2025-01-01\n', 'g.tsv'), /setting/);
    assert.throws(() => parseNegationTsv('n1\tnegated\tfever\tNo cough.\n'), /not in the sentence/);
    assert.throws(() => parseNegationTsv('n1\tmaybe\tfever\tNo fever.\n'), /unknown status/);
    assert.equal(parseNegationTsv('n1\tnegated\tfever\tNo fever.\n')[0].start, 3);
  });
});
