/**
 * The code-set core over the real artifacts (dist/data, built by `npm run data`). The order files read
 * straight from the official zips are the authority: billable exactly when flagged 1.
 * Examples below were found by querying the data (status strings across editions), then hard-coded.
 */
import assert from 'node:assert/strict';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { getDataset } from '../helpers/data';
import { cmOrderRows } from '../helpers/orderFiles';

let cs: CodeSet;
const edIndex = (id: string) => {
  const i = cs.editions.findIndex((e) => e.id === id);
  assert.ok(i >= 0, `edition ${id} in the data`);
  return i;
};
const codes = (xs: Array<{ code: string }>) => xs.map((x) => x.code);

describe('codeset with the real data', function () {
  this.timeout(120_000);
  before(() => {
    cs = createCodeSet(getDataset());
  });

  describe('every order-file code of every edition: billable exactly when flagged 1', () => {
    const ids = [
      'fy2016',
      'fy2017',
      'fy2018',
      'fy2019',
      'fy2020',
      'fy2021',
      'fy2022',
      'fy2023',
      'fy2024',
      'fy2024-april',
      'fy2025',
      'fy2025-april',
      'fy2026',
    ];
    let total = 0;
    // the order file of fy2021/fy2022/fy2023 is the state after its mid-year update (docs/data-format.md)
    const orderEdition: Record<string, string> = {
      fy2021: 'fy2021-january',
      fy2022: 'fy2022-april',
      fy2023: 'fy2023-april',
    };
    for (const id of ids) {
      it(`${id}: each code classifies billable iff flag 1, else header (or a 7th-character stem)`, () => {
        const ed = edIndex(orderEdition[id] ?? id);
        const rows = cmOrderRows(id);
        const wrong: string[] = [];
        let billable = 0;
        let headers = 0;
        for (const r of rows) {
          const kind = cs.classify(r.code, ed).kind;
          if (r.flag === 1) {
            if (kind === 'billable') billable++;
            else wrong.push(`${r.code}:${kind}`);
          } else if (kind === 'header' || kind === 'needs-seventh') headers++;
          else wrong.push(`${r.code}:${kind}`);
        }
        assert.deepEqual(wrong.slice(0, 10), []);
        assert.equal(billable + headers, rows.length);
        assert.equal(billable, cs.editions[ed]!.counts.billable);
        total += rows.length;
      });
    }
    after(() => {
      // the count checked, for the report
      process.stdout.write(`      (order-file codes checked across ${ids.length} editions: ${total})\n`);
    });
  });

  describe('editions and dates', () => {
    const table: Array<[string, string | { message: string }]> = [
      ['2015-10-01', 'fy2016'],
      ['2024-03-31', 'fy2024'],
      ['2024-04-01', 'fy2024-april'],
      ['2026-03-14', 'fy2026'],
      ['2026-09-30', 'fy2026'],
      [
        '2026-11-02',
        { message: 'No ICD-10-CM edition covers 2026-11-02; FY2026 (to 2026-09-30) is the newest available.' },
      ],
      [
        '2015-09-30',
        { message: 'No ICD-10-CM edition covers 2015-09-30; FY2016 (from 2015-10-01) is the oldest available.' },
      ],
    ];
    for (const [date, want] of table) {
      it(`editionFor(${date})`, () => {
        const r = cs.editionFor(date);
        if (typeof want === 'string') {
          assert.ok(r.ok);
          assert.equal(r.id, want);
        } else {
          assert.ok(!r.ok);
          assert.equal(r.message, want.message);
        }
      });
    }
  });

  describe('codes across editions', () => {
    it('G35 was billable in FY2025 and is a header in FY2026', () => {
      assert.deepEqual(cs.classify('G35', edIndex('fy2025-april')), {
        kind: 'billable',
        code: 'G35',
        title: 'Multiple sclerosis',
      });
      const c = cs.classify('G35', edIndex('fy2026'));
      assert.equal(c.kind, 'header');
      assert.deepEqual(c.kind === 'header' ? codes(c.billableDescendants).slice(0, 3) : [], [
        'G35.A',
        'G35.B0',
        'G35.B1',
      ]);
    });
    const deleted: Array<[string, string, string, string[]]> = [
      // code, edition checked, last edition that had it, first replacements (NCHS conversion tables)
      ['T40.7X1A', 'fy2022', 'ICD-10-CM FY2021 January update', ['T40.711A', 'T40.721A']],
      ['S30.1XXA', 'fy2026', 'ICD-10-CM FY2025 April update', ['S30.11XA', 'S30.12XA', 'S30.13XA']],
    ];
    for (const [code, id, last, repl] of deleted) {
      it(`${code} is deleted in ${id} (last in ${last})`, () => {
        const c = cs.classify(code, edIndex(id));
        assert.equal(c.kind, 'deleted');
        if (c.kind !== 'deleted') return;
        assert.equal(c.lastEdition.label, last);
        assert.deepEqual(codes(c.replacements).slice(0, repl.length), repl);
        assert.ok(c.replacements.every((r) => r.reason === 'replacement'));
      });
    }
    it('B88.01, new in FY2026, is not yet valid on 2024-06-01 (use B88.0)', () => {
      const e = cs.editionFor('2024-06-01');
      assert.ok(e.ok);
      assert.deepEqual(cs.classify('B88.01', e.index), {
        kind: 'not-yet-valid',
        code: 'B88.01',
        title: 'Infestation by Demodex mites',
        firstEdition: { index: edIndex('fy2026'), label: 'ICD-10-CM FY2026' },
        suggestions: [{ code: 'B88.0', title: 'Other acariasis', billable: true, reason: 'replacement', rank: 0 }],
      });
    });
    it('B88.01 has no node in the FY2021 Tabular, and says so', () => {
      const n = cs.notes('B88.01');
      assert.equal(n.hasNode, false);
      assert.equal(n.tabularYear, 2021);
      assert.ok(n.notes.every((x) => x.inherited));
    });
  });

  describe('classification kinds on real codes (FY2026)', () => {
    const table: Array<[string, string, string[]]> = [
      ['I50.23', 'billable', []],
      ['S72.001', 'needs-seventh', ['S72.001A', 'S72.001B', 'S72.001C', 'S72.001D']],
      ['T36.01A', 'needs-placeholder', ['T36.0X1A']],
      ['S00.00A', 'needs-placeholder', ['S00.00XA']],
      ['I5O.23', 'invalid', ['I50.23']],
      ['I502.3', 'invalid', ['I50.23']],
      ['I50.233', 'invalid', ['I50.23']],
    ];
    for (const [code, kind, first] of table) {
      it(`${code} is ${kind}`, () => {
        const c = cs.classify(code, edIndex('fy2026'));
        assert.equal(c.kind, kind);
        const list =
          c.kind === 'needs-seventh'
            ? c.choices
            : c.kind === 'needs-placeholder'
              ? c.corrected
              : c.kind === 'invalid'
                ? c.suggestions
                : [];
        assert.deepEqual(codes(list).slice(0, first.length), first);
      });
    }
    it('S72.001 7th characters carry the Tabular meanings', () => {
      const c = cs.seventhCharacters('S72.001', edIndex('fy2026'));
      assert.deepEqual(c[0], { char: 'A', meaning: 'initial encounter for closed fracture', code: 'S72.001A' });
      assert.equal(c.length, 16);
    });
  });

  describe('unspecified, hierarchy, search', () => {
    it('I50.9 lists the specific heart failure codes', () => {
      const u = cs.unspecified('I50.9', edIndex('fy2026'));
      assert.equal(u.unspecified, true);
      assert.deepEqual(codes(u.specificSiblings).slice(0, 5), ['I50.1', 'I50.20', 'I50.21', 'I50.22', 'I50.23']);
      assert.equal(u.specificSiblings.length, 22);
    });
    it('S72.009A (unspecified part, from S72.00) lists the specific parts of the femoral neck with 7th character A', () => {
      const u = cs.unspecified('S72.009A', edIndex('fy2026'));
      assert.equal(u.unspecified, true);
      assert.deepEqual(codes(u.specificSiblings).slice(0, 3), ['S72.011A', 'S72.012A', 'S72.019A']);
      assert.equal(u.specificSiblings.length, 33);
    });
    it('J18.9 lists J18.0 … J18.8 (the category title says unspecified too)', () => {
      assert.deepEqual(codes(cs.unspecified('J18.9', edIndex('fy2026')).specificSiblings), [
        'J18.0',
        'J18.1',
        'J18.2',
        'J18.8',
      ]);
    });
    it('hierarchy of I50.23', () => {
      const h = cs.hierarchy('I50.23', edIndex('fy2026'));
      assert.equal(h.chapter?.num, 9);
      assert.equal(h.block?.id, 'I30-I52');
      assert.deepEqual(codes(h.ancestors), ['I50', 'I50.2']);
    });
    const searches: Array<[string, string]> = [
      ['acute on chronic systolic', 'I50.23'],
      ['sepsis', 'A41.9'],
      ['pneumonia', 'J18.9'],
      ['I50.2', 'I50.2'],
    ];
    for (const [q, first] of searches) {
      it(`search "${q}" ranks ${first} first`, () => assert.equal(cs.search(q, edIndex('fy2026'), 10)[0]?.code, first));
    }
  });

  describe('PCS and extras', () => {
    it('02HV33Z is valid on 2026-03-14', () => {
      const r = cs.classifyPcs('02HV33Z', '2026-03-14');
      assert.equal(r.kind, 'valid');
      assert.equal(r.edition?.label, 'ICD-10-PCS FY2026');
    });
    it('I50.23 is an MCC (MS-DRG v40) and CMS-HCC V28 224', () => {
      assert.deepEqual(cs.ccMcc('I50.23'), { level: 'MCC', version: 'MS-DRG v40 (FY2023)' });
      assert.deepEqual(cs.hcc('I50.23')[0], {
        model: 'CMS-HCC V28',
        hcc: 224,
        label: 'Acute on Chronic Heart Failure',
      });
    });
    it('Z87.01 is POA exempt in FY2026', () => {
      assert.deepEqual(cs.poaExempt('Z87.01', edIndex('fy2026')), { exempt: true, list: 'POA-exempt list FY2026' });
    });
  });
});
