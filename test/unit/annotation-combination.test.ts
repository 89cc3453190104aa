/**
 * Combination codes and sequencing (issue 12; docs/rules.md): hypertension-combination, without-complications-conflict,
 * ckd-stage-missing, sepsis-sequencing, sirs-sequencing, integral-symptom. Real data; each case says where the rule
 * fires (rule, the text its span covers, the quick fix) and where it stays silent.
 */
import { strict as assert } from 'node:assert';
import { checkAnnotation } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import type { Finding, FixData } from '../../server/src/core/annotation/types';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';

let cs: CodeSet;
before(function () {
  this.timeout(60000);
  cs = createCodeSet(getDataset());
});

const RULES = new Set([
  'hypertension-combination',
  'without-complications-conflict',
  'ckd-stage-missing',
  'sepsis-sequencing',
  'sirs-sequencing',
  'integral-symptom',
]);
const HEAD = 'setting: inpatient\ndate: 2026-03-14\n';

/** The fix in a short form: "replace I11.0", "remove line 3", "move line 4 before 3", "insert N18.1 …". */
function fixOf(d: FixData | undefined): string {
  switch (d?.fix) {
    case 'replace-code':
      return `replace ${d.candidates.map((c) => c.code).join(' ')}`;
    case 'remove-line':
      return `remove line ${d.line + 1}`;
    case 'move-before':
      return `move line ${d.line + 1} before ${d.beforeLine + 1}`;
    case 'move-after':
      return `move line ${d.line + 1} after ${d.afterLine + 1}`;
    case 'insert-code':
      return `insert ${d.candidates.map((c) => c.code).join(' ')}`;
    default:
      return d?.fix ?? 'no data';
  }
}

function run(lines: string): Array<[string, string, string]> {
  const text = HEAD + lines.split('|').join('\n') + '\n';
  return checkAnnotation(parseAnnotation(text), cs)
    .filter((f: Finding) => RULES.has(f.rule))
    .map((f) => [f.rule, text.slice(f.span.start, f.span.end), fixOf(f.data)]);
}

