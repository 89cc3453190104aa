/** Server helpers without a connection: settings validation, suppression comments, rule settings. */
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyRuleSettings, suppressions } from '../../server/src/services/pipeline';
import { DEFAULT_SETTINGS, parseSettings } from '../../server/src/services/settings';

describe('server settings', () => {
  it('defaults for nothing or junk', () => {
    assert.deepEqual(parseSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(parseSettings('x'), DEFAULT_SETTINGS);
    assert.deepEqual(
      parseSettings({
        defaultSetting: 'hospital',
        defaultDateOfService: '03/14/2026',
        maxFileSizeKB: -1,
        trace: { server: 'loud' },
      }),
      DEFAULT_SETTINGS,
    );
  });

  it('keeps valid values and drops invalid entries', () => {
    assert.deepEqual(
      parseSettings({
        defaultSetting: 'outpatient',
        defaultDateOfService: '2024-05-01',
        severity: { 'unspecified-code': 'hint', 'duplicate-code': 'off', 'invalid-code': 'fatal' },
        disabledRules: ['poa-missing', 7],
        notePatterns: ['**/*.txt'],
        maxFileSizeKB: 64,
        maxLineLength: 300,
        trace: { server: 'verbose' },
      }),
      {
        defaultSetting: 'outpatient',
        defaultDateOfService: '2024-05-01',
        severity: { 'unspecified-code': 'hint', 'duplicate-code': 'off' },
        disabledRules: ['poa-missing'],
        notePatterns: ['**/*.txt'],
        maxFileSizeKB: 64,
        maxLineLength: 300,
        trace: 'verbose',
      },
    );
  });
});

describe('suppression comments', () => {
  it('reads ignore per line and disable per file', () => {
    const s = suppressions(
      'I50.2  # coding-review: ignore non-billable-code, duplicate-code\n# coding-review: disable unspecified-code\nx\n',
    );
    assert.deepEqual(
      [...s.lines.entries()].map(([l, r]) => [l, [...r]]),
      [[0, ['non-billable-code', 'duplicate-code']]],
    );
    assert.deepEqual([...s.file], ['unspecified-code']);
  });
});

describe('rule settings on diagnostics', () => {
  const d = (code: string, line: number): Diagnostic => ({
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    message: code,
    code,
    severity: 1,
  });
  const cases: Array<[string, Partial<typeof DEFAULT_SETTINGS>, string, Array<[string, number]>]> = [
    [
      'defaults keep everything',
      {},
      '',
      [
        ['a', 1],
        ['b', 1],
      ],
    ],
    ['disabledRules drops a rule', { disabledRules: ['a'] }, '', [['b', 1]]],
    ['severity off drops, others change', { severity: { a: 'off', b: 'hint' } }, '', [['b', 4]]],
    ['ignore comment on the line', {}, 'x # coding-review: ignore a\n', [['b', 1]]],
    [
      'ignore on another line does not apply',
      {},
      '\nx # coding-review: ignore a\n',
      [
        ['a', 1],
        ['b', 1],
      ],
    ],
    ['disable for the file', {}, '\n\n# coding-review: disable b', [['a', 1]]],
  ];
  for (const [name, settings, text, expected] of cases) {
    it(name, () => {
      const out = applyRuleSettings([d('a', 0), d('b', 1)], { ...DEFAULT_SETTINGS, ...settings }, text);
      assert.deepEqual(
        out.map((x) => [x.code, x.severity]),
        expected,
      );
    });
  }
});
