import { strict as assert } from 'node:assert';
import { checkAnnotation, type CheckOptions } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { ANNOTATION_RULES } from '../../server/src/core/annotation/rules/registry';
import type { Finding, FixData } from '../../server/src/core/annotation/types';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';

let cs: CodeSet;
before(function () {
  this.timeout(60000);
  cs = createCodeSet(getDataset());
});

const at = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);
const run = (text: string, options?: CheckOptions): Finding[] => checkAnnotation(parseAnnotation(text), cs, options);
const codes = (d: FixData | undefined): string[] =>
  d && (d.fix === 'replace-code' || d.fix === 'insert-code') ? d.candidates.map((c) => c.code) : [];

const IP = 'setting: inpatient\ndate: 2026-03-14\n';
const OP = 'setting: outpatient\ndate: 2026-03-14\n';

describe('annotation checks (real data)', () => {
  // [name, text, options, expected [rule, covered text, severity]]
  const cases: Array<[string, string, CheckOptions | undefined, Array<[string, string, string]>]> = [
    ['clean inpatient record', `${IP}I11.0 POA=Y\nI50.23 POA=Y\nI48.0 POA=Y\nZ79.01\npx 02HV33Z\n`, undefined, []],
    ['invalid code', `${OP}I50.99\n`, undefined, [['invalid-code', 'I50.99', 'error']]],
    ['header code', `${OP}E11.2\n`, undefined, [['non-billable-code', 'E11.2', 'error']]],
    ['needs a 7th character', `${OP}S72.001\n`, undefined, [['missing-seventh-character', 'S72.001', 'error']]],
    ['needs placeholder X', `${OP}T36.01A\n`, undefined, [['missing-placeholder', 'T36.01A', 'error']]],
    [
      'deleted in FY2026',
      'setting: outpatient\ndate: 2026-02-10\nS30.1XXA\n',
      undefined,
      [['code-not-in-edition', 'S30.1XXA', 'error']],
    ],
    ['same code valid in FY2025', 'setting: outpatient\ndate: 2025-06-10\nS30.1XXA\n', undefined, []],
    [
      'not yet valid on the date',
      'setting: outpatient\ndate: 2025-03-01\nE11.A\n',
      undefined,
      [['code-not-in-edition', 'E11.A', 'error']],
    ],
    ['billable in FY2025', 'setting: outpatient\ndate: 2025-03-01\nG35\n', undefined, []],
    [
      'a header in FY2026',
      'setting: outpatient\ndate: 2026-01-10\nG35\n',
      undefined,
      [['non-billable-code', 'G35', 'error']],
    ],
    ['unspecified code', `${OP}N17.9\n`, undefined, [['unspecified-code', 'N17.9', 'information']]],
    ['duplicate code', `${OP}I10\nI10\n`, undefined, [['duplicate-code', 'I10', 'warning']]],
    ['duplicate written differently', `${OP}N17.0\nn170\n`, undefined, [['duplicate-code', 'n170', 'warning']]],
    ['excludes1 pair', `${OP}E11.9 \nZ79.84\nE10.9\n`, undefined, [['excludes1-conflict', 'E10.9', 'warning']]],
    // a manifestation as principal is the claim edit manifestation-principal (an error), not code-first (issue 10)
    [
      'manifestation-principal: manifestation before its etiology',
      `${OP}F02.A0\nG30.1\n`,
      undefined,
      [['manifestation-principal', 'F02.A0', 'error']],
    ],
    [
      'manifestation-principal: manifestation alone as principal',
      `${OP}F02.A0\n`,
      undefined,
      [['manifestation-principal', 'F02.A0', 'error']],
    ],
    [
      'code-first: manifestation after another code, before its etiology',
      `${OP}I10\nF02.A0\nG30.1\n`,
      undefined,
      [['code-first', 'F02.A0', 'warning']],
    ],
    ['code-first: etiology listed after', `${OP}I50.23\nI11.0\n`, undefined, [['code-first', 'I50.23', 'warning']]],
    ['code-first: right order', `${OP}I11.0\nI50.23\n`, undefined, []],
    ['code-first: conditional note only', `${OP}I50.23\n`, undefined, []],
    ['use additional code missing', `${OP}E11.9\n`, undefined, [['use-additional-code', 'E11.9', 'information']]],
    ['use additional code present', `${OP}E11.9\nZ79.4\n`, undefined, []],
    [
      'external cause first',
      `${OP}W19.XXXA\nS72.031A\n`,
      undefined,
      // W19.XXXA "Unspecified fall" has no more specific code in its category: no unspecified-code (issue 12)
      [['external-cause-principal', 'W19.XXXA', 'error']],
    ],
    [
      'hypertension with heart failure',
      `${OP}I50.23\nI10\n`,
      undefined,
      [['hypertension-combination', 'I10', 'warning']],
    ],
    [
      'diabetes without complications with a complication',
      `${OP}E11.22\nN18.4\nE11.9\nZ79.84\n`,
      undefined,
      [['without-complications-conflict', 'E11.9', 'warning']],
    ],
    ['CKD stage missing', `${OP}E11.22\nZ79.84\n`, undefined, [['ckd-stage-missing', 'E11.22', 'warning']]],
    [
      'sepsis after its localized infection',
      `${IP}N39.0 POA=Y\nA41.51 POA=Y\nB96.20 POA=Y\n`,
      undefined,
      [['sepsis-sequencing', 'N39.0', 'warning']],
    ],
    ['severe sepsis alone', `${IP}R65.20 POA=Y\n`, undefined, [['sirs-sequencing', 'R65.20', 'warning']]],
    [
      'fever with sepsis',
      `${IP}A41.9 POA=Y\nR50.9 POA=Y\n`,
      undefined,
      [
        ['unspecified-code', 'A41.9', 'information'],
        ['integral-symptom', 'R50.9', 'warning'],
        ['unspecified-code', 'R50.9', 'information'],
      ],
    ],
    [
      'pasted text: a non-breaking space',
      `${OP}I10\u00a0 POA=Y\n`,
      undefined,
      [['pasted-text', 'I10\u00a0 POA=Y', 'hint']],
    ],
    ['external cause after the injury', `${OP}S72.031A\nW01.0XXA\n`, undefined, []],
    ['POA missing (inpatient)', `${IP}I10\n`, undefined, [['poa-missing', 'I10', 'warning']]],
    ['POA not needed outpatient', `${OP}I10\n`, undefined, []],
    // Z87.891 after a principal diagnosis: as principal it is unacceptable-principal (issue 10, tested below)
    ['POA not needed on exempt code', `${IP}I10 POA=Y\nZ87.891\n`, undefined, []],
    ['POA invalid value', `${IP}I10 POA=Q\n`, undefined, [['poa-invalid', 'Q', 'warning']]],
    ['POA 1 on a non-exempt code', `${IP}I10 POA=1\n`, undefined, [['poa-invalid', '1', 'warning']]],
    ['POA on an exempt code', `${IP}I10 POA=Y\nZ87.891 POA=Y\n`, undefined, [['poa-exempt', 'POA=Y', 'warning']]],
    ['POA 1 on an exempt code', `${IP}I10 POA=Y\nZ87.891 POA=1\n`, undefined, []],
    ['invalid PCS code', `${OP}px 02HV33Q\n`, undefined, [['invalid-pcs-code', '02HV33Q', 'error']]],
    ['PCS code without px', `${OP}02HV33Z\n`, undefined, [['invalid-code', '02HV33Z', 'error']]],
    ['syntax error kept', `${OP}I10\n???\n`, undefined, [['syntax-error', '???', 'error']]],
    ['header error kept', 'date: 2026-03-14\nsetting: ward\nI10\n', undefined, [['header-error', 'ward', 'error']]],
    ['no date of service', 'setting: outpatient\nI10\n', undefined, [['no-date-of-service', '', 'information']]],
    ['date from options', 'setting: outpatient\nI10\n', { date: '2026-03-14' }, []],
    [
      'date outside every edition',
      'setting: outpatient\ndate: 2026-11-02\nI10\n',
      undefined,
      [['date-outside-editions', '2026-11-02', 'warning']],
    ],
    [
      'bad date header: no second finding',
      'setting: outpatient\ndate: 2026-02-30\nI10\n',
      undefined,
      [['header-error', '2026-02-30', 'error']],
    ],
    ['ignore comment', `${OP}N17.9  # coding-review: ignore unspecified-code\n`, undefined, []],
    ['ignore comment on the line before', `${OP}# coding-review: ignore unspecified-code\nN17.9\n`, undefined, []],
    ['ignore all on a line', `${OP}I50.99 # coding-review: ignore\n`, undefined, []],
    ['disable for the file', `# coding-review: disable unspecified-code\n${OP}N17.9\nR69\n`, undefined, []],
    ['disabled by option', `${OP}N17.9\n`, { disabledRules: ['unspecified-code'] }, []],
    [
      'severity override',
      `${OP}N17.9\n`,
      { severities: { 'unspecified-code': 'hint' } },
      [['unspecified-code', 'N17.9', 'hint']],
    ],
    ['setting from options', 'date: 2026-03-14\nI10\n', { setting: 'inpatient' }, [['poa-missing', 'I10', 'warning']]],
    [
      'unknown rule id in an ignore comment',
      `${OP}I10  # coding-review: ignore dupe-code\n`,
      undefined,
      [['unknown-rule', 'dupe-code', 'hint']],
    ],
  ];
  for (const [name, text, options, expected] of cases) {
    it(name, () => {
      const got = run(text, options);
      assert.deepEqual(
        got.map((f) => [f.rule, at(text, f), f.severity]),
        expected,
        got.map((f) => f.message).join('\n'),
      );
      for (const f of got) {
        assert.ok(f.message.length > 20, 'a message a coder can read');
        assert.ok(f.source.length > 5, 'a source');
        assert.ok(f.data, 'fix data');
      }
    });
  }

  it('every documented annotation rule is reported by some case above', () => {
    const seen = new Set(cases.flatMap(([, , , e]) => e.map(([r]) => r)));
    for (const r of ANNOTATION_RULES) assert.ok(seen.has(r.id), r.id);
  });

  describe('messages, sources and fix data', () => {
    it('invalid-code: ranked did-you-mean candidates', () => {
      const [f] = run(`${OP}I50.99\n`);
      assert.equal(codes(f.data)[0], 'I50.9');
      assert.equal(f.code, 'I50.99');
      assert.equal(f.source, 'CMS ICD-10-CM order file FY2026');
      assert.match(
        f.message,
        /I50\.99 is not an ICD-10-CM code for 2026-03-14 \(ICD-10-CM FY2026\)\. Did you mean I50\.9 \(Heart failure, unspecified\)/,
      );
    });

    it('invalid-code: a PCS code written as a diagnosis says to use px', () => {
      const [f] = run(`${OP}02HV33Z\n`);
      assert.match(f.message, /write it as `px 02HV33Z`/);
    });

    it('non-billable-code: billable children, most likely (evidence) first', () => {
      assert.deepEqual(codes(run(`${OP}E11.2\n`)[0].data), ['E11.21', 'E11.22', 'E11.29']);
      const [f] = run(`${OP}E11.2 "with chronic kidney disease"\n`);
      // only the evidence words the header's title lacks count ("chronic", "disease"); then tabular order
      assert.deepEqual(codes(f.data), ['E11.22', 'E11.21', 'E11.29']);
      assert.match(f.message, /E11\.2 \(Type 2 diabetes mellitus with kidney complications\) is a header/);
    });

    it('non-billable-code: a code that became a header says until when it was billable', () => {
      const [f] = run('date: 2026-01-10\nG35\n');
      assert.match(f.message, /It was billable until 2025-09-30 \(ICD-10-CM FY2025 April update\)\./);
      // G35.D "Multiple sclerosis, unspecified" is the default when nothing more is documented
      assert.deepEqual(codes(f.data).slice(0, 2), ['G35.D', 'G35.A']);
      assert.ok(codes(f.data).includes('G35.D'));
    });

    it('missing-seventh-character: each choice labelled with its meaning', () => {
      const [f] = run(`${OP}S72.001\n`);
      assert.equal(f.data?.fix, 'replace-code');
      if (f.data?.fix !== 'replace-code') return;
      assert.equal(f.data.candidates.length, 16);
      assert.deepEqual(f.data.candidates[0], {
        code: 'S72.001A',
        title: 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
        label: 'A - initial encounter for closed fracture',
      });
      assert.equal(f.data.candidates[15].label, 'S - sequela');
    });

    it('missing-placeholder: the corrected code', () => {
      const [f] = run(`${OP}T36.01A\n`);
      assert.deepEqual(codes(f.data), ['T36.0X1A']);
      assert.match(
        f.message,
        /write T36\.0X1A \(Poisoning by penicillins, accidental \(unintentional\), initial encounter\)/,
      );
    });

    it('code-not-in-edition (deleted): last edition and replacements, same encounter first', () => {
      const [f] = run('date: 2026-02-10\nS30.1XXA\n');
      assert.equal(codes(f.data)[0], 'S30.11XA');
      assert.ok(
        codes(f.data)
          .slice(0, 3)
          .every((c) => c.endsWith('A')),
      );
      assert.match(f.message, /valid until 2025-09-30 \(last in ICD-10-CM FY2025 April update\)/);
      assert.match(f.source, /in ICD-10-CM FY2025 April update, not in ICD-10-CM FY2026/);
    });

    it('code-not-in-edition (not yet valid): first edition and what to use then', () => {
      const [f] = run('date: 2025-03-01\nE11.A\n');
      assert.match(f.message, /added 2025-10-01 \(ICD-10-CM FY2026\)/);
      assert.deepEqual(codes(f.data), ['E11.9']);
    });

    it('unspecified-code: the specific siblings', () => {
      const [f] = run(`${OP}N17.9\n`);
      assert.deepEqual(codes(f.data), ['N17.0', 'N17.1', 'N17.2', 'N17.8']);
      assert.match(f.source, /Guidelines FY2026 \(October 1, 2025\) I\.B\.18/);
    });

    it('duplicate-code: remove the later line', () => {
      const [f] = run(`${OP}I10\nI10\n`);
      assert.deepEqual(f.data, { fix: 'remove-line', line: 3 });
      assert.match(f.message, /already listed on line 3/);
    });

    it('excludes1-conflict: both codes, the note and the guideline', () => {
      const [f] = run(`${OP}E11.9\nZ79.84\nE10.9\n`);
      assert.match(
        f.message,
        /E10\.9 \(Type 1 diabetes mellitus without complications\) and E11\.9 \(Type 2 diabetes mellitus without complications\)/,
      );
      assert.match(f.message, /the Excludes1 note at E11 says "type 1 diabetes mellitus \(E10\.-\)"/);
      assert.equal(
        f.source,
        'Tabular List FY2021: Excludes1 at E11; ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.A.12.a',
      );
      assert.deepEqual(f.data, { fix: 'remove-line', line: 4 });
    });

    it('manifestation-principal: move the manifestation after its etiology', () => {
      const [f] = run(`${OP}F02.A0\nG30.1\n`);
      assert.equal(f.rule, 'manifestation-principal');
      assert.deepEqual(f.data, { fix: 'move-after', line: 2, afterLine: 3 });
      assert.match(f.message, /Code first Alzheimer's \(G30\.-\)/);
      assert.equal(
        f.source,
        'ICD-10-CM FY2026 title of F02.A0 "Dementia in other diseases classified elsewhere, mild, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety"; Tabular List FY2021: Code first at F02; ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.A.13; Medicare Code Editor: manifestation code as principal diagnosis',
      );
      const [g] = run(`${OP}F02.A0\n`);
      assert.match(g.message, /"in diseases classified elsewhere" codes are never principal or first-listed/);
      assert.deepEqual(g.data, { fix: 'none' });
    });

    it('code-first: move the code after its etiology when it is not principal', () => {
      const f = run(`${OP}I10\nF02.A0\nG30.1\n`).find((x) => x.rule === 'code-first')!;
      assert.deepEqual(f.data, { fix: 'move-after', line: 3, afterLine: 4 });
      assert.equal(
        f.source,
        'Tabular List FY2021: Code first at F02; ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.A.13',
      );
    });

    it('use-additional-code: the companions to insert', () => {
      const [f] = run(`${OP}E11.9\n`);
      assert.deepEqual(f.data, {
        fix: 'insert-code',
        afterLine: 2,
        candidates: [
          { code: 'Z79.4', title: 'Long term (current) use of insulin' },
          { code: 'Z79.84', title: 'Long term (current) use of oral hypoglycemic drugs' },
        ],
      });
      assert.match(f.message, /Use additional code to identify control using: insulin \(Z79\.4\)/);
    });

    it('external-cause-principal: move it after the injury', () => {
      const [f] = run(`${OP}W19.XXXA\nS72.031A\n`);
      assert.deepEqual(f.data, { fix: 'move-after', line: 2, afterLine: 3 });
      assert.match(f.source, /Guidelines FY2026 \(October 1, 2025\) I\.C\.20/);
    });

    it('poa-missing: insert choices right after the code', () => {
      const text = `${IP}I10\n`;
      const [f] = run(text);
      assert.equal(f.data?.fix, 'edit');
      if (f.data?.fix !== 'edit') return;
      assert.deepEqual(
        f.data.choices.map((c) => [c.newText, c.span.start, c.span.end]),
        ['Y', 'N', 'U', 'W'].map((v) => [`  POA=${v}`, text.length - 1, text.length - 1]),
      );
    });

    it('poa-exempt: remove the indicator or set it to 1; source names the list', () => {
      const text = `${IP}I10 POA=Y\nZ87.891 POA=Y\n`;
      const [f] = run(text);
      assert.equal(f.rule, 'poa-exempt');
      assert.equal(f.source, 'CMS POA-exempt list FY2026');
      assert.equal(f.data?.fix, 'edit');
      if (f.data?.fix !== 'edit') return;
      assert.deepEqual(
        f.data.choices.map((c) => [text.slice(c.span.start, c.span.end), c.newText]),
        [
          ['POA=Y', ''],
          ['Y', '1'],
        ],
      );
    });

    it('invalid-pcs-code: suggestions', () => {
      const [f] = run(`${OP}px 02HV33Q\n`);
      assert.equal(codes(f.data)[0], '02HV33Z');
      assert.equal(f.source, 'CMS ICD-10-PCS order file FY2026');
    });

    it('date outside every edition: the nearest edition is used and said', () => {
      const [f] = run('date: 2026-11-02\nS30.1XXA\nI10\n');
      assert.match(f.message, /checked against ICD-10-CM FY2026/);
      const rules = run('date: 2026-11-02\nS30.1XXA\n').map((x) => x.rule);
      assert.deepEqual(rules, ['date-outside-editions', 'code-not-in-edition']);
    });
  });

  it('never throws on odd parses and large files', () => {
    const inputs = ['', '\u0000', 'px', 'I10 POA=', 'date: 2026-03-14\n' + 'E11.9\nE10.9\n'.repeat(400)];
    for (const s of inputs) assert.ok(Array.isArray(run(s)));
  });
});
