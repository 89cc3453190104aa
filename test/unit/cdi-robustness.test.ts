/** The CDI core never throws and keeps its spans inside the text, whatever the input (property tests). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkQuery } from '../../server/src/core/cdi/check';
import { findQueryOpportunities } from '../../server/src/core/cdi/opportunities';

const example = (f: string) => readFileSync(path.resolve(__dirname, '../../examples/cdi', f), 'utf8');
const golden = (f: string) => readFileSync(path.resolve(__dirname, '../fixtures/cdi/golden', f), 'utf8');

/** text made of pieces that look like notes and queries, to reach the interesting paths */
const pieces = fc.constantFrom(
  'CHF',
  'BNP 1,850',
  'EF 25%',
  'no ',
  'denies ',
  '\n',
  '\r\n',
  '. ',
  ', ',
  ': ',
  'Assessment:',
  '## Options',
  '- [x] ',
  '- [ ] ',
  'Other',
  'DRG',
  'sepsis',
  'lactate 4.1',
  'creatinine 1.0 to 2.6',
  'E. coli',
  '"',
  '\u0000',
  '😀',
);
const texts = fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((a) => a.join(''));

describe('cdi robustness', () => {
  it('findQueryOpportunities never throws and its spans are inside the text', () => {
    fc.assert(
      fc.property(texts, (t) => {
        for (const f of findQueryOpportunities(t)) {
          assert.ok(f.span.start >= 0 && f.span.end <= t.length && f.span.start < f.span.end);
          assert.equal(f.rule, 'query-opportunity');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('checkQuery never throws and its spans are inside the text', () => {
    fc.assert(
      fc.property(texts, (t) => {
        for (const f of checkQuery(t))
          assert.ok(f.span.start >= 0 && f.span.end <= t.length && f.span.start <= f.span.end);
      }),
      { numRuns: 300 },
    );
  });

  it('CRLF line endings: same opportunities at the same places, and drafts stay compliant', () => {
    const lf = example('sepsis.note');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = findQueryOpportunities(lf).map((f) => [f.rule, lf.slice(f.span.start, f.span.end)]);
    const b = findQueryOpportunities(crlf).map((f) => [f.rule, crlf.slice(f.span.start, f.span.end)]);
    assert.deepEqual(b, a);
    assert.deepEqual(checkQuery(golden('sepsis.query.md').replace(/\n/g, '\r\n')), []);
  });
});
