/**
 * Fidelity of the data artifacts (dist/data, built by `npm run data`) to the official files, and the
 * loader's and the build script's behaviour on missing or corrupt input.
 * Expected values were read from the official files themselves (see the comment on each).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATA_FORMAT_VERSION, type CmCodeRow } from '../../server/src/core/data';
import {
  DataError,
  defaultDataDir,
  gunzipWhole,
  loadDataset,
  loadManifest,
  loadPart,
} from '../../server/src/data/load';
import { DATA_DIR, getDataset, getPart } from '../helpers/data';
import { SOURCE_DIR, cmEditionIds, cmOrderRows, pcsOrderRows } from '../helpers/orderFiles';

const repoRoot = path.resolve(__dirname, '../..');
const buildScript = path.join(repoRoot, 'scripts/data/build-data.mjs');

/** The long title of a code in one edition: its oldTitles entry for that edition, else the current title. */
function titleIn(row: CmCodeRow, ei: number): string {
  const old = row.oldTitles?.find(([a, b]) => ei >= a && ei <= b);
  return old ? old[2] : row.title;
}

describe('data artifacts: ICD-10-CM (cm.json.gz)', () => {
  const cm = getPart('cm');
  const byCode = new Map(cm.codes.map((r) => [r.code, r]));

  it('lists every edition of cm/editions.tsv, oldest first, with its dates', () => {
    // every row of cm/editions.tsv, plus the four mid-year editions the build derives (docs/data-format.md)
    assert.deepEqual(
      cm.editions.filter((e) => !e.derivation).map((e) => e.folder),
      cmEditionIds(),
    );
    assert.deepEqual(
      cm.editions.filter((e) => e.derivation).map((e) => `${e.id} ${e.from} ${e.to} ${e.folder}`),
      [
        'fy2020-april 2020-04-01 2020-09-30 fy2020',
        'fy2021 2020-10-01 2020-12-31 fy2021',
        'fy2022 2021-10-01 2022-03-31 fy2022',
        'fy2023 2022-10-01 2023-03-31 fy2023',
      ],
    );
    assert.equal(cm.editions.length, 17);
    const fy24a = cm.editions.find((e) => e.id === 'fy2024-april');
    assert.deepEqual(
      { from: fy24a?.from, to: fy24a?.to, fiscalYear: fy24a?.fiscalYear, label: fy24a?.label },
      { from: '2024-04-01', to: '2024-09-30', fiscalYear: 2024, label: 'ICD-10-CM FY2024 April update' },
    );
    assert.equal(cm.editions[16].sourceFile, 'icd10cm_order_2026.txt');
    assert.equal(cm.editions[13].sourceFile, 'icd10cm-order-April-2024.txt');
  });

  it('has, for every edition, status B exactly for order-file rows flagged 1, H for 0, - for absent codes, and the same titles', () => {
    let checked = 0;
    cm.editions.forEach((ed, ei) => {
      if (ed.derivation) return; // derived mid-year editions: checked against their derivation below
      const rows = cmOrderRows(ed.folder ?? ed.id);
      assert.equal(rows.length, ed.counts.total, `${ed.id} total`);
      assert.equal(rows.filter((r) => r.flag === 1).length, ed.counts.billable, `${ed.id} billable`);
      const inFile = new Set<string>();
      for (const r of rows) {
        const row = byCode.get(r.code);
        assert.ok(row, `${ed.id}: ${r.code} missing from the artifact`);
        assert.equal(row.status[ei], r.flag === 1 ? 'B' : 'H', `${ed.id}: ${r.code} flag ${r.flag}`);
        assert.equal(titleIn(row, ei), r.long, `${ed.id}: ${r.code} long title`);
        if (ei === row.status.search(/[BH][-]*$/)) assert.equal(row.short, r.short, `${ed.id}: ${r.code} short title`);
        inFile.add(r.code);
        checked++;
      }
      const present = cm.codes.filter((c) => c.status[ei] !== '-').length;
      assert.equal(present, inFile.size, `${ed.id}: codes present in the artifact but not in the order file`);
    });
    console.log(`      (${checked} order-file rows over ${cm.editions.length} editions checked)`);
    assert.ok(checked > 1_200_000);
  });

  // derived edition, the order file it comes from, codes absent before (or added), codes billable before
  const derived: Array<[string, string, string[], string[]]> = [
    ['fy2020-april', 'fy2020', ['U07', 'U070', 'U071'], []],
    ['fy2021', 'fy2021', ['J1282', 'M3581', 'M3589', 'Z1152', 'Z20822', 'Z8616'], ['M358']],
    ['fy2022', 'fy2022', ['Z2831', 'Z28310', 'Z28311', 'Z2839'], ['Z283']],
  ];
  for (const [id, folder, diff, billableBefore] of derived) {
    it(`derives ${id} from the ${folder} order file: differs by ${diff.join(', ')}`, () => {
      const ei = cm.editions.findIndex((e) => e.id === id);
      const file = new Map(cmOrderRows(folder).map((r) => [r.code, r.flag]));
      const inEd = cm.codes.filter((r) => r.status[ei] !== '-').map((r) => r.code);
      const sym = [...inEd.filter((c) => !file.has(c)), ...[...file.keys()].filter((c) => !inEd.includes(c))];
      assert.deepEqual(sym.sort(), diff);
      const flips = inEd.filter((c) => file.has(c) && (byCode.get(c)!.status[ei] === 'B') !== (file.get(c) === 1));
      assert.deepEqual(flips, billableBefore);
    });
  }
  it('derives fy2023 (before 2023-04-01): the 50 April codes absent, 7 headers billable', () => {
    const ei = cm.editions.findIndex((e) => e.id === 'fy2023');
    const late = ei + 1;
    const gone = cm.codes.filter((r) => r.status[ei] === '-' && r.status[late] !== '-').map((r) => r.code);
    assert.equal(gone.length, 50);
    assert.ok(gone.includes('T74A1XA') && gone.includes('Z5910'));
    const flips = cm.codes.filter((r) => r.status[ei] === 'B' && r.status[late] === 'H').map((r) => r.code);
    assert.deepEqual(flips, ['Y0701', 'Y0702', 'Y0703', 'Y0704', 'Z591', 'Z9114', 'Z9115']);
    // the April 2023 title revision (order-file addenda "Revise from"): Z59.87 was "Material hardship"
    assert.deepEqual(byCode.get('Z5987')?.oldTitles?.[0]?.slice(2), ['Material hardship']);
  });

  it('keeps every status string one character per edition, and every code once', () => {
    assert.equal(byCode.size, cm.codes.length);
    for (const r of cm.codes) assert.match(r.status, /^[-HB]{17}$/, r.code);
  });

  it('orders codes so that the children of a header follow it', () => {
    const pos = new Map(cm.codes.map((r, i) => [r.code, i]));
    let checked = 0;
    for (const r of cm.codes) {
      for (let n = r.code.length - 1; n >= 3; n--) {
        const p = pos.get(r.code.slice(0, n));
        if (p === undefined) continue;
        assert.ok(p < pos.get(r.code)!, `${r.code} comes before its ancestor ${r.code.slice(0, n)}`);
        checked++;
        break;
      }
    }
    assert.ok(checked > 90_000);
  });

  it('keeps codes billable in FY2025 that became headers in FY2026 (status ...B…H)', () => {
    const i25 = cm.editions.findIndex((e) => e.id === 'fy2025');
    const i26 = cm.editions.findIndex((e) => e.id === 'fy2026');
    // From the order files: B88.0 "Other acariasis" is flagged 1 in FY2025 and 0 in FY2026 (B88.01, B88.09 added).
    const fromFiles = (() => {
      const f25 = new Map(cmOrderRows('fy2025').map((r) => [r.code, r.flag]));
      return cmOrderRows('fy2026')
        .filter((r) => r.flag === 0 && f25.get(r.code) === 1)
        .map((r) => r.code);
    })();
    assert.ok(fromFiles.includes('B880'));
    const fromArtifact = cm.codes.filter((r) => r.status[i25] === 'B' && r.status[i26] === 'H').map((r) => r.code);
    assert.deepEqual(fromArtifact.sort(), fromFiles.sort());
    assert.equal(byCode.get('B880')?.status, 'BBBBBBBBBBBBBBBBH');
  });

  it('keeps deleted codes, placed after the code that preceded them', () => {
    // S30.1XXA is in every order file up to FY2025-April and absent from FY2026.
    const row = byCode.get('S301XXA');
    assert.equal(row?.status, 'BBBBBBBBBBBBBBBB-');
    const i = cm.codes.findIndex((r) => r.code === 'S301XXA');
    const fy25 = cmOrderRows('fy2025-april').map((r) => r.code);
    assert.equal(cm.codes[i - 1].code, fy25[fy25.indexOf('S301XXA') - 1]);
  });

  it('records earlier titles that differ (A77.41 was "Ehrlichiosis chafeensis" FY2016-FY2024 April)', () => {
    // editions 0-13: FY2016 to FY2024 April, the four derived mid-year editions included
    assert.deepEqual(byCode.get('A7741')?.oldTitles, [[0, 13, 'Ehrlichiosis chafeensis [E. chafeensis]']]);
    assert.equal(byCode.get('A7741')?.title, 'Ehrlichiosis chaffeensis [E. chaffeensis]');
  });

  it('restores short titles that the artifact leaves out when equal to the long title', () => {
    assert.equal(byCode.get('A00')?.short, 'Cholera');
    assert.equal(byCode.get('I5023')?.short, 'Acute on chronic systolic (congestive) heart failure');
    assert.ok(cm.codes.every((r) => typeof r.short === 'string' && r.short.length > 0));
  });

  it('accepts FY2026 codes whose second character is a letter (QA0)', () => {
    assert.equal(byCode.get('QA00101')?.status.slice(-1), 'B');
    assert.equal(byCode.get('QA0')?.status.slice(-1), 'H');
  });
});

