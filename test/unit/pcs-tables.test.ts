/**
 * ICD-10-PCS from the Tables: the data build's parser on a tiny fixture, the artifact against the order files,
 * and explainPcs / nextPcs over the real data (core/codeset/pcsTables.ts).
 */
import assert from 'node:assert/strict';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { fiscalYearOf } from '../../server/src/core/codeset/pcsTables';
import { getDataset, getPart } from '../helpers/data';

// @ts-expect-error: a .mjs module of the data build, without types
import { parsePcsTablesXml } from '../../scripts/data/part-pcs-tables.mjs';

const FIXTURE = `<?xml version="1.0" encoding="utf-8"?>
<ICD10PCS.tabular><version>2026</version>
  <pcsTable>
    <axis pos="1" values="1"><title>Section</title><label code="0">Medical and Surgical</label></axis>
    <axis pos="2" values="1"><title>Body System</title><label code="D">Gastrointestinal System</label></axis>
    <axis pos="3" values="1"><title>Operation</title><label code="T">Resection</label>
      <definition>Cutting out or off, without replacement, all of a body part</definition></axis>
    <pcsRow codes="2">
      <axis pos="4" values="1"><title>Body Part</title><label code="J">Appendix</label></axis>
      <axis pos="5" values="2"><title>Approach</title><label code="0">Open</label><label code="4">Percutaneous Endoscopic</label></axis>
      <axis pos="6" values="1"><title>Device</title><label code="Z">No Device</label></axis>
      <axis pos="7" values="1"><title>Qualifier</title><label code="Z">No Qualifier</label></axis>
    </pcsRow>
  </pcsTable>
</ICD10PCS.tabular>`;

