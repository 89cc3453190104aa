/**
 * Claim edits (Medicare Code Editor style, issue 10 part 3): sex-conflict, age-conflict, manifestation-principal,
 * unacceptable-principal, external-cause-principal and procedure-sex-conflict, each firing and not firing, on the real
 * data. Only the claim-edit findings are compared (the other rules have their own tests).
 */
import { strict as assert } from 'node:assert';
import { checkAnnotation } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { CLAIM_EDIT_RULES } from '../../server/src/core/annotation/rules/registry';
import type { Finding } from '../../server/src/core/annotation/types';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';

let cs: CodeSet;
before(function () {
  this.timeout(60000);
  cs = createCodeSet(getDataset());
});

const CLAIM = new Set([...CLAIM_EDIT_RULES.map((r) => r.id), 'external-cause-principal']);
const run = (text: string): Finding[] => checkAnnotation(parseAnnotation(text), cs).filter((f) => CLAIM.has(f.rule));
const at = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);

/** a header block: inpatient unless said otherwise, FY2026 */
function head(o: { age?: number | string; sex?: string; setting?: string } = {}): string {
  return (
    `setting: ${o.setting ?? 'inpatient'}\ndate: 2026-03-14\n` +
    (o.age !== undefined ? `age: ${o.age}\n` : '') +
    (o.sex !== undefined ? `sex: ${o.sex}\n` : '')
  );
}

