/** `coding-review lookup` and `search`: run the built dist/cli.js (npm test builds it) and assert the JSON. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: lookup and search', function () {
  this.timeout(30_000);
  before(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs\` first`);
  });

  const lookups: Array<
    [string[], { kind: string; code: string; edition: string; extra?: (j: Record<string, unknown>) => void }]
  > = [
    [
      ['lookup', 'i5023', '--date', '2026-03-14', '--json'],
      {
        kind: 'billable',
        code: 'I50.23',
        edition: 'fy2026',
        extra: (j) => {
          const h = j.hierarchy as {
            chapter: { num: number };
            block: { id: string };
            ancestors: Array<{ code: string }>;
          };
          assert.equal(h.chapter.num, 9);
          assert.equal(h.block.id, 'I30-I52');
          assert.deepEqual(
            h.ancestors.map((a) => a.code),
            ['I50', 'I50.2'],
          );
          assert.deepEqual(j.ccMcc, { level: 'MCC', version: 'MS-DRG v40 (FY2023)' });
          assert.deepEqual((j.hcc as unknown[])[0], {
            model: 'CMS-HCC V28',
            hcc: 224,
            label: 'Acute on Chronic Heart Failure',
          });
          assert.deepEqual(j.poaExempt, { exempt: false, list: 'POA-exempt list FY2026' });
          const n = j.notes as { hasNode: boolean; tabularYear: number; notes: Array<{ kind: string; from: string }> };
          assert.equal(n.hasNode, true);
          assert.equal(n.tabularYear, 2021);
          assert.ok(n.notes.some((x) => x.kind === 'excludes1' && x.from === 'I50.2'));
        },
      },
    ],
    [
      ['lookup', 'S72.001', '--date=2026-03-14', '--json'],
      {
        kind: 'needs-seventh',
        code: 'S72.001',
        edition: 'fy2026',
        extra: (j) => {
          const c = j.classification as { choices: Array<{ char: string; code: string }> };
          assert.deepEqual(
            c.choices.slice(0, 2).map((x) => x.code),
            ['S72.001A', 'S72.001B'],
          );
        },
      },
    ],
    [['lookup', 'G35', '--date', '2025-06-01', '--json'], { kind: 'billable', code: 'G35', edition: 'fy2025-april' }],
    [
      ['lookup', 'S30.1XXA', '--date', '2026-03-14', '--json'],
      {
        kind: 'deleted',
        code: 'S30.1XXA',
        edition: 'fy2026',
        extra: (j) => {
          const c = j.classification as { lastEdition: { label: string }; replacements: Array<{ code: string }> };
          assert.equal(c.lastEdition.label, 'ICD-10-CM FY2025 April update');
          assert.equal(c.replacements[0]?.code, 'S30.11XA');
        },
      },
    ],
    [
      ['lookup', 'I5O.23', '--date', '2026-03-14', '--json'],
      {
        kind: 'invalid',
        code: 'I5O.23',
        edition: 'fy2026',
        extra: (j) => {
          const c = j.classification as { suggestions: Array<{ code: string; reason: string }> };
          assert.deepEqual(c.suggestions[0] && { code: c.suggestions[0].code, reason: c.suggestions[0].reason }, {
            code: 'I50.23',
            reason: 'o-zero-confusion',
          });
          assert.equal(j.hierarchy, undefined);
        },
      },
    ],
  ];
  for (const [args, want] of lookups) {
    it(`${args.join(' ')} -> ${want.kind}`, () => {
      const r = run(args);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout) as Record<string, unknown>;
      const c = j.classification as { kind: string; code: string };
      assert.equal(c.kind, want.kind);
      assert.equal(c.code, want.code);
      assert.equal((j.edition as { id: string }).id, want.edition);
      want.extra?.(j);
    });
  }

  it('lookup of a PCS code', () => {
    const r = run(['lookup', '02HV33Z', '--date', '2026-03-14', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { pcs: { kind: string; code: string; edition: { label: string } } };
    assert.deepEqual([j.pcs.kind, j.pcs.code, j.pcs.edition.label], ['valid', '02HV33Z', 'ICD-10-PCS FY2026']);
  });

  it('lookup text output names the edition and the classification', () => {
    const r = run(['lookup', 'I50.2', '--date', '2026-03-14']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'ICD-10-CM FY2026, 2025-10-01 to 2026-09-30 (date of service 2026-03-14)',
      'I50.2  Systolic (congestive) heart failure',
      'header: not valid for reporting; use one of its billable codes:',
      '    I50.20  Unspecified systolic (congestive) heart failure',
    ]);
  });

  it('lookup of a header lists the defaults first (E11.9, E11.8), then the other codes in tabular order', () => {
    const r = run(['lookup', 'E11', '--date', '2026-03-01']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout
        .split('\n')
        .slice(3, 8)
        .map((l) => l.trim().split(/\s+/)[0]),
      ['E11.9', 'E11.8', 'E11.A', 'E11.00', 'E11.01'],
    );
  });

  it('search --json ranks I50.23 first for "acute on chronic systolic"', () => {
    const r = run(['search', 'acute', 'on', 'chronic', 'systolic', '--date', '2026-03-14', '--limit', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as {
      query: string;
      edition: { id: string };
      hits: Array<{ code: string; matched: string }>;
    };
    assert.equal(j.query, 'acute on chronic systolic');
    assert.equal(j.edition.id, 'fy2026');
    assert.deepEqual(
      j.hits.map((h) => `${h.code}:${h.matched}`),
      ['I50.23:title', 'I50.43:title'],
    );
  });

  it('search by code prefix', () => {
    const r = run(['search', 'I50.2', '--date', '2026-03-14', '--limit', '5', '--json']);
    const j = JSON.parse(r.stdout) as { hits: Array<{ code: string }> };
    assert.deepEqual(
      j.hits.map((h) => h.code),
      ['I50.2', 'I50.20', 'I50.21', 'I50.22', 'I50.23'],
    );
  });

  const errors: Array<[string[], RegExp]> = [
    [
      ['lookup', 'I50.23', '--date', '2026-11-02'],
      /No ICD-10-CM edition covers 2026-11-02; FY2026 \(to 2026-09-30\) is the newest available\./,
    ],
    [['search', 'heart', '--date', '2026-11-02'], /FY2026 \(to 2026-09-30\) is the newest available/],
    [['lookup', 'I50.23', '--date', 'tomorrow'], /'tomorrow' is not a date; write the date of service as YYYY-MM-DD\./],
    [['lookup'], /lookup takes exactly one code/],
    [['search', '--json'], /search needs words or a code prefix/],
    [['search', 'heart', '--limit', '0'], /--limit must be a positive whole number, not '0'/],
    [['lookup', 'I50.23', '--bogus'], /unknown option '--bogus'/],
  ];
  for (const [args, re] of errors) {
    it(`${args.join(' ')} exits 2 with a clear message`, () => {
      const r = run(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, re);
      assert.equal(r.stdout, '');
    });
  }

  describe('without --date: the edition covering today, else the newest one with a note', () => {
    const after = { CODING_REVIEW_TODAY: '2026-11-26' }; // after FY2026 (to 2026-09-30), the newest edition
    const note =
      'no ICD-10-CM edition covers today (2026-11-26); using ICD-10-CM FY2026 (2025-10-01 to 2026-09-30), ' +
      'the newest available. Pass --date YYYY-MM-DD to choose the date of service.';

    it('lookup --json after the newest edition: exit 0, FY2026, and a note', () => {
      const r = run(['lookup', 'I50.23', '--json'], after);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout) as {
        date: string;
        note?: string;
        edition: { id: string };
        classification: { kind: string };
      };
      assert.deepEqual(
        [j.date, j.edition.id, j.classification.kind, j.note],
        ['2026-11-26', 'fy2026', 'billable', note],
      );
      assert.equal(r.stderr, '');
    });

    it('lookup text after the newest edition: the note on stderr, the edition in the first line', () => {
      const r = run(['lookup', 'I50.23'], after);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, `coding-review lookup: note: ${note}\n`);
      assert.deepEqual(r.stdout.split('\n').slice(0, 2), [
        'ICD-10-CM FY2026, 2025-10-01 to 2026-09-30 (newest edition; no edition covers today, 2026-11-26)',
        'I50.23  Acute on chronic systolic (congestive) heart failure',
      ]);
    });

    it('search after the newest edition: text note on stderr, json note field', () => {
      const t = run(['search', 'I50.2', '--limit', '2'], after);
      assert.equal(t.code, 0, t.stderr);
      assert.equal(t.stderr, `coding-review search: note: ${note}\n`);
      assert.equal(
        t.stdout.split('\n')[0],
        'ICD-10-CM FY2026 (newest edition; no edition covers today, 2026-11-26): 2 results',
      );
      const r = run(['search', 'I50.2', '--limit', '2', '--json'], after);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout) as { note?: string; edition: { id: string }; hits: Array<{ code: string }> };
      assert.deepEqual([j.edition.id, j.note, j.hits.map((h) => h.code)], ['fy2026', note, ['I50.2', 'I50.20']]);
    });

    it('a today inside an edition picks it, with no note', () => {
      const r = run(['lookup', 'G35', '--json'], { CODING_REVIEW_TODAY: '2025-06-01' });
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout) as { date: string; note?: string; edition: { id: string } };
      assert.deepEqual([j.date, j.edition.id, j.note], ['2025-06-01', 'fy2025-april', undefined]);
      assert.equal(r.stderr, '');
    });

    it('an explicit --date outside every edition still exits 2', () => {
      const r = run(['search', 'heart', '--date', '2026-11-26'], after);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /No ICD-10-CM edition covers 2026-11-26; FY2026 \(to 2026-09-30\) is the newest available\./,
      );
      assert.equal(r.stdout, '');
    });
  });

  it('missing data exits 2 and says how to build it', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'ccr-nodata-'));
    try {
      const r = run(['lookup', 'I50.23', '--date', '2026-03-14'], { CODING_REVIEW_DATA: empty });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /npm run data/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
