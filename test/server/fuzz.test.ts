/**
 * Property test of the running server (dist/server.js over stdio): random and mutated documents opened, then
 * changed by random incremental edits. Properties: the server answers every version with diagnostics whose
 * ranges lie inside the document (as the client's own copy of it, kept with the same TextDocument rules),
 * hover and document symbols answer at random positions, and the process stays up.
 * CI: few runs, fixed seed; `npm run fuzz`: FUZZ_RUNS cases (test/helpers/fuzz.ts).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { documentArb, exampleTexts, mutatedArb, params } from '../helpers/fuzz';
import { LspTestClient } from './client';

const codes = exampleTexts('.codes');
const notes = exampleTexts('.note');

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertInside(r: Range, lens: number[], what: string): void {
  const ok = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lens.length &&
    p.character >= 0 &&
    p.character <= lens[p.line]!;
  const before = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  if (!ok(r.start) || !ok(r.end) || !before)
    throw new Error(`${what}: range ${JSON.stringify(r)} is not inside the document (${lens.length} lines)`);
}

interface Edit {
  a: number;
  b: number;
  text: string;
}

describe('fuzz: server', function () {
  this.timeout(1_800_000);
  let c: LspTestClient;
  let n = 0;
  before(async () => {
    c = await LspTestClient.start({
      env: { CODING_REVIEW_DEBOUNCE_MS: '0' },
      settings: { defaultDateOfService: '2026-03-14' },
    });
  });
  after(async () => {
    assert.equal(c.proc.exitCode, null, `the server exited: ${c.stderr.slice(-2000)}`);
    assert.equal(await c.stop(), 0);
  });

  it('keeps every diagnostic inside the document through opens and random edits, and stays up', async () => {
    const kind = fc.constantFrom('annotation' as const, 'note' as const);
    const edits = fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat({ max: 30 }),
        text: fc.oneof(documentArb(), fc.constantFrom('', '\r\n', '\r', '\n', 'I50.23', '😀', '\ud800')),
      }),
      { maxLength: 4 },
    );
    const start = (k: 'annotation' | 'note') =>
      k === 'annotation' ? fc.oneof(documentArb(), mutatedArb(codes)) : fc.oneof(documentArb(), mutatedArb(notes));
    const arb = kind.chain((k) => fc.tuple(fc.constant(k), start(k), edits, fc.nat(), fc.nat()));
    await fc.assert(
      fc.asyncProperty(arb, async ([k, text, changes, hl, hc]) => {
        const uri = `file:///fuzz/doc${++n}.${k === 'annotation' ? 'codes' : 'note'}`;
        const lang = k === 'annotation' ? 'code-annotation' : 'clinical-note';
        let doc = TextDocument.create(uri, lang, 1, text);
        let diags: Diagnostic[] = await c.open(uri, lang, text);
        for (const d of diags) assertInside(d.range, lineLengths(doc.getText()), `v1 ${d.code}`);
        for (const e of changes as Edit[]) {
          const len = doc.getText().length;
          const a = len ? e.a % (len + 1) : 0;
          const b = Math.min(len, a + e.b);
          const range = { start: doc.positionAt(a), end: doc.positionAt(b) };
          const version = await c.change(uri, [{ range, text: e.text }]);
          doc = TextDocument.update(doc, [{ range, text: e.text }], version);
        }
        if (changes.length) {
          diags = await c.diagnosticsFor(uri, doc.version);
          const latest = c.diagnostics.get(uri);
          assert.equal(latest?.version, doc.version, 'diagnostics for the latest version');
        }
        const lens = lineLengths(doc.getText());
        for (const d of diags) assertInside(d.range, lens, `v${doc.version} ${d.code}`);
        const line = hl % (lens.length + 2);
        const hover = await c.hover(uri, { line, character: hc % ((lens[line] ?? 0) + 3) });
        if (hover?.range) assertInside(hover.range, lens, 'hover');
        const symbols = await c.symbols(uri);
        for (const s of symbols) assertInside(s.range, lens, `symbol ${s.name}`);
        await c.close(uri);
      }),
      params(15),
    );
    assert.equal(c.proc.exitCode, null);
    // still serving after all that
    const ds = await c.open('file:///fuzz/final.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2 POA=Y\n');
    assert.deepEqual(
      ds.map((d) => d.code),
      ['non-billable-code'],
    );
    assert.doesNotMatch(c.logs.join('\n'), /uncaught exception|unhandled rejection|failed/i);
  });
});