describe('PCS Tables: the data build (scripts/data/part-pcs-tables.mjs)', () => {
  it('parses a table: head characters, titles, definition, rows with deduplicated labels', () => {
    const r = parsePcsTablesXml(Buffer.from(FIXTURE), 'fixture.xml');
    assert.equal(r.version, 2026);
    assert.equal(r.tables.length, 1);
    const t = r.tables[0];
    assert.equal(t.code, '0DT');
    assert.equal(t.def, 'Cutting out or off, without replacement, all of a body part');
    assert.deepEqual(
      t.titles.map((i: number) => r.labels[i]),
      ['Section', 'Body System', 'Operation', 'Body Part', 'Approach', 'Device', 'Qualifier'],
    );
    assert.deepEqual(
      t.rows[0].map(([chars, ids]: [string, number[]]) => [chars, ids.map((i) => r.labels[i])]),
      [
        ['J', ['Appendix']],
        ['04', ['Open', 'Percutaneous Endoscopic']],
        ['Z', ['No Device']],
        ['Z', ['No Qualifier']],
      ],
    );
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not XML', '<ICD10PCS.tabular><pcsTable>', /fixture\.xml: not a well-formed PCS Tables XML|incomplete table/],
    ['no table', '<ICD10PCS.tabular></ICD10PCS.tabular>', /fixture\.xml: no pcsTable elements found/],
    [
      'a row without position 7',
      FIXTURE.replace(/<axis pos="7"[\s\S]*?<\/axis>/, ''),
      /table 0DT has a row without positions 4-7/,
    ],
  ];
  for (const [what, xml, re] of bad) {
    it(`names the file and the problem: ${what}`, () =>
      assert.throws(() => parsePcsTablesXml(Buffer.from(xml), 'fixture.xml'), re));
  }
});

describe('PCS Tables: the artifact (pcs-tables.json.gz) against the order files', function () {
  this.timeout(120_000);
  const tables = getPart('pcstables');
  const pcs = getPart('pcs');
  const cs = createCodeSet(getDataset());

  it('has the Tables of FY2025 and FY2026, with their sources', () =>
    assert.deepEqual(
      tables.editions.map((e) => [e.id, e.label, e.source, e.tables.length]),
      [
        ['fy2025', 'ICD-10-PCS Tables FY2025', 'pcs/xml/fy2025/icd10pcs_tables_2025.xml', 908],
        ['fy2026', 'ICD-10-PCS Tables FY2026', 'pcs/xml/fy2026/icd10pcs_tables_2026.xml', 914],
      ],
    ));

  for (const [id, date] of [
    ['fy2025', '2025-03-01'],
    ['fy2026', '2026-03-01'],
  ]) {
    it(`${id}: the Tables' rows make exactly the order file's valid codes`, () => {
      const ei = pcs.editions.findIndex((e) => e.id === id);
      const valid = pcs.codes.filter((r) => r.code.length === 7 && r.status[ei] === 'B');
      const notByTables = valid.filter((r) => !cs.explainPcs(r.code, date).valid).map((r) => r.code);
      assert.deepEqual(notByTables, []);
      const ed = tables.editions.find((e) => e.id === id)!;
      let n = 0;
      for (const t of ed.tables) for (const r of t.rows) n += r.reduce((k, a) => k * a[0].length, 1);
      assert.equal(n, valid.length);
    });
  }
});

describe('PCS Tables: explainPcs and nextPcs (real data)', () => {
  const cs = createCodeSet(getDataset());

  it('fiscal year of a date of service', () => {
    assert.deepEqual(['2024-09-30', '2024-10-01', '2026-03-14', 'x'].map(fiscalYearOf), [2024, 2025, 2026, undefined]);
  });

  it('0DTJ4ZZ: every character with its axis and meaning (FY2026)', () => {
    const x = cs.explainPcs('0DTJ4ZZ', '2026-03-14');
    assert.equal(x.valid, true);
    assert.equal(x.tables?.label, 'ICD-10-PCS Tables FY2026');
    assert.deepEqual(
      x.chars.map((c) => `${c.pos} ${c.axis}: ${c.char} ${c.meaning}`),
      [
        '1 Section: 0 Medical and Surgical',
        '2 Body System: D Gastrointestinal System',
        '3 Operation: T Resection',
        '4 Body Part: J Appendix',
        '5 Approach: 4 Percutaneous Endoscopic',
        '6 Device: Z No Device',
        '7 Qualifier: Z No Qualifier',
      ],
    );
    assert.deepEqual(x.table, {
      code: '0DT',
      definition: 'Cutting out or off, without replacement, all of a body part',
    });
  });

  const invalid: Array<[string, number, string, string[]]> = [
    ['0DTJ4ZX', 7, 'Qualifier', ['G', 'Z']],
    ['02HV33Q', 7, 'Qualifier', ['Z']],
    ['0DXJ4ZZ', 4, 'Body Part', ['6', '8', 'E', 'U']],
    ['0DTJ9ZZ', 5, 'Approach', ['0', '4', '7', '8']],
  ];
  for (const [code, pos, axis, allowed] of invalid) {
    it(`${code}: character ${pos} (${axis}) is not allowed; the Tables say what is`, () => {
      const x = cs.explainPcs(code, '2026-03-14');
      assert.equal(x.valid, false);
      assert.equal(x.invalidAt?.pos, pos);
      assert.equal(x.invalidAt?.axis, axis);
      assert.equal(x.invalidAt?.char, code[pos - 1]);
      assert.deepEqual(
        x.invalidAt?.allowed.map((a) => a.char),
        allowed,
      );
      assert.equal(x.chars.length, pos - 1);
    });
  }

  it('the edition by date: a code new in FY2026 is not allowed by the FY2025 Tables', () => {
    assert.equal(cs.explainPcs('00H033J', '2026-03-14').valid, true);
    const x = cs.explainPcs('00H033J', '2025-03-14');
    assert.equal(x.tables?.id, 'fy2025');
    assert.equal(x.valid, false);
    assert.equal(x.invalidAt?.pos, 7);
  });

  it('FY2024 (no Tables XML): said, and nothing guessed', () => {
    const x = cs.explainPcs('0DTJ4ZZ', '2024-03-14');
    assert.equal(x.tables, undefined);
    assert.deepEqual(x.chars, []);
    assert.match(x.message!, /^No ICD-10-PCS Tables XML for FY2024 \(the date of service 2024-03-14\)/);
    assert.match(x.message!, /Validity comes from the ICD-10-PCS order file of the date\./);
    assert.equal(cs.classifyPcs('0DTJ4ZZ', '2024-03-14').kind, 'valid');
  });

  it('next characters: sections, body systems, operations (tables), then each row axis', () => {
    const sections = cs.nextPcs('', '2026-03-14');
    assert.equal(sections.axis, 'Section');
    assert.deepEqual(sections.options.slice(0, 2), [
      { char: '0', meaning: 'Medical and Surgical' },
      { char: '1', meaning: 'Obstetrics' },
    ]);
    const ops = cs.nextPcs('0D', '2026-03-14');
    assert.equal(ops.axis, 'Operation');
    assert.ok(ops.options.some((o) => o.char === 'T' && o.meaning === 'Resection'));
    const parts = cs.nextPcs('0DT', '2026-03-14');
    assert.equal(parts.axis, 'Body Part');
    assert.deepEqual(parts.table, { code: '0DT', title: 'Medical and Surgical, Gastrointestinal System, Resection' });
    assert.ok(parts.options.some((o) => o.char === 'J' && o.meaning === 'Appendix'));
    const qual = cs.nextPcs('0DTJ4Z', '2026-03-14');
    assert.equal(qual.axis, 'Qualifier');
    assert.deepEqual(qual.options, [
      { char: 'G', meaning: 'Hand-Assisted' },
      { char: 'Z', meaning: 'No Qualifier' },
    ]);
    assert.deepEqual(cs.nextPcs('0DX9', '2026-03-14').options, []);
    assert.deepEqual(cs.nextPcs('0DTJ4ZZ', '2026-03-14').options, []);
  });
});
