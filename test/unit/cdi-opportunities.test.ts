/**
 * Query opportunities in notes: per topic, detection on the synthetic example (exact mention, line,
 * indicators and options) and non-detection once the documentation is specific; value reading; negation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findQueryOpportunities, type CdiCodeSet } from '../../server/src/core/cdi/opportunities';
import type { Classification } from '../../server/src/core/types';
import { findValues, isNegated } from '../../server/src/core/cdi/match';
import type { QueryOpportunity } from '../../server/src/core/cdi/types';
import type { Finding } from '../../server/src/core/findings/types';

const note = (topic: string): string =>
  readFileSync(path.resolve(__dirname, '../../examples/cdi', `${topic}.note`), 'utf8');

const opportunity = (f: Finding): QueryOpportunity => {
  assert.equal(f.data?.fix, 'draft-query');
  return (f.data as { opportunity: QueryOpportunity }).opportunity;
};

interface Case {
  topic: string;
  mention: string;
  /** 0-based line of the mention */
  line: number;
  indicators: string[];
  options: string[];
  /** [vague text in the note, specific replacement] */
  specific: [string, string];
}

const CASES: Case[] = [
  {
    topic: 'heart-failure',
    mention: 'CHF',
    line: 19,
    indicators: ['bnp', 'ef-reduced', 'iv-diuretic', 'congestion', 'gdmt'],
    options: [
      'Acute on chronic systolic (congestive) heart failure',
      'Acute systolic (congestive) heart failure',
      'Chronic systolic (congestive) heart failure',
    ],
    specific: ['1. CHF -', '1. Acute on chronic systolic CHF -'],
  },
  {
    topic: 'sepsis',
    mention: 'Urosepsis',
    line: 18,
    indicators: [
      'fever',
      'tachycardia',
      'wbc-high',
      'lactate',
      'map-low',
      'vasopressor',
      'ecoli',
      'positive-culture',
      'iv-antibiotics',
    ],
    options: [
      'Sepsis due to Escherichia coli with septic shock',
      'Sepsis due to Escherichia coli with acute organ dysfunction, without septic shock (please specify the organ dysfunction)',
      'Sepsis due to Escherichia coli without acute organ dysfunction',
      'Bacteremia without sepsis',
      'Localized infection only, sepsis ruled out',
    ],
    specific: ['Urosepsis', 'Sepsis due to E. coli with septic shock'],
  },
  {
    topic: 'kidney',
    mention: 'Elevated creatinine',
    line: 13,
    indicators: ['creatinine-rise', 'egfr-low', 'oliguria', 'iv-fluids'],
    options: [
      'Acute kidney injury',
      'Acute kidney injury superimposed on chronic kidney disease (please specify the stage)',
      'Chronic kidney disease without acute kidney injury (please specify the stage)',
      'Volume depletion without acute kidney injury',
    ],
    specific: ['Elevated creatinine', 'Elevated creatinine from acute kidney injury'],
  },
  {
    topic: 'malnutrition',
    mention: 'Malnutrition',
    line: 12,
    indicators: ['albumin-low', 'bmi-low', 'weight-loss', 'wasting', 'intake', 'nutrition-support'],
    options: [
      'Severe protein-calorie malnutrition',
      'Moderate protein-calorie malnutrition',
      'Mild protein-calorie malnutrition',
      'Cachexia',
      'Underweight without malnutrition',
    ],
    specific: ['Malnutrition -', 'Severe protein-calorie malnutrition -'],
  },
  {
    topic: 'anemia',
    mention: 'Anemia',
    line: 13,
    indicators: ['hgb-drop', 'hgb-low', 'transfusion', 'bleeding'],
    options: ['Acute blood loss anemia', 'Expected operative blood loss without anemia'],
    specific: ['Anemia -', 'Acute blood loss anemia -'],
  },
  {
    topic: 'respiratory-failure',
    mention: 'Respiratory distress',
    line: 18,
    indicators: ['spo2-low', 'pao2-low', 'ph-low', 'rr-high', 'o2-support', 'work-of-breathing'],
    options: ['Acute respiratory failure with hypoxia', 'Hypoxemia without respiratory failure'],
    specific: ['Respiratory distress', 'Acute hypoxic respiratory failure'],
  },
  {
    topic: 'encephalopathy',
    mention: 'Altered mental status',
    line: 15,
    indicators: ['gcs-low', 'sodium-abnormal', 'disorientation', 'infection'],
    options: [
      'Metabolic encephalopathy',
      'Delirium due to a known physiological condition (please specify the condition)',
      'Altered mental status without encephalopathy',
    ],
    specific: ['Altered mental status -', 'Altered mental status due to metabolic encephalopathy -'],
  },
  {
    topic: 'pressure-injury',
    mention: 'Decubitus',
    line: 13,
    indicators: ['stage3-findings', 'wound-care', 'braden-low'],
    options: [
      'Pressure injury, stage 3 (please specify site and laterality)',
      'Pressure injury, unstageable (please specify site and laterality)',
    ],
    specific: ['Decubitus -', 'Stage 3 sacral pressure injury -'],
  },
  {
    topic: 'diabetes',
    mention: 'DM',
    line: 12,
    indicators: ['a1c-high', 'glucose-high', 'insulin', 'oral-agent'],
    options: [
      'Type 2 diabetes mellitus with hyperglycemia',
      'Type 2 diabetes mellitus without complications',
      'Type 1 diabetes mellitus with hyperglycemia',
    ],
    specific: ['DM - poorly controlled', 'Type 2 DM with hyperglycemia'],
  },
  {
    topic: 'pneumonia',
    mention: 'Pneumonia',
    line: 15,
    indicators: ['aspiration-risk', 'anaerobic-coverage', 'imaging'],
    options: ['Aspiration pneumonia', 'Bacterial pneumonia, organism not identified'],
    specific: ['Pneumonia -', 'Aspiration pneumonia -'],
  },
  {
    topic: 'obesity',
    mention: 'Obese',
    line: 12,
    indicators: ['bmi-class3', 'osa', 'bariatric'],
    options: ['Obesity, class 3', 'Morbid (severe) obesity due to excess calories'],
    specific: ['Obese -', 'Class 3 obesity -'],
  },
  {
    topic: 'electrolytes',
    mention: 'Electrolyte abnormalities',
    line: 12,
    indicators: ['sodium-low', 'potassium-low', 'osm-low', 'sodium-treatment', 'potassium-treatment'],
    options: [
      'Hyponatremia',
      'Syndrome of inappropriate antidiuretic hormone secretion (SIADH)',
      'Hypokalemia',
      'Abnormal laboratory value without clinical significance',
    ],
    specific: ['Electrolyte abnormalities', 'Hyponatremia and hypokalemia'],
  },
];

