/**
 * Issue 11: `check --jsonl` gives the note's query-opportunity findings, as `check` and the editor do (one
 * rule set), with the note reading findings; without a note, none.
 */
import assert from 'node:assert/strict';
import { createEngine, checkJsonlLine } from '../../server/src/cli/jsonl';
import { findQueryOpportunities } from '../../server/src/core/cdi/opportunities';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { DATA_DIR, getDataset } from '../helpers/data';

const NOTE = [
  'DISCHARGE SUMMARY',
  'Hospital Course: admitted with CHF. BNP 1,450 pg/mL. Treated with IV furosemide.',
  'Discharge Diagnoses:',
  '1. CHF',
].join('\n');
const CODES = 'note: n.note\nsetting: inpatient\ndate: 2026-03-14\n\nI50.9 POA=Y "CHF"\n';

describe('cli (issue 11): check --jsonl runs query-opportunity', function () {
  this.timeout(60000);
  const codeSet = createCodeSet(getDataset());
  const engine = createEngine(codeSet, DATA_DIR);
  const line = (o: object) => checkJsonlLine(JSON.stringify(o), 1, engine);

  it('the note side carries the same query-opportunity findings as findQueryOpportunities', () => {
    const r = line({ id: 'a', codes: CODES, note: NOTE });
    assert.ok('findings' in r, JSON.stringify(r));
    const got = r.findings.filter((f) => f.rule === 'query-opportunity');
    const ed = codeSet.editionFor('2026-03-14');
    assert.ok(ed.ok);
    const want = findQueryOpportunities(NOTE, codeSet, ed.index);
    assert.equal(want.length, 1);
    assert.deepEqual(
      got.map((f) => [f.in, f.line, f.column, f.message]),
      [['note', 4, 4, want[0].message]],
    );
  });

  it('no note, no query-opportunity', () => {
    const r = line({ id: 'b', codes: CODES });
    assert.ok('findings' in r);
    assert.deepEqual(
      r.findings.filter((f) => f.rule === 'query-opportunity'),
      [],
    );
  });
});
