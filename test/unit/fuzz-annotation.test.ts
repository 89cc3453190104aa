/**
 * Property tests (fast-check) for the annotation parser and checks with the real data: random and mutated
 * documents, random Unicode, LF/CRLF/CR mixes, long lines, huge files. Properties: never throws; every span
 * lies inside the text; the findings (rule, line, code) do not depend on the line-ending style.
 * CI: few runs, fixed seed; `npm run fuzz`: 10,000 runs, random seed (test/helpers/fuzz.ts).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkAnnotation } from '../../server/src/core/annotation/check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset } from '../helpers/data';
import {
  assertSpanInside,
  documentArb,
  exampleTexts,
  hugeDocument,
  lineOf,
  mixEolArb,
  mutatedArb,
  params,
  withEol,
} from '../helpers/fuzz';

let cs: CodeSet;
const examples = exampleTexts('.codes');

function check(text: string) {
  const file = parseAnnotation(text);
  for (const p of file.problems) assertSpanInside(p.span, text.length, `problem ${p.rule}`);
  for (const l of file.lines) {
    assertSpanInside(l.codeSpan, text.length, 'code span');
    if (l.poa) assertSpanInside(l.poa.span, text.length, 'POA span');
    if (l.evidence) assertSpanInside(l.evidence.span, text.length, 'evidence span');
    if (l.comment) assertSpanInside(l.comment.span, text.length, 'comment span');
  }
  for (const h of file.headers) {
    assertSpanInside(h.keySpan, text.length, 'header key span');
    assertSpanInside(h.valueSpan, text.length, 'header value span');
  }
  const findings = checkAnnotation(file, cs, { date: '2026-03-14' });
  for (const f of findings) {
    assertSpanInside(f.span, text.length, `finding ${f.rule}`);
    assert.equal(typeof f.message, 'string');
    assert.ok(f.message.length > 0, `empty message for ${f.rule}`);
  }
  return findings;
}

/** findings as comparable keys: rule, line, code, message (messages never quote positions) */
function keys(text: string): string[] {
  const line = lineOf(text);
  return check(text).map((f) => `${f.rule}|${line(f.span.start)}|${f.code ?? ''}|${f.message}`);
}

describe('fuzz: annotation parser and checks', function () {
  this.timeout(600_000);
  before(() => {
    cs = createCodeSet(getDataset());
  });

  it('never throws and keeps every span inside the text (random documents)', () => {
    fc.assert(
      fc.property(documentArb(), (t) => {
        check(t);
      }),
      params(200),
    );
  });

  it('never throws and keeps every span inside the text (mutated examples)', () => {
    fc.assert(
      fc.property(mutatedArb(examples), (t) => {
        check(t);
      }),
      params(200),
    );
  });

  it('finds the same things whatever the line endings (LF, CRLF, CR, mixed)', () => {
    const doc = fc.oneof(documentArb(), mutatedArb(examples));
    fc.assert(
      fc.property(
        doc.chain((t) => fc.tuple(fc.constant(t), mixEolArb(t))),
        ([t, mixed]) => {
          const lf = keys(withEol(t, '\n'));
          assert.deepEqual(keys(withEol(t, '\r\n')), lf, 'CRLF');
          assert.deepEqual(keys(withEol(t, '\r')), lf, 'CR');
          assert.deepEqual(keys(mixed), lf, 'mixed');
        },
      ),
      params(150),
    );
  });

  it('bounds the work on huge files and very long lines', () => {
    const base = examples.join('\n');
    fc.assert(
      fc.property(fc.constantFrom(256, 1024, 3072), fc.boolean(), (kb, longLine) => {
        const text = hugeDocument(base, kb, longLine);
        const t0 = performance.now();
        check(text);
        const ms = performance.now() - t0;
        assert.ok(ms < 20_000, `${kb} KB${longLine ? ' on one line' : ''} took ${ms.toFixed(0)} ms`);
      }),
      params(3, 1 / 1000),
    );
  });
});
