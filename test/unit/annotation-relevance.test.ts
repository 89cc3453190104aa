/**
 * Relevance of unspecified-code and use-additional-code (issue 12; docs/rules.md): silent where nothing more
 * specific exists, where the linked note documents nothing more or says the condition is absent, where the
 * Tabular makes the note optional, and beside more-specific-code-documented. Real data; synthetic notes.
 */
import { strict as assert } from 'node:assert';
import { checkAnnotation } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { MAX_MESSAGE, specificAlternatives } from '../../server/src/core/annotation/rules/unspecified';
import type { Finding } from '../../server/src/core/annotation/types';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { noteReaderFor, type NoteReader } from '../../server/src/core/notes/reader';
import { cmHoverMarkdown } from '../../server/src/features/hoverContent';
import { getDataset, getPart } from '../helpers/data';

let cs: CodeSet;
let reader: NoteReader;
before(function () {
  this.timeout(120000);
  cs = createCodeSet(getDataset());
  reader = noteReaderFor(getPart('index'), cs);
});

function check(lines: string, note?: string, setting = 'outpatient'): Finding[] {
  const file = parseAnnotation(`setting: ${setting}\ndate: 2026-03-01\n${lines.split('|').join('\n')}\n`);
  const linked =
    note === undefined
      ? undefined
      : { name: 'visit.note', text: note, analysis: reader.analyze(note, { date: '2026-03-01' }) };
  return checkAnnotation(file, cs, linked ? { note: linked } : {});
}
const ruleCodes = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule).map((f) => f.code);

describe('unspecified-code: relevance', () => {
  // [name, lines, note or undefined, codes flagged]
  const cases: Array<[string, string, string | undefined, string[]]> = [
    ['N17.9 without a note: more specific codes exist', 'N17.9', undefined, ['N17.9']],
    // W19 "Unspecified fall" is a category with no other code: nothing more specific exists
    ['W19.XXXA: nothing more specific', 'S72.001A|W19.XXXA', undefined, ['S72.001A']],
    ['R69 (Illness, unspecified): no sibling', 'R69', undefined, []],
    // R50.81 "Fever presenting with conditions classified elsewhere" is another condition's consequence
    ['R50.9 still has specific fevers (R50.2, R50.82 …)', 'R50.9', undefined, ['R50.9']],
    ['the note documents nothing more', 'N17.9 "Acute kidney injury"', 'ASSESSMENT\n1. Acute kidney injury.\n', []],
    [
      'the note documents the specific code: more-specific-code-documented speaks, not this rule',
      'N17.9',
      'ASSESSMENT\n1. Acute kidney injury with acute tubular necrosis.\n',
      [],
    ],
    [
      'the same with more-specific-code-documented ignored on the line',
      'N17.9  # coding-review: ignore more-specific-code-documented',
      'ASSESSMENT\n1. Acute kidney injury with acute tubular necrosis.\n',
      ['N17.9'],
    ],
    [
      "the evidence's own words name a specific sibling",
      'N17.9 "acute kidney injury with tubular necrosis"',
      'ASSESSMENT\n1. Acute kidney injury. No acute tubular necrosis.\n',
      ['N17.9'],
    ],
    [
      'a hip fracture note that does not say which part of the neck',
      'S72.001A "closed fracture of the neck of the right femur"',
      'ASSESSMENT\n1. Closed fracture of the neck of the right femur after a fall at home.\n',
      [],
    ],
  ];
  for (const [name, lines, note, want] of cases) {
    it(name, () => assert.deepEqual(ruleCodes(check(lines, note), 'unspecified-code'), want));
  }

  it('specificAlternatives: R50.9 does not offer R50.81; W19.XXXA offers nothing', () => {
    const ed = cs.editions.length - 1;
    assert.deepEqual(
      specificAlternatives(cs, 'R509', ed).map((c) => c.code),
      ['R50.2', 'R50.82', 'R50.83', 'R50.84'],
    );
    assert.deepEqual(specificAlternatives(cs, 'W19XXXA', ed), []);
    assert.deepEqual(
      specificAlternatives(cs, 'N179', ed).map((c) => c.code),
      ['N17.0', 'N17.1', 'N17.2', 'N17.8'],
    );
  });

  it(`the message is at most ${MAX_MESSAGE} characters; the details are in the quick fixes and the hover`, () => {
    for (const code of ['N17.9', 'S72.001A', 'I50.9', 'A41.9', 'O40.9XX0', 'I63.9']) {
      const [f] = check(code).filter((x) => x.rule === 'unspecified-code');
      assert.ok(f, code);
      assert.ok(f.message.length <= MAX_MESSAGE, `${code}: ${f.message.length}`);
    }
    const [f] = check('N17.9').filter((x) => x.rule === 'unspecified-code');
    assert.equal(
      f.message,
      'N17.9 (Acute kidney failure, unspecified) is unspecified: 4 more specific codes (e.g. N17.0) if the documentation supports one. See the hover or quick fixes.',
    );
    assert.deepEqual(f.data?.fix === 'replace-code' && f.data.candidates.map((c) => c.code), [
      'N17.0',
      'N17.1',
      'N17.2',
      'N17.8',
    ]);
    const hover = cmHoverMarkdown(cs, {
      code: 'N179',
      edition: cs.editions.length - 1,
      editionOk: true,
      dateWhy: '2026-03-01',
    });
    assert.match(
      hover,
      /\*\*Unspecified\*\* \(residual code .*\)\. More specific codes, if the documentation supports one \(4\):/,
    );
    assert.match(hover, /- N17\.0 — Acute kidney failure with tubular necrosis/);
    const w19 = cmHoverMarkdown(cs, { code: 'W19XXXA', edition: cs.editions.length - 1, editionOk: true, dateWhy: '' });
    assert.doesNotMatch(w19, /More specific codes/);
  });
});

