/** The code browser's tree (core/codeset/browse.ts) over the real data: chapters → blocks → categories → codes, PCS. */
import assert from 'node:assert/strict';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';

describe('code browser tree (real data)', () => {
  const cs = createCodeSet(getDataset());
  const ed = (d: string) => {
    const r = cs.editionFor(d);
    assert.ok(r.ok);
    return r.index;
  };
  const fy26 = ed('2026-03-14');

  it('roots: the ICD-10-CM edition and the PCS Tables of the date', () => {
    assert.deepEqual(
      cs.browse(undefined, fy26, '2026-03-14').map((n) => [n.id, n.label, n.leaf]),
      [
        ['cm', 'ICD-10-CM FY2026', false],
        ['pcs:', 'ICD-10-PCS Tables FY2026', false],
      ],
    );
    const old = cs.browse(undefined, ed('2024-03-14'), '2024-03-14')[1];
    assert.equal(old.leaf, true);
    assert.match(old.description!, /^No ICD-10-PCS Tables XML for FY2024/);
  });

  it('chapter → block → category → codes, billable and header marked', () => {
    const ch9 = cs.browse('cm', fy26, undefined).find((n) => n.id === 'ch:9');
    assert.equal(ch9?.description, 'Diseases of the circulatory system (I00-I99)');
    const blocks = cs.browse('ch:9', fy26, undefined);
    const b = blocks.find((n) => n.id === 'blk:I30-I52');
    assert.ok(b, blocks.map((x) => x.id).join(' '));
    const cats = cs.browse('blk:I30-I52', fy26, undefined);
    const i50 = cats.find((n) => n.code === 'I50');
    assert.deepEqual(i50 && [i50.kind, i50.leaf], ['header', false]);
    const kids = cs.browse('cm:I50.2', fy26, undefined);
    assert.deepEqual(
      kids.map((n) => [n.code, n.kind, n.leaf]),
      [
        ['I50.20', 'billable', true],
        ['I50.21', 'billable', true],
        ['I50.22', 'billable', true],
        ['I50.23', 'billable', true],
      ],
    );
  });

  it('categories newer than the FY2021 Tabular sit in the block of the category before them; none is left out', () => {
    for (const [cat, path] of [
      ['I5A', ['cm', 'ch:9', 'blk:I30-I52', 'cm:I5A']],
      ['QA0', ['cm', 'ch:17', 'blk:Q90-Q99', 'cm:QA0']],
      ['U09', ['cm', 'ch:22', 'blk:U00-U49', 'cm:U09']],
      ['C4A', ['cm', 'ch:2', 'blk:C43-C44', 'cm:C4A']],
    ] as const)
      assert.deepEqual(cs.browsePath(cat, fy26, false), path, cat);
    assert.ok(cs.browse('blk:I30-I52', fy26, undefined).some((n) => n.code === 'I5A'));
    // every category of the edition is listed once under some chapter and block
    const cm = getDataset().cm;
    const want = new Set<string>();
    for (let i = 0; i < cm.size; i++) {
      const c = cm.code(i);
      if (c.length === 3 && cm.statusCode(i, fy26) !== 45) want.add(c);
    }
    const shown: string[] = [];
    for (const ch of cs.browse('cm', fy26, undefined))
      for (const b of cs.browse(ch.id, fy26, undefined))
        for (const c of cs.browse(b.id, fy26, undefined)) shown.push(c.code!);
    assert.equal(shown.length, want.size);
    assert.deepEqual(new Set(shown), want);
  });

  it('the path to a code, for reveal', () => {
    assert.deepEqual(cs.browsePath('I50.23', fy26, false), [
      'cm',
      'ch:9',
      'blk:I30-I52',
      'cm:I50',
      'cm:I50.2',
      'cm:I50.23',
    ]);
    assert.deepEqual(cs.browsePath('I50.99', fy26, false), []);
    assert.deepEqual(cs.browsePath('0DT', fy26, true), ['pcs:', 'pcs:0', 'pcs:0D', 'pcs:0DT']);
  });

  it('PCS: sections → … → tables → characters → codes', () => {
    const t = cs.browse('pcs:0D', fy26, '2026-03-14').find((n) => n.id === 'pcs:0DT');
    assert.deepEqual(t && [t.kind, t.description], ['pcs-table', 'Operation: Resection']);
    const codes = cs.browse('pcs:0DTJ4Z', fy26, '2026-03-14');
    assert.deepEqual(
      codes.map((n) => [n.code, n.kind, n.leaf]),
      [
        ['0DTJ4ZG', 'pcs-code', true],
        ['0DTJ4ZZ', 'pcs-code', true],
      ],
    );
  });
});