describe('cdi findQueryOpportunities', () => {
  for (const c of CASES) {
    it(`${c.topic}: finds the opportunity on the vague mention, with its indicators`, () => {
      const text = note(c.topic);
      const all = findQueryOpportunities(text);
      const mine = all.filter((f) => opportunity(f).topic === c.topic);
      assert.equal(mine.length, 1);
      const f = mine[0];
      assert.equal(f.rule, 'query-opportunity');
      assert.equal(f.severity, 'information');
      assert.equal(text.slice(f.span.start, f.span.end), c.mention);
      const o = opportunity(f);
      assert.equal(o.mention.line, c.line);
      assert.deepEqual(
        o.indicators.map((i) => i.id),
        c.indicators,
      );
      assert.deepEqual(o.options, c.options);
      // every indicator is quoted from the note at the line it names
      for (const i of o.indicators)
        for (const e of i.evidence) {
          assert.ok(e.line >= 0 && e.span.end > e.span.start);
          assert.equal(text.split('\n')[e.line].includes(text.slice(e.span.start, e.span.end).split('\n')[0]), true);
        }
      assert.match(f.message, new RegExp(`^Query opportunity — .*"${c.mention}" does not document the `));
    });

    it(`${c.topic}: no opportunity once the documentation is specific`, () => {
      const text = note(c.topic);
      assert.ok(text.includes(c.specific[0]), `example contains "${c.specific[0]}"`);
      const specific = text.replace(c.specific[0], c.specific[1]);
      const topics = findQueryOpportunities(specific).map((f) => opportunity(f).topic);
      assert.equal(topics.includes(c.topic), false, `still found: ${topics.join(', ')}`);
    });
  }

  it('gives no opportunity for a negated mention or without indicators', () => {
    assert.deepEqual(findQueryOpportunities('Assessment:\nNo evidence of CHF. BNP 1,200, EF 20%.\n'), []);
    assert.deepEqual(findQueryOpportunities('Assessment:\nCHF, stable.\n'), []);
  });

  it('asks about an axis only when its relevant indicators are present (diabetes complications)', () => {
    const plain = 'Medications: insulin glargine.\nAssessment:\nType 2 diabetes mellitus, continue insulin.\n';
    assert.deepEqual(findQueryOpportunities(plain), []);
    const withA1c = plain.replace('Medications:', 'Labs: A1c 10.5%.\nMedications:');
    const [f] = findQueryOpportunities(withA1c);
    assert.deepEqual(opportunity(f).missing, [
      'complications and control (without complications, with hyperglycemia, with hypoglycemia, with a named complication)',
    ]);
    // type 2 is documented: the type 1 options are left out
    assert.deepEqual(opportunity(f).options, [
      'Type 2 diabetes mellitus with hyperglycemia',
      'Type 2 diabetes mellitus without complications',
    ]);
  });

  it('"morbidly obese" documents the severity', () => {
    assert.deepEqual(findQueryOpportunities('BMI 44.\nAssessment: morbidly obese, on CPAP.\n'), []);
    assert.equal(findQueryOpportunities('BMI 44.\nAssessment: obese, on CPAP.\n').length, 1);
  });

  it('does not count negated indicators', () => {
    const text = 'Exam: no JVD, no crackles.\nAssessment: CHF.\n';
    assert.deepEqual(findQueryOpportunities(text), []);
  });

  it('filters answer options by the code set edition when given', () => {
    const text = note('obesity');
    const codeSet: CdiCodeSet = {
      classify: (code: string): Classification =>
        code === 'E66.813' ? { kind: 'invalid', code, suggestions: [] } : { kind: 'billable', code, title: '' },
    };
    const [f] = findQueryOpportunities(text, codeSet, 0);
    assert.deepEqual(opportunity(f).options, ['Morbid (severe) obesity due to excess calories']);
  });
});

