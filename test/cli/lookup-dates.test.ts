/**
 * `coding-review lookup` shows true validity dates (mid-year editions) and honest CC/MCC labels (issue 10):
 * runs the built dist/cli.js and asserts its JSON and text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

function lookup(args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'lookup', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Period {
  status: string;
  from: string;
  to: string;
}

describe('cli: lookup validity dates and MS-DRG version', function () {
  this.timeout(30_000);
  before(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs\` first`);
  });

  // code, date, edition id, classification kind, validity periods [status, from, to]
  const table: Array<[string, string, string, string, Array<[string, string, string]>]> = [
    ['U07.1', '2020-03-31', 'fy2020', 'not-yet-valid', [['B', '2020-04-01', '2026-09-30']]],
    ['U07.1', '2020-04-01', 'fy2020-april', 'billable', [['B', '2020-04-01', '2026-09-30']]],
    [
      'M35.8',
      '2020-12-31',
      'fy2021',
      'billable',
      [
        ['B', '2015-10-01', '2020-12-31'],
        ['H', '2021-01-01', '2026-09-30'],
      ],
    ],
    ['Z20.822', '2020-12-31', 'fy2021', 'not-yet-valid', [['B', '2021-01-01', '2026-09-30']]],
    ['Z28.310', '2022-04-01', 'fy2022-april', 'billable', [['B', '2022-04-01', '2026-09-30']]],
    ['T74.A1XA', '2023-03-31', 'fy2023', 'not-yet-valid', [['B', '2023-04-01', '2026-09-30']]],
    ['T40.7X1A', '2022-01-10', 'fy2022', 'deleted', [['B', '2015-10-01', '2021-09-30']]],
  ];
  for (const [code, date, edition, kind, periods] of table) {
    it(`${code} on ${date}: ${kind} in ${edition}, valid ${periods.map((p) => `${p[1]}..${p[2]}`).join(', ')}`, () => {
      const r = lookup([code, '--date', date, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout) as {
        edition: { id: string };
        classification: { kind: string };
        validity: Period[];
      };
      assert.equal(j.edition.id, edition);
      assert.equal(j.classification.kind, kind);
      assert.deepEqual(
        j.validity.map((p) => [p.status, p.from, p.to]),
        periods,
      );
    });
  }

  it('text: the edition with its dates, the validity lines and the not-yet-valid date', () => {
    const r = lookup(['U07.1', '--date', '2020-03-31']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'ICD-10-CM FY2020, 2019-10-01 to 2020-03-31 (date of service 2020-03-31)');
    assert.ok(lines.includes('not yet valid: valid from 2020-04-01 (first in ICD-10-CM FY2020 April update)'));
    assert.ok(
      lines.includes(
        'valid: billable 2020-04-01 to 2026-09-30 (the newest edition available): ICD-10-CM FY2020 April update to ICD-10-CM FY2026',
      ),
    );
  });

  it('Z59.01 on 2026-01-15: no CC in MS-DRG v40, with the version period and a caution (text and JSON)', () => {
    const t = lookup(['Z59.01', '--date', '2026-01-15']);
    assert.match(t.stdout, /^neither CC nor MCC \(MS-DRG v40 \(FY2023\), discharges 2022-10-01 to 2023-09-30\)$/m);
    assert.match(
      t.stdout,
      /^ {2}caution: MS-DRG v40 \(FY2023\) covers discharges 2022-10-01 to 2023-09-30; .* may be out of date/m,
    );
    const j = JSON.parse(lookup(['Z59.01', '--date', '2026-01-15', '--json']).stdout) as {
      ccMcc: unknown;
      msdrg: { version: string; from: string; to: string; caution?: string };
    };
    assert.equal(j.ccMcc, null);
    assert.deepEqual([j.msdrg.version, j.msdrg.from, j.msdrg.to], ['MS-DRG v40 (FY2023)', '2022-10-01', '2023-09-30']);
    assert.match(j.msdrg.caution ?? '', /may be out of date/);
  });

  it('I50.23 on 2023-05-01 (within v40): MCC, no caution', () => {
    const j = JSON.parse(lookup(['I50.23', '--date', '2023-05-01', '--json']).stdout) as {
      ccMcc: { level: string };
      msdrg: { caution?: string };
    };
    assert.equal(j.ccMcc.level, 'MCC');
    assert.equal(j.msdrg.caution, undefined);
  });

  it('Z79.4 in FY2026: the notes say which Tabular they come from and leave out the deleted Excludes1', () => {
    const j = JSON.parse(lookup(['Z79.4', '--date', '2026-03-14', '--json']).stdout) as {
      notes: { provenance: string; notes: Array<{ kind: string }>; removed: Array<{ source: string }> };
    };
    assert.match(j.notes.provenance, /^FY2021 Tabular List \(no FY2026 Tabular available; notes as of FY2021\)/);
    assert.equal(j.notes.notes.filter((n) => n.kind === 'excludes1').length, 0);
    assert.match(j.notes.removed[0]!.source, /I\.C\.4\.a\.3/);
  });
});
