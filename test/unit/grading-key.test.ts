/** Answer-key syntax (alternatives, optional, weight, rationale) and the key-* rules, over a small fake code set. */
import assert from 'node:assert/strict';
import { checkKey, parseKeyAnnotation } from '../../server/src/core/grading/key';
import { fakeCodeSet } from './grading-fake-codeset';

describe('grading: answer-key syntax', () => {
  it('reads alternatives with their spans and keeps other offsets', () => {
    const text = 'date: 2026-03-14\nI50.23 | I50.43|I50.22 POA=Y "acute on chronic" # note | not an alt\n';
    const f = parseKeyAnnotation(text);
    assert.deepEqual(f.problems, []);
    const l = f.lines[0];
    assert.equal(l.code, 'I5023');
    assert.deepEqual(
      l.alternatives?.map((a) => [a.code, text.slice(a.span.start, a.span.end)]),
      [
        ['I5043', 'I50.43'],
        ['I5022', 'I50.22'],
      ],
    );
    assert.equal(l.poa?.value, 'Y');
    assert.equal(l.evidence?.text, 'acute on chronic');
    assert.equal(text.slice(l.evidence!.span.start, l.evidence!.span.end), '"acute on chronic"');
    assert.equal(l.comment?.text, 'note | not an alt');
  });

  it('reads optional (word or attribute), weight and a quoted rationale containing | and optional', () => {
    const text =
      'Z79.4 optional\nE11.9 optional=yes\nI10 weight=2 rationale="not optional | ever"\nN17.9 optional=no\n';
    const f = parseKeyAnnotation(text);
    assert.deepEqual(f.problems, []);
    assert.deepEqual(
      f.lines.map((l) => [l.code, !!l.optional, l.attributes['weight']?.value, l.attributes['rationale']?.value]),
      [
        ['Z794', true, undefined, undefined],
        ['E119', true, undefined, undefined],
        ['I10', false, '2', 'not optional | ever'],
        ['N179', false, undefined, undefined],
      ],
    );
    assert.equal(f.lines[2].alternatives, undefined);
  });

  it('reports a bad weight, a bad optional value and a dangling | at their places', () => {
    const text = 'I10 weight=-1\nE11.9 optional=maybe\nN17.9 |\n';
    const f = parseKeyAnnotation(text);
    assert.deepEqual(
      f.problems.map((p) => [p.rule, text.slice(p.span.start, p.span.end), p.message]),
      [
        ['syntax-error', '|', '`|` needs an alternative code after it, e.g. `I50.23 | I50.43`.'],
        ['syntax-error', '-1', 'weight=-1: a weight is a positive number up to 100, e.g. weight=2 or weight=0.5.'],
        ['syntax-error', 'maybe', 'optional=maybe: write optional=yes or optional=no (or just the word optional).'],
      ],
    );
  });
});

describe('grading: key-* rules', () => {
  const rules = (text: string) => {
    const f = parseKeyAnnotation(text);
    return checkKey(f, fakeCodeSet).map((x) => [x.rule, x.severity, text.slice(x.span.start, x.span.end), x.message]);
  };

  it('a clean key has no findings', () => {
    assert.deepEqual(rules('date: 2026-03-14\nI11.0 POA=Y\nI50.23 | I50.43\nN17.9\nZ79.4 optional\n'), []);
  });

  it('key-invalid-answer for alternatives: a header, a non-code and an incomplete code', () => {
    assert.deepEqual(rules('date: 2026-03-14\nI11.0\nI50.23 | I50.2 | I50.X3\nS72.001A | S72.001\n'), [
      [
        'key-invalid-answer',
        'error',
        'I50.2',
        'Answer I50.2 is a header, not billable: the answer must be a billable code in ICD-10-CM FY2026.',
      ],
      ['key-invalid-answer', 'error', 'I50.X3', 'Answer I50.X3 is not an ICD-10-CM code in ICD-10-CM FY2026.'],
      [
        'key-invalid-answer',
        'error',
        'S72.001',
        'Answer S72.001 is incomplete: it needs a 7th character in ICD-10-CM FY2026.',
      ],
    ]);
  });

  it('the written codes are left to the ordinary annotation rules (no key-invalid-answer, no key-excludes1)', () => {
    assert.deepEqual(rules('date: 2026-03-14\nI50.2\nE11.9\nE10.22\n'), []);
  });

  it('key-no-principal when the first diagnosis is optional; key-no-date without a date', () => {
    assert.deepEqual(rules('Z79.4 optional\nI10\n'), [
      [
        'key-no-date',
        'warning',
        '',
        "The answer key has no 'date:' header, so its answers were checked against ICD-10-CM FY2026. Add the exercise's date of service.",
      ],
      [
        'key-no-principal',
        'error',
        'Z79.4',
        'The first diagnosis Z79.4 is the principal and cannot be optional; move an optional code below the principal.',
      ],
    ]);
  });

  it('key-excludes1 between an alternative and another line, using the inherited note', () => {
    assert.deepEqual(rules('date: 2026-03-14\nI11.0\nE11.9\nN17.9 | E10.22 rationale="teaching"\n'), [
      [
        'key-excludes1',
        'warning',
        'E10.22',
        'E10.22 (line 4) and E11.9 (line 3) should not be coded together: Excludes1 at E11: "type 1 diabetes mellitus (E10.-)".',
      ],
    ]);
  });

  it('key-alternatives is quiet with a rationale; key-duplicate-answer', () => {
    assert.deepEqual(rules('date: 2026-03-14\nI11.0 | I10 rationale="either is accepted in this exercise"\nI10\n'), [
      [
        'key-duplicate-answer',
        'warning',
        'I10',
        'I10 is already an answer on line 2; one student code can match only one key line.',
      ],
    ]);
  });

  it('key-unsupported only when the note reader can tell', () => {
    const f = parseKeyAnnotation('date: 2026-03-14\nI11.0\nN17.9\n');
    const found = checkKey(f, fakeCodeSet, {
      supportedByNote: (l) =>
        l.code === 'N179' ? { supported: false } : l.code === 'I110' ? { supported: true } : undefined,
      noteName: 'hf.note',
    });
    assert.deepEqual(
      found.map((x) => [x.rule, x.code, x.message]),
      [
        [
          'key-unsupported',
          'N17.9',
          "Nothing in hf.note was found to support N17.9 (Acute kidney failure, unspecified). Check that the note documents this answer, or quote its words as the line's evidence.",
        ],
      ],
    );
  });

  it('px alternatives are checked as ICD-10-PCS', () => {
    assert.deepEqual(rules('date: 2026-03-14\nS72.001A\npx 0SRB0J9 | 0SRB0JZ\n'), [
      [
        'key-invalid-answer',
        'error',
        '0SRB0JZ',
        'Answer 0SRB0JZ is not a valid ICD-10-PCS code for 2026-03-14 (invalid).',
      ],
    ]);
  });
});