describe('data artifacts: Tabular (tabular.json.gz)', () => {
  const tab = getPart('tabular');

  it('is the FY2021 Tabular with 22 chapters and their ranges', () => {
    assert.equal(tab.year, 2021);
    assert.equal(tab.chapters.length, 22);
    assert.deepEqual(
      tab.chapters.slice(0, 2).map((c) => [c.num, c.first, c.last]),
      [
        [1, 'A00', 'B99'],
        [2, 'C00', 'D49'],
      ],
    );
    assert.deepEqual(tab.chapters[0].notes?.includes, [
      'diseases generally recognized as communicable or transmissible',
    ]);
  });

  it('gives sections their range, chapter and categories', () => {
    const s = tab.sections.find((x) => x.id === 'I30-I52');
    assert.deepEqual([s?.first, s?.last, s?.chapter], ['I30', 'I52', 9]);
    assert.ok(s?.categories?.includes('I50'));
    const skin = tab.sections.find((x) => x.id === 'C43-C44');
    assert.deepEqual(skin?.categories, ['C43', 'C4A', 'C44']);
  });

  it('has I50 code-first and excludes notes, and nothing invented on I50.22', () => {
    const i50 = tab.codes['I50'];
    assert.equal(i50.desc, 'Heart failure');
    assert.deepEqual(i50.excludes1, ['neonatal cardiac failure (P29.0)']);
    assert.deepEqual(i50.excludes2, ['cardiac arrest (I46.-)']);
    assert.ok(i50.codeFirst?.includes('heart failure due to hypertension (I11.0)'));
    assert.deepEqual(tab.codes['I5022'], { desc: 'Chronic systolic (congestive) heart failure' });
  });

  it('has the S72 7th-character definitions and note', () => {
    const s72 = tab.codes['S72'];
    assert.deepEqual(s72.sevenChrDef?.[0], { char: 'A', meaning: 'initial encounter for closed fracture' });
    assert.deepEqual(
      s72.sevenChrDef?.map((d) => d.char),
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M', 'N', 'P', 'Q', 'R', 'S'],
    );
    assert.deepEqual(s72.sevenChrNote, ['The appropriate 7th character is to be added to all codes from category S72']);
  });

  it('flattens the H54 visual impairment table into notes', () => {
    const notes = tab.codes['H548'].notes ?? [];
    assert.ok(
      notes.some((n) => n.startsWith('Category 1: maximum less than 6/18, minimum equal to or better than 6/60')),
    );
  });

  it('has E11 use-additional-code notes and inclusion terms elsewhere', () => {
    assert.deepEqual(tab.codes['E11'].useAdditionalCode?.slice(0, 2), [
      'code to identify control using:',
      'insulin (Z79.4)',
    ]);
    assert.deepEqual(tab.codes['A000'].inclusionTerm, ['Classical cholera']);
  });

  it('has no node for codes added after FY2021 (e.g. QA0)', () => {
    assert.equal(tab.codes['QA0'], undefined);
  });
});

