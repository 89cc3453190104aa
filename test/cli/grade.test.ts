/** `coding-review grade`: runs the built dist/cli.js (npm test builds it) on examples/exercises and asserts the JSON. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const ex = (name: string, file: string) => path.join('examples/exercises', name, file);

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]) {
  const r = run([...args, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('cli: grade', function () {
  this.timeout(60_000);
  before(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs\` first`);
  });

  it('one student: score, principal, POA, and each key line verdict', () => {
    const j = json([
      'grade',
      ex('hf-admission', 'hf-admission.key.codes'),
      ex('hf-admission', 'hf-admission.ben.codes'),
    ]);
    assert.equal(j.schemaVersion, 1);
    assert.equal(j.kind, 'grade');
    assert.deepEqual(j.student, { name: 'ben', file: ex('hf-admission', 'hf-admission.ben.codes') });
    assert.equal(j.edition, 'ICD-10-CM FY2026');
    assert.deepEqual(j.score, {
      points: 3.25,
      keyTotal: 4,
      entered: 4,
      enteredTotal: 4,
      overEntry: false,
      denominator: 4,
      fraction: 0.8125,
      percent: 81.3,
    });
    assert.equal(j.principal.correct, false);
    assert.deepEqual(j.poa, { checked: 4, correct: 3 });
    assert.deepEqual(
      j.keyLines.map(
        (k: { keyLine: number; verdict: string; partialKind?: string; studentLine?: number; points: number }) => [
          k.keyLine,
          k.verdict,
          k.partialKind ?? null,
          k.studentLine ?? null,
          k.points,
        ],
      ),
      [
        [7, 'exact', null, 8, 1],
        [8, 'exact', null, 7, 1],
        [9, 'exact', null, 9, 1],
        [10, 'partial', 'category', 10, 0.25],
        [11, 'missing', null, null, 0],
      ],
    );
    // titles of both codes where they differ
    assert.equal(j.keyLines[3].answers[0].title, 'Type 2 diabetes mellitus without complications');
    assert.deepEqual(j.keyLines[3].student, { code: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia' });
    assert.match(j.keyLines[0].rationale, /I\.C\.9\.a\.1/);
    assert.ok(j.reasons.includes("Score: 3.25 ÷ 4 (the key's total) = 81.3%."));
  });

  it('injury exercise: 7th character and laterality partials, a missed procedure, over-entry', () => {
    const hana = json([
      'grade',
      ex('hip-fracture', 'hip-fracture.key.codes'),
      ex('hip-fracture', 'hip-fracture.hana.codes'),
    ]);
    assert.deepEqual(
      hana.keyLines.map((k: { verdict: string; partialKind?: string; points: number; possible: number }) => [
        k.verdict,
        k.partialKind ?? null,
        k.points,
        k.possible,
      ]),
      [
        ['partial', 'seventh-character', 1, 2],
        ['exact', null, 1, 1],
        ['partial', 'seventh-character', 0.5, 1],
        ['missing', null, 0, 1],
        ['missing', null, 0, 0],
        ['exact', null, 1, 1],
      ],
    );
    assert.equal(hana.score.percent, 58.3);
    assert.match(
      hana.keyLines[0].reason,
      /key A = initial encounter for closed fracture, student D = subsequent encounter/,
    );
    const ivan = json([
      'grade',
      ex('hip-fracture', 'hip-fracture.key.codes'),
      ex('hip-fracture', 'hip-fracture.ivan.codes'),
    ]);
    assert.equal(ivan.keyLines[0].partialKind, 'laterality');
    assert.deepEqual(ivan.keyLines[5].answers, [
      {
        code: '0SRR0J9',
        title: 'Replacement of Right Hip Joint, Femoral Surface with Synthetic Substitute, Cemented, Open Approach',
      },
    ]);
    assert.deepEqual(
      ivan.studentLines.map((s: { studentLine: number; verdict: string; code: { code: string } }) => [
        s.studentLine,
        s.verdict,
        s.code.code,
      ]),
      [
        [7, 'matched', 'S72.002A'],
        [8, 'matched', 'I10'],
        [9, 'matched', 'W01.0XXA'],
        [10, 'matched', 'Y92.012'],
        [11, 'optional', 'Y93.01'],
        [12, 'extra', 'Z96.641'],
        [13, 'extra', '0SR9019'],
      ],
    );
    assert.deepEqual(
      [ivan.score.points, ivan.score.enteredTotal, ivan.score.overEntry, ivan.score.percent],
      [4, 7, true, 57.1],
    );
  });

  it('a folder gives a class report: students by name, lines most missed first', () => {
    const j = json(['grade', ex('diabetes-visit', 'diabetes-visit.key.codes'), 'examples/exercises/diabetes-visit']);
    assert.equal(j.kind, 'class');
    assert.deepEqual(
      j.students.map((s: { name: string; percent: number; principalCorrect: boolean }) => [
        s.name,
        s.percent,
        s.principalCorrect,
      ]),
      [
        ['dee', 100, true],
        ['eli', 60, false], // 55% before the trainer's override in diabetes-visit.overrides.tsv
        ['fay', 81.3, false],
      ],
    );
    assert.deepEqual(
      j.lines.map((l: { keyLine: number; missing: number; partial: number; exact: number }) => [
        l.keyLine,
        l.missing,
        l.partial,
        l.exact,
      ]),
      [
        [8, 0, 2, 1],
        [7, 0, 1, 2],
        [9, 0, 0, 3],
        [10, 0, 0, 3],
      ],
    );
    assert.equal(j.average, 80.4);
    const eli = j.results.find((x: { name: string }) => x.name === 'eli').result;
    assert.deepEqual(eli.keyLines[0].override, {
      by: 'T. Trainer',
      date: '2025-12-01',
      reason: 'The glucose values are in the HPI only and eli asked about it in class; half credit after review.',
      line: 4,
      previous: { credit: 0.25, points: 0.25 },
    });
    assert.deepEqual(j.keyFindings, []);
    assert.equal(j.results.length, 3);
  });

  it('the key alone grades the answers beside it; markdown and csv class reports', () => {
    const md = run(['grade', ex('hf-admission', 'hf-admission.key.codes'), '--format', 'markdown']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Class report: /);
    assert.match(md.stdout, /\| ana \| 100% \| right \| 4\/4 \| 4 \| 0 \| 0 \| 0 \|/);
    assert.match(md.stdout, /\| 9 \| `N17\.9` \| 1 \| 0 \| 2 \| chen \|/);
    const csv = run(['grade', ex('hf-admission', 'hf-admission.key.codes'), '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = csv.stdout.trim().split('\r\n');
    assert.equal(
      rows[0],
      'student,file,percent,points,denominator,overEntry,principalCorrect,poaCorrect,poaChecked,line 7 I11.0,line 8 I50.23 | I50.43,line 9 N17.9,line 10 E11.9',
    );
    assert.equal(
      rows[2],
      'ben,examples/exercises/hf-admission/hf-admission.ben.codes,81.3,3.25,4,false,false,3,4,exact,exact,exact,partial:category',
    );
    assert.equal(rows[4], 'missing (count),,,,,,,,,0,0,1,0');
  });

  it('html is a page with escaped text and captioned tables', () => {
    const r = run([
      'grade',
      ex('hf-admission', 'hf-admission.key.codes'),
      ex('hf-admission', 'hf-admission.chen.codes'),
      '--format',
      'html',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(r.stdout, /<caption>Answer key lines for chen<\/caption>/);
    assert.match(r.stdout, /<th scope="col">Verdict<\/th>/);
    assert.match(r.stdout, /Hypertensive heart disease with heart failure/);
    assert.doesNotMatch(r.stdout, /"Hypertensive heart disease"/); // quotes are escaped
  });

  it('--out never overwrites: the second report goes to a new name', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-grade-'));
    try {
      const out = path.join(dir, 'report.md');
      writeFileSync(out, 'my own notes\n');
      const args = [
        'grade',
        ex('hf-admission', 'hf-admission.key.codes'),
        ex('hf-admission', 'hf-admission.ana.codes'),
        '--format',
        'markdown',
        '--out',
        out,
      ];
      const r = run(args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(readFileSync(out, 'utf8'), 'my own notes\n');
      assert.match(r.stderr, /report\.md already exists; wrote .*report-2\.md instead/);
      assert.match(readFileSync(path.join(dir, 'report-2.md'), 'utf8'), /^# Grade: ana/);
      assert.equal(run(args).code, 0);
      assert.ok(existsSync(path.join(dir, 'report-3.md')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken key still grades, lists its errors and exits 1', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-grade-'));
    try {
      writeFileSync(path.join(dir, 'ex.key.codes'), 'date: 2026-03-14\nI11.0\nI50.23 | I50.2\nZ79.4 weight=zero\n');
      writeFileSync(path.join(dir, 'ex.sam.codes'), 'date: 2026-03-14\nI11.0\nI50.2\n');
      const r = run(['grade', path.join(dir, 'ex.key.codes'), path.join(dir, 'ex.sam.codes'), '--format', 'json']);
      assert.equal(r.code, 1);
      const j = JSON.parse(r.stdout);
      assert.deepEqual(
        j.keyFindings
          .filter((f: { severity: string }) => f.severity === 'error')
          .map((f: { line: number; rule: string }) => [f.line, f.rule]),
        [
          [3, 'key-invalid-answer'],
          [4, 'syntax-error'],
        ],
      );
      assert.equal(j.keyLines[1].verdict, 'exact');
      assert.match(r.stderr, /the answer key has 2 error\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('key-unsupported: an answer the note does not document (note reading over the Alphabetic Index)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-grade-'));
    try {
      copyFileSync(path.join(root, ex('hf-admission', 'hf-admission.note')), path.join(dir, 'hf.note'));
      writeFileSync(
        path.join(dir, 'hf.key.codes'),
        'note: hf.note\ndate: 2026-03-14\nsetting: outpatient\nI11.0\nJ18.9\nN17.9 "acute kidney injury"\nE11.9 "diabetes insipidus"\n',
      );
      writeFileSync(path.join(dir, 'hf.sam.codes'), 'I11.0\n');
      const r = run(['grade', path.join(dir, 'hf.key.codes'), path.join(dir, 'hf.sam.codes'), '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const found = JSON.parse(r.stdout).keyFindings.filter((f: { rule: string }) => f.rule === 'key-unsupported');
      assert.deepEqual(
        found.map((f: { line: number }) => f.line),
        [5],
      );
      assert.match(
        found[0].message,
        /^Nothing in hf\.note was found to support J18\.9 \(Pneumonia, unspecified organism\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('weights from the command line', () => {
    const j = json([
      'grade',
      ex('hip-fracture', 'hip-fracture.key.codes'),
      ex('hip-fracture', 'hip-fracture.hana.codes'),
      '--weight',
      '7th=1',
      '--weight',
      'category=0',
    ]);
    assert.deepEqual(j.options.partialWeights, {
      'seventh-character': 1,
      laterality: 0.5,
      specificity: 0.5,
      category: 0,
    });
    assert.equal(j.score.points, 5);
  });

  it('usage and file problems exit 2 with a clear message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['grade'], /grade needs an answer key/],
      [['grade', 'nope.key.codes', 'x.codes'], /answer key nope\.key\.codes does not exist/],
      [
        ['grade', ex('hf-admission', 'hf-admission.key.codes'), 'missing.codes'],
        /student answer missing\.codes does not exist/,
      ],
      [
        ['grade', ex('hf-admission', 'hf-admission.key.codes'), '--format', 'pdf'],
        /--format must be one of text, json, markdown, html, csv/,
      ],
      [['grade', ex('hf-admission', 'hf-admission.key.codes'), '--weight', 'colour=1'], /--weight takes KIND=N/],
      [
        ['grade', ex('hf-admission', 'hf-admission.key.codes'), '--overrides', 'nope.tsv'],
        /overrides file nope\.tsv does not exist/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
    }
  });

  it('a key with no answers beside it says how to name them', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-grade-'));
    try {
      copyFileSync(
        path.join(root, ex('hf-admission', 'hf-admission.key.codes')),
        path.join(dir, 'hf-admission.key.codes'),
      );
      const r = run(['grade', path.join(dir, 'hf-admission.key.codes')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no student answers found .*name them hf-admission\.<student>\.codes beside the key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
