/**
 * The worked examples of docs/exercises.md ("Worked examples"), with their exact numbers, over a small
 * hand-made code set (test/unit/grading-fake-codeset.ts).
 */
import assert from 'node:assert/strict';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { gradeExercise, partialKind } from '../../server/src/core/grading/grade';
import { parseKeyAnnotation } from '../../server/src/core/grading/key';
import { fakeCodeSet } from './grading-fake-codeset';

const HF_KEY = `# Exercise HF-01 answer key
encounter: HF-01
note: hf.note
setting: inpatient
date: 2026-03-14

I11.0   POA=Y  rationale="Hypertension with heart failure is presumed linked (Guidelines I.C.9.a.1)."
I50.23 | I50.43  POA=Y
N17.9   POA=N
E11.9   POA=Y
Z79.4   optional
`;

const FX_KEY = `encounter: FX-01
setting: outpatient
date: 2026-02-02

S72.001A  weight=2
W19.XXXA
`;

function student(codes: string[], date = '2026-03-14'): string {
  return `key: hf.key.codes\ndate: ${date}\n\n${codes.join('\n')}\n`;
}

function grade(key: string, codes: string[], opts = {}) {
  return gradeExercise(parseKeyAnnotation(key), parseAnnotation(student(codes)), fakeCodeSet, opts);
}

describe('grading: worked examples of docs/exercises.md', () => {
  const cases: Array<{
    name: string;
    key: string;
    codes: string[];
    points: number;
    keyTotal: number;
    entered: number;
    denominator: number;
    overEntry: boolean;
    percent: number;
    principal: boolean;
    poa?: [number, number];
    opts?: object;
  }> = [
    {
      name: '1 all right, one POA wrong',
      key: HF_KEY,
      codes: ['I11.0 POA=Y', 'I50.23 POA=Y', 'N17.9 POA=Y', 'E11.9 POA=Y'],
      points: 4,
      keyTotal: 4,
      entered: 4,
      denominator: 4,
      overEntry: false,
      percent: 100,
      principal: true,
      poa: [3, 4],
    },
    {
      name: '2 one missing, principal wrong',
      key: HF_KEY,
      codes: ['I50.23 POA=Y', 'I11.0 POA=Y', 'E11.9 POA=Y'],
      points: 3,
      keyTotal: 4,
      entered: 3,
      denominator: 4,
      overEntry: false,
      percent: 75,
      principal: false,
      poa: [3, 3],
    },
    {
      name: '3 over-entry',
      key: HF_KEY,
      codes: ['I11.0', 'I50.23', 'N17.9', 'E11.9', 'J18.9', 'I10'],
      points: 4,
      keyTotal: 4,
      entered: 6,
      denominator: 6,
      overEntry: true,
      percent: 66.7,
      principal: true,
      poa: [0, 4],
    },
    {
      name: '4 partial credit (specificity, category)',
      key: HF_KEY,
      codes: ['I11.0 POA=Y', 'I50.22 POA=Y', 'N17.9 POA=N', 'E11.65 POA=Y'],
      points: 2.75,
      keyTotal: 4,
      entered: 4,
      denominator: 4,
      overEntry: false,
      percent: 68.8,
      principal: true,
      poa: [4, 4],
    },
    {
      name: '5 alternative, duplicate and optional code',
      key: HF_KEY,
      codes: ['I11.0 POA=Y', 'I50.43 POA=Y', 'I50.43 POA=Y', 'N17.9 POA=N', 'E11.9 POA=Y', 'Z79.4'],
      points: 4,
      keyTotal: 4,
      entered: 4,
      denominator: 4,
      overEntry: false,
      percent: 100,
      principal: true,
      poa: [4, 4],
    },
    {
      name: '6 weight and 7th character',
      key: FX_KEY,
      codes: ['S72.001D', 'W19.XXXA'],
      points: 2,
      keyTotal: 3,
      entered: 2,
      denominator: 3,
      overEntry: false,
      percent: 66.7,
      principal: false,
    },
    {
      name: '7 laterality plus one extra',
      key: FX_KEY,
      codes: ['S72.002A', 'W19.XXXA', 'I10'],
      points: 2,
      keyTotal: 3,
      entered: 3,
      denominator: 4,
      overEntry: true,
      percent: 50,
      principal: false,
    },
    {
      name: '8 configured weights: 7th character worth 0.8',
      key: FX_KEY,
      codes: ['S72.001D', 'W19.XXXA'],
      points: 2.6,
      keyTotal: 3,
      entered: 2,
      denominator: 3,
      overEntry: false,
      percent: 86.7,
      principal: false,
      opts: { partialWeights: { 'seventh-character': 0.8 } },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const r = grade(c.key, c.codes, c.opts);
      assert.deepEqual(
        {
          points: r.score.points,
          keyTotal: r.score.keyTotal,
          entered: r.score.entered,
          denominator: r.score.denominator,
          overEntry: r.score.overEntry,
          percent: r.score.percent,
          principal: r.principal.correct,
        },
        {
          points: c.points,
          keyTotal: c.keyTotal,
          entered: c.entered,
          denominator: c.denominator,
          overEntry: c.overEntry,
          percent: c.percent,
          principal: c.principal,
        },
      );
      if (c.poa) assert.deepEqual([r.poa.correct, r.poa.checked], c.poa);
      assert.equal(r.schemaVersion, 1);
    });
});