describe('data artifacts: ICD-10-PCS (pcs.json.gz)', () => {
  const pcs = getPart('pcs');

  it('has FY2024-FY2026 as fiscal-year editions', () => {
    assert.deepEqual(
      pcs.editions.map((e) => [e.id, e.from, e.to, e.label]),
      [
        ['fy2024', '2023-10-01', '2024-09-30', 'ICD-10-PCS FY2024'],
        ['fy2025', '2024-10-01', '2025-09-30', 'ICD-10-PCS FY2025'],
        ['fy2026', '2025-10-01', '2026-09-30', 'ICD-10-PCS FY2026'],
      ],
    );
  });

  it('has exactly 79,115 valid codes in FY2026, matching the order file row by row', () => {
    const i = pcs.editions.findIndex((e) => e.id === 'fy2026');
    const valid = pcs.codes.filter((r) => r.status[i] === 'B');
    assert.equal(valid.length, 79_115);
    assert.equal(pcs.editions[i].counts.valid, 79_115);
    const byCode = new Map(pcs.codes.map((r) => [r.code, r]));
    for (const r of pcsOrderRows('fy2026')) {
      assert.equal(byCode.get(r.code)?.status[i], r.flag === 1 ? 'B' : 'H', r.code);
      assert.equal(byCode.get(r.code)?.title, r.long, r.code);
    }
    assert.equal(
      byCode.get('02HV33Z')?.title,
      'Insertion of Infusion Device into Superior Vena Cava, Percutaneous Approach',
    );
    assert.equal(byCode.get('001')?.status, 'HHH');
  });
});

