/** Grade reports: escaping (markdown, HTML, CSV), the class summary ordering and the never-overwrite helper. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { gradeExercise } from '../../server/src/core/grading/grade';
import { parseKeyAnnotation } from '../../server/src/core/grading/key';
import {
  classCsv,
  classReport,
  csvCell,
  gradeCsv,
  gradeHtml,
  gradeMarkdown,
  htmlEscape,
  mdEscape,
  type GradedStudent,
  type ReportMeta,
} from '../../server/src/core/grading/report';
import { exerciseName, keyNameFor, studentFor } from '../../server/src/core/grading/review';
import { writeNewFile } from '../../server/src/cli/grade';
import { fakeCodeSet } from './grading-fake-codeset';

const KEY = parseKeyAnnotation(
  'date: 2026-03-14\nI11.0 POA=Y rationale="<b>linked</b> | presumed & sequenced first"\nI50.23 POA=Y\nN17.9 POA=N\n',
);
const meta: ReportMeta = { keyFile: 'hf.key.codes', keyFindings: [] };
const student = (name: string, codes: string[]): GradedStudent => ({
  name,
  file: `hf.${name}.codes`,
  result: gradeExercise(KEY, parseAnnotation(`date: 2026-03-14\n${codes.join('\n')}\n`), fakeCodeSet),
});

describe('grading: reports', () => {
  it('escapes markdown and HTML', () => {
    assert.equal(mdEscape('a|b *c* <d> [e]'), 'a\\|b \\*c\\* \\<d\\> \\[e\\]');
    assert.equal(htmlEscape(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const s = student('<script>', ['I11.0 POA=Y', 'I50.22 POA=Y']);
    const md = gradeMarkdown(s, meta);
    assert.match(md, /^# Grade: \\<script\\>\n/);
    assert.match(md, /\\<b\\>linked\\<\/b\\> \\\| presumed & sequenced first/);
    const html = gradeHtml(s, meta);
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /<h1>Grade: &lt;script&gt;<\/h1>/);
    assert.match(html, /&lt;b&gt;linked&lt;\/b&gt; \| presumed &amp; sequenced first/);
    assert.match(html, /<tr class="partial"><th scope="row">3<\/th>/);
  });

  it('guards CSV cells against formulas and quotes what needs quoting', () => {
    assert.deepEqual(['-1 I10', '=HYPERLINK("x")', 'a,b', 'plain', 3, true, undefined].map(csvCell), [
      "'-1 I10",
      `"'=HYPERLINK(""x"")"`,
      '"a,b"',
      'plain',
      '3',
      'true',
      '',
    ]);
    const rows = gradeCsv(student('ana', ['I11.0 POA=Y', 'J18.9']))
      .trim()
      .split('\r\n');
    assert.equal(rows.length, 1 + 3 + 1);
    assert.equal(
      rows[3],
      "ana,4,N17.9,false,false,missing,,,,0,1,,'-1 N17.9 (key line 4): missing; no student line has it or a related code.",
    );
    assert.match(rows[4], /^ana,,,,,extra,,3,J18\.9,0,0,,"extra J18\.9 \(Pneumonia, unspecified organism\)/);
  });

  it('class report: students by name, lines most missed first, CSV matrix', () => {
    const c = classReport(
      [student('zoe', ['I11.0 POA=Y']), student('al', ['I11.0 POA=Y', 'I50.22 POA=Y', 'N17.9 POA=N'])],
      meta,
    );
    assert.deepEqual(
      c.students.map((s) => [s.name, s.percent]),
      [
        ['al', 83.3],
        ['zoe', 33.3],
      ],
    );
    assert.deepEqual(
      c.lines.map((l) => [l.keyLine, l.missing, l.partial, l.exact, l.missedBy]),
      [
        [3, 1, 1, 0, ['zoe']],
        [4, 1, 0, 1, ['zoe']],
        [2, 0, 0, 2, []],
      ],
    );
    assert.equal(c.average, 58.3);
    assert.deepEqual(classCsv(c).trim().split('\r\n'), [
      'student,file,percent,points,denominator,overEntry,principalCorrect,poaCorrect,poaChecked,line 2 I11.0,line 3 I50.23,line 4 N17.9',
      'al,hf.al.codes,83.3,2.5,3,false,true,3,3,exact,partial:specificity,exact',
      'zoe,hf.zoe.codes,33.3,1,3,false,true,1,1,exact,missing,missing',
      'missing (count),,,,,,,,,0,1,1',
    ]);
  });
});

describe('grading: which files are answers to which key', () => {
  const cases: Array<[string, string, string | undefined, string | undefined]> = [
    ['hf.key.codes', 'hf.ana.codes', undefined, 'ana'],
    ['hf.key.codes', 'other.codes', 'hf.key.codes', 'other'],
    ['hf.key.codes', 'other.codes', 'dm.key.codes', undefined],
    ['hf.key.codes', 'hf.key.codes', undefined, undefined],
    ['hf.key.codes', 'hf.ana.grade.md', undefined, undefined],
    ['hf.key.codes', 'dm.ana.codes', undefined, undefined],
    ['dir/hf.key.codes', 'dir/hf.ben.codes', 'hf.key.codes', 'ben'],
  ];
  for (const [key, file, header, want] of cases)
    it(`${file} (key: ${header ?? '—'}) answers ${key}: ${want ?? 'no'}`, () =>
      assert.equal(studentFor(key, file, header)?.name, want));

  it('finds the key of an answer and the exercise name', () => {
    assert.deepEqual(keyNameFor('hf.ana.codes', undefined), ['hf.key.codes']);
    assert.deepEqual(keyNameFor('x.codes', '../keys/hf.key.codes'), ['../keys/hf.key.codes']);
    assert.equal(exerciseName('a/b/hf-admission.key.codes'), 'hf-admission');
    assert.equal(exerciseName('hf.codes'), undefined);
  });
});

describe('grading: writeNewFile never overwrites', () => {
  it('picks report-2, report-3 … and leaves existing files alone', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-write-'));
    try {
      const f = path.join(dir, 'report.md');
      writeFileSync(f, 'mine');
      assert.equal(writeNewFile(f, 'a'), path.join(dir, 'report-2.md'));
      assert.equal(writeNewFile(f, 'b'), path.join(dir, 'report-3.md'));
      assert.equal(readFileSync(f, 'utf8'), 'mine');
      assert.equal(readFileSync(path.join(dir, 'report-2.md'), 'utf8'), 'a');
      const g = path.join(dir, 'new.csv');
      assert.equal(writeNewFile(g, 'c'), g);
      assert.ok(existsSync(g));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