describe('grading: verdicts', () => {
  it('exact, alternative, optional and duplicate verdicts with line numbers', () => {
    const r = grade(HF_KEY, ['I11.0 POA=Y', 'I50.43 POA=Y', 'I50.43 POA=Y', 'N17.9 POA=N', 'E11.9 POA=Y', 'Z79.4']);
    assert.deepEqual(
      r.keyLines.map((k) => [k.keyLine, k.verdict, k.studentLine, k.points, k.possible, k.matchedAnswer]),
      [
        [7, 'exact', 4, 1, 1, 'I11.0'],
        [8, 'exact', 5, 1, 1, 'I50.43'],
        [9, 'exact', 7, 1, 1, 'N17.9'],
        [10, 'exact', 8, 1, 1, 'E11.9'],
        [11, 'exact', 9, 0, 0, 'Z79.4'],
      ],
    );
    assert.deepEqual(
      r.studentLines.map((s) => [s.studentLine, s.verdict, s.keyLine ?? s.duplicateOf]),
      [
        [4, 'matched', 7],
        [5, 'matched', 8],
        [6, 'duplicate', 5],
        [7, 'matched', 9],
        [8, 'matched', 10],
        [9, 'optional', 11],
      ],
    );
    assert.deepEqual(r.counts, { exact: 4, partial: 0, missing: 0, extra: 0, duplicate: 1, optional: 1 });
    // the alternative shows the student's title, because it differs from the written answer
    assert.equal(
      r.keyLines[1].student?.title,
      'Acute on chronic combined systolic (congestive) and diastolic (congestive) heart failure',
    );
    assert.equal(r.keyLines[0].rationale, 'Hypertension with heart failure is presumed linked (Guidelines I.C.9.a.1).');
  });

  it('missing and extra verdicts with reasons', () => {
    const r = grade(HF_KEY, ['I11.0', 'J18.9']);
    assert.deepEqual(
      r.keyLines.map((k) => k.verdict),
      ['exact', 'missing', 'missing', 'missing', 'missing'],
    );
    assert.deepEqual(
      r.studentLines.map((s) => [s.verdict, s.code.code]),
      [
        ['matched', 'I11.0'],
        ['extra', 'J18.9'],
      ],
    );
    assert.equal(r.keyLines[2].reason, '-1 N17.9 (key line 9): missing; no student line has it or a related code.');
    assert.equal(
      r.reasons.find((x) => x.startsWith('extra')),
      'extra J18.9 (Pneumonia, unspecified organism) (student line 5): not in the key; counts as an entered code (over-entry rule).',
    );
    assert.equal(r.score.percent, 25);
    assert.equal(
      r.reasons.find((x) => x.startsWith('Score')),
      "Score: 1 ÷ 4 (the key's total) = 25%.",
    );
  });

  it('partial verdicts give both titles and the 7th-character meanings', () => {
    const r = grade(FX_KEY, ['S72.001D', 'W19.XXXA']);
    const k = r.keyLines[0];
    assert.equal(k.verdict, 'partial');
    assert.equal(k.partialKind, 'seventh-character');
    assert.equal(k.points, 1);
    assert.equal(k.possible, 2);
    assert.equal(
      k.student?.title,
      'Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing',
    );
    assert.equal(
      k.answers[0].title,
      'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    );
    assert.match(
      k.reason,
      /^\+1 of 2 S72\.001A \(key line 5, weight 2\): partial \(right code, wrong 7th character, 50% credit\)/,
    );
    assert.match(k.reason, /key A = initial encounter for closed fracture, student D = subsequent encounter/);
  });

  it('principal is scored on its own; secondary order is ignored', () => {
    const a = grade(HF_KEY, ['I11.0', 'E11.9', 'N17.9', 'I50.23']);
    assert.equal(a.principal.correct, true);
    assert.equal(a.score.percent, 100);
    const b = grade(HF_KEY, ['N17.9', 'I11.0', 'E11.9', 'I50.23']);
    assert.equal(b.principal.correct, false);
    assert.equal(b.score.percent, 100);
    assert.equal(
      b.principal.reason,
      "Principal: wrong — the student listed N17.9 (Acute kidney failure, unspecified) first; the key's principal is I11.0 (Hypertensive heart disease with heart failure).",
    );
  });

  it('POA wrong and missing are each explained', () => {
    const r = grade(HF_KEY, ['I11.0 POA=N', 'I50.23']);
    assert.deepEqual(r.keyLines[0].poa, { key: 'Y', student: 'N', correct: false });
    assert.deepEqual(r.keyLines[1].poa, { key: 'Y', correct: false });
    assert.ok(r.reasons.includes('POA: wrong — I11.0 (key line 7) is POA=Y; the student gave POA=N.'));
    assert.ok(r.reasons.includes('POA: wrong — I50.23 (key line 8) is POA=Y; the student gave no POA.'));
  });

  it('is deterministic: same input, same JSON', () => {
    const codes = ['I50.22', 'I50.9', 'I11.0', 'E11.65', 'I10'];
    assert.equal(JSON.stringify(grade(HF_KEY, codes)), JSON.stringify(grade(HF_KEY, codes)));
  });

  it('best partial wins: I50.22 goes to I50.23 (specificity) before I50.9 (category) is considered', () => {
    const r = grade(HF_KEY, ['I11.0', 'I50.9', 'I50.22']);
    assert.equal(r.keyLines[1].verdict, 'partial');
    assert.equal(r.keyLines[1].partialKind, 'specificity');
    assert.equal(r.keyLines[1].student?.code, 'I50.22');
    assert.deepEqual(
      r.studentLines.map((s) => s.verdict),
      ['matched', 'extra', 'matched'],
    );
  });

  it('says when the student code itself cannot be reported (header, invalid)', () => {
    const r = grade(HF_KEY, ['I11.0', 'I50.2', 'Q99.X9']);
    assert.equal(r.keyLines[1].partialKind, 'specificity');
    assert.match(r.keyLines[1].reason, /\. I50\.2 is a header, not a billable code in ICD-10-CM FY2026\.$/);
    assert.equal(
      r.studentLines[2].reason,
      'extra Q99.X9 (student line 6): not in the key; counts as an entered code (over-entry rule). Q99.X9 is not an ICD-10-CM code in ICD-10-CM FY2026.',
    );
  });

  it('an empty student file scores 0 and says so', () => {
    const r = grade(HF_KEY, []);
    assert.equal(r.score.percent, 0);
    assert.equal(r.principal.correct, false);
    assert.ok(r.problems.includes("The student's file has no codes."));
  });

  it('a bad configured weight falls back to the default and says so', () => {
    const r = grade(FX_KEY, ['S72.001D', 'W19.XXXA'], { partialWeights: { laterality: 7 } });
    assert.equal(r.options.partialWeights.laterality, 0.5);
    assert.deepEqual(r.problems, ['Partial weight for laterality must be between 0 and 1; the default 0.5 was used.']);
  });
});

describe('grading: partialKind', () => {
  const t = (c: string) => fakeCodeSet.title(c);
  const cases: Array<[string, string, string | undefined]> = [
    ['S72001A', 'S72001D', 'seventh-character'],
    ['S72001A', 'S72002A', 'laterality'],
    ['M1711', 'M1712', 'laterality'],
    ['I5023', 'I5022', 'specificity'],
    ['I5023', 'I509', 'category'],
    ['E119', 'E1165', 'category'],
    ['I110', 'I10', undefined],
    ['I5023', 'N179', undefined],
    ['I5023', 'I5023', undefined],
  ];
  for (const [a, s, want] of cases)
    it(`${a} vs ${s} → ${want ?? 'unrelated'}`, () => assert.equal(partialKind(a, s, t), want));
});