describe('data artifacts: extras (extras.json.gz)', () => {
  const ex = getPart('extras');

  it('has the POA-exempt lists of FY2024, FY2025 and FY2026 without dots', () => {
    assert.deepEqual(Object.keys(ex.poaExempt).sort(), ['FY2024', 'FY2025', 'FY2026']);
    // POAexemptCodesFY26.txt: first row "01238 B90.0 Sequelae of central nervous system tuberculosis"; 38,349 codes (ReadMe).
    assert.equal(ex.poaExempt.FY2026[0], 'B900');
    assert.equal(ex.poaExempt.FY2026.length, 38_349);
    assert.equal(ex.poaExempt.FY2025.length, 38_154);
    assert.equal(ex.poaExempt.FY2024.length, 38_110);
    assert.ok(ex.poaExempt.FY2026.includes('W2201XD') && !ex.poaExempt.FY2026.includes('W2201XA'));
    assert.ok(!ex.poaExempt.FY2026.includes('I5023'));
    assert.ok(ex.poaExempt.FY2026.includes('QA00101') && !ex.poaExempt.FY2025.includes('QA00101'));
  });

  it('has the MS-DRG v40 CC and MCC lists (Appendix G, H part 1 and part 2)', () => {
    assert.equal(ex.msdrg.version, 'MS-DRG v40 (FY2023)');
    assert.ok(ex.msdrg.cc.includes('I5022')); // Appendix G line "I5022 Chronic systolic (congestive) heart failure"
    assert.ok(ex.msdrg.mcc.includes('I5023')); // Appendix H part 1
    assert.ok(!ex.msdrg.cc.includes('I5023'));
    assert.ok(!ex.msdrg.cc.includes('E1122'));
    assert.deepEqual(ex.msdrg.mccIfDischargedAlive, ['I462', 'I468', 'I469', 'I4901', 'R092', 'R570', 'R571', 'R578']);
    assert.equal(ex.msdrg.cc.length, 14_814);
    assert.equal(ex.msdrg.mcc.length, 3_315);
  });

  it('has the CMS-HCC V28 and V24 maps, labels and hierarchies', () => {
    assert.equal(ex.hcc.v28.version, 'CMS-HCC V28');
    assert.deepEqual(ex.hcc.v28.map['E1122'], [37]); // F2824T1N.TXT "E1122<TAB>37"
    assert.equal(ex.hcc.v28.labels['37'], 'Diabetes with Chronic Complications');
    assert.deepEqual(ex.hcc.v28.hierarchy['35'], [36, 37, 38]);
    assert.deepEqual(ex.hcc.v28.map['I5022'], [226]);
    assert.equal(ex.hcc.v24.version, 'CMS-HCC V24');
    assert.deepEqual(ex.hcc.v24.map['E1122'], [18]); // F2422P1M.TXT "E1122<TAB>18"
    assert.equal(ex.hcc.v24.labels['18'], 'Diabetes with Chronic Complications');
    assert.equal(Object.keys(ex.hcc.v28.labels).length, 115);
    assert.equal(Object.keys(ex.hcc.v24.labels).length, 86);
  });

  it('has conversion rows with every previous code extracted and undotted', () => {
    const e1111 = ex.conversion.find((r) => r.code === 'E1111');
    // FY2020 csv and later tables: "E11.11, 2017, E11.69 and R40.20"
    assert.deepEqual(e1111?.previous, ['E1169', 'R4020']);
    assert.equal(e1111?.effectiveFiscalYear, 2017);
    assert.equal(e1111?.previousText, undefined);
    // A rich-text cell in the xlsx ("S" + "06.1X9A"):
    assert.deepEqual(ex.conversion.find((r) => r.code === 'S061XAA')?.previous, ['S061X9A']);
    // A cell with words: "I63.- and P91.88"
    const p = ex.conversion.find((r) => r.code === 'P91821');
    assert.deepEqual([p?.previous, p?.previousText], [['I63', 'P9188'], 'I63.- and P91.88']);
    assert.ok(ex.conversion.every((r) => r.previous.every((c) => /^[A-Z][0-9A-Z]{2,6}$/.test(c))));
    assert.ok(ex.conversion.every((r) => /^NCHS conversion table FY20\d\d$/.test(r.source)));
  });
});

