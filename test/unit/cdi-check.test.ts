/**
 * The query compliance checker: every deliberately non-compliant query in
 * test/fixtures/cdi/noncompliant trips exactly the expected query-* rules at the expected places;
 * the compliant ones (hand-written, yes/no for an allowed purpose) give none.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkQuery, parseQuery, QUERY_RULES } from '../../server/src/core/cdi/check';
import { CDI_RULES } from '../../server/src/core/findings/registry';
import { ruleInfo } from '../../server/src/core/findings/registry';

const FIX = path.resolve(__dirname, '../fixtures/cdi');
const read = (p: string) => readFileSync(path.join(FIX, p), 'utf8');

/** [rule, text of the span] in order */
const run = (text: string): Array<[string, string]> =>
  checkQuery(text).map((f) => [f.rule, text.slice(f.span.start, f.span.end)]);

const NONCOMPLIANT: Record<string, Array<[string, string]>> = {
  'financial-language.query.md': [
    ['query-financial-language', 'CC'],
    ['query-financial-language', 'would increase'],
    ['query-financial-language', 'DRG'],
    ['query-financial-language', 'relative weight'],
    ['query-financial-language', 'reimbursement'],
  ],
  'leading-please-document.query.md': [['query-leading', 'Please document']],
  'leading-preselected.query.md': [
    ['query-leading', '- [x] Acute blood loss anemia'],
    ['query-leading', '- [ ] Expected operative blood loss without anemia (recommended)'],
  ],
  'leading-single-diagnosis.query.md': [['query-leading', '## Options']],
  'leading-yes-no-new-diagnosis.query.md': [['query-leading', '## Question']],
  'missing-fields.query.md': [
    ['query-missing-fields', '## Details'],
    ['query-missing-fields', '## Details'],
    ['query-missing-fields', '## Details'],
    ['query-missing-fields', 'Encounter:'],
  ],
  'missing-indicators.query.md': [['query-missing-indicators', '# Physician query: anemia']],
  'missing-other-option.query.md': [['query-missing-other-option', '## Options']],
  'missing-undetermined-option.query.md': [['query-missing-undetermined-option', '## Options']],
  'option-unsupported.query.md': [
    ['query-option-unsupported', '- [ ] Iron deficiency anemia'],
    ['query-option-unsupported', '- [ ] Anemia in chronic kidney disease'],
  ],
};

describe('cdi checkQuery: non-compliant fixtures', () => {
  it('has a fixture for every file in the folder, and every query-* rule is tripped', () => {
    assert.deepEqual(readdirSync(path.join(FIX, 'noncompliant')).sort(), Object.keys(NONCOMPLIANT).sort());
    const tripped = new Set(Object.values(NONCOMPLIANT).flatMap((l) => l.map(([r]) => r)));
    assert.deepEqual([...tripped].sort(), Object.keys(QUERY_RULES).sort());
  });
  for (const [file, expected] of Object.entries(NONCOMPLIANT))
    it(file, () => {
      const text = read(`noncompliant/${file}`);
      assert.deepEqual(run(text), expected);
      for (const f of checkQuery(text)) {
        assert.equal(f.severity, 'warning');
        assert.equal(f.source, QUERY_RULES[f.rule as keyof typeof QUERY_RULES]);
        assert.match(f.source, /^AHIMA\/ACDIS Guidelines for Achieving a Compliant Query Practice \(2022 update\): /);
      }
    });
});

