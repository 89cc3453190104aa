/**
 * Issue 11: the query checker on the formats CDI specialists really write: no Markdown, headings as
 * "Label:" lines or bold, indicators under a lead-in ("The record also shows:"), options as bullets,
 * numbers, letters or checkboxes, or a plain list after the question.
 */
import assert from 'node:assert/strict';
import { checkQuery, parseQuery } from '../../server/src/core/cdi/check';

const HEADER = [
  'Physician Query',
  'MRN: 4410982',
  'Date: 03/16/2026',
  'To: Dr. Alvarez',
  'From: J. Reyes, RN, CCDS',
  '',
];

/** a plain-text heart failure query; `options` are the option lines, `lead` the line before them */
function query(opts: { indicators?: string[]; lead?: string; options: string[]; closing?: string }): string {
  return [
    ...HEADER,
    'Dr. Alvarez,',
    'The patient is documented with "CHF" in the progress note of 3/15.',
    ...(opts.indicators ?? [
      'The record also shows:',
      '\u2022 BNP 1,250 pg/mL (ED labs, 3/14)',
      '\u2022 Echo: LVEF 25% (3/15)',
      '\u2022 Furosemide 40 mg IV twice daily',
    ]),
    '',
    opts.lead ?? 'Based on these clinical indicators, please clarify the type and acuity of the heart failure:',
    ...opts.options,
    '',
    opts.closing ?? 'Please document your response in the medical record.',
    'Thank you, J. Reyes',
  ].join('\n');
}

const GOOD = [
  'Acute on chronic systolic (congestive) heart failure',
  'Chronic systolic (congestive) heart failure',
  'Other (please specify)',
  'Clinically undetermined',
];

/** [rule, text of the span] in order */
const run = (text: string): Array<[string, string]> =>
  checkQuery(text).map((f) => [f.rule, text.slice(f.span.start, f.span.end)]);

describe('cdi checkQuery (issue 11): real-world query formats', () => {
  const LEAD = 'Based on these clinical indicators, please clarify the type and acuity of the heart failure:';
  const table: Array<[string, string, Array<[string, string]>]> = [
    ['numbered options, compliant', query({ options: GOOD.map((o, i) => `${i + 1}. ${o}`) }), []],
    ['bulleted options, compliant', query({ options: GOOD.map((o) => `- ${o}`) }), []],
    ['lettered options, compliant', query({ options: GOOD.map((o, i) => `${'abcd'[i]}) ${o}`) }), []],
    ['ballot-box options, compliant', query({ options: GOOD.map((o) => `\u2610 ${o}`) }), []],
    ['"( )" options, compliant', query({ options: GOOD.map((o) => `( ) ${o}`) }), []],
    ['"___" options, compliant', query({ options: GOOD.map((o) => `___ ${o}`) }), []],
    [
      'a plain list without other / undetermined is caught',
      query({ options: GOOD.slice(0, 2).map((o, i) => `${i + 1}. ${o}`) }),
      [
        ['query-missing-other-option', LEAD],
        ['query-missing-undetermined-option', LEAD],
      ],
    ],
    [
      'a question line ending in "?" before the list',
      query({
        lead: 'Can the type and acuity of the heart failure be further clarified?',
        options: [
          '- Chronic systolic (congestive) heart failure',
          '- Acute on chronic systolic (congestive) heart failure',
        ],
      }),
      [
        ['query-missing-other-option', 'Can the type and acuity of the heart failure be further clarified?'],
        ['query-missing-undetermined-option', 'Can the type and acuity of the heart failure be further clarified?'],
      ],
    ],
    [
      'a pre-selected ballot box is leading',
      query({
        options: ['\u2612 Chronic systolic (congestive) heart failure', ...GOOD.slice(0).map((o) => `\u2610 ${o}`)],
      }),
      [['query-leading', '\u2612 Chronic systolic (congestive) heart failure']],
    ],
    [
      'one diagnosis only is leading',
      query({
        options: ['1. Acute on chronic systolic (congestive) heart failure', '2. Other', '3. Clinically undetermined'],
      }),
      [['query-leading', LEAD]],
    ],
    [
      '"Clinical indicators:" with the indicators on the same line',
      query({
        indicators: ['Clinical indicators: BNP 1,250 pg/mL on 3/14, LVEF 25% on echo 3/15, IV furosemide.'],
        options: GOOD.map((o, i) => `${i + 1}. ${o}`),
      }),
      [],
    ],
    [
      'a bold heading',
      query({
        indicators: ['**Clinical Indicators**', '- BNP 1,250 pg/mL (3/14)', '- LVEF 25% (3/15)'],
        options: GOOD.map((o) => `- [ ] ${o}`),
      }),
      [],
    ],
    [
      'indicators written in the paragraph itself, no heading',
      query({
        indicators: ['Labs show BNP 1,250 pg/mL and the echo of 3/15 an LVEF of 25%.'],
        options: GOOD.map((o, i) => `${i + 1}. ${o}`),
      }),
      [],
    ],
    [
      'no indicators at all',
      query({ indicators: [], options: GOOD.map((o, i) => `${i + 1}. ${o}`) }),
      [['query-missing-indicators', 'Physician Query']],
    ],
    [
      '"Please document the diagnosis of …" is still leading',
      query({
        options: GOOD.map((o, i) => `${i + 1}. ${o}`),
        closing: 'Please document the diagnosis of acute heart failure.',
      }),
      [['query-leading', 'Please document']],
    ],
  ];
  for (const [what, text, expected] of table) it(what, () => assert.deepEqual(run(text), expected));

  it('reads the plain query: fields, indicators under "The record also shows:", options after the question', () => {
    const q = parseQuery(query({ options: GOOD.map((o, i) => `${i + 1}. ${o}`) }));
    assert.deepEqual(
      q.fields.map((f) => f.label),
      ['MRN', 'Date', 'To', 'From'],
    );
    assert.deepEqual(
      q.sections.map((s) => [s.kind, s.heading]),
      [
        ['indicators', 'The record also shows'],
        ['options', 'Based on these clinical indicators, please clarify the type and acuity of the heart failure'],
        ['other', ''],
      ],
    );
    assert.deepEqual(
      q.options.map((o) => o.text),
      GOOD,
    );
  });
});
