/**
 * PHI safety of the CLI (issue 7): every command run over the examples with every Node network entry point
 * guarded (test/helpers/no-network.cjs; its self-test is in test/server/phi.test.ts) uses no network; stderr
 * never carries note text; `grade --out` never overwrites an existing file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exampleEncounters, toJsonl } from '../helpers/encounters';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const GUARD = path.join(root, 'test/helpers/no-network.cjs');

describe('cli: PHI safety', function () {
  this.timeout(120_000);
  let tmp: string;
  let log: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-cli-phi-'));
    log = path.join(tmp, 'network.log');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  function run(args: string[], input?: string) {
    const r = spawnSync(process.execPath, ['--require', GUARD, cli, ...args], {
      cwd: root,
      encoding: 'utf8',
      input,
      env: { ...process.env, NO_NETWORK_LOG: log },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const noNetwork = (stderr: string) => {
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'network used');
    assert.doesNotMatch(stderr, /@@NETWORK@@/);
  };

  it('check examples/ in every format uses no network', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = run(['check', '--format', format, 'examples/']);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stdout.length > 1000, `${format}: ${r.stdout.length} characters of output`);
      noNetwork(r.stderr);
    }
  });

  it('check --jsonl over the example encounters (codes and notes) uses no network', () => {
    const encs = exampleEncounters();
    const r = run(['check', '--jsonl'], toJsonl(encs));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, encs.length);
    noNetwork(r.stderr);
  });

  it('lookup, search and grade use no network', () => {
    for (const args of [
      ['lookup', 'I50.23', '--json', '--date', '2026-03-14'],
      ['search', 'acute', 'on', 'chronic', 'systolic', '--json', '--date', '2026-03-14'],
      ['grade', 'examples/exercises/hf-admission/hf-admission.key.codes', '--format', 'json'],
    ]) {
      const r = run(args);
      assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code} ${r.stderr}`);
      assert.ok(r.stdout.length > 100, args.join(' '));
      noNetwork(r.stderr);
    }
  });

  it('stderr never carries the text of the files checked', () => {
    const marker = `PHIMARKER${randomUUID().replace(/-/g, '')}`;
    const file = path.join(tmp, 'marker.codes');
    writeFileSync(
      file,
      `date: 2026-03-14\nencounter: ${marker}\n\nI50.23 POA=Y "${marker}"  # ${marker}\n${marker} what\nI50.2\n`,
    );
    const r = run(['check', '--format', 'json', file]);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, new RegExp(marker));
    const enc = JSON.stringify({ id: 'x', codes: `date: 2026-03-14\n\n${marker}\n`, note: `Patient ${marker}.` });
    const j = run(['check', '--jsonl'], `${enc}\n{"id": "${marker}", "codes": 1}\nnot json ${marker}\n`);
    assert.equal(j.code, 0);
    assert.equal(j.stderr, '');
    noNetwork(r.stderr + j.stderr);
  });

  it('grade --out never overwrites an existing report', () => {
    const out = path.join(tmp, 'report.md');
    const words = 'My own notes on this class. Keep them.\n';
    writeFileSync(out, words);
    const r = run([
      'grade',
      'examples/exercises/hf-admission/hf-admission.key.codes',
      '--format',
      'markdown',
      '--out',
      out,
    ]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), words);
    assert.ok(existsSync(path.join(tmp, 'report-2.md')));
    assert.match(r.stderr, /report\.md already exists; wrote .*report-2\.md instead/);
    noNetwork(r.stderr);
  });
});
