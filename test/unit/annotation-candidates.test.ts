/**
 * Quick-fix candidate order (docs/rules.md, "Candidate order"), the precise "unspecified" test, unknown rule ids in
 * suppression comments, and the note link helpers. Real data; the notes are synthetic.
 */
import { strict as assert } from 'node:assert';
import { checkAnnotation, suggestRuleIds } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { defaultsFirst } from '../../server/src/core/annotation/rules/context';
import { isSuppressed, noteNotFound } from '../../server/src/core/annotation/rules/note-link';
import { knownRuleIds, OTHER_RULE_IDS, ruleInfo } from '../../server/src/core/annotation/rules/registry';
import type { Finding, FixData } from '../../server/src/core/annotation/types';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { noteReaderFor, type NoteReader } from '../../server/src/core/notes/reader';
import { getDataset, getPart } from '../helpers/data';
// the modules that register the OTHER_RULE_IDS
import '../../server/src/core/cdi/rules';
import '../../server/src/core/grading/key';
import '../../server/src/cli/check';

let cs: CodeSet;
let reader: NoteReader;
before(function () {
  this.timeout(120000);
  cs = createCodeSet(getDataset());
  reader = noteReaderFor(getPart('index'), cs);
});

const candidates = (d: FixData | undefined) => (d?.fix === 'replace-code' ? d.candidates : []);
const codesOf = (d: FixData | undefined) => candidates(d).map((c) => c.code);

/** The findings of one line (outpatient, FY2026), optionally with a linked note. */
function check(line: string, note?: string, setting = 'outpatient'): Finding[] {
  const file = parseAnnotation(`setting: ${setting}\ndate: 2026-03-01\n${line}\n`);
  const linked =
    note === undefined
      ? undefined
      : { name: 'visit.note', text: note, analysis: reader.analyze(note, { date: '2026-03-01' }) };
  return checkAnnotation(file, cs, linked ? { note: linked } : {});
}
const fix = (rule: string, line: string, note?: string, setting?: string): FixData | undefined =>
  check(line, note, setting).find((f) => f.rule === rule)?.data;

