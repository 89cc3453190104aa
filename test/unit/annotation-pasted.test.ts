/**
 * Pasted text (issue 12; docs/annotation-format.md "Pasted text"): non-breaking spaces, curly quotes, a dash for
 * the code's dot and `POA = Y` are read as intended, with ONE pasted-text hint per line whose quick fix writes the
 * line in plain characters; never several findings for one typo, never an error quoting text that looks valid.
 */
import { strict as assert } from 'node:assert';
import { checkAnnotation } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';

let cs: CodeSet;
before(function () {
  this.timeout(60000);
  cs = createCodeSet(getDataset());
});

const HEAD = 'setting: outpatient\ndate: 2026-03-14\n';

/** Applies a finding's single `edit` choice to the text. */
function applyFix(text: string, data: unknown): string {
  const d = data as { fix: string; choices: Array<{ span: { start: number; end: number }; newText: string }> };
  assert.equal(d.fix, 'edit');
  assert.equal(d.choices.length, 1);
  const c = d.choices[0];
  return text.slice(0, c.span.start) + c.newText + text.slice(c.span.end);
}

// [name, code line as pasted, how it is read [code, POA, evidence], the hint's message, the line after the fix]
const cases: Array<[string, string, [string, string | undefined, string | undefined], string, string]> = [
  [
    'non-breaking space',
    'I10\u00a0POA=Y',
    ['I10', 'Y', undefined],
    'Pasted text (a non-breaking space) was read as intended: `I10 POA=Y`. The quick fix writes it in plain characters.',
    'I10 POA=Y',
  ],
  [
    'curly quotes around the evidence',
    'I10  \u201cessential hypertension\u201d',
    ['I10', undefined, 'essential hypertension'],
    'Pasted text (a curly quote) was read as intended: `I10  "essential hypertension"`. The quick fix writes it in plain characters.',
    'I10  "essential hypertension"',
  ],
  [
    'an en dash for the dot',
    'D63\u20131',
    ['D63.1', undefined, undefined],
    'Pasted text (a dash for the dot of the code) was read as intended: `D63.1`. The quick fix writes it in plain characters.',
    'D63.1',
  ],
  [
    'POA = Y',
    'I10  POA = Y',
    ['I10', 'Y', undefined],
    'Pasted text (spaces around "=" in POA) was read as intended: `I10  POA=Y`. The quick fix writes it in plain characters.',
    'I10  POA=Y',
  ],
  [
    'POA= N',
    'I10 POA= N',
    ['I10', 'N', undefined],
    'Pasted text (spaces around "=" in POA) was read as intended: `I10 POA=N`. The quick fix writes it in plain characters.',
    'I10 POA=N',
  ],
  [
    'all at once: still one hint',
    'N18\u20136\u00a0 POA = Y  \u201cESRD\u201d  # dialysis\u00a0MWF',
    ['N18.6', 'Y', 'ESRD'],
    'Pasted text (a dash for the dot of the code, a non-breaking space, spaces around "=" in POA and a curly quote) was read as intended: `N18.6  POA=Y  "ESRD"`. The quick fix writes it in plain characters.',
    'N18.6  POA=Y  "ESRD"  # dialysis\u00a0MWF',
  ],
];

describe('pasted text', () => {
  for (const [name, line, [code, poa, evidence], message, fixed] of cases) {
    it(name, () => {
      const text = `${HEAD}${line}\n`;
      const file = parseAnnotation(text);
      assert.equal(file.lines.length, 1);
      const l = file.lines[0];
      assert.deepEqual([l.raw, l.poa?.value, l.evidence?.text], [code, poa, evidence]);
      // errors in reading the code (invalid-code …), not claim edits on the one-line list (D63.1 alone as
      // principal is rightly manifestation-principal, issue 10)
      const fs = checkAnnotation(file, cs).filter(
        (f) => (f.severity === 'error' && f.rule !== 'manifestation-principal') || f.rule === 'pasted-text',
      );
      assert.deepEqual(
        fs.map((f) => [f.rule, f.severity, text.slice(f.span.start, f.span.end)]),
        [['pasted-text', 'hint', line.replace(/\s+#.*$/, '')]],
      );
      assert.equal(fs[0].message, message);
      assert.equal(applyFix(text, fs[0].data), `${HEAD}${fixed}\n`);
      // once fixed, nothing left to say
      assert.deepEqual(
        checkAnnotation(parseAnnotation(applyFix(text, fs[0].data)), cs).filter((f) => f.rule === 'pasted-text'),
        [],
      );
    });
  }

  const silent: Array<[string, string]> = [
    ['a non-breaking space in a comment', 'I10  # seen\u00a0today'],
    ['a non-breaking space inside the evidence', 'I10 "essential\u00a0hypertension"'],
    ['curly quotes inside straight-quoted evidence stay words', 'I10 "the \u201cHTN\u201d problem"'],
    ['a range is not a code with a dash', '# A00-A09'],
  ];
  for (const [name, line] of silent) {
    it(`no hint: ${name}`, () => {
      const fs = checkAnnotation(parseAnnotation(`${HEAD}${line}\n`), cs);
      assert.deepEqual(
        fs.map((f) => f.rule),
        [],
      );
    });
  }

  it('the header value with a non-breaking space is read; one hint', () => {
    const text = 'setting:\u00a0outpatient\ndate: 2026-03-14\nI10\n';
    const file = parseAnnotation(text);
    assert.equal(file.setting, 'outpatient');
    assert.deepEqual(
      checkAnnotation(file, cs).map((f) => [f.rule, text.slice(f.span.start, f.span.end)]),
      [['pasted-text', 'setting:\u00a0outpatient']],
    );
  });

  it('a range written as a code is still a syntax error, not read as A00.A09', () => {
    const fs = checkAnnotation(parseAnnotation(`${HEAD}A00-A09\n`), cs);
    assert.deepEqual(
      fs.map((f) => f.rule),
      ['syntax-error'],
    );
  });
});