// [name, code lines separated by |, expected [rule, text at the span, fix]] (line numbers count the 2 header lines)
const cases: Array<[string, string, Array<[string, string, string]>]> = [
  // I.C.9.a.1-3: hypertension with heart failure and/or CKD
  ['I10 + I50.x → I11.0', 'I10 POA=Y|I50.23 POA=Y', [['hypertension-combination', 'I10', 'replace I11.0']]],
  ['I10 + N18.4 → I12.9', 'I10 POA=Y|N18.4 POA=Y', [['hypertension-combination', 'I10', 'replace I12.9']]],
  ['I10 + N18.6 → I12.0', 'I10 POA=Y|N18.6 POA=Y', [['hypertension-combination', 'I10', 'replace I12.0']]],
  ['I10 + N18.5 → I12.0', 'N18.5 POA=Y|I10 POA=Y', [['hypertension-combination', 'I10', 'replace I12.0']]],
  [
    'I10 + I50.x + N18.4 → I13.0',
    'I50.22 POA=Y|N18.4 POA=Y|I10 POA=Y',
    [['hypertension-combination', 'I10', 'replace I13.0']],
  ],
  [
    'I10 + I50.x + N18.6 → I13.2',
    'I10 POA=Y|I50.9 POA=Y|N18.6 POA=Y',
    [['hypertension-combination', 'I10', 'replace I13.2']],
  ],
  [
    'I12.9 + N18.6 → I12.0 (stage 5/ESRD)',
    'I12.9 POA=Y|N18.6 POA=Y',
    [['hypertension-combination', 'I12.9', 'replace I12.0']],
  ],
  [
    'I11.0 + N18.31 → I13.0',
    'I11.0 POA=Y|I50.9 POA=Y|N18.31 POA=Y',
    [['hypertension-combination', 'I11.0', 'replace I13.0']],
  ],
  [
    'I13.10 + I50.x → I13.0',
    'I13.10 POA=Y|N18.4 POA=Y|I50.9 POA=Y',
    [['hypertension-combination', 'I13.10', 'replace I13.0']],
  ],
  [
    'I11.0 listed with I13.0: I13 includes it',
    'I13.0 POA=Y|I11.0 POA=Y|I50.23 POA=Y|N18.4 POA=Y',
    [['hypertension-combination', 'I11.0', 'remove line 4']],
  ],
  [
    'I10 listed with I11.0',
    'I11.0 POA=Y|I50.23 POA=Y|I10 POA=Y',
    [['hypertension-combination', 'I10', 'remove line 5']],
  ],
  ['silent: I11.0 with I50.x', 'I11.0 POA=Y|I50.23 POA=Y', []],
  ['silent: I12.0 with N18.6', 'I12.0 POA=Y|N18.6 POA=Y|Z99.2', []],
  ['silent: I13.2 with I50.x and N18.5', 'I13.2 POA=Y|I50.9 POA=Y|N18.5 POA=Y', []],
  ['silent: I10 alone', 'I10 POA=Y', []],
  // I51.4-I51.9 are in I11's Includes note but Excludes1 with I11: not coded beside it, so not a trigger
  ['silent: I10 with I51.9', 'I10 POA=Y|I51.9 POA=Y', []],
  ['silent: secondary hypertension I15.0 with N18.4', 'I15.0 POA=Y|N18.4 POA=Y', []],

  // I.A.15 / I.C.4.a: "without complications" with a complication; the CKD stage
  [
    'E11.9 listed with E11.22',
    'E11.22 POA=Y|N18.4 POA=Y|E11.9 POA=Y|Z79.84',
    [['without-complications-conflict', 'E11.9', 'remove line 5']],
  ],
  [
    'E10.9 listed with E10.65',
    'E10.9 POA=Y|E10.65 POA=Y|Z79.4',
    [['without-complications-conflict', 'E10.9', 'remove line 3']],
  ],
  ['silent: E11.9 with E10.22 (another category: Excludes1)', 'E11.9 POA=Y|Z79.84', []],
  [
    'E11.22 without the N18 stage',
    'E11.22 POA=Y|Z79.84',
    [['ckd-stage-missing', 'E11.22', 'insert N18.1 N18.2 N18.30 N18.31 N18.32 N18.4 N18.5 N18.6']],
  ],
  [
    'I12.9 without the N18 stage',
    'I12.9 POA=Y',
    [['ckd-stage-missing', 'I12.9', 'insert N18.1 N18.2 N18.30 N18.31 N18.32 N18.4 N18.9']],
  ],
  ['silent: E11.22 with N18.32', 'E11.22 POA=Y|N18.32 POA=Y|Z79.84', []],
  // a wrong stage is hypertension-combination's, not a missing stage
  [
    'silent: I12.9 with N18.6 has a stage',
    'I12.9 POA=Y|N18.6 POA=Y',
    [['hypertension-combination', 'I12.9', 'replace I12.0']],
  ],

  // I.C.1.d.4: sepsis and a localized infection
  [
    'UTI before sepsis POA',
    'N39.0 POA=Y|A41.51 POA=Y|B96.20 POA=Y',
    [['sepsis-sequencing', 'N39.0', 'move line 4 before 3']],
  ],
  ['pneumonia before sepsis POA', 'J18.9 POA=Y|A41.9 POA=Y', [['sepsis-sequencing', 'J18.9', 'move line 4 before 3']]],
  [
    'cellulitis before sepsis POA',
    'L03.115 POA=Y|A41.01 POA=Y',
    [['sepsis-sequencing', 'L03.115', 'move line 4 before 3']],
  ],
  ['silent: sepsis first', 'A41.51 POA=Y|N39.0 POA=Y|B96.20 POA=Y', []],
  ['silent: sepsis not POA (developed after admission)', 'N39.0 POA=Y|A41.51 POA=N|B96.20 POA=Y', []],
  ['silent: a non-infectious principal', 'I50.23 POA=Y|A41.9 POA=Y|I11.0 POA=Y', []],

  // R65.1x / R65.2x
  ['R65.20 alone', 'R65.20 POA=Y', [['sirs-sequencing', 'R65.20', 'none']]],
  ['R65.11 alone', 'R65.11 POA=Y', [['sirs-sequencing', 'R65.11', 'none']]],
  [
    'R65.21 first, localized infection after',
    'R65.21 POA=Y|J18.9 POA=Y',
    [['sirs-sequencing', 'R65.21', 'move line 3 after 4']],
  ],
  ['R65.10 first', 'R65.10 POA=Y|K85.90 POA=Y', [['sirs-sequencing', 'R65.10', 'move line 3 after 4']]],
  // the code-first rule already reports R65.20 before A41.9 (its Tabular names A41.9): no second finding
  ['silent: R65.20 before A41.9 (code-first says it)', 'R65.20 POA=Y|A41.9 POA=Y', []],
  ['silent: sepsis then R65.20', 'A41.9 POA=Y|R65.20 POA=Y', []],
  ['silent: pancreatitis then R65.10', 'K85.90 POA=Y|R65.10 POA=Y', []],

  // I.B.5: symptoms integral to a definitive diagnosis
  ['fever with sepsis', 'A41.9 POA=Y|R50.9 POA=Y', [['integral-symptom', 'R50.9', 'remove line 4']]],
  [
    'fever with severe sepsis',
    'A41.51 POA=Y|R65.20 POA=Y|R50.9 POA=Y',
    [['integral-symptom', 'R50.9', 'remove line 5']],
  ],
  ['dysuria with cystitis', 'N30.00 POA=Y|R30.0 POA=Y', [['integral-symptom', 'R30.0', 'remove line 4']]],
  ['dysuria with UTI', 'N39.0 POA=Y|R30.0 POA=Y', [['integral-symptom', 'R30.0', 'remove line 4']]],
  ['silent: fever with pneumonia (not in the table)', 'J18.9 POA=Y|R50.9 POA=Y', []],
  ['silent: postprocedural fever with sepsis (a specific fever)', 'A41.9 POA=Y|R50.82 POA=N', []],
  ['silent: dysuria alone', 'R30.0 POA=Y', []],
];

