/**
 * Query drafts: golden files per topic (test/fixtures/cdi/golden/*.query.md, compared exactly;
 * regenerate deliberately with UPDATE_GOLDEN=1), each draft compliant (zero checkQuery findings),
 * the open-ended variant, and the never-overwrite file naming.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { checkQuery } from '../../server/src/core/cdi/check';
import { draftQuery, queryFileName } from '../../server/src/core/cdi/draft';
import { findQueryOpportunities } from '../../server/src/core/cdi/opportunities';
import { TOPICS } from '../../server/src/core/cdi/topics';
import type { DraftContext, QueryOpportunity } from '../../server/src/core/cdi/types';

const EXAMPLES = path.resolve(__dirname, '../../examples/cdi');
const GOLDEN = path.resolve(__dirname, '../fixtures/cdi/golden');
const QUERY_DATE = '2026-03-16';

function contextFor(topic: string): DraftContext {
  const codes = path.join(EXAMPLES, `${topic}.codes`);
  const ctx: DraftContext = { date: QUERY_DATE, note: `${topic}.note` };
  if (existsSync(codes)) {
    const a = parseAnnotation(readFileSync(codes, 'utf8'));
    ctx.encounter = a.encounter;
    ctx.age = a.age;
    ctx.sex = a.sex;
  }
  return ctx;
}

function opportunityOf(topic: string): QueryOpportunity {
  const text = readFileSync(path.join(EXAMPLES, `${topic}.note`), 'utf8');
  for (const f of findQueryOpportunities(text))
    if (f.data?.fix === 'draft-query' && f.data.topic === topic) return f.data.opportunity;
  throw new Error(`no ${topic} opportunity in examples/cdi/${topic}.note`);
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.ok(existsSync(file), `golden file ${name} is missing (run with UPDATE_GOLDEN=1 to create it deliberately)`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

describe('cdi draftQuery', () => {
  for (const t of TOPICS) {
    it(`${t.id}: draft matches its golden file and passes the compliance checker`, () => {
      const draft = draftQuery(opportunityOf(t.id), contextFor(t.id));
      golden(`${t.id}.query.md`, draft);
      assert.deepEqual(checkQuery(draft), []);
      assert.doesNotMatch(draft, /\[x\]/i);
      assert.match(draft, /- \[ \] Other \(please specify\): ________\n- \[ \] Clinically undetermined\n/);
    });
  }

  it('open-ended variant: no options, an open question, compliant', () => {
    const draft = draftQuery(opportunityOf('heart-failure'), contextFor('heart-failure'), { openEnded: true });
    golden('heart-failure.open.query.md', draft);
    assert.doesNotMatch(draft, /## Options/);
    assert.match(draft, /- Query type: open-ended\n/);
    assert.deepEqual(checkQuery(draft), []);
  });

  it('falls back to an open-ended query when fewer than two options are reasonable', () => {
    const o = { ...opportunityOf('anemia'), options: ['Acute blood loss anemia'] };
    const draft = draftQuery(o, { date: QUERY_DATE });
    assert.match(draft, /- Query type: open-ended\n/);
    assert.match(draft, /- Encounter: ________\n- Patient: ________\n/);
    assert.deepEqual(checkQuery(draft), []);
  });
});

describe('cdi queryFileName', () => {
  const table: Array<[string[], string | undefined]> = [
    [[], 'dc.note.sepsis.query.md'],
    [['dc.note.sepsis.query.md'], 'dc.note.sepsis.2.query.md'],
    [['dc.note.sepsis.query.md', 'dc.note.sepsis.2.query.md'], 'dc.note.sepsis.3.query.md'],
  ];
  for (const [taken, expected] of table)
    it(`with ${taken.length} taken -> ${expected}`, () => {
      assert.equal(
        queryFileName('dc.note', 'sepsis', (n) => taken.includes(n)),
        expected,
      );
    });
  it('gives up (undefined) rather than overwrite when every name is taken', () => {
    assert.equal(
      queryFileName('dc.note', 'sepsis', () => true),
      undefined,
    );
  });
});
