/**
 * Limits (issue 7): a file over clinicalCoding.maxFileSizeKB or a line over clinicalCoding.maxLineLength gets
 * one clear diagnostic and is skipped in bounded time; a 5 MB note does not freeze the server, whether it is
 * skipped (default 1 MB limit) or read in full (limit raised). Bounds are generous (a shared 2-core machine);
 * the measured figures are in bench/limits.bench.ts and docs/performance.md.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, ROOT } from './client';

const NOTE = readFileSync(path.join(ROOT, 'examples/heart-failure/discharge-summary.note'), 'utf8');
const FIVE_MB = 5 * 1024 * 1024;
/** a 5 MB note: the example note repeated, with a code-shaped token on each copy */
function bigNote(bytes = FIVE_MB): string {
  const unit = NOTE + '\nAssessment: I50.2\n\n';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}
const rows = (ds: Diagnostic[]) =>
  ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

async function timed<T>(p: Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await p;
  return [v, performance.now() - t0];
}

describe('server: limits', function () {
  this.timeout(120_000);

  describe('default settings (1 MB file limit)', () => {
    let c: LspTestClient;
    before(async () => {
      c = await LspTestClient.start({ env: { CODING_REVIEW_DEBOUNCE_MS: '0' } });
      await c.open('file:///lim/small.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2 POA=Y\n');
    });
    after(async () => {
      assert.equal(await c.stop(), 0);
    });

    it('skips a 5 MB note with one warning, quickly, and keeps answering', async () => {
      const uri = 'file:///lim/big.note';
      const [ds, ms] = await timed(c.open(uri, 'clinical-note', bigNote()));
      assert.deepEqual(rows(ds), [['size-limit', 0, 0, 0, 0]]);
      assert.equal(
        String(ds[0].message),
        'This file is 5120 KB, over the 1024 KB limit (setting clinicalCoding.maxFileSizeKB), so it was not checked.',
      );
      assert.equal(ds[0].severity, 2);
      assert.ok(ms < 15_000, `diagnostics after ${ms.toFixed(0)} ms`);
      const server = c.published.find((p) => p.uri === uri)!;
      assert.ok(server.elapsedMs < 100, `server time ${server.elapsedMs} ms`);
      // features answer empty on the skipped file, and at once on the others
      const [h, hms] = await timed(c.hover(uri, { line: 3, character: 2 }));
      assert.equal(h, null);
      assert.deepEqual(await c.symbols(uri), []);
      assert.ok(hms < 10_000, `hover after ${hms.toFixed(0)} ms`);
      const [h2, h2ms] = await timed(c.hover('file:///lim/small.codes', { line: 2, character: 1 }));
      assert.match(JSON.stringify(h2), /I50\.2/);
      assert.ok(h2ms < 10_000, `hover after ${h2ms.toFixed(0)} ms`);
    });

    it('skips a 5 MB annotation file with the same single warning', async () => {
      const text = 'date: 2026-03-14\n\n' + 'I50.2 POA=Y\n'.repeat(Math.ceil(FIVE_MB / 12));
      const ds = await c.open('file:///lim/big.codes', 'code-annotation', text);
      assert.deepEqual(rows(ds), [['size-limit', 0, 0, 0, 0]]);
      assert.match(String(ds[0].message), /^This file is \d+ KB, over the 1024 KB limit/);
    });

    it('answers an edit that brings a file back under the limit', async () => {
      const uri = 'file:///lim/shrink.note';
      await c.open(uri, 'clinical-note', bigNote(2 * 1024 * 1024));
      const v = await c.change(uri, 'Assessment: I50.2\n');
      assert.deepEqual(rows(await c.diagnosticsFor(uri, v)), [['non-billable-code', 0, 12, 0, 17]]);
    });

    it('reports the lines of an annotation file over the parser limit once each, and checks the rest', async () => {
      const long = `I50.2 POA=Y "${'x'.repeat(6000)}"`;
      const text = `date: 2026-03-14\n\n${long}\nN17.9 POA=Y\n${long}\n`;
      const ds = await c.open('file:///lim/long.codes', 'code-annotation', text);
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start.line]),
        [
          ['syntax-error', 2],
          ['unspecified-code', 3],
          ['syntax-error', 4],
        ],
      );
      assert.match(String(ds[0].message), /^Line 3 is longer than 4000 characters and was not read\./);
    });

    it('skips a note line over maxLineLength with one message, in bounded time', async () => {
      const uri = 'file:///lim/longline.note';
      const text = `History: I50.2 ${'word '.repeat(200_000)}\nAssessment: I50.2\n`; // a 1 MB line
      const [ds, ms] = await timed(c.open(uri, 'clinical-note', text));
      assert.deepEqual(rows(ds), [
        ['size-limit', 0, 0, 0, 0],
        ['non-billable-code', 1, 12, 1, 17],
      ]);
      assert.equal(
        String(ds[0].message),
        'This line is longer than the limit (setting clinicalCoding.maxLineLength) and not checked for codes.',
      );
      assert.ok(ms < 15_000, `diagnostics after ${ms.toFixed(0)} ms`);
    });
  });

  describe('limit raised: a 5 MB note read in full', () => {
    let c: LspTestClient;
    before(async () => {
      c = await LspTestClient.start({ env: { CODING_REVIEW_DEBOUNCE_MS: '0' }, settings: { maxFileSizeKB: 8192 } });
      await c.open('file:///lim2/small.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2 POA=Y\n');
    });
    after(async () => {
      assert.equal(await c.stop(), 0);
    });

    it('publishes its diagnostics in bounded time and answers hover meanwhile and after', async () => {
      const uri = 'file:///lim2/big.note';
      const text = bigNote();
      const opened = timed(c.open(uri, 'clinical-note', text));
      const [hover, hms] = await timed(c.hover('file:///lim2/small.codes', { line: 2, character: 1 }));
      const [ds, ms] = await opened;
      assert.match(JSON.stringify(hover), /I50\.2/);
      assert.ok(ms < 60_000, `diagnostics after ${ms.toFixed(0)} ms`);
      assert.ok(hms < 60_000, `hover after ${hms.toFixed(0)} ms`);
      const copies = text.split('Assessment: I50.2').length - 1;
      assert.equal(ds.filter((d) => d.code === 'non-billable-code').length, copies);
      const last = text.lastIndexOf('Assessment: I50.2');
      const line = text.slice(0, last).split('\n').length - 1;
      const [h, h2ms] = await timed(c.hover(uri, { line, character: 14 }));
      assert.match(JSON.stringify(h), /I50\.2/);
      assert.ok(h2ms < 10_000, `hover in the big note after ${h2ms.toFixed(0)} ms`);
    });
  });
});
