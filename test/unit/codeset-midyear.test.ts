/**
 * Mid-year editions (issue 10 part 1), year-correct Tabular notes (part 2) and CC/MCC version labels (part 4),
 * with the real data. Each boundary is tested the day before and the day of the update.
 */
import assert from 'node:assert/strict';
import { checkAnnotation } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';

let cs: CodeSet;
const kindOn = (code: string, date: string): string => {
  const e = cs.editionFor(date);
  assert.ok(e.ok, date);
  return cs.classify(code, e.index).kind;
};

describe('mid-year editions (real data)', function () {
  this.timeout(120_000);
  before(() => {
    cs = createCodeSet(getDataset());
  });

  const editions: Array<[string, string, string, string]> = [
    // id, from, to, label
    ['fy2020', '2019-10-01', '2020-03-31', 'ICD-10-CM FY2020'],
    ['fy2020-april', '2020-04-01', '2020-09-30', 'ICD-10-CM FY2020 April update'],
    ['fy2021', '2020-10-01', '2020-12-31', 'ICD-10-CM FY2021'],
    ['fy2021-january', '2021-01-01', '2021-09-30', 'ICD-10-CM FY2021 January update'],
    ['fy2022', '2021-10-01', '2022-03-31', 'ICD-10-CM FY2022'],
    ['fy2022-april', '2022-04-01', '2022-09-30', 'ICD-10-CM FY2022 April update'],
    ['fy2023', '2022-10-01', '2023-03-31', 'ICD-10-CM FY2023'],
    ['fy2023-april', '2023-04-01', '2023-09-30', 'ICD-10-CM FY2023 April update'],
    ['fy2024', '2023-10-01', '2024-03-31', 'ICD-10-CM FY2024'],
    ['fy2024-april', '2024-04-01', '2024-09-30', 'ICD-10-CM FY2024 April update'],
    ['fy2025-april', '2025-04-01', '2025-09-30', 'ICD-10-CM FY2025 April update'],
  ];
  for (const [id, from, to, label] of editions) {
    it(`${id} covers ${from} to ${to} (${label})`, () => {
      const e = cs.editions.find((x) => x.id === id);
      assert.deepEqual(e && [e.from, e.to, e.label], [from, to, label]);
      const a = cs.editionFor(from);
      assert.equal(a.ok ? a.id : a.message, id);
      const b = cs.editionFor(to);
      assert.equal(b.ok ? b.id : b.message, id);
    });
  }
  it('17 editions without gaps or overlaps; derived ones say how they were made', () => {
    assert.equal(cs.editions.length, 17);
    for (let i = 1; i < cs.editions.length; i++) {
      const prev = new Date(`${cs.editions[i - 1]!.to}T00:00:00Z`);
      prev.setUTCDate(prev.getUTCDate() + 1);
      assert.equal(prev.toISOString().slice(0, 10), cs.editions[i]!.from, cs.editions[i]!.id);
    }
    const derived = cs.editions.filter((e) => e.derivation).map((e) => e.id);
    assert.deepEqual(derived, ['fy2020-april', 'fy2021', 'fy2022', 'fy2023']);
    assert.match(cs.editions.find((e) => e.id === 'fy2020-april')!.derivation!, /U07\.1.*2020-04-01.*conversion table/);
  });

  // code, date, expected kind: the day before and the day of each update
  const boundaries: Array<[string, string, string]> = [
    ['U07.1', '2020-03-31', 'not-yet-valid'],
    ['U07.1', '2020-04-01', 'billable'],
    ['U07.1', '2020-04-20', 'billable'],
    ['U07.1', '2020-10-01', 'billable'],
    ['M35.8', '2020-11-20', 'billable'],
    ['M35.8', '2020-12-31', 'billable'],
    ['M35.8', '2021-01-01', 'header'],
    ['Z20.822', '2020-12-31', 'not-yet-valid'],
    ['Z20.822', '2021-01-01', 'billable'],
    ['M35.81', '2020-12-31', 'not-yet-valid'],
    ['M35.81', '2021-01-01', 'billable'],
    ['Z28.3', '2022-03-31', 'billable'],
    ['Z28.3', '2022-04-01', 'header'],
    ['Z28.310', '2022-03-31', 'not-yet-valid'],
    ['Z28.310', '2022-04-01', 'billable'],
    ['Z59.1', '2023-02-15', 'billable'],
    ['Z59.1', '2023-03-31', 'billable'],
    ['Z59.1', '2023-04-01', 'header'],
    ['Z91.14', '2023-03-31', 'billable'],
    ['Z91.14', '2023-04-01', 'header'],
    ['Z59.10', '2023-03-31', 'not-yet-valid'],
    ['Z59.10', '2023-04-01', 'billable'],
    ['T74.A1XA', '2023-03-31', 'not-yet-valid'],
    ['T74.A1XA', '2023-04-01', 'billable'],
    // October 1 boundaries and the April 2024 / April 2025 order files keep working
    ['G35', '2025-09-30', 'billable'],
    ['G35', '2025-10-01', 'header'],
    ['B88.01', '2025-09-30', 'not-yet-valid'],
    ['B88.01', '2025-10-01', 'billable'],
    ['T40.7X1A', '2021-09-30', 'billable'],
    ['T40.7X1A', '2021-10-01', 'deleted'],
  ];
  for (const [code, date, kind] of boundaries) {
    it(`${code} on ${date}: ${kind}`, () => assert.equal(kindOn(code, date), kind));
  }

  const messages: Array<[string, string, RegExp]> = [
    [
      'U07.1',
      '2020-03-31',
      /U07\.1 \(COVID-19\) is not valid for 2020-03-31 \(ICD-10-CM FY2020\): it was added 2020-04-01 \(ICD-10-CM FY2020 April update\)\. For this date use B97\.29/,
    ],
    ['Z20.822', '2020-12-31', /it was added 2021-01-01 \(ICD-10-CM FY2021 January update\)/],
    ['M35.8', '2021-01-01', /is a header.*It was billable until 2020-12-31 \(ICD-10-CM FY2021\)\./],
    ['Z28.3', '2022-04-01', /It was billable until 2022-03-31 \(ICD-10-CM FY2022\)\./],
    ['Z59.1', '2023-04-01', /It was billable until 2023-03-31 \(ICD-10-CM FY2023\)\./],
    ['T40.7X1A', '2021-10-01', /it was valid until 2021-09-30 \(last in ICD-10-CM FY2021 January update\)/],
  ];
  for (const [code, date, re] of messages) {
    it(`the message for ${code} on ${date} states true dates`, () => {
      const f = checkAnnotation(parseAnnotation(`setting: outpatient\ndate: ${date}\n${code}\n`), cs);
      assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.rule)));
      assert.match(f[0]!.message, re);
    });
  }

  it('validity periods: M35.8 billable to 2020-12-31, then a header', () => {
    assert.deepEqual(
      cs.validity('M35.8').map((p) => [p.status, p.from, p.to]),
      [
        ['B', '2015-10-01', '2020-12-31'],
        ['H', '2021-01-01', '2026-09-30'],
      ],
    );
    assert.deepEqual(
      cs.validity('U07.1').map((p) => [p.status, p.from, p.to]),
      [['B', '2020-04-01', '2026-09-30']],
    );
  });
});

