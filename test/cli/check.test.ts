/** `coding-review check`: runs the built dist/cli.js (npm test builds it) over examples/ and temp files. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANNOTATION_RULES, CLAIM_EDIT_RULES } from '../../server/src/core/findings/registry';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, 'check', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface J {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  code?: string;
  source: string;
}

const json = (args: string[], env?: Record<string, string>): { code: number | null; list: J[]; stderr: string } => {
  const r = run(['--format', 'json', ...args], env);
  return { code: r.code, list: JSON.parse(r.stdout) as J[], stderr: r.stderr };
};

/** [line, column, endLine, endColumn, rule, code] */
type Row = [number, number, number, number, string, string | null];

describe('cli: check', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs\` first`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'coding-review-check-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  let all: J[];
  let allCode: number | null;
  before(() => {
    const r = json(['examples/']);
    all = r.list;
    allCode = r.code;
  });

  it('exits 1 on examples/ (they contain errors)', () => assert.equal(allCode, 1));

  it('reports every annotation rule at least once over examples/', () => {
    const seen = new Set(all.map((f) => f.rule));
    for (const r of ANNOTATION_RULES) assert.ok(seen.has(r.id), `no ${r.id} in examples/`);
  });

  it('reports every claim edit at least once over examples/', () => {
    const seen = new Set(all.map((f) => f.rule));
    for (const r of CLAIM_EDIT_RULES) assert.ok(seen.has(r.id), `no ${r.id} in examples/`);
  });

  it('prints the documented JSON shape', () => {
    for (const f of all) {
      assert.deepEqual(
        Object.keys(f)
          .filter((k) => k !== 'code')
          .sort(),
        ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity', 'source'],
      );
      assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity));
      assert.ok(f.line >= 1 && f.column >= 1 && f.endLine >= f.line);
    }
  });

  it('finds nothing in the clean example', () => {
    assert.deepEqual(
      all.filter((f) => f.file.includes('heart-failure' + path.sep + 'discharge-summary')),
      [],
    );
    const r = run(['examples/heart-failure/discharge-summary.codes']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '1 file checked: 0 errors, 0 warnings, 0 information.\n');
  });

  const expected: Array<[string, Row[]]> = [
    [
      'diabetes-ckd/discharge-summary.codes',
      [
        [9, 1, 9, 7, 'use-additional-code', 'E11.22'],
        [11, 1, 11, 6, 'non-billable-code', 'E11.2'],
        [12, 1, 12, 6, 'excludes1-conflict', 'E10.9'],
        // (issue 12) no unspecified-code on N17.9: the note documents nothing more ("cause not determined")
        [13, 1, 13, 6, 'poa-missing', 'N17.9'],
        [14, 1, 14, 7, 'duplicate-code', 'E11.22'],
        // I12.9 "… stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease" is not an
        // unspecified code: "or unspecified" also covers the specified case (docs/rules.md)
        [15, 13, 15, 14, 'poa-invalid', 'I12.9'],
      ],
    ],
    [
      'hip-fracture/discharge-summary.codes',
      [
        // (issue 12) W19.XXXA "Unspecified fall" has no more specific code: no unspecified-code
        [9, 1, 9, 9, 'external-cause-principal', 'W19.XXXA'],
        [10, 1, 10, 8, 'missing-seventh-character', 'S72.001'],
        [11, 1, 11, 9, 'code-not-in-edition', 'S30.1XXA'],
        [12, 1, 12, 8, 'missing-placeholder', 'S30.11A'],
        [13, 10, 13, 15, 'poa-exempt', 'Z87.891'],
        [15, 4, 15, 11, 'invalid-pcs-code', '0SR901Q'],
      ],
    ],
    [
      'dementia-visit/office-visit.codes',
      [
        // F02.A0 is principal: a manifestation as principal is the claim edit manifestation-principal (issue 10)
        [9, 1, 9, 7, 'manifestation-principal', 'F02.A0'],
        [11, 1, 11, 6, 'invalid-code', 'I10.0'],
      ],
    ],
    ['older-edition/office-visit.codes', [[10, 1, 10, 6, 'code-not-in-edition', 'E11.A']]],
    [
      'draft-without-date/clinic-visit.codes',
      [
        [1, 1, 1, 1, 'no-date-of-service', null],
        [5, 1, 5, 6, 'header-error', null],
        [8, 1, 8, 14, 'syntax-error', null],
        // (issue 12) no use-additional-code on J45.20: the note names no tobacco exposure nor eosinophilic asthma
        [9, 76, 9, 90, 'unknown-rule', null],
      ],
    ],
    ['next-year-visit/follow-up.codes', [[6, 7, 6, 17, 'date-outside-editions', null]]],
    // the claim edits (issue 10): age 67, sex M, inpatient
    [
      'claim-edits/discharge-summary.codes',
      [
        [9, 1, 9, 8, 'unacceptable-principal', 'Z87.891'],
        // (issue 12) no unspecified-code: the linked note documents nothing more specific for N81.10 or P07.30
        // (issue 11) the note's "no cystocele" is now read (the Tabular title N81.10 Cystocele, unspecified):
        // negated evidence, not merely unsupported
        [12, 1, 12, 7, 'negated-evidence', 'N81.10'],
        [12, 1, 12, 7, 'sex-conflict', 'N81.10'],
        [13, 1, 13, 7, 'age-conflict', 'P07.30'],
        [15, 4, 15, 11, 'procedure-sex-conflict', '0UT90ZZ'],
      ],
    ],
    // the evidence rules run against the linked note, as in the editor
    [
      'note-reading/discharge-summary.codes',
      [
        // (issue 12) unspecified-code is silent beside more-specific-code-documented and where the note documents
        // nothing more (pneumonia ruled out); no use-additional-code: the note names no insulin or oral drug;
        // I10 with I50.9 is I11.0 (Guidelines I.C.9.a.1)
        [10, 1, 10, 6, 'more-specific-code-documented', 'I50.9'],
        [12, 1, 12, 6, 'negated-evidence', 'J18.9'],
        [13, 1, 13, 4, 'hypertension-combination', 'I10'],
        [13, 16, 13, 40, 'evidence-not-found', 'I10'],
      ],
    ],
    [
      'cdi/sepsis.codes',
      [
        // (issue 12) the UTI is listed before the sepsis present on admission (I.C.1.d.4); no unspecified-code on
        // A41.9: the note names no organism the reader links to a specific A41 code
        [9, 1, 9, 6, 'sepsis-sequencing', 'N39.0'],
        [9, 1, 9, 6, 'unsupported-code', 'N39.0'],
        [9, 1, 9, 6, 'use-additional-code', 'N39.0'],
        [10, 1, 10, 6, 'unsupported-code', 'A41.9'],
      ],
    ],
    [
      'combination-codes/discharge-summary.codes',
      [
        [9, 1, 9, 6, 'sepsis-sequencing', 'N39.0'],
        [12, 1, 12, 4, 'hypertension-combination', 'I10'],
        [13, 1, 13, 51, 'pasted-text', null],
        [14, 1, 14, 7, 'ckd-stage-missing', 'E11.22'],
        [15, 1, 15, 6, 'without-complications-conflict', 'E11.9'],
        [16, 1, 16, 6, 'integral-symptom', 'R50.9'],
      ],
    ],
    ['combination-codes/sirs-visit.codes', [[9, 1, 9, 7, 'sirs-sequencing', 'R65.10']]],
  ];
  for (const [file, rows] of expected) {
    it(`reports exactly the expected findings in examples/${file}`, () => {
      const want = path.join('examples', file);
      const got = all
        .filter((f) => f.file === want)
        .map((f): Row => [f.line, f.column, f.endLine, f.endColumn, f.rule, f.code ?? null]);
      assert.deepEqual(got, rows);
    });
  }

  it('reports the note-link rules the examples show', () => {
    const seen = new Set(all.map((f) => f.rule));
    for (const r of [
      'evidence-not-found',
      'unsupported-code',
      'negated-evidence',
      'more-specific-code-documented',
      'documented-not-coded',
    ])
      assert.ok(seen.has(r), `no ${r} in examples/`);
  });

  it('runs the evidence rules against the linked note; a missing note is note-not-found', () => {
    const d = path.join(tmp, 'linked');
    mkdirSync(d, { recursive: true });
    writeFileSync(
      path.join(d, 'visit.note'),
      'SYNTHETIC NOTE\n\nASSESSMENT AND PLAN\n1. Type 2 diabetes mellitus with diabetic chronic kidney disease, stage 3a.\n' +
        '2. Probable pneumonia, chest x-ray ordered.\n3. Acute kidney injury with acute tubular necrosis.\n',
    );
    writeFileSync(
      path.join(d, 'visit.codes'),
      'note: visit.note\nsetting: outpatient\ndate: 2026-03-01\n\nE11\nJ18.9  "probable pneumonia"\nN17.9\nI10  "high blood pressure"\n',
    );
    writeFileSync(path.join(d, 'missing.codes'), 'note: nowhere.note\ndate: 2026-03-01\n\nI10\n');
    writeFileSync(
      path.join(d, 'quiet.codes'),
      '# coding-review: disable note-not-found\nnote: nowhere.note\ndate: 2026-03-01\n\nI10\n',
    );
    const r = json([d]);
    assert.deepEqual(
      r.list.map((f) => [path.basename(f.file), f.line, f.column, f.endLine, f.endColumn, f.rule, f.code ?? null]),
      [
        ['missing.codes', 1, 7, 1, 19, 'note-not-found', null],
        ['visit.codes', 5, 1, 5, 4, 'non-billable-code', 'E11'],
        // (issue 12) no unspecified-code: the note documents no more specific pneumonia, and N17.9 has
        // more-specific-code-documented
        ['visit.codes', 6, 1, 6, 6, 'uncertain-diagnosis-outpatient', 'J18.9'],
        ['visit.codes', 7, 1, 7, 6, 'more-specific-code-documented', 'N17.9'],
        ['visit.codes', 8, 1, 8, 4, 'unsupported-code', 'I10'],
        ['visit.codes', 8, 6, 8, 27, 'evidence-not-found', 'I10'],
        // (issue 11) the stage after the comma is read: N18.31 (FY2021+), not N18.9
        ['visit.note', 4, 43, 4, 75, 'documented-not-coded', 'N18.31'],
      ],
    );
    assert.equal(
      r.list[0].message,
      "The note 'nowhere.note' was not found beside this file, so the codes could not be checked against it (evidence, support, negation). Correct the `note:` header (a path relative to this file) or add the note.",
    );
    assert.equal(r.list[0].severity, 'warning');
    // the header's quick-fix candidates: what the note documents first, then the defaults
    assert.match(
      r.list[1].message,
      /e\.g\. E11\.22 \(Type 2 diabetes mellitus with diabetic chronic kidney disease\), E11\.9 \(Type 2 diabetes mellitus without complications\), E11\.8 /,
    );
    assert.match(r.list[3].message, /^N17\.9 is unspecified, but visit\.note documents .*: N17\.0 /);
  });

  it('text format: file:line:col: severity rule: message [source], then a summary', () => {
    const r = run(['examples/older-edition']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(
      lines[0],
      /^examples\/older-edition\/office-visit\.codes:10:1: error code-not-in-edition: E11\.A \(Type 2 diabetes mellitus without complications in remission\) is not valid for 2025-03-01 .*\[CMS ICD-10-CM order files: first in ICD-10-CM FY2026, not in ICD-10-CM FY2025\]$/,
    );
    // the folder's note is checked too (CDI query opportunities): none in this one
    assert.equal(lines[1], '2 files checked: 1 error, 0 warnings, 0 information.');
    assert.equal(r.stderr, '', 'no progress output when stderr is not a terminal');
  });

  it('SARIF 2.1.0 with rule metadata and 1-based regions', () => {
    const r = run(['--format', 'sarif', 'examples/hip-fracture']);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'coding-review');
    const ruleIds = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    for (const rule of ANNOTATION_RULES) assert.ok(ruleIds.includes(rule.id), rule.id);
    const byId = Object.fromEntries(
      run0.tool.driver.rules.map((x: { id: string; defaultConfiguration: { level: string } }) => [
        x.id,
        x.defaultConfiguration.level,
      ]),
    );
    assert.equal(byId['invalid-code'], 'error');
    assert.equal(byId['unspecified-code'], 'note');
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'poa-exempt');
    assert.equal(res.level, 'warning');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'poa-exempt');
    assert.deepEqual(res.locations[0].physicalLocation, {
      artifactLocation: { uri: 'examples/hip-fracture/discharge-summary.codes' },
      region: { startLine: 13, startColumn: 10, endLine: 13, endColumn: 15 },
    });
    assert.equal(res.properties.code, 'Z87.891');
    assert.equal(run0.results.length, 6);
  });

  it('--date supplies the date of service for files without one', () => {
    const r = json(['--date', '2026-03-14', 'examples/draft-without-date']);
    assert.deepEqual(
      r.list.map((f) => f.rule),
      ['header-error', 'syntax-error', 'unknown-rule'],
    );
  });

  it('--date does not override a date: header', () => {
    const r = json(['--date', '2026-03-14', 'examples/older-edition']);
    assert.deepEqual(
      r.list.map((f) => f.rule),
      ['code-not-in-edition'],
    );
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['no arguments', [], /no files or folders given/],
    ['unknown format', ['--format', 'xml', 'examples'], /--format must be text, json or sarif/],
    ['bad date', ['--date', '2026-02-30', 'examples'], /--date must be a real date/],
    ['missing value', ['examples', '--date'], /--date needs a value/],
    ['unknown option', ['--fast', 'examples'], /unknown option '--fast'/],
    ['no such path', ['examples/nope.codes'], /no such file or folder: examples\/nope\.codes/],
    ['not a checked file type', ['package.json'], /is not a file type coding-review checks/],
  ];
  for (const [name, args, message] of usage) {
    it(`exit 2 on usage problem: ${name}`, () => {
      const r = run(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  it('exit 2 with a clear message when the data is missing', () => {
    const empty = path.join(tmp, 'no-data');
    mkdirSync(empty, { recursive: true });
    const r = run(['examples/heart-failure'], { CODING_REVIEW_DATA: empty });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /coding-review check: .*no-data/);
  });

  it('exit 2 when a folder has no files to check', () => {
    const d = path.join(tmp, 'empty-folder');
    mkdirSync(d, { recursive: true });
    const r = run([d]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files to check/);
  });

  it('skips binary, non-UTF-8 and huge files with a finding, and checks the others', () => {
    const d = path.join(tmp, 'bad-files');
    mkdirSync(path.join(d, 'sub'), { recursive: true });
    writeFileSync(path.join(d, 'binary.codes'), Buffer.from([0x49, 0x31, 0x30, 0x00, 0xff, 0x00]));
    writeFileSync(path.join(d, 'latin1.codes'), Buffer.from('date: 2026-03-14\nI10 "caf\xe9"\n', 'latin1'));
    writeFileSync(path.join(d, 'huge.codes'), Buffer.alloc(6 * 1024 * 1024, 0x20));
    writeFileSync(path.join(d, 'sub', 'ok.codes'), 'date: 2026-03-14\nI10\n');
    writeFileSync(path.join(d, 'sub', 'readme.txt'), 'not checked');
    const r = json([d]);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.list.map((f) => [path.relative(d, f.file), f.rule, f.line, f.column]),
      [
        ['binary.codes', 'unreadable-file', 1, 1],
        ['huge.codes', 'unreadable-file', 1, 1],
        ['latin1.codes', 'unreadable-file', 1, 1],
      ],
    );
    assert.match(r.list[0].message, /looks binary/);
    assert.match(r.list[1].message, /larger than the 5 MB limit/);
    assert.match(r.list[2].message, /not UTF-8/);
  });

  it('CRLF files get the same positions', () => {
    const f = path.join(tmp, 'crlf.codes');
    writeFileSync(f, 'setting: inpatient\r\ndate: 2026-03-14\r\n\r\nI10 POA=Q\r\n');
    const r = json([f]);
    assert.deepEqual(
      r.list.map((x) => [x.line, x.column, x.endLine, x.endColumn, x.rule]),
      [[4, 9, 4, 10, 'poa-invalid']],
    );
  });

  it('exit 0 when there are only warnings and information', () => {
    const f = path.join(tmp, 'warn.codes');
    writeFileSync(f, 'setting: outpatient\ndate: 2026-03-14\nI10\nI10\nN17.9\n');
    const r = json([f]);
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.list.map((x) => [x.rule, x.severity]),
      [
        ['duplicate-code', 'warning'],
        ['unspecified-code', 'information'],
      ],
    );
  });
});
