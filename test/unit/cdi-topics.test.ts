/**
 * The CDI topic data (server/src/core/cdi/topics.json) against the official FY2026 code set:
 * every answer option's code exists and is billable, or is a documented header ("choose the specificity").
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { TOPICS, TOPICS_FILE, validateTopics } from '../../server/src/core/cdi/topics';
import { getDataset } from '../helpers/data';

const REQUIRED = [
  'heart-failure',
  'sepsis',
  'kidney',
  'malnutrition',
  'anemia',
  'respiratory-failure',
  'encephalopathy',
  'pressure-injury',
  'diabetes',
  'pneumonia',
  'obesity',
  'electrolytes',
];

describe('cdi topics.json', () => {
  it('is structurally valid', () => {
    assert.deepEqual(validateTopics(TOPICS_FILE), []);
  });

  it('has every required topic, each with a synthetic example note', () => {
    assert.deepEqual(
      TOPICS.map((t) => t.id),
      REQUIRED,
    );
    for (const id of REQUIRED)
      assert.ok(existsSync(path.resolve(__dirname, '../../examples/cdi', `${id}.note`)), `examples/cdi/${id}.note`);
  });

  it('reports structural problems with their place', () => {
    const broken = structuredClone(TOPICS_FILE);
    broken.topics[0].options[0].supportedBy = ['no-such-indicator'];
    broken.topics[1].id = broken.topics[0].id;
    assert.deepEqual(validateTopics(broken), [
      'topic #1 (heart-failure): option "Acute on chronic systolic (congestive) heart failure" names unknown indicator no-such-indicator',
      'topic #2 (heart-failure): duplicate id',
    ]);
    assert.deepEqual(validateTopics({}), ['topics file: "topics" must be an array']);
  });

  it('maps every answer option to FY2026 codes that are billable, or documented headers', function () {
    this.timeout(60000);
    const cs = createCodeSet(getDataset());
    const fy2026 = cs.editions.findIndex((e) => e.id === 'fy2026');
    assert.ok(fy2026 >= 0, 'FY2026 edition in the data');
    const headers = new Set(TOPICS_FILE.headerCodes);
    let checked = 0;
    const problems: string[] = [];
    for (const t of TOPICS)
      for (const o of t.options)
        for (const code of o.codes) {
          checked++;
          const c = cs.classify(code, fy2026);
          const ok = c.kind === 'billable' || (c.kind === 'header' && headers.has(code));
          if (!ok) problems.push(`${t.id}: "${o.label}" -> ${code} is ${c.kind}`);
        }
    for (const h of headers) assert.equal(cs.classify(h, fy2026).kind, 'header', `${h} is a header`);
    assert.deepEqual(problems, []);
    assert.ok(checked >= 70, `checked ${checked} codes`);
  });
});