describe('cdi value reading', () => {
  const table: Array<[string, string[], number[][]]> = [
    ['BNP 1,850 pg/mL on admission.', ['BNP'], [[1850]]],
    ['Echo: LVEF 25% with hypokinesis', ['EF', 'LVEF'], [[25]]],
    ['creatinine rose from 1.0 to 2.6 today', ['creatinine'], [[1, 2.6]]],
    ['Cr 2.4 (baseline 1.1), BUN 40', ['Cr'], [[2.4, 1.1]]],
    ['Creatinine 2.6 today, baseline 1.0 in clinic', ['creatinine'], [[2.6, 1]]],
    ['T 101.8 F, HR 118', ['T', 'temp'], [[101.8]]],
    ['Na 124, K 3.1', ['Na'], [[124]]],
    ['hemoglobin A1c 9.1%', ['hemoglobin'], []],
    ['sat up in chair, sats 86% on RA', ['sat', 'sats'], [[86]]],
  ];
  for (const [text, names, values] of table)
    it(`reads ${JSON.stringify(text)}`, () => {
      assert.deepEqual(
        findValues(text, names).map((v) => v.values),
        values,
      );
    });
});

describe('cdi negation window', () => {
  const table: Array<[string, string, boolean]> = [
    ['Denies orthopnea.', 'orthopnea', true],
    ['No fever but has JVD.', 'JVD', false],
    ['No fever but has JVD.', 'fever', true],
    ['Family history of diabetes.', 'diabetes', true],
    ['Diabetes. No retinopathy.', 'Diabetes', false],
  ];
  for (const [text, term, negated] of table)
    it(`${JSON.stringify(term)} in ${JSON.stringify(text)} is ${negated ? '' : 'not '}negated`, () => {
      assert.equal(isNegated(text, text.indexOf(term)), negated);
    });
});