describe('cdi checkQuery: compliant queries', () => {
  for (const file of readdirSync(path.join(FIX, 'compliant')))
    it(file, () => {
      assert.deepEqual(run(read(`compliant/${file}`)), []);
    });

  it('an open-ended query needs no options', () => {
    const text = read('compliant/anemia-handwritten.query.md').replace(/## Options[\s\S]*?(?=## Provider)/, '');
    assert.deepEqual(run(text), []);
  });
});

describe('cdi checkQuery: wording', () => {
  const base = read('compliant/anemia-handwritten.query.md');
  const withQuestion = (q: string) => base.replace('can the type and acuity of the anemia be further clarified?', q);
  const table: Array<[string, Array<[string, string]>]> = [
    ['can you confirm that acute blood loss anemia is present?', [['query-leading', 'can you confirm that']]],
    ["don't you agree this is acute blood loss anemia?", [['query-leading', "don't you agree"]]],
    [
      'this affects the case mix index and SOI/ROM.',
      [
        ['query-financial-language', 'case mix index'],
        ['query-financial-language', 'SOI'],
        ['query-financial-language', 'ROM'],
      ],
    ],
    [
      'an answer helps our quality scores and the MS-DRG payment.',
      [
        ['query-financial-language', 'quality scores'],
        ['query-financial-language', 'MS-DRG'],
        ['query-financial-language', 'payment'],
      ],
    ],
    ['what is the clinical significance of these findings?', []],
  ];
  for (const [q, expected] of table)
    it(JSON.stringify(q), () => {
      assert.deepEqual(run(withQuestion(q)), expected);
    });

  it('does not judge the words quoted from the record in the indicators', () => {
    const text = base.replace('"estimated blood loss 900 mL"', '"CC: please document the DRG"');
    assert.deepEqual(run(text), []);
  });

  it('never throws on odd input', () => {
    assert.deepEqual(run('')[0], ['query-missing-fields', '']);
    assert.doesNotThrow(() => checkQuery('\u0000\u0001## \n- [x]\n'.repeat(1000)));
    assert.doesNotThrow(() => checkQuery('x'.repeat(300_000)));
  });
});

describe('cdi parseQuery', () => {
  it('reads sections, fields and options', () => {
    const q = parseQuery(read('compliant/anemia-handwritten.query.md'));
    assert.equal(q.title?.text, 'Physician query: anemia');
    assert.deepEqual(
      q.sections.map((s) => s.kind),
      ['details', 'indicators', 'question', 'options', 'response'],
    );
    assert.deepEqual(
      q.fields.filter((f) => f.section === 'details').map((f) => [f.label, f.value]),
      [
        ['Encounter', 'ENC-1001'],
        ['Patient', 'age 70, sex F'],
        ['Date', '2026-03-16'],
        ['Provider', '________'],
        ['Query author', '________'],
        ['Query type', 'multiple choice'],
      ],
    );
    assert.deepEqual(
      q.options.map((o) => [o.text, o.checked]),
      [
        ['Acute blood loss anemia', false],
        ['Expected operative blood loss without anemia', false],
        ['Other (please specify): ________', false],
        ['Clinically undetermined', false],
      ],
    );
  });
});

describe('cdi rule registry', () => {
  it('registers every CDI rule with its severity and source', () => {
    assert.deepEqual(
      CDI_RULES.map((r) => [r.id, r.severity]),
      [['query-opportunity', 'information'], ...Object.keys(QUERY_RULES).map((id) => [id, 'warning'])],
    );
    for (const r of CDI_RULES) assert.deepEqual(ruleInfo(r.id), r);
  });
});

describe('cdi checkQuery: yes/no purposes', () => {
  const base = read('compliant/yes-no-present-on-admission.query.md');
  const withPurpose = (purpose: string, question: string) =>
    base
      .replace('- Purpose: present on admission', `- Purpose: ${purpose}`)
      .replace('Was the acute blood loss anemia present on admission?', question);
  const table: Array<[string, string, string[]]> = [
    ['present on admission', 'Was it present at the time of admission?', []],
    ['confirm a documented diagnosis', 'Is the documented anemia a clinically valid diagnosis?', []],
    ['cause-and-effect', 'Is the anemia a consequence of the surgery?', []],
    ['conflicting documentation', 'Which documentation is accurate?', []],
    ['new diagnosis', 'Does the patient have acute blood loss anemia?', ['query-leading']],
  ];
  for (const [purpose, question, rules] of table)
    it(`purpose "${purpose}"`, () => {
      assert.deepEqual(
        checkQuery(withPurpose(purpose, question)).map((f) => f.rule),
        rules,
      );
    });
});