describe('data loader (server/src/data/load.ts)', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-data-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const copyManifest = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(DATA_DIR, 'manifest.json'), path.join(dir, 'manifest.json'));
  };
  const expectDataError = (fn: () => unknown, ...parts: RegExp[]) =>
    assert.throws(fn, (e: unknown) => {
      assert.ok(e instanceof DataError, `expected DataError, got ${String(e)}`);
      for (const p of parts) assert.match(e.message, p);
      return true;
    });

  it('loads the whole dataset with its manifest', () => {
    const ds = getDataset();
    assert.equal(ds.manifest.formatVersion, DATA_FORMAT_VERSION);
    assert.ok(ds.tabular && ds.pcs && ds.extras);
    for (const f of ['cm.json.gz', 'tabular.json.gz', 'pcs.json.gz', 'extras.json.gz']) {
      assert.ok(ds.manifest.artifacts[f] > 0, f);
    }
    const total = Object.values(ds.manifest.artifacts).reduce((a, b) => a + b, 0);
    assert.ok(total <= 15 * 1024 * 1024, `artifacts ${total} bytes > 15 MB`);
    assert.ok(Object.keys(ds.manifest.sources).includes('cm/fy2026/code-descriptions.zip'));
  });

  it('finds dist/data from the sources', () => {
    assert.equal(defaultDataDir(), path.join(repoRoot, 'dist', 'data'));
  });

  it('says to run npm run data when the folder is empty', () => {
    expectDataError(() => loadDataset(path.join(tmp, 'nothing-here')), /manifest\.json is missing/, /npm run data/);
  });

  it('names the file when an artifact is missing, not gzip, not JSON, another version or the wrong shape', () => {
    const dir = path.join(tmp, 'bad');
    copyManifest(dir);
    const cmFile = path.join(dir, 'cm.json.gz');
    expectDataError(() => loadPart(dir, 'cm'), /cm\.json\.gz is missing/, /npm run data/);
    writeFileSync(cmFile, 'this is not gzip');
    expectDataError(() => loadPart(dir, 'cm'), /cm\.json\.gz is corrupt/, /npm run data/);
    writeFileSync(cmFile, gzipSync('{"formatVersion": 1, "editions": ['));
    expectDataError(() => loadPart(dir, 'cm'), /cm\.json\.gz is not valid JSON/);
    writeFileSync(cmFile, gzipSync(JSON.stringify({ formatVersion: 999, editions: [], codes: [] })));
    expectDataError(
      () => loadPart(dir, 'cm'),
      /format version 999/,
      new RegExp(`reads version ${DATA_FORMAT_VERSION}\\b`),
    );
    writeFileSync(cmFile, gzipSync(JSON.stringify({ formatVersion: DATA_FORMAT_VERSION, editions: [{}], codes: [] })));
    expectDataError(() => loadPart(dir, 'cm'), /unexpected shape \(no codes\)/);
    writeFileSync(
      cmFile,
      gzipSync(
        JSON.stringify({
          formatVersion: DATA_FORMAT_VERSION,
          editions: [{}],
          count: 1,
          codes: 'A00',
          status: 'HH',
          titles: 'x',
          shorts: '',
          oldTitles: [],
        }),
      ),
    );
    expectDataError(() => loadPart(dir, 'cm'), /one character per edition/);
  });

  it('reads the cm columns straight from the bytes, and any other valid JSON (escapes, key order) the same', () => {
    const dir = path.join(tmp, 'cm-columns');
    copyManifest(dir);
    const cmFile = path.join(dir, 'cm.json.gz');
    const editions = [getPart('cm').editions[0]!];
    const columns = {
      count: 3,
      oldTitles: [[1, 0, 0, 'Old "quoted" title']],
      codes: 'A00|A000|A01',
      status: 'HBB',
      titles: 'Cholera|Cholera due to Vibrio cholerae 01, biovar cholerae|Typhoid and paratyphoid fevers',
      shorts: '|Cholera d/t vib cholerae 01, biovar cholerae|',
    };
    const expectRows = () => {
      const cm = loadPart(dir, 'cm');
      assert.equal(cm.size, 3);
      assert.deepEqual(cm.codes, [
        { code: 'A00', status: 'H', title: 'Cholera', short: 'Cholera' },
        {
          code: 'A000',
          status: 'B',
          title: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
          short: 'Cholera d/t vib cholerae 01, biovar cholerae',
          oldTitles: [[0, 0, 'Old "quoted" title']],
        },
        { code: 'A01', status: 'B', title: 'Typhoid and paratyphoid fevers', short: 'Typhoid and paratyphoid fevers' },
      ]);
      assert.equal(cm.indexOf('A000'), 1);
      assert.equal(cm.indexOf('A0'), undefined);
    };
    // as the build writes it: the string columns last
    writeFileSync(cmFile, gzipSync(JSON.stringify({ formatVersion: DATA_FORMAT_VERSION, editions, ...columns })));
    expectRows();
    // a backslash escape inside a column, and another key order: parsed as JSON, same rows
    const escaped = JSON.stringify({ ...columns, formatVersion: DATA_FORMAT_VERSION, editions }).replace(
      'Typhoid',
      '\\u0054yphoid',
    );
    assert.match(escaped, /\\u0054yphoid/);
    writeFileSync(cmFile, gzipSync(escaped));
    expectRows();
    // columns that disagree with the count
    writeFileSync(
      cmFile,
      gzipSync(JSON.stringify({ formatVersion: DATA_FORMAT_VERSION, editions, ...columns, titles: 'Cholera' })),
    );
    expectDataError(() => loadPart(dir, 'cm'), /unexpected shape \(titles do not match the 3 codes\)/);
  });

  it('leaves absent optional parts undefined, unless required', () => {
    const dir = path.join(tmp, 'cm-only');
    copyManifest(dir);
    copyFileSync(path.join(DATA_DIR, 'cm.json.gz'), path.join(dir, 'cm.json.gz'));
    const ds = loadDataset(dir);
    assert.equal(ds.tabular, undefined);
    assert.ok(ds.cm.codes.length > 90_000);
    expectDataError(() => loadDataset(dir, { parts: ['pcs'], requireAll: true }), /pcs\.json\.gz is missing/);
  });

  it('gunzips into one buffer by the trailer size, and a trailer that lies is a corrupt file', () => {
    const text = JSON.stringify({ a: 'x'.repeat(100_000), b: [1, 2, 3] });
    const gz = gzipSync(text);
    assert.equal(gunzipWhole(gz).toString('latin1'), text);
    const small = Buffer.from(gz);
    small.writeUInt32LE(10, small.length - 4); // ISIZE says 10 bytes
    assert.throws(() => gunzipWhole(small)); // zlib checks ISIZE against the output
    const big = Buffer.from(gz);
    big.writeUInt32LE(0xffffffff, big.length - 4); // absurd size: default chunks, still checked
    assert.throws(() => gunzipWhole(big));
    assert.equal(gunzipWhole(gzipSync('')).toString(), '');
    assert.equal(gunzipWhole(gzipSync('{"a":1}')).toString(), '{"a":1}'); // below zlib's 64-byte minimum chunk
  });

  it('rejects a corrupt manifest clearly', () => {
    const dir = path.join(tmp, 'bad-manifest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'manifest.json'), '{ nope');
    expectDataError(() => loadManifest(dir), /manifest .* is corrupt/, /npm run data/);
  });
});