describe('year-correct Tabular notes: Z79.4 + Z79.84 (real data)', function () {
  this.timeout(120_000);
  before(() => {
    cs = createCodeSet(getDataset());
  });
  // date, expected rule ids: the FY2021 Tabular's Excludes1 at Z79.4 applies up to 2021-09-30
  const table: Array<[string, string[]]> = [
    ['2020-11-02', ['excludes1-conflict']],
    ['2021-09-30', ['excludes1-conflict']],
    ['2021-10-01', []],
    ['2022-06-01', []],
    ['2023-05-01', []],
    ['2024-06-01', []],
    ['2025-06-01', []],
    ['2026-03-14', []],
  ];
  for (const [date, rules] of table) {
    it(`Z79.4 with Z79.84 on ${date}: ${rules.join(', ') || 'no finding'}`, () => {
      const f = checkAnnotation(parseAnnotation(`setting: outpatient\ndate: ${date}\nE11.9\nZ79.4\nZ79.84\n`), cs);
      assert.deepEqual(
        f.map((x) => x.rule),
        rules,
      );
    });
  }
  it('notes in force: Z79.4 has its Excludes1 in FY2021, not in FY2026, and says where the notes come from', () => {
    const fy21 = cs.notes(
      'Z79.4',
      cs.editions.findIndex((e) => e.id === 'fy2021'),
    );
    const fy26 = cs.notes(
      'Z79.4',
      cs.editions.findIndex((e) => e.id === 'fy2026'),
    );
    assert.equal(fy21.notes.filter((n) => n.kind === 'excludes1').length, 2);
    assert.equal(fy26.notes.filter((n) => n.kind === 'excludes1').length, 0);
    assert.equal(fy21.provenance, 'FY2021 Tabular List (the Tabular of ICD-10-CM FY2021)');
    assert.match(fy26.provenance ?? '', /^FY2021 Tabular List \(no FY2026 Tabular available; notes as of FY2021\)/);
    assert.deepEqual(
      fy26.removed?.map((r) => [r.from, r.effective]),
      [
        ['Z79.4', '2021-10-01'],
        ['Z79.4', '2021-10-01'],
      ],
    );
    assert.match(fy26.removed![0]!.source, /I\.C\.4\.a\.3/);
  });
  it('an addendum deletion: the Excludes1 at D12 (polyp of colon NOS) is gone from 2023-10-01', () => {
    const at = (id: string) =>
      cs
        .notes(
          'D12.6',
          cs.editions.findIndex((e) => e.id === id),
        )
        .notes.filter((n) => n.kind === 'excludes1' && n.from === 'D12')
        .map((n) => n.text);
    assert.ok(at('fy2023-april').includes('polyp of colon NOS (K63.5)'));
    assert.ok(!at('fy2024').includes('polyp of colon NOS (K63.5)'));
  });
});