describe('quick-fix candidate order', () => {
  describe('without a note: defaults first, direct children before deeper ones, tabular order within a tier', () => {
    // [rule, line, the exact candidate list]
    const cases: Array<[string, string, string[]]> = [
      // E11.9 "without complications" (a .9 default), E11.8 "with unspecified complications", E11.A, then depth 2
      [
        'non-billable-code',
        'E11',
        // prettier-ignore
        [
          'E11.9', 'E11.8', 'E11.A', 'E11.00', 'E11.01', 'E11.10', 'E11.11', 'E11.21', 'E11.22', 'E11.29', 'E11.36',
          'E11.39', 'E11.40', 'E11.41', 'E11.42', 'E11.43', 'E11.44', 'E11.49', 'E11.51', 'E11.52', 'E11.59', 'E11.65',
          'E11.69', 'E11.311', 'E11.319',
        ],
      ],
      ['non-billable-code', 'E11.2', ['E11.21', 'E11.22', 'E11.29']],
      // the evidence words not already in the header's title ("chronic", "disease") pick E11.22
      ['non-billable-code', 'E11.2 "with chronic kidney disease"', ['E11.22', 'E11.21', 'E11.29']],
      ['non-billable-code', 'J18', ['J18.9', 'J18.0', 'J18.1', 'J18.2', 'J18.8']],
      ['non-billable-code', 'I12', ['I12.9', 'I12.0']],
      ['non-billable-code', 'I50.2', ['I50.20', 'I50.21', 'I50.22', 'I50.23']],
      [
        'non-billable-code',
        'I50',
        // prettier-ignore
        [
          'I50.9', 'I50.1', 'I50.20', 'I50.21', 'I50.22', 'I50.23', 'I50.30', 'I50.31', 'I50.32', 'I50.33', 'I50.40',
          'I50.41', 'I50.42', 'I50.43', 'I50.82', 'I50.83', 'I50.84', 'I50.89', 'I50.810', 'I50.811', 'I50.812',
          'I50.813', 'I50.814',
        ],
      ],
      ['non-billable-code', 'G35', ['G35.D', 'G35.A', 'G35.B0', 'G35.B1', 'G35.B2', 'G35.C0', 'G35.C1', 'G35.C2']],
      // unspecified-code: the siblings in code order ("acute kidney injury" used to put N17.1 first)
      ['unspecified-code', 'N17.9', ['N17.0', 'N17.1', 'N17.2', 'N17.8']],
      ['unspecified-code', 'N17.9 "Acute kidney injury"', ['N17.0', 'N17.1', 'N17.2', 'N17.8']],
      ['unspecified-code', 'J18.9', ['J18.0', 'J18.1', 'J18.2', 'J18.8']],
      [
        'missing-seventh-character',
        'S72.001',
        // prettier-ignore
        [
          'S72.001A', 'S72.001B', 'S72.001C', 'S72.001D', 'S72.001E', 'S72.001F', 'S72.001G', 'S72.001H', 'S72.001J',
          'S72.001K', 'S72.001M', 'S72.001N', 'S72.001P', 'S72.001Q', 'S72.001R', 'S72.001S',
        ],
      ],
    ];
    for (const [rule, line, want] of cases) {
      it(`${rule}: ${line}`, () => {
        assert.deepEqual(codesOf(fix(rule, line)), want);
        assert.ok(
          candidates(fix(rule, line)).every((c) => !c.label?.includes('documented')),
          'no note, no note label',
        );
      });
    }
    it("defaultsFirst (lookup, hover): the same order over all of a header's billable codes", () => {
      const c = cs.classify('E11', cs.editions.length - 1);
      assert.equal(c.kind, 'header');
      if (c.kind !== 'header') return;
      const all = defaultsFirst(c.code, c.billableDescendants);
      assert.equal(all.length, c.billableDescendants.length);
      assert.deepEqual(
        all.slice(0, 5).map((x) => x.code),
        ['E11.9', 'E11.8', 'E11.A', 'E11.00', 'E11.01'],
      );
    });

    it('E11: the message names the defaults first, and the list stops at 25', () => {
      const f = check('E11').find((x) => x.rule === 'non-billable-code')!;
      assert.match(f.message, /e\.g\. E11\.9 \(Type 2 diabetes mellitus without complications\), E11\.8 /);
      assert.equal(codesOf(f.data).length, 25);
    });
  });

  describe('with the linked note: what it documents first, the words in the label', () => {
    const DM_NEPHRO_CKD =
      'ASSESSMENT\n1. Type 2 diabetes mellitus with diabetic nephropathy.\n2. Type 2 diabetes mellitus with diabetic chronic kidney disease.\n';
    // [rule, line, note, setting, exact leading [code, label]]
    const cases: Array<[string, string, string, string, Array<[string, string | undefined]>]> = [
      [
        'non-billable-code',
        'E11',
        'ASSESSMENT\n1. Type 2 diabetes mellitus with diabetic chronic kidney disease.\n',
        'outpatient',
        [
          ['E11.22', 'documented in visit.note: "Type 2 diabetes mellitus with diabetic chronic kidney disease"'],
          ['E11.9', undefined],
          ['E11.8', undefined],
        ],
      ],
      [
        'non-billable-code',
        'E11.2',
        DM_NEPHRO_CKD,
        'outpatient',
        [
          ['E11.21', 'documented in visit.note: "Type 2 diabetes mellitus with diabetic nephropathy"'],
          ['E11.22', 'documented in visit.note: "Type 2 diabetes mellitus with diabetic chronic kidney disease"'],
          ['E11.29', undefined],
        ],
      ],
      // the mention inside the line's evidence comes first
      [
        'non-billable-code',
        'E11.2 "with diabetic chronic kidney disease"',
        DM_NEPHRO_CKD,
        'outpatient',
        [
          ['E11.22', 'documented in visit.note: "Type 2 diabetes mellitus with diabetic chronic kidney disease"'],
          ['E11.21', 'documented in visit.note: "Type 2 diabetes mellitus with diabetic nephropathy"'],
          ['E11.29', undefined],
        ],
      ],
      [
        'non-billable-code',
        'I50',
        'ASSESSMENT\n1. Acute on chronic systolic heart failure.\n',
        'outpatient',
        [
          ['I50.23', 'documented in visit.note: "Acute on chronic systolic heart failure"'],
          ['I50.9', undefined],
          ['I50.1', undefined],
        ],
      ],
      // (issue 12) unspecified-code is silent where more-specific-code-documented speaks for the same line, so the
      // label shows when that rule is ignored on the line
      [
        'unspecified-code',
        'N17.9  # coding-review: ignore more-specific-code-documented',
        'ASSESSMENT\n1. Acute kidney injury with acute tubular necrosis.\n',
        'outpatient',
        [
          ['N17.0', 'documented in visit.note: "kidney injury with acute tubular necrosis"'],
          ['N17.1', undefined],
          ['N17.2', undefined],
          ['N17.8', undefined],
        ],
      ],
      // a negated mention documents nothing (issue 12: so the note documents nothing more and the rule is silent;
      // the order is checked with the evidence's words instead, which name tubular necrosis)
      [
        'unspecified-code',
        'N17.9 "acute kidney injury with tubular necrosis"',
        'ASSESSMENT\n1. Acute kidney injury. No acute tubular necrosis.\n',
        'outpatient',
        [
          ['N17.0', undefined],
          ['N17.1', undefined],
          ['N17.2', undefined],
          ['N17.8', undefined],
        ],
      ],
      // an uncertain one counts for an inpatient (coded as established), not for an outpatient
      [
        'unspecified-code',
        'N17.9 "acute kidney injury with tubular necrosis"',
        'ASSESSMENT\n1. Acute kidney injury, probable acute tubular necrosis.\n',
        'outpatient',
        [
          ['N17.0', undefined],
          ['N17.1', undefined],
        ],
      ],
      [
        'unspecified-code',
        'N17.9 POA=Y  # coding-review: ignore more-specific-code-documented',
        'ASSESSMENT\n1. Acute kidney injury, probable acute tubular necrosis.\n',
        'inpatient',
        [
          ['N17.0', 'documented in visit.note: "tubular necrosis"'],
          ['N17.1', undefined],
        ],
      ],
      // 7th characters keep their meaning in the label; the note does not document the encounter
      [
        'missing-seventh-character',
        'S72.001',
        'ASSESSMENT\n1. Fall at home.\n',
        'outpatient',
        [
          ['S72.001A', 'A - initial encounter for closed fracture'],
          ['S72.001B', 'B - initial encounter for open fracture type I or II'],
        ],
      ],
    ];
    for (const [rule, line, note, setting, want] of cases) {
      it(`${rule}: ${line} (${setting}) with ${JSON.stringify(note.split('\n')[1])}`, () => {
        const got = candidates(fix(rule, line, note, setting))
          .slice(0, want.length)
          .map((c): [string, string | undefined] => [c.code, c.label]);
        assert.deepEqual(got, want);
      });
    }
  });
});