describe('data build script (scripts/data/build-data.mjs)', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-build-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [buildScript, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });

  it('exits 2 with a clear message and writes nothing when the source folder is missing', () => {
    const out = path.join(tmp, 'out-missing');
    const r = run('--source', path.join(tmp, 'no-such-folder'), '--out', out);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /the official ICD-10 files are not at .*no-such-folder/);
    assert.match(r.stderr, /--download/);
    assert.deepEqual(readdirSync(tmp).includes('out-missing'), false);
  });

  it('exits 2 naming the zip when an order zip is corrupt, leaving no partial artifact', () => {
    const src = path.join(tmp, 'src-corrupt');
    mkdirSync(path.join(src, 'cm/fy2026'), { recursive: true });
    writeFileSync(
      path.join(src, 'cm/editions.tsv'),
      'folder\tcode_set\teffective_from\teffective_to\nfy2026\tICD-10-CM FY2026\t2025-10-01\t2026-09-30\n',
    );
    writeFileSync(path.join(src, 'cm/fy2026/code-descriptions.zip'), 'PK\u0003\u0004 truncated');
    const out = path.join(tmp, 'out-corrupt');
    const r = run('--source', src, '--out', out, '--only', 'cm');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cm\/fy2026\/code-descriptions\.zip/);
    assert.deepEqual(readdirSync(out), []);
  });

  it('rejects an unknown part', () => {
    const r = run('--only', 'cm,nope', '--out', path.join(tmp, 'x'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown part "nope"/);
  });

  it('--download fails clearly without a network and writes nothing', () => {
    const sources = path.join(tmp, 'sources.json');
    // 127.0.0.1 port 9 refuses the connection at once: the same path as having no network.
    writeFileSync(
      sources,
      JSON.stringify({
        timeoutMs: 5000,
        cmEditions: [],
        files: [{ path: 'cm/fy2026/code-descriptions.zip', url: 'http://127.0.0.1:9/code-descriptions.zip' }],
      }),
    );
    const out = path.join(tmp, 'out-download');
    const cache = path.join(tmp, 'cache');
    const r = run('--download', '--sources', sources, '--cache', cache, '--out', out);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot download http:\/\/127\.0\.0\.1:9\/code-descriptions\.zip/);
    assert.match(r.stderr, /--source DIR/);
    assert.equal(readdirSync(tmp).includes('out-download'), false);
    assert.deepEqual(readdirSync(cache), []);
  });

  it('builds one part into a fresh folder, then --if-stale finds it up to date', () => {
    const out = path.join(tmp, 'out-extras');
    const first = run('--only', 'extras', '--out', out, '--source', SOURCE_DIR);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /MS-DRG v40 \(FY2023\): CC 14814, MCC 3315/);
    assert.deepEqual(readdirSync(out).sort(), ['extras.json.gz', 'manifest.json']);
    const again = run('--only', 'extras', '--out', out, '--source', SOURCE_DIR, '--if-stale');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /up to date/);
    const ex = loadPart(out, 'extras');
    assert.equal(ex.poaExempt.FY2026.length, 38_349);
    // Without the official files, --if-stale keeps built artifacts instead of failing `npm run build`.
    const offline = run('--only', 'extras', '--out', out, '--source', path.join(tmp, 'gone'), '--if-stale');
    assert.equal(offline.status, 0, offline.stderr);
    assert.match(offline.stdout, /keeping the existing artifacts/);
  });
});
