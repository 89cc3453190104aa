import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isCalendarDate, LIMITS, parseAnnotation } from '../../server/src/core/annotation/parse';
import { LineIndex } from '../../server/src/core/text/positions';

/** The text a span covers. */
const at = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('annotation parser', () => {
  const sample = [
    '# comment to the end of a line',
    'encounter: DEMO-001',
    'note: discharge-summary.note        # the note being coded',
    'setting: inpatient',
    'date: 2026-03-14',
    'age: 67',
    'sex: F',
    '',
    'I50.23  POA=Y  "acute on chronic systolic heart failure"   # the first diagnosis is the principal',
    'N17.9   POA=Y',
    'E1122',
    'px 02HV33Z                          # ICD-10-PCS procedure',
  ];

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`reads the issue's example with ${name} line endings`, () => {
      const text = sample.join(eol) + eol;
      const f = parseAnnotation(text);
      assert.deepEqual(f.problems, []);
      assert.equal(f.encounter, 'DEMO-001');
      assert.equal(f.note, 'discharge-summary.note');
      assert.equal(f.setting, 'inpatient');
      assert.equal(f.date, '2026-03-14');
      assert.equal(f.age, 67);
      assert.equal(f.sex, 'F');
      assert.deepEqual(
        f.headers.map((h) => [h.key, h.value, h.line]),
        [
          ['encounter', 'DEMO-001', 1],
          ['note', 'discharge-summary.note', 2],
          ['setting', 'inpatient', 3],
          ['date', '2026-03-14', 4],
          ['age', '67', 5],
          ['sex', 'F', 6],
        ],
      );
      assert.deepEqual(
        f.lines.map((l) => [l.kind, l.line, l.raw, l.code, l.dxIndex, l.poa?.value, l.evidence?.text]),
        [
          ['dx', 8, 'I50.23', 'I5023', 0, 'Y', 'acute on chronic systolic heart failure'],
          ['dx', 9, 'N17.9', 'N179', 1, 'Y', undefined],
          ['dx', 10, 'E1122', 'E1122', 2, undefined, undefined],
          ['px', 11, '02HV33Z', '02HV33Z', -1, undefined, undefined],
        ],
      );
      const idx = new LineIndex(text);
      for (const l of f.lines) {
        assert.equal(at(text, l.codeSpan), l.raw);
        assert.equal(idx.positionAt(l.codeSpan.start).line, l.line);
      }
      const first = f.lines[0];
      assert.equal(at(text, first.evidence!.span), '"acute on chronic systolic heart failure"');
      assert.equal(at(text, first.poa!.span), 'Y');
      assert.equal(first.comment?.text, 'the first diagnosis is the principal');
      assert.equal(at(text, f.headers[0].keySpan), 'encounter');
      assert.equal(at(text, f.headers[0].valueSpan), 'DEMO-001');
    });
  }

  // [name, text, expected problems as [rule, covered text], expected code lines (raw)]
  const cases: Array<[string, string, Array<[string, string]>, string[]]> = [
    ['unknown header key', 'payer: ACME\nI10\n', [['header-error', 'payer']], ['I10']],
    ['impossible date', 'date: 2025-02-29\nI10\n', [['header-error', '2025-02-29']], ['I10']],
    ['unreadable date', 'date: March 3\nI10\n', [['header-error', 'March 3']], ['I10']],
    ['unknown setting', 'setting: ER\nI10\n', [['header-error', 'ER']], ['I10']],
    ['bad age', 'age: sixty\nI10\n', [['header-error', 'sixty']], ['I10']],
    ['age out of range', 'age: 200\nI10\n', [['header-error', '200']], ['I10']],
    ['bad sex', 'sex: X\nI10\n', [['header-error', 'X']], ['I10']],
    ['empty header value', 'encounter:\nI10\n', [['header-error', 'encounter']], ['I10']],
    ['repeated header', 'date: 2026-01-02\ndate: 2026-01-03\nI10\n', [['header-error', 'date']], ['I10']],
    ['header after codes', 'I10\ndate: 2026-01-02\nE119\n', [['syntax-error', 'date: 2026-01-02']], ['I10', 'E119']],
    ['not a code', 'I10\nhello world\nE119\n', [['syntax-error', 'hello world']], ['I10', 'E119']],
    ['stray token after code', 'I10 POA=Y junk\n', [['syntax-error', 'junk']], ['I10']],
    ['unterminated quote', 'I10 "high blood\nE119\n', [['syntax-error', '"high blood']], ['I10', 'E119']],
    ['two evidence phrases', 'I10 "a" "b"\n', [['syntax-error', '"b"']], ['I10']],
    ['text glued after a quote', 'I10 "a"b\n', [['syntax-error', 'b']], ['I10']],
    ['px without code', 'px\nI10\n', [['syntax-error', 'px']], ['I10']],
    ['POA on a procedure', 'px 02HV33Z POA=Y\n', [['syntax-error', 'POA=Y']], ['02HV33Z']],
    ['POA twice', 'I10 POA=Y POA=N\n', [['syntax-error', 'POA=N']], ['I10']],
    ['attribute twice', 'I10 weight=1 weight=2\n', [['syntax-error', 'weight=2']], ['I10']],
    ['bad attribute key', 'I10 9x=1\n', [['syntax-error', '9x=1']], ['I10']],
    [
      'disable without rules',
      '# coding-review: disable\nI10\n',
      [['syntax-error', '# coding-review: disable']],
      ['I10'],
    ],
    ['hash inside quotes is not a comment', 'I10 "stage # 2" # real comment\n', [], ['I10']],
    ['punctuation code token', 'I10, E11.9\n', [['syntax-error', 'I10, E11.9']], []],
  ];
  for (const [name, text, problems, codes] of cases) {
    it(`malformed input: ${name}`, () => {
      const f = parseAnnotation(text);
      assert.deepEqual(
        f.problems.map((p) => [p.rule, at(text, p.span)]),
        problems,
      );
      assert.deepEqual(
        f.lines.map((l) => l.raw),
        codes,
      );
    });
  }

  it('keeps POA values case-insensitively and marks invalid ones', () => {
    const text = 'I10 poa=y\nE119 POA=x\nJ189 Poa=1\n';
    const f = parseAnnotation(text);
    assert.deepEqual(
      f.lines.map((l) => [l.poa?.value, l.poa?.valid, at(text, l.poa!.span)]),
      [
        ['Y', true, 'y'],
        ['X', false, 'x'],
        ['1', true, '1'],
      ],
    );
    assert.deepEqual(f.problems, []);
  });

  it('keeps key=value attributes with exact value spans, quoted or not', () => {
    const text = 'I50.23 weight=2 alt="I50.21 I50.22"\n';
    const f = parseAnnotation(text);
    const a = f.lines[0].attributes;
    assert.deepEqual(Object.keys(a), ['weight', 'alt']);
    assert.equal(a.weight.value, '2');
    assert.equal(at(text, a.weight.span), '2');
    assert.equal(a.alt.value, 'I50.21 I50.22');
    assert.equal(at(text, a.alt.span), 'I50.21 I50.22');
  });

  it('reads ignore and disable directives', () => {
    const text = [
      '# coding-review: disable duplicate-code, poa-missing',
      'I10  # coding-review: ignore unspecified-code',
      '# coding-review: ignore excludes1-conflict',
      'E119',
      'R69 # coding-review: ignore',
      'J189',
    ].join('\n');
    const f = parseAnnotation(text);
    assert.deepEqual(f.disabled, ['duplicate-code', 'poa-missing']);
    assert.deepEqual(
      f.lines.map((l) => [l.raw, l.ignored]),
      [
        ['I10', ['unspecified-code']],
        ['E119', ['excludes1-conflict']],
        ['R69', ['*']],
        ['J189', []],
      ],
    );
  });

  it('reads the answer-key header and counts dx positions without px lines', () => {
    const f = parseAnnotation('key: answers/demo.codes\npx 0DTJ4ZZ\nK35.80\nK65.0\n');
    assert.equal(f.key, 'answers/demo.codes');
    assert.deepEqual(
      f.lines.map((l) => [l.code, l.dxIndex]),
      [
        ['0DTJ4ZZ', -1],
        ['K3580', 0],
        ['K650', 1],
      ],
    );
  });

  it('skips a byte-order mark', () => {
    const text = '\uFEFFdate: 2026-01-05\nI10\n';
    const f = parseAnnotation(text);
    assert.deepEqual(f.problems, []);
    assert.equal(f.date, '2026-01-05');
    assert.equal(f.headers[0].keySpan.start, 1);
  });

  it('reports binary content once and parses nothing', () => {
    const f = parseAnnotation('I10\u0000\u0001\u0002garbage');
    assert.deepEqual(
      f.problems.map((p) => p.rule),
      ['syntax-error'],
    );
    assert.match(f.problems[0].message, /binary/);
    assert.deepEqual(f.lines, []);
  });

  it('bounds work on huge lines and huge files', () => {
    const long = 'I10 ' + '"'.repeat(LIMITS.maxLineLength + 10);
    const text = `${long}\nE119\n`;
    const f = parseAnnotation(text);
    assert.deepEqual(
      f.lines.map((l) => l.raw),
      ['E119'],
    );
    assert.deepEqual(
      f.problems.map((p) => [p.rule, p.span.start, p.span.end]),
      [['syntax-error', 0, LIMITS.maxLineLength]],
    );
    const many = 'x\n'.repeat(LIMITS.maxLines + 5);
    const g = parseAnnotation(many);
    assert.equal(g.problems.length, LIMITS.maxProblems + 1);
    assert.match(g.problems[LIMITS.maxProblems].message, /More than/);
  });

  it('never throws on odd input', () => {
    const inputs = ['', '\n\n\r\r', '"', '#', '=', 'px', ':', 'a:', '\uFFFF\uD800', 'I10 ="x"', 'I10 a="', '    \t'];
    for (const s of inputs) {
      const f = parseAnnotation(s);
      assert.ok(Array.isArray(f.problems));
    }
  });

  it('property: any text parses without throwing, with spans inside the text', function () {
    this.timeout(30000);
    const pieces = fc.constantFrom(
      'I50.23',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      '"',
      '#',
      'POA=',
      'Y',
      'px',
      ':',
      '=',
      'date',
      'x',
      '\u0000',
      '\uD800',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(pieces, { maxLength: 80 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        const f = parseAnnotation(t);
        const spans = [
          ...f.problems.map((p) => p.span),
          ...f.headers.flatMap((h) => [h.keySpan, h.valueSpan]),
          ...f.lines.flatMap((l) => [l.codeSpan, l.poa?.span, l.evidence?.span, l.comment?.span]),
        ].filter((x) => x !== undefined);
        for (const sp of spans) assert.ok(0 <= sp.start && sp.start <= sp.end && sp.end <= t.length);
        for (const l of f.lines) assert.equal(at(t, l.codeSpan), l.raw);
      }),
      { numRuns: 500 },
    );
  });

  it('property: well-formed lines parse without problems and keep every part', function () {
    this.timeout(30000);
    const code = fc.constantFrom('I50.23', 'n17.9', 'E1122', 'S72.001A', 'Z79.01');
    const line = fc.record({
      code,
      poa: fc.option(fc.constantFrom('Y', 'n', 'U', 'w', '1'), { nil: undefined }),
      evidence: fc.option(fc.stringMatching(/^[a-z #=]{0,20}$/), { nil: undefined }),
      comment: fc.option(fc.stringMatching(/^[a-z ]{0,20}$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n', '\r'), (ls, eol) => {
        const text = ls
          .map(
            (l) =>
              `${l.code}${l.poa ? `  POA=${l.poa}` : ''}${l.evidence !== undefined ? ` "${l.evidence}"` : ''}${l.comment !== undefined ? ` # ${l.comment}` : ''}`,
          )
          .join(eol);
        const f = parseAnnotation(text);
        assert.deepEqual(f.problems, []);
        assert.deepEqual(
          f.lines.map((l) => [l.raw, l.poa?.value, l.evidence?.text, l.dxIndex]),
          ls.map((l, i) => [l.code, l.poa?.toUpperCase(), l.evidence, i]),
        );
      }),
      { numRuns: 300 },
    );
  });

  const dates: Array<[string, boolean]> = [
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-10', false],
    ['2026-12-31', true],
  ];
  for (const [d, ok] of dates) {
    it(`isCalendarDate(${d}) is ${ok}`, () => assert.equal(isCalendarDate(d), ok));
  }
});

describe('text positions', () => {
  const cases: Array<[string, number, [number, number]]> = [
    ['a\nb', 2, [1, 0]],
    ['a\r\nb', 3, [1, 0]],
    ['a\r\nb', 1, [0, 1]],
    ['a\rb\rc', 4, [2, 0]],
    ['abc', 99, [0, 3]],
    ['', 0, [0, 0]],
  ];
  for (const [text, offset, [line, character]] of cases) {
    it(`positionAt(${JSON.stringify(text)}, ${offset})`, () => {
      const idx = new LineIndex(text);
      assert.deepEqual(idx.positionAt(offset), { line, character });
      assert.equal(idx.offsetAt({ line, character }), Math.min(offset, text.length));
    });
  }
});
