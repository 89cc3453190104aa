/** Trainer overrides: the TSV file, applying the last matching row, the audit trail in the result and reports. */
import assert from 'node:assert/strict';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { gradeExercise } from '../../server/src/core/grading/grade';
import { parseKeyAnnotation } from '../../server/src/core/grading/key';
import { parseOverrides } from '../../server/src/core/grading/overrides';
import { gradeMarkdown } from '../../server/src/core/grading/report';
import { fakeCodeSet } from './grading-fake-codeset';

const KEY = parseKeyAnnotation('date: 2026-03-14\nI11.0\nI50.23 | I50.43\nN17.9 weight=2\nZ79.4 optional\n');
const STUDENT = parseAnnotation('date: 2026-03-14\nI11.0\nI50.9\n');
const T = (rows: string[]) => ['student\tanswer\tcredit\tby\tdate\treason', ...rows].join('\n');

describe('grading: trainer overrides', () => {
  it('reads rows and reports bad ones with their line', () => {
    const f = parseOverrides(
      '# audit trail\n' +
        T([
          'ben\tI50.23\t0.5\tA. Trainer\t2026-03-20\tnote was ambiguous',
          '*\tn17.9\texact\tA. Trainer\t2026-03-21\tAKI accepted for all',
          'ben\tI50.23\t2\t\t20-03-2026\t',
          '\tnot a code\tnone\tX\t2026-03-20\twhy',
        ]),
    );
    assert.deepEqual(
      f.overrides.map((o) => [o.student, o.answer, o.credit, o.by, o.date, o.line]),
      [
        ['ben', 'I5023', 0.5, 'A. Trainer', '2026-03-20', 3],
        ['*', 'N179', 1, 'A. Trainer', '2026-03-21', 4],
      ],
    );
    assert.deepEqual(f.problems, [
      {
        line: 5,
        message:
          "Override not applied: credit '2' is not a number from 0 to 1 (or exact, none); no trainer in \"by\"; date '20-03-2026' is not YYYY-MM-DD; no reason.",
      },
      {
        line: 6,
        message:
          "Override not applied: no student (a name, or * for every student); 'not a code' is not a code of the key.",
      },
    ]);
    assert.deepEqual(parseOverrides('student\tanswer\n').problems, [
      {
        line: 1,
        message:
          'The first row must name the tab-separated columns student, answer, credit, by, date, reason; missing: credit, by, date, reason.',
      },
    ]);
  });

  it('applies the last matching row for the student (or *), with the previous credit and an explained reason', () => {
    const { overrides } = parseOverrides(
      T([
        'ben\tI50.23\t0.5\tA. Trainer\t2026-03-20\tfirst thought',
        'ben\tI50.23\t0.75\tA. Trainer\t2026-03-22\tafter review',
        'ana\tI11.0\t0\tA. Trainer\t2026-03-20\tnot ben',
        '*\tN17.9\t0.5\tB. Lead\t2026-03-23\thalf credit for everyone',
        '*\tJ18.9\t1\tB. Lead\t2026-03-23\tnot in the key',
      ]),
    );
    const without = gradeExercise(KEY, STUDENT, fakeCodeSet);
    assert.equal(without.score.points, 1.25);
    const r = gradeExercise(KEY, STUDENT, fakeCodeSet, { student: 'ben', overrides });
    assert.deepEqual(
      r.keyLines.map((k) => [k.verdict, k.credit, k.points, k.override?.previous ?? null, k.override?.line ?? null]),
      [
        ['exact', 1, 1, null, null],
        ['partial', 0.75, 0.75, { credit: 0.25, points: 0.25 }, 3],
        ['missing', 0.5, 1, { credit: 0, points: 0 }, 5],
        ['missing', 0, 0, null, null],
      ],
    );
    assert.equal(
      r.keyLines[2].reason,
      '+1 of 2 N17.9 (key line 4, weight 2): missing; no student line has it or a related code. Override by B. Lead on 2026-03-23: credit 0 → 0.5 (+1 points): half credit for everyone',
    );
    assert.deepEqual([r.score.points, r.score.keyTotal, r.score.percent], [2.75, 4, 68.8]);
    assert.deepEqual(r.problems, [
      'Override on line 6 of the overrides file: no required key line has the answer J18.9.',
    ]);
    const md = gradeMarkdown(
      { name: 'ben', file: 'hf.ben.codes', result: r },
      { keyFile: 'hf.key.codes', keyFindings: [] },
    );
    assert.match(
      md,
      /## Trainer overrides\n\n- key line 3 I50\.23: 0\.25 → 0\.75 of 1 points, by A\. Trainer on 2026-03-22 \(overrides file line 3\): after review\n/,
    );
    assert.match(md, /\| partial \(category\); override: credit 0\.25 → 0\.75 \|/);
  });
});