describe('combination codes and sequencing (real data)', () => {
  for (const [name, lines, want] of cases) {
    it(name, () => assert.deepEqual(run(lines), want));
  }

  it('messages name the codes, stay short and cite the guideline', () => {
    const text = `${HEAD}I10 POA=Y\nI50.23 POA=Y\n`;
    const [f] = checkAnnotation(parseAnnotation(text), cs).filter((x) => x.rule === 'hypertension-combination');
    assert.equal(
      f.message,
      'I10 with I50.23: the Guidelines presume the link; use I11.0 (Hypertensive heart disease with heart failure) unless the provider documents them as unrelated.',
    );
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.source,
      'ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.C.9.a.1 (hypertension with heart disease); Tabular List FY2021: Includes at I11',
    );
    assert.deepEqual(f.data, {
      fix: 'replace-code',
      candidates: [{ code: 'I11.0', title: 'Hypertensive heart disease with heart failure' }],
    });
    const all = cases.flatMap(([, lines]) =>
      checkAnnotation(parseAnnotation(HEAD + lines.split('|').join('\n') + '\n'), cs).filter((x) => RULES.has(x.rule)),
    );
    for (const x of all) {
      assert.equal(x.severity, 'warning', x.rule);
      assert.match(x.source, /Official Guidelines FY2026 \(October 1, 2025\) I\.[A-C]\./, `${x.rule}: ${x.source}`); // the edition in force on the date
      assert.ok(x.message.length <= 260, `${x.rule}: ${x.message.length} characters`);
    }
  });

  it('sepsis-sequencing and integral-symptom cite I.C.1.d.4 and I.B.5', () => {
    const text = `${HEAD}N39.0 POA=Y\nA41.9 POA=Y\nR30.0 POA=Y\n`;
    const got = checkAnnotation(parseAnnotation(text), cs).filter((x) => RULES.has(x.rule));
    assert.deepEqual(
      got.map((x) => [x.rule, x.source]),
      [
        [
          'sepsis-sequencing',
          'ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.C.1.d.4 (sepsis and a localized infection)',
        ],
        [
          'integral-symptom',
          'ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.B.5 (signs and symptoms integral to a disease process)',
        ],
      ],
    );
  });
});