describe('claim edits (real data)', () => {
  // [name, text, expected [rule, covered text, severity]]
  const cases: Array<[string, string, Array<[string, string, string]>]> = [
    // --- sex-conflict ---
    ['O80 on sex M', `${head({ sex: 'M', age: 30 })}O80\n`, [['sex-conflict', 'O80', 'error']]],
    ['O80 on sex F', `${head({ sex: 'F', age: 30 })}O80\n`, []],
    ['O80 on sex U: no edit', `${head({ sex: 'U', age: 30 })}O80\n`, []],
    ['O80 with no sex header: no edit', `${head({ age: 30 })}O80\n`, []],
    ['O80 on sex "male" (long form)', `${head({ sex: 'male', age: 30 })}O80\n`, [['sex-conflict', 'O80', 'error']]],
    ['Z3A.39 on sex M', `${head({ sex: 'M', age: 30 })}I10\nZ3A.39\n`, [['sex-conflict', 'Z3A.39', 'error']]],
    ['Z37.0 on sex M', `${head({ sex: 'M', age: 30 })}I10\nZ37.0\n`, [['sex-conflict', 'Z37.0', 'error']]],
    ['D25.9 on sex M', `${head({ sex: 'M' })}D25.9\n`, [['sex-conflict', 'D25.9', 'error']]],
    ['N40.0 on sex F', `${head({ sex: 'F' })}N40.0\n`, [['sex-conflict', 'N40.0', 'error']]],
    ['N40.0 on sex M', `${head({ sex: 'M' })}N40.0\n`, []],
    ['C61 on sex F', `${head({ sex: 'F' })}C61\n`, [['sex-conflict', 'C61', 'error']]],
    [
      'C50.911 (right female breast) on sex M',
      `${head({ sex: 'M' })}C50.911\n`,
      [['sex-conflict', 'C50.911', 'error']],
    ],
    ['C50.921 (right male breast) on sex F', `${head({ sex: 'F' })}C50.921\n`, [['sex-conflict', 'C50.921', 'error']]],
    ['C50.921 on sex M', `${head({ sex: 'M' })}C50.921\n`, []],
    ['N63.0 breast lump on sex M: breast is not sex-specific', `${head({ sex: 'M' })}N63.0\n`, []],
    ['Z30.09 contraceptive counseling on sex M', `${head({ sex: 'M', setting: 'outpatient' })}Z30.09\n`, []],
    ['Z30.2 sterilization on sex M', `${head({ sex: 'M', setting: 'outpatient' })}Z30.2\n`, []],
    ['N39.0 UTI on sex M', `${head({ sex: 'M' })}N39.0\n`, []],
    ['Z80.41 family history of ovarian cancer on sex M', `${head({ sex: 'M' })}I10\nZ80.41\n`, []],
    [
      'Z85.43 personal history of ovarian cancer on sex M',
      `${head({ sex: 'M' })}I10\nZ85.43\n`,
      [['sex-conflict', 'Z85.43', 'error']],
    ],
    ['P03.82 (newborn record) on sex M', `${head({ sex: 'M', age: 0 })}P03.82\n`, []],
    // --- age-conflict ---
    ['P07.30 at age 40', `${head({ age: 40 })}P07.30\n`, [['age-conflict', 'P07.30', 'warning']]],
    ['P07.30 at age 0', `${head({ age: 0 })}P07.30\n`, []],
    ['P07.30 without an age: no edit', `${head()}P07.30\n`, []],
    ['Z38.00 at age 0: silent', `${head({ age: 0, sex: 'F' })}Z38.00\n`, []],
    ['Z38.00 at age 1', `${head({ age: 1 })}Z38.00\n`, [['age-conflict', 'Z38.00', 'warning']]],
    ['O80 at age 56', `${head({ sex: 'F', age: 56 })}O80\n`, [['age-conflict', 'O80', 'warning']]],
    ['O80 at age 55', `${head({ sex: 'F', age: 55 })}O80\n`, []],
    ['O80 at age 12', `${head({ sex: 'F', age: 12 })}O80\n`, []],
    ['O80 at age 11', `${head({ sex: 'F', age: 11 })}O80\n`, [['age-conflict', 'O80', 'warning']]],
    [
      'O80 on sex M at age 60: both edits',
      `${head({ sex: 'M', age: 60 })}O80\n`,
      [
        ['age-conflict', 'O80', 'warning'],
        ['sex-conflict', 'O80', 'error'],
      ],
    ],
    [
      'Z3A.39 at age 60',
      `${head({ sex: 'F', age: 60 })}O80\nZ3A.39\n`,
      [
        ['age-conflict', 'O80', 'warning'],
        ['age-conflict', 'Z3A.39', 'warning'],
      ],
    ],
    ['Z86.32 history of gestational diabetes at 70', `${head({ sex: 'F', age: 70 })}I10\nZ86.32\n`, []],
    ['N35.021 stricture due to childbirth at 70', `${head({ sex: 'F', age: 70 })}N35.021\n`, []],
    ['Z68.41 adult BMI at age 15', `${head({ age: 15 })}E66.01\nZ68.41\n`, [['age-conflict', 'Z68.41', 'warning']]],
    ['Z68.41 adult BMI at age 20', `${head({ age: 20 })}E66.01\nZ68.41\n`, []],
    ['Z68.52 pediatric BMI at age 25', `${head({ age: 25 })}E66.01\nZ68.52\n`, [['age-conflict', 'Z68.52', 'warning']]],
    ['Z68.52 pediatric BMI at age 10', `${head({ age: 10 })}E66.01\nZ68.52\n`, []],
    ['F90.0 ADHD at 45 ("regardless of the age")', `${head({ age: 45 })}F90.0\n`, []],
    // --- manifestation-principal ---
    ['D63.1 as principal', `${head()}D63.1\nN18.4\n`, [['manifestation-principal', 'D63.1', 'error']]],
    ['D63.8 as principal', `${head()}D63.8\nD86.9\n`, [['manifestation-principal', 'D63.8', 'error']]],
    ['D63.1 after its etiology', `${head()}N18.4\nD63.1\n`, []],
    [
      'F02.A0 first-listed (outpatient)',
      `${head({ setting: 'outpatient' })}F02.A0\nG30.1\n`,
      [['manifestation-principal', 'F02.A0', 'error']],
    ],
    // --- unacceptable-principal ---
    ['Z87.891 principal (inpatient)', `${head()}Z87.891\nJ44.1\n`, [['unacceptable-principal', 'Z87.891', 'error']]],
    [
      'Z87.891 first-listed (outpatient): a warning',
      `${head({ setting: 'outpatient' })}Z87.891\nJ44.1\n`,
      [['unacceptable-principal', 'Z87.891', 'warning']],
    ],
    ['Z87.891 secondary', `${head()}J44.1\nZ87.891\n`, []],
    ['B96.20 principal', `${head()}B96.20\nN39.0\n`, [['unacceptable-principal', 'B96.20', 'error']]],
    ['Z16.10 principal', `${head()}Z16.10\nN39.0\n`, [['unacceptable-principal', 'Z16.10', 'error']]],
    [
      'Z3A.39 principal',
      `${head({ sex: 'F', age: 30 })}Z3A.39\nO80\n`,
      [['unacceptable-principal', 'Z3A.39', 'error']],
    ],
    ['Z38.00 principal (may only be principal)', `${head({ age: 0 })}Z38.00\n`, []],
    ['Z00.00 first-listed', `${head({ setting: 'outpatient' })}Z00.00\n`, []],
    ['Z79.4 principal: status codes are not covered', `${head()}Z79.4\nE11.9\n`, []],
    // --- external-cause-principal (now an error) ---
    ['W19.XXXA principal', `${head()}W19.XXXA\nS72.031A\n`, [['external-cause-principal', 'W19.XXXA', 'error']]],
    // --- procedure-sex-conflict ---
    [
      'px 0UT90ZZ on sex M',
      `${head({ sex: 'M' })}D25.9\npx 0UT90ZZ\n`,
      [
        ['sex-conflict', 'D25.9', 'error'],
        ['procedure-sex-conflict', '0UT90ZZ', 'error'],
      ],
    ],
    ['px 0UT90ZZ on sex F', `${head({ sex: 'F' })}D25.9\npx 0UT90ZZ\n`, []],
    ['px 0UT90ZZ on sex U', `${head({ sex: 'U' })}D25.9\npx 0UT90ZZ\n`, []],
    ['px 0UT90ZZ without sex', `${head()}D25.9\npx 0UT90ZZ\n`, []],
    [
      'px 0VT00ZZ on sex F',
      `${head({ sex: 'F' })}C61\npx 0VT00ZZ\n`,
      [
        ['sex-conflict', 'C61', 'error'],
        ['procedure-sex-conflict', '0VT00ZZ', 'error'],
      ],
    ],
    [
      'px 10D00Z1 (obstetrics) on sex M',
      `${head({ sex: 'M' })}I10\npx 10D00Z1\n`,
      [['procedure-sex-conflict', '10D00Z1', 'error']],
    ],
    ['px 0HTT0ZZ breast resection on sex M', `${head({ sex: 'M' })}C50.921\npx 0HTT0ZZ\n`, []],
    ['px 0TTB0ZZ bladder on sex F', `${head({ sex: 'F' })}C67.9\npx 0TTB0ZZ\n`, []],
    ['an invalid px code gets no claim edit', `${head({ sex: 'M' })}I10\npx 0UT90ZX\n`, []],
    // --- malformed headers: a header-error, no claim edit ---
    ['age: forty', `${head({ age: 'forty', sex: 'M' })}P07.30\n`, []],
    ['sex: X', `${head({ sex: 'X', age: 30 })}O80\n`, []],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const got = run(text);
      assert.deepEqual(
        got.map((f) => [f.rule, at(text, f), f.severity]),
        expected,
        got.map((f) => f.message).join('\n'),
      );
      for (const f of got) {
        assert.ok(f.source.length > 10, 'a source');
        assert.ok(f.data, 'fix data');
      }
    });
  }

  it('every claim edit is reported by some case above', () => {
    const seen = new Set(cases.flatMap(([, , e]) => e.map(([r]) => r)));
    for (const r of CLAIM) assert.ok(seen.has(r), r);
  });

  it('malformed age/sex headers get a header-error at the value', () => {
    const text = `${head({ age: 'forty', sex: 'X' })}O80\n`;
    const f = checkAnnotation(parseAnnotation(text), cs).filter((x) => x.rule === 'header-error');
    assert.deepEqual(
      f.map((x) => at(text, x)),
      ['forty', 'X'],
    );
  });

  describe('messages, sources and fix data', () => {
    it('sex-conflict names the code, the title that says so, the sex and what to do', () => {
      const [f] = run(`${head({ sex: 'M', age: 30 })}O80\n`);
      assert.equal(
        f.message,
        'O80 (Encounter for full-term uncomplicated delivery) is a female-only diagnosis (Chapter 15 "Pregnancy, ' +
          'childbirth and the puerperium (O00-O9A)"), but the patient\'s sex is M. Check the sex on the record and the ' +
          'code; if both are right (e.g. a transgender patient), Medicare claims need condition code 45, and this line ' +
          'can be marked `# coding-review: ignore sex-conflict`.',
      );
      assert.equal(
        f.source,
        'Tabular List FY2021 (Chapter 15 title); ICD-10-CM FY2026; Medicare Code Editor: sex conflict',
      );
      assert.deepEqual(f.data, { fix: 'none' });
      const [g] = run(`${head({ sex: 'F' })}N40.0\n`);
      assert.match(g.message, /male-only diagnosis \(block N40-N53 "Diseases of male genital organs \(N40-N53\)"\)/);
    });

    it('age-conflict says the range, the age and the perinatal exception', () => {
      const [f] = run(`${head({ age: 40 })}P07.30\n`);
      assert.match(
        f.message,
        /^P07\.30 \(Preterm newborn, unspecified weeks of gestation\) is a newborn \(perinatal\) code/,
      );
      assert.match(f.message, /for age 0, but the patient's age is 40\./);
      assert.match(f.message, /Official Guidelines I\.C\.16\.a\.4/);
      const [g] = run(`${head({ sex: 'F', age: 56 })}O80\n`);
      assert.match(g.message, /is a maternity code .* for ages 12–55, but the patient's age is 56\./);
      assert.match(g.source, /maternity age range 12-55 of the Medicare Code Editor \(docs\/rules\.md\)/);
      const [h] = run(`${head({ age: 15 })}E66.01\nZ68.41\n`);
      assert.match(
        h.message,
        /the Tabular at Z68 says "BMI adult codes are for use for persons 20 years of age or older"/,
      );
      assert.match(h.message, /for ages 20–124, but the patient's age is 15/);
    });

    it('manifestation-principal: D63.1 names its category title, the code-first note and moves after N18.4', () => {
      const [f] = run(`${head()}D63.1\nN18.4\n`);
      assert.match(f.message, /D63 says "Anemia in chronic diseases classified elsewhere"/);
      assert.match(f.message, /Code first underlying chronic kidney disease \(CKD\) \(N18\.-\)/);
      assert.deepEqual(f.data, { fix: 'move-after', line: 2, afterLine: 3 });
      const [g] = run(`${head()}D63.8\n`);
      assert.match(g.message, /its title says "Anemia in other chronic diseases classified elsewhere"/);
      assert.match(g.message, /^D63\.8 is listed /); // its own title is the evidence: quoted once
      assert.equal(g.message.split('Anemia in other chronic diseases').length, 2);
      assert.match(
        g.message,
        /"Code first underlying disease, such as: diphyllobothriasis \(B70\.0\); hookworm disease/,
      );
      assert.deepEqual(g.data, { fix: 'none' });
    });

    it('unacceptable-principal: Z87.891 cites I.C.21.c.4 and the MCE (inpatient), moves after the next code', () => {
      const [f] = run(`${head()}Z87.891\nJ44.1\n`);
      assert.match(f.message, /it is a history code \(Z87 "Personal history of other diseases and conditions"\)/);
      assert.match(f.message, /The Medicare Code Editor does not accept it as principal diagnosis/);
      assert.equal(
        f.source,
        'ICD-10-CM title of Z87; ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.C.21.c.4 (history codes); Medicare Code Editor: unacceptable principal diagnosis',
      );
      assert.deepEqual(f.data, { fix: 'move-after', line: 2, afterLine: 3 });
      const [g] = run(`${head({ setting: 'outpatient' })}Z87.891\nJ44.1\n`);
      assert.doesNotMatch(g.message, /Medicare Code Editor/);
      assert.match(g.message, /is listed first \(first-listed diagnosis\)/);
      const [h] = run(`${head()}B96.20\nN39.0\n`);
      assert.match(
        h.message,
        /the Tabular at block B95-B97 says "These categories are provided for use as supplementary or additional codes/,
      );
    });

    it('procedure-sex-conflict names the PCS body system from the Tables', () => {
      const [f] = run(`${head({ sex: 'M' })}I10\npx 0UT90ZZ\n`);
      assert.equal(
        f.message,
        '0UT90ZZ (Resection of Uterus, Open Approach) is a female-only procedure (ICD-10-PCS section and body system ' +
          "0U: Medical and Surgical, Female Reproductive System), but the patient's sex is M. Check the sex on the " +
          'record and the procedure code; if both are right (e.g. a transgender patient), Medicare claims need ' +
          'condition code 45.',
      );
      assert.equal(
        f.source,
        'ICD-10-PCS FY2026 Tables (section and body system): 0U "Medical and Surgical, Female Reproductive System"; Medicare Code Editor: procedure and sex conflict',
      );
    });

    it('a suppression comment silences a claim edit on its line', () => {
      assert.deepEqual(run(`${head({ sex: 'M', age: 30 })}O80  # coding-review: ignore sex-conflict\n`), []);
    });
  });
});