describe('CC/MCC labels by MS-DRG version (real data)', function () {
  before(() => {
    cs = createCodeSet(getDataset());
  });
  const table: Array<[string, boolean]> = [
    ['2022-10-01', false],
    ['2023-09-30', false],
    ['2023-10-01', true],
    ['2026-01-15', true],
  ];
  for (const [date, caution] of table) {
    it(`on ${date} the MS-DRG v40 label ${caution ? 'carries a caution' : 'is in its period'}`, () => {
      const e = cs.editionFor(date);
      assert.ok(e.ok);
      const m = cs.msdrg(e.index);
      assert.deepEqual([m.version, m.from, m.to], ['MS-DRG v40 (FY2023)', '2022-10-01', '2023-09-30']);
      assert.equal(m.caution !== undefined, caution);
    });
  }
});

describe('guideline citations from the edition in force (real data)', function () {
  before(() => {
    cs = createCodeSet(getDataset());
  });
  // date, the guidelines cited (cm/guidelines/ PDFs; none before FY2024 in the official files here)
  const table: Array<[string, string]> = [
    [
      '2021-06-01',
      'ICD-10-CM Official Guidelines I.A.12.a (as numbered in FY2024-FY2026; the FY2021 guidelines are not in the official files here (oldest: ICD-10-CM Official Guidelines FY2024 (October 1, 2023)))',
    ],
    ['2023-10-01', 'ICD-10-CM Official Guidelines FY2024 (October 1, 2023) I.A.12.a'],
    ['2024-04-01', 'ICD-10-CM Official Guidelines FY2024 (April 1, 2024) I.A.12.a'],
    ['2024-10-01', 'ICD-10-CM Official Guidelines FY2025 (October 1, 2024) I.A.12.a'],
    ['2025-04-01', 'ICD-10-CM Official Guidelines FY2025 (April 1, 2025) I.A.12.a'],
    ['2026-03-14', 'ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.A.12.a'],
  ];
  for (const [date, want] of table) {
    it(`excludes1-conflict on ${date} cites ${want.slice(0, 45)}…`, () => {
      const f = checkAnnotation(parseAnnotation(`setting: outpatient\ndate: ${date}\nE11.9\nE10.9\n`), cs).filter(
        (x) => x.rule === 'excludes1-conflict',
      );
      assert.equal(f.length, 1);
      assert.equal(f[0]!.source, `Tabular List FY2021: Excludes1 at E11; ${want}`);
    });
  }
  it('a derived mid-year edition names what it was derived from in the order-file source', () => {
    const f = checkAnnotation(parseAnnotation('setting: outpatient\ndate: 2021-06-01\nM35.8\n'), cs);
    assert.deepEqual(
      f.map((x) => x.rule),
      ['non-billable-code'],
    );
    assert.match(f[0]!.source, /^CMS ICD-10-CM order file FY2021 January update$/);
    const g = checkAnnotation(parseAnnotation('setting: outpatient\ndate: 2020-12-01\nM35.81\n'), cs);
    assert.match(g[0]!.message, /added 2021-01-01/);
  });
});
