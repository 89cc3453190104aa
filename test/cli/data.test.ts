/**
 * The CLI with missing or broken data artifacts (a temp copy of dist/ with its data folder broken):
 * every command that needs the data exits 2 with one clear message naming the file and the fix.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DATA_FORMAT_VERSION } from '../../server/src/core/data';
import { distCopy, ROOT, type Breakage } from '../helpers/dist-copy';

const EXAMPLE = path.join(ROOT, 'examples/heart-failure/discharge-summary.codes');

function run(cli: string, args: string[], env: NodeJS.ProcessEnv, input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, env, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CASES: Array<[Breakage, RegExp]> = [
  ['missing-dir', /no data in .*[\\/]dist[\\/]data.*manifest\.json is missing.*npm run data/],
  ['empty-dir', /no data in .*[\\/]dist[\\/]data.*manifest\.json is missing.*npm run data/],
  ['cm-not-gzip', /data file .*cm\.json\.gz is corrupt \(.*\); run `npm run data`/],
  ['cm-truncated', /data file .*cm\.json\.gz is corrupt \(.*\); run `npm run data`/],
  ['cm-bad-json', /data file .*cm\.json\.gz is not valid JSON \(.*\); run `npm run data`/],
  [
    'cm-wrong-version',
    new RegExp(
      `data file .*cm\\.json\\.gz has format version 999, this program reads version ${DATA_FORMAT_VERSION}; run \`npm run data\``,
    ),
  ],
  ['manifest-bad-json', /manifest\.json.*npm run data/],
];

describe('cli: missing or broken data', function () {
  this.timeout(120_000);

  for (const [breakage, message] of CASES) {
    it(`${breakage}: check, check --jsonl and lookup exit 2 with one clear message`, () => {
      const d = distCopy(breakage);
      try {
        const check = run(d.cli, ['check', '--format', 'json', EXAMPLE], d.env);
        assert.equal(check.code, 2, check.stderr);
        assert.equal(check.stdout, '');
        assert.match(check.stderr, message);
        assert.match(check.stderr, /^coding-review check: /);
        assert.equal(check.stderr.trim().split('\n').length, 1, check.stderr);
        const jsonl = run(d.cli, ['check', '--jsonl'], d.env, '{"id":"a","codes":"I10"}\n');
        assert.equal(jsonl.code, 2);
        assert.equal(jsonl.stdout, '');
        assert.match(jsonl.stderr, message);
        const lookup = run(d.cli, ['lookup', 'I50.23'], d.env);
        assert.equal(lookup.code, 2);
        assert.match(lookup.stderr, message);
        assert.doesNotMatch(check.stderr + jsonl.stderr + lookup.stderr, /\n\s+at /, 'no stack trace');
      } finally {
        d.remove();
      }
    });
  }

  it('no-index: the code checks still work; a note is reported as not read', () => {
    const d = distCopy('no-index');
    try {
      const check = run(d.cli, ['check', '--format', 'json', EXAMPLE], d.env);
      assert.equal(check.code, 0, check.stderr);
      assert.deepEqual(JSON.parse(check.stdout), []);
      const enc = JSON.stringify({
        id: 'a',
        codes: 'date: 2026-03-14\nsetting: outpatient\n\nI10\n',
        note: 'Hypertension.',
      });
      const jsonl = run(d.cli, ['check', '--jsonl'], d.env, enc + '\n');
      assert.equal(jsonl.code, 0, jsonl.stderr);
      const out = JSON.parse(jsonl.stdout) as { findings: unknown[]; noteSkipped?: string };
      assert.deepEqual(out.findings, []);
      assert.equal(out.noteSkipped, 'no Alphabetic Index data (index.json.gz); the note was not read');
    } finally {
      d.remove();
    }
  });
});
