import assert from 'node:assert/strict';
import { findSections } from '../../server/src/core/notes/sections';
import { segmentBody, type Segment } from '../../server/src/core/notes/text';

describe('notes: sections', () => {
  const note = [
    'DISCHARGE SUMMARY',
    'Chief Complaint: cough',
    'HPI: 70 yo with fever. Denies chest pain.',
    'Past Medical History:',
    '- HTN',
    '- DM2',
    'Family History: mother with CAD',
    '## Assessment and Plan',
    '1. Pneumonia.',
    'Discharge Diagnoses:',
    'Pneumonia',
  ].join('\n');
  const sections = findSections(note);

  const cases: Array<[string, string, number, boolean, string | undefined]> = [
    ['Chief Complaint', 'Chief Complaint', 1, false, undefined],
    ['HPI', 'History of Present Illness', 1, false, undefined],
    ['Past Medical History', 'Past Medical History', 0.5, false, 'historical'],
    ['Family History', 'Family History', 0, false, 'family'],
    ['Assessment and Plan', 'Assessment and Plan', 2, true, undefined],
    ['Discharge Diagnoses', 'Discharge Diagnoses', 3, true, undefined],
  ];
  it('finds every heading, in order, with its canonical name', () => {
    assert.deepEqual(
      sections.map((s) => s.name),
      cases.map((c) => c[1]),
    );
  });
  for (const [written, name, weight, diagnostic, context] of cases) {
    it(`"${written}" -> ${name} (weight ${weight})`, () => {
      const s = sections.find((x) => x.name === name)!;
      assert.equal(note.slice(s.headingSpan.start, s.headingSpan.end), written);
      assert.equal(s.weight, weight);
      assert.equal(s.diagnostic, diagnostic);
      assert.equal(s.context, context);
    });
  }
  it('a parenthesis may stand between a heading and its colon', () => {
    const found = findSections(
      'PROBLEM LIST (carried forward from prior note):\n1. COPD\nPlan (discussed with patient): rest',
    );
    assert.deepEqual(
      found.map((s) => [s.name, s.diagnostic]),
      [
        ['Problem List', true],
        ['Plan', false],
      ],
    );
  });
  it('a heading line without a colon must be the whole line', () => {
    assert.deepEqual(
      findSections('Plan to discharge tomorrow\nPlan\nfollow up').map((s) => s.headingSpan),
      [{ start: 27, end: 31 }],
    );
  });

  const segs: Array<[string, Array<[Segment['kind'], string]>]> = [
    [
      'Fever. Denies chest pain.',
      [
        ['sentence', 'Fever.'],
        ['sentence', 'Denies chest pain.'],
      ],
    ],
    [
      '- HTN\n- DM2',
      [
        ['list-item', 'HTN'],
        ['list-item', 'DM2'],
      ],
    ],
    [
      '1. Pneumonia. Sepsis.\n2) UTI',
      [
        ['list-item', 'Pneumonia.'],
        ['list-item', 'Sepsis.'],
        ['list-item', 'UTI'],
      ],
    ],
    ['History of H. pylori infection.', [['sentence', 'History of H. pylori infection.']]],
    [
      'Temp 38.5 today; no cough',
      [
        ['sentence', 'Temp 38.5 today;'],
        ['sentence', 'no cough'],
      ],
    ],
  ];
  for (const [text, want] of segs) {
    it(`segments ${JSON.stringify(text)}`, () => {
      const out: Segment[] = [];
      segmentBody(text, 0, text.length, 0, out);
      assert.deepEqual(
        out.map((s) => [s.kind, text.slice(s.span.start, s.span.end)]),
        want,
      );
    });
  }
});
