/**
 * The server bundle run from a temp copy of dist/ whose data folder is missing or broken: it starts, shows
 * the problem once as an error message naming the file and the fix, and keeps answering (syntax errors,
 * outline, empty hover/completion), then shuts down cleanly. (resilience.test.ts covers --data-dir to an
 * empty folder; this covers the shipped layout and corrupt files.)
 */
import assert from 'node:assert/strict';
import { distCopy, type Breakage } from '../helpers/dist-copy';
import { LspTestClient } from './client';

const CASES: Array<[Breakage, RegExp]> = [
  ['missing-dir', /^Clinical Coding Review: no data in .*manifest\.json is missing.*npm run data/],
  ['cm-truncated', /^Clinical Coding Review: data file .*cm\.json\.gz is corrupt .*npm run data/],
  ['cm-bad-json', /^Clinical Coding Review: data file .*cm\.json\.gz is not valid JSON .*npm run data/],
  ['cm-wrong-version', /^Clinical Coding Review: data file .*cm\.json\.gz has format version 999.*npm run data/],
  ['manifest-bad-json', /^Clinical Coding Review: .*manifest\.json.*npm run data/],
];

const CODES = 'date: 2026-13-45\nsetting: inpatient\n\nI50.23 POA=Y\n@@@ what\n';

describe('server: missing or broken data (temp copy of dist/)', function () {
  this.timeout(120_000);

  for (const [breakage, message] of CASES) {
    it(`${breakage}: one clear message, and the editor keeps working`, async () => {
      const d = distCopy(breakage);
      const c = await LspTestClient.start({ server: d.server, env: d.env as Record<string, string> });
      try {
        const m = await c.waitForMessage();
        assert.equal(m.type, 1);
        assert.match(m.message, message);
        assert.match(m.message, /Syntax checks and the outline still work/);
        const ds = await c.open('file:///broken/a.codes', 'code-annotation', CODES);
        assert.deepEqual(
          ds.map((x) => [x.code, x.range.start.line]),
          [
            ['header-error', 0],
            ['syntax-error', 4],
          ],
        );
        await c.open('file:///broken/b.note', 'clinical-note', 'Assessment: I50.2\n');
        assert.deepEqual(
          (await c.symbols('file:///broken/a.codes')).map((s) => s.name),
          ['Header', 'Principal diagnosis'],
        );
        assert.equal(await c.hover('file:///broken/a.codes', { line: 3, character: 2 }), null);
        assert.deepEqual(await c.completion('file:///broken/a.codes', { line: 3, character: 3 }), []);
        const st = await c.waitForStatus('file:///broken/a.codes');
        assert.equal(st.ok, false);
        assert.equal(c.messages.length, 1, JSON.stringify(c.messages));
        assert.equal(c.proc.exitCode, null);
      } finally {
        assert.equal(await c.stop(), 0);
        d.remove();
      }
    });
  }
});