describe('unspecified-code: "or unspecified" also covers the specified case', () => {
  // [code, flagged]
  const cases: Array<[string, boolean]> = [
    ['I12.9', false], // … stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease
    ['I13.0', false],
    ['I13.10', false],
    ['K25.4', false], // Chronic or unspecified gastric ulcer with hemorrhage
    ['O03.9', false], // Complete or unspecified spontaneous abortion without complication
    ['O40.1XX0', false], // Polyhydramnios, first trimester, not applicable or unspecified
    ['O40.9XX0', true], // … unspecified trimester, not applicable or unspecified
    ['K27.4', true], // Chronic or unspecified peptic ulcer, site unspecified, …
    ['K25.9', true], // Gastric ulcer, unspecified as acute or chronic, …
    ['I50.9', true],
    ['N17.9', true],
    ['J18.9', true],
    ['I69.119', true], // Unspecified symptoms and signs …
    ['I10', false],
  ];
  for (const [code, flagged] of cases) {
    it(`${code} ${flagged ? 'is' : 'is not'} flagged`, () => {
      assert.equal(cs.unspecified(code, cs.editions.length - 1).unspecified, flagged);
      assert.deepEqual(
        check(code)
          .filter((f) => f.rule === 'unspecified-code')
          .map((f) => f.code),
        flagged ? [code] : [],
      );
    });
  }
});

