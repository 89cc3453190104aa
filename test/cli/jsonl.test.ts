/**
 * `coding-review check --jsonl` (batch mode, docs/scaling.md): runs the built dist/cli.js with JSON lines on
 * stdin. Same findings as `check --format json` for the same text; malformed lines answered, never a crash;
 * one output line per input line, in order; exit 2 without data.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exampleEncounters, toJsonl } from '../helpers/encounters';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

function run(input: string, args: string[] = [], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, 'check', '--jsonl', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  return { code: r.status, lines: lines.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

interface F {
  in: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  code?: string;
}
/** rules that need the note text (docs/rules.md) */
const NOTE_LINK_RULES = new Set([
  'evidence-not-found',
  'unsupported-code',
  'negated-evidence',
  'uncertain-diagnosis-outpatient',
  'more-specific-code-documented',
]);
// (issue 12) rules the linked note can silence (nothing more specific documented, a companion the note says is
// absent): without the note the batch mode may report them where `check` with the note does not
const NOTE_SILENCED_RULES = new Set(['unspecified-code', 'use-additional-code']);
const key = (f: F) => [f.line, f.column, f.endLine, f.endColumn, f.rule, f.code ?? null];

describe('cli: check --jsonl', function () {
  this.timeout(120_000);

  it('gives, per encounter without a note, exactly the findings `check --format json` gives for the file', () => {
    const encs = exampleEncounters();
    const r = run(toJsonl(encs, 1, false));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.lines.length, encs.length);
    const files = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...encs.map((e) => e.file)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const all = JSON.parse(files.stdout) as Array<F & { file: string }>;
    let compared = 0;
    encs.forEach((e, i) => {
      const out = r.lines[i] as { id: string; line: number; findings: F[]; counts: Record<string, number> };
      assert.equal(out.id, e.id);
      assert.equal(out.line, i + 1);
      // `check` on a file may also read the note its header links (rules between a note and its codes);
      // without a `note` field the batch mode has no note, so those rules are left out of the comparison
      const expected = all
        .filter((f) => path.resolve(f.file) === path.resolve(e.file) && !NOTE_LINK_RULES.has(f.rule))
        .filter((f) => e.note === undefined || !NOTE_SILENCED_RULES.has(f.rule))
        .map(key);
      const got = out.findings.filter((f) => e.note === undefined || !NOTE_SILENCED_RULES.has(f.rule));
      assert.deepEqual(got.map(key), expected, e.id);
      assert.ok(out.findings.every((f) => f.in === 'codes'));
      const errors = out.findings.filter((f) => f.severity === 'error').length;
      assert.equal(out.counts.error, errors);
      compared += expected.length;
    });
    assert.ok(compared > 20, `only ${compared} findings compared`);
  });

  it('reads the note when given: note-side findings are positioned in the note text', () => {
    const encs = exampleEncounters().filter((e) => e.note !== undefined);
    assert.ok(encs.length >= 5);
    const r = run(toJsonl(encs));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.lines.length, encs.length);
    let inNote = 0;
    r.lines.forEach((o, i) => {
      const findings = o.findings as F[];
      assert.ok(Array.isArray(findings), JSON.stringify(o));
      for (const f of findings) {
        const text = f.in === 'note' ? encs[i].note! : encs[i].codes;
        const lines = text.split(/\r\n|\r|\n/);
        assert.ok(f.line >= 1 && f.line <= lines.length, `${encs[i].id}: line ${f.line}`);
        assert.ok(f.column >= 1 && f.column <= lines[f.line - 1].length + 1, `${encs[i].id}: column ${f.column}`);
        if (f.in === 'note') inNote++;
      }
    });
    assert.ok(inNote > 0, 'no note-side finding in the examples');
    // the diabetes-ckd example codes a note whose evidence phrases are all quoted: no evidence-not-found
    const dm = r.lines.find((o) => o.id === 'diabetes-ckd/discharge-summary.codes') as { findings: F[] };
    assert.deepEqual(
      dm.findings.filter((f) => f.rule === 'evidence-not-found'),
      [],
    );
  });

  it('answers every malformed line with an error object and keeps going, in input order', () => {
    const good = JSON.stringify({ id: 'ok-1', codes: 'date: 2026-03-14\nsetting: outpatient\n\nI10\n' });
    const input = [
      'not json at all',
      '[1,2,3]',
      '{"codes":"I10"}',
      '{"id":{"x":1},"codes":"I10"}',
      '{"id":"c","codes":42}',
      '{"id":"n","codes":"I10","note":["x"]}',
      '',
      '   ',
      good,
      JSON.stringify({ id: 7, codes: 'x'.repeat(5 * 1024 * 1024 + 1) }),
      '{"id":"trunc","codes":"I1',
      good.replace('ok-1', 'ok-2') + '\r',
      '\u0000\ud800{"id"',
    ].join('\n');
    const r = run(input);
    assert.equal(r.code, 0, r.stderr);
    const summary = r.lines.map((o) => [
      o.id,
      o.line,
      o.error ? 'error' : (o.findings as F[]).map((f) => f.rule).join(','),
    ]);
    assert.deepEqual(summary, [
      [null, 1, 'error'],
      [null, 2, 'error'],
      [null, 3, 'error'],
      [null, 4, 'error'],
      ['c', 5, 'error'],
      ['n', 6, 'error'],
      ['ok-1', 9, ''],
      [7, 10, 'error'],
      [null, 11, 'error'],
      ['ok-2', 12, ''],
      [null, 13, 'error'],
    ]);
    const msg = (i: number) => (r.lines[i].error as { message: string }).message;
    assert.match(msg(0), /^line 1 is not valid JSON/);
    assert.match(msg(1), /must be a JSON object/);
    assert.match(msg(2), /"id" must be a string or a number/);
    assert.match(msg(4), /"codes" must be a string/);
    assert.match(msg(5), /"note" must be a string/);
    assert.match(msg(7), /at most 5242880 characters/);
  });

  it('applies --date to encounters without a date header, and refuses files on the command line', () => {
    // E11.A is first valid in FY2026 (examples/older-edition)
    const enc = JSON.stringify({ id: 'd', codes: 'setting: outpatient\n\nE11.A\n' });
    const old = run(enc + '\n', ['--date', '2025-03-01']);
    const now = run(enc + '\n', ['--date', '2026-03-14']);
    assert.deepEqual(
      (old.lines[0].findings as F[]).map((f) => [f.rule, f.code]),
      [['code-not-in-edition', 'E11.A']],
    );
    assert.deepEqual(
      (now.lines[0].findings as F[]).map((f) => f.rule),
      ['use-additional-code'],
    );
    const bad = run('', ['examples/']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--jsonl reads encounters from stdin; give no files or folders/);
  });

  it('exits 2 with a clear message when the data is missing, before reading any input', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-jsonl-nodata-'));
    try {
      const r = run('{"id":"a","codes":"I10"}\n', [], { CODING_REVIEW_DATA: dir });
      assert.equal(r.code, 2);
      assert.deepEqual(r.lines, []);
      assert.match(r.stderr, /^coding-review check --jsonl: no data in .*manifest\.json is missing.*npm run data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
