/** Properties of the answer-key parser and the grader over random input (fast-check): total, offsets kept, bounded scores. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { DASH_CODE } from '../../server/src/core/annotation/pasted';
import { gradeExercise } from '../../server/src/core/grading/grade';
import { blankKeySyntax, parseKeyAnnotation } from '../../server/src/core/grading/key';
import { fakeCodeSet } from './grading-fake-codeset';

const CODES = [
  'I11.0',
  'I50.23',
  'I50.43',
  'I50.22',
  'I50.9',
  'N17.9',
  'E11.9',
  'E11.65',
  'Z79.4',
  'J18.9',
  'I10',
  'S72.001A',
  'S72.001D',
  'S72.002A',
  'W19.XXXA',
  'M17.11',
  'M17.12',
  'X99.9',
];
const code = fc.constantFrom(...CODES);
const keyLine = fc
  .tuple(
    code,
    fc.array(code, { maxLength: 2 }),
    fc.boolean(),
    fc.constantFrom('', ' POA=Y', ' POA=N'),
    fc.constantFrom('', ' weight=2', ' weight=0.5'),
  )
  .map(([c, alts, opt, poa, w]) => `${c}${alts.map((a) => ` | ${a}`).join('')}${opt ? ' optional' : ''}${poa}${w}`);
const studentLine = fc.tuple(code, fc.constantFrom('', ' POA=Y', ' POA=N')).map(([c, p]) => `${c}${p}`);

describe('grading: properties', () => {
  it('blankKeySyntax keeps the length and every line break', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const b = blankKeySyntax(s).text;
        assert.equal(b.length, s.length);
        for (let i = 0; i < s.length; i++) if (s[i] === '\n' || s[i] === '\r') assert.equal(b[i], s[i]);
      }),
    );
  });

  it('parseKeyAnnotation never throws and its spans point at the written text', () => {
    // the case random runs found: a dash typed for the dot is read as the dot, the span is the written code
    const dashed = parseKeyAnnotation('date: 2026-03-14\nA00-0\n');
    assert.deepEqual(
      dashed.lines.map((l) => [l.raw, l.codeSpan]),
      [['A00.0', { start: 17, end: 22 }]],
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(keyLine, fc.string({ maxLength: 40 })), { maxLength: 12 }), (lines) => {
        const text = `date: 2026-03-14\n${lines.join('\n')}\n`;
        const f = parseKeyAnnotation(text);
        for (const l of f.lines) {
          // the span covers the code as written; raw is that code as read, a pasted dash for the dot (`A00-0`,
          // `D63–1`) read as the dot (core/annotation/pasted.ts DASH_CODE)
          const written = text.slice(l.codeSpan.start, l.codeSpan.end);
          const dash = DASH_CODE.exec(written);
          assert.equal(dash ? `${dash[1]}.${dash[2]}` : written, l.raw);
          for (const a of l.alternatives ?? []) assert.equal(text.slice(a.span.start, a.span.end), a.raw);
        }
      }),
    );
  });

  it('scores stay in [0, 1], points ≤ key total, and grading is deterministic', () => {
    fc.assert(
      fc.property(
        fc.array(keyLine, { minLength: 1, maxLength: 6 }),
        fc.array(studentLine, { maxLength: 8 }),
        (k, s) => {
          const key = parseKeyAnnotation(`date: 2026-03-14\n${k.join('\n')}\n`);
          const student = parseAnnotation(`date: 2026-03-14\n${s.join('\n')}\n`);
          const r = gradeExercise(key, student, fakeCodeSet);
          assert.ok(r.score.fraction >= 0 && r.score.fraction <= 1, JSON.stringify(r.score));
          assert.ok(r.score.points <= r.score.keyTotal + 1e-9);
          assert.equal(r.score.denominator, Math.max(r.score.keyTotal, r.score.enteredTotal));
          // every student line gets exactly one verdict; every key line one result
          assert.equal(r.studentLines.length, student.lines.length);
          assert.equal(r.keyLines.length, key.lines.length);
          assert.equal(JSON.stringify(gradeExercise(key, student, fakeCodeSet)), JSON.stringify(r));
          // grading the key's own written codes against itself gives 100% when it has required lines
          const self = parseAnnotation(
            `date: 2026-03-14\n${key.lines
              .filter((l) => !l.optional)
              .map((l) => l.raw)
              .join('\n')}\n`,
          );
          const dupFree = new Set(self.lines.map((l) => l.code)).size === self.lines.length;
          const altFree = key.lines.every((l) => !(l.alternatives ?? []).length);
          if (r.score.keyTotal > 0 && dupFree && altFree)
            assert.equal(gradeExercise(key, self, fakeCodeSet).score.percent, 100);
        },
      ),
    );
  });
});