describe('unknown-rule: rule ids in ignore/disable comments', () => {
  const at = (text: string, f: Finding) => text.slice(f.span.start, f.span.end);
  const run = (text: string) => checkAnnotation(parseAnnotation(text), cs, { date: '2026-03-01' });

  it('the parser records each id where it is written', () => {
    const text = '# coding-review: disable poa-missing, unspecified-cod\nI10  # coding-review: ignore  dup-code\n';
    const f = parseAnnotation(text);
    assert.deepEqual(
      f.directives?.map((d) => [d.kind, d.rule, text.slice(d.span.start, d.span.end), d.line]),
      [
        ['disable', 'poa-missing', 'poa-missing', 0],
        ['disable', 'unspecified-cod', 'unspecified-cod', 0],
        ['ignore', 'dup-code', 'dup-code', 1],
      ],
    );
  });

  // [text, expected [covered text, suggestions]]
  const cases: Array<[string, Array<[string, string[]]>]> = [
    ['# coding-review: disable poa-mising\nI10\n', [['poa-mising', ['poa-missing']]]],
    ['I10  # coding-review: ignore duplicate\n', [['duplicate', ['duplicate-code']]]],
    ['N17.9  # coding-review: ignore unspecified-code, bogus-thing\n', [['bogus-thing', []]]],
    // rule ids are read case-insensitively (core/suppression.ts, as the editor's pipeline always did)
    ['# coding-review: disable POA-MISSING\nI10\n', []],
    ['# coding-review: ignore all\nI10\n', []],
    // known ids of every group, and the wildcard, are fine
    [
      '# coding-review: disable evidence-not-found, query-leading, key-no-date, note-not-found, unreadable-file\nI10  # coding-review: ignore\nI50.9  # coding-review: ignore *\n',
      [],
    ],
    // unknown-rule itself can be disabled
    ['# coding-review: disable unknown-rule, nonsense\nI10\n', []],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text.split('\n')[0]), () => {
      const got = run(text).filter((f) => f.rule === 'unknown-rule');
      assert.deepEqual(
        got.map((f) => [at(text, f), f.data?.fix === 'edit' ? f.data.choices.map((c) => c.newText) : []]),
        want,
      );
      for (const f of got) {
        assert.equal(f.severity, 'hint');
        assert.match(f.message, /is not a rule id, so this `(ignore|disable)` comment has no effect\./);
      }
    });
  }

  it('the edit fix replaces the id', () => {
    const text = '# coding-review: disable poa-mising\nI10\n';
    const [f] = run(text).filter((x) => x.rule === 'unknown-rule');
    assert.deepEqual(f.data, {
      fix: 'edit',
      choices: [{ label: "Change to 'poa-missing'", span: { start: 25, end: 35 }, newText: 'poa-missing' }],
    });
    assert.equal(
      f.message,
      "'poa-mising' is not a rule id, so this `disable` comment has no effect. Did you mean 'poa-missing'?",
    );
  });

  it('did-you-mean: closest ids first, nothing for an unrelated word', () => {
    const known = knownRuleIds();
    assert.deepEqual(suggestRuleIds('code-frist', known), ['code-first']);
    assert.deepEqual(suggestRuleIds('negated', known), ['negated-evidence']);
    assert.deepEqual(suggestRuleIds('xyzzy', known), []);
  });

  it('every id of OTHER_RULE_IDS is registered by its module (imported above)', () => {
    for (const id of OTHER_RULE_IDS) assert.ok(ruleInfo(id), id);
  });
});

describe('note link helpers', () => {
  it('note-not-found sits on the note header value', () => {
    const text = 'encounter: X\nnote:   visits/a.note   # the note\nI10\n';
    const f = noteNotFound(parseAnnotation(text), 'was not found beside this file')!;
    assert.equal(text.slice(f.span.start, f.span.end), 'visits/a.note');
    assert.equal(f.rule, 'note-not-found');
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /^The note 'visits\/a\.note' was not found beside this file, so the codes could not be checked/,
    );
    assert.equal(noteNotFound(parseAnnotation('I10\n'), 'x'), undefined);
  });

  it('evidence findings honour ignore and disable comments', () => {
    const text =
      '# coding-review: disable negated-evidence\nI10  "x"  # coding-review: ignore evidence-not-found\nE11.9  "y"  # coding-review: ignore\nN17.9 "z"\n';
    const file = parseAnnotation(text);
    const on = (code: string, rule: string): Finding => {
      const line = file.lines.find((l) => l.raw === code)!;
      return { rule, severity: 'warning', span: line.evidence!.span, message: 'm', source: 's' };
    };
    assert.equal(isSuppressed(file, on('I10', 'evidence-not-found')), true);
    assert.equal(isSuppressed(file, on('I10', 'unsupported-code')), false);
    assert.equal(isSuppressed(file, on('E11.9', 'evidence-not-found')), true);
    assert.equal(isSuppressed(file, on('N17.9', 'evidence-not-found')), false);
    assert.equal(isSuppressed(file, on('N17.9', 'negated-evidence')), true);
  });
});
