/**
 * The server keeps working when the data cannot be loaded (one clear message, syntax checks and
 * the outline still work) and when a request is malformed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspTestClient } from './client';

describe('server: resilience', function () {
  describe('without data', () => {
    let c: LspTestClient;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-nodata-'));
      c = await LspTestClient.start({ args: ['--data-dir', dir] });
    });
    after(async () => {
      assert.equal(await c.stop(), 0);
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports the data problem once, as an error message naming the fix', async () => {
      const m = await c.waitForMessage();
      assert.equal(m.type, 1);
      assert.match(m.message, /^Clinical Coding Review: no data in .*manifest\.json is missing.*npm run data/);
      await c.open('file:///d/a.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2\n');
      await c.open('file:///d/b.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2\n');
      assert.equal(c.messages.length, 1);
    });

    it('still reports syntax problems in annotation files', async () => {
      const ds = await c.open(
        'file:///d/c.codes',
        'code-annotation',
        'date: 2026-13-45\nsetting: hospital\n\n@@@ what\n',
      );
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start.line]),
        [
          ['header-error', 0],
          ['header-error', 1],
          ['syntax-error', 3],
        ],
      );
    });

    it('hover and completion answer empty, the outline still works, status says why', async () => {
      assert.equal(await c.hover('file:///d/a.codes', { line: 2, character: 1 }), null);
      assert.deepEqual(await c.completion('file:///d/a.codes', { line: 2, character: 5 }), []);
      const s = await c.symbols('file:///d/a.codes');
      assert.deepEqual(
        s.map((x) => x.name),
        ['Header', 'Principal diagnosis'],
      );
      const st = await c.waitForStatus('file:///d/a.codes');
      assert.equal(st.ok, false);
      assert.match(String(st.message), /manifest\.json is missing/);
      const e = await c.request<{ error?: string; cm: unknown[] }>('clinicalCoding/editions', {});
      assert.deepEqual(e.cm, []);
      assert.match(String(e.error), /manifest\.json is missing/);
    });
  });

  describe('bad requests', () => {
    let c: LspTestClient;
    before(async () => {
      c = await LspTestClient.start();
    });
    after(async () => {
      assert.equal(await c.stop(), 0);
    });

    it('fails a malformed request and keeps serving', async () => {
      await assert.rejects(c.request('clinicalCoding/search', { query: 42 }), /query must be a string/);
      assert.equal(await c.hover('file:///never/opened.codes', { line: 0, character: 0 }), null);
      const ds = await c.open(
        'file:///b/a.codes',
        'code-annotation',
        'date: 2026-03-14\nsetting: outpatient\n\nI50.2\n',
      );
      assert.deepEqual(
        ds.map((d) => d.code),
        ['non-billable-code'],
      );
    });

    it('handles binary junk and positions past the end without failing', async () => {
      const uri = 'file:///b/junk.note';
      const ds = await c.open(uri, 'clinical-note', '\u0000\u0001\uffff I50.2 \ud800');
      assert.deepEqual(
        ds.map((d) => d.code),
        ['non-billable-code'],
      );
      assert.equal(await c.hover(uri, { line: 99, character: 99 }), null);
      assert.deepEqual(await c.completion(uri, { line: 99, character: 0 }), []);
    });
  });
});