describe('use-additional-code: relevance', () => {
  const DM = 'ASSESSMENT\n1. Type 2 diabetes mellitus';
  // [name, lines, note or undefined, codes flagged]
  const cases: Array<[string, string, string | undefined, string[]]> = [
    ['E11.9 without a note: insulin / oral drugs', 'E11.9', undefined, ['E11.9']],
    ['E11.9, the note names the drug', 'E11.9', `${DM}, on insulin.\n`, ['E11.9']],
    ['E11.9, diet-controlled diabetes: no Z79.4/Z79.84', 'E11.9', `${DM}, diet-controlled.\n`, []],
    ['E11.9, no medications', 'E11.9', `${DM}. No diabetes medications.\n`, []],
    ['J45.20 without a note: tobacco exposure …', 'J45.20', undefined, ['J45.20']],
    ['J45.20, never-smoker: no tobacco code', 'J45.20', 'ASSESSMENT\n1. Mild intermittent asthma. Never smoker.\n', []],
    ['J45.20, the note says nothing of tobacco', 'J45.20', 'ASSESSMENT\n1. Mild intermittent asthma.\n', []],
    [
      'J45.20, a current smoker',
      'J45.20',
      'ASSESSMENT\n1. Mild intermittent asthma. Smokes cigarettes, tobacco use.\n',
      ['J45.20'],
    ],
    // "if known" (K65, E66), "such as" lists (K50), the CKD stage (ckd-stage-missing)
    ['K65.0: "infectious agent, if known"', 'K65.0', undefined, []],
    ['E66.01: "body mass index (BMI), if known"', 'E66.01', undefined, []],
    ['K50.90: "manifestations, such as:"', 'K50.90', undefined, []],
    ['E11.22 without N18: ckd-stage-missing, not this rule', 'E11.22|Z79.84', undefined, []],
    ['N39.0 asks for the infectious agent', 'N39.0', 'ASSESSMENT\n1. UTI, urine culture growing E. coli.\n', ['N39.0']],
  ];
  for (const [name, lines, note, want] of cases) {
    it(name, () => assert.deepEqual(ruleCodes(check(lines, note), 'use-additional-code'), want));
  }

  it('a never-smoker note drops only the tobacco items', () => {
    const fs = check('J45.20', 'ASSESSMENT\n1. Eosinophilic asthma, mild intermittent. Never smoker.\n');
    const [f] = fs.filter((x) => x.rule === 'use-additional-code');
    assert.ok(f);
    assert.deepEqual(f.data?.fix === 'insert-code' && f.data.candidates.map((c) => c.code), ['J82.83']);
    assert.match(f.message, /"Use additional code to identify: eosinophilic asthma \(J82\.83\)"/);
  });
});
