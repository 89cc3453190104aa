/**
 * Property tests (fast-check) for the query checker (server/src/core/cdi checkQuery) and for code
 * normalisation and classification (server/src/core/codeset) with the real data. Properties: never throws;
 * every finding span lies inside the query text; query findings (rule, line) do not depend on the
 * line-ending style; a code classifies the same whatever its case, dot and surrounding spaces.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkQuery } from '../../server/src/core/cdi/check';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { compact, display, looseKey } from '../../server/src/core/codeset/normalize';
import { getDataset } from '../helpers/data';
import {
  assertSpanInside,
  documentArb,
  hugeDocument,
  lineOf,
  mixEolArb,
  mutatedArb,
  NASTY,
  params,
  withEol,
} from '../helpers/fuzz';

const goldenDir = path.resolve(__dirname, '../fixtures/cdi/golden');
const queries = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.query.md'))
  .sort()
  .map((f) => readFileSync(path.join(goldenDir, f), 'utf8'));

function checkQ(text: string) {
  const findings = checkQuery(text);
  for (const f of findings) {
    assertSpanInside(f.span, text.length, `query finding ${f.rule}`);
    assert.ok(f.message.length > 0);
  }
  return findings;
}

const qkeys = (text: string) => {
  const line = lineOf(text);
  return checkQ(text).map((f) => `${f.rule}|${line(f.span.start)}|${f.message}`);
};

describe('fuzz: query checker', function () {
  this.timeout(600_000);

  it('has golden queries to mutate', () => assert.ok(queries.length >= 5, `${queries.length} golden queries`));

  it('never throws and keeps every span inside the text (random and mutated queries)', () => {
    fc.assert(
      fc.property(fc.oneof(documentArb(), mutatedArb(queries)), (t) => {
        checkQ(t);
      }),
      params(200),
    );
  });

  it('finds the same things whatever the line endings (LF, CRLF, CR, mixed)', () => {
    fc.assert(
      fc.property(
        mutatedArb(queries).chain((t) => fc.tuple(fc.constant(t), mixEolArb(t))),
        ([t, mixed]) => {
          const lf = qkeys(withEol(t, '\n'));
          assert.deepEqual(qkeys(withEol(t, '\r\n')), lf, 'CRLF');
          assert.deepEqual(qkeys(withEol(t, '\r')), lf, 'CR');
          assert.deepEqual(qkeys(mixed), lf, 'mixed');
        },
      ),
      params(100),
    );
  });

  it('bounds the work on huge queries and very long lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(512, 4096), fc.boolean(), (kb, longLine) => {
        const t0 = performance.now();
        checkQ(hugeDocument(queries.join('\n'), kb, longLine));
        const ms = performance.now() - t0;
        assert.ok(ms < 10_000, `${kb} KB took ${ms.toFixed(0)} ms`);
      }),
      params(2, 1 / 1000),
    );
  });
});

describe('fuzz: code normalisation and classification', function () {
  this.timeout(600_000);
  let cs: CodeSet;
  let codes: string[];
  before(() => {
    cs = createCodeSet(getDataset());
    codes = getDataset().cm.codes.map((r) => r.code);
    assert.ok(codes.length > 70_000, `${codes.length} codes`);
  });

  const junk = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(...NASTY),
    fc.stringMatching(/^[-A-Za-z0-9. ]{0,10}$/),
  );

  it('never throws on any text; a normalised key is upper case, dot-free, 3 to 7 characters', () => {
    fc.assert(
      fc.property(junk, fc.nat(), (raw, e) => {
        const edition = e % cs.editions.length;
        const key = compact(raw, (cat) => cs.row(cat) !== undefined);
        if (key !== null) assert.match(key, /^[A-Z][0-9A-Z]{2,6}$/);
        looseKey(raw);
        display(raw);
        const n = cs.normalize(raw);
        if (n !== null) {
          const c = cs.classify(cs.normalize(raw)!.replace('.', ''), edition);
          assert.equal(typeof c.kind, 'string');
        }
        cs.classify(raw, edition);
        cs.suggest(raw, edition, 5);
        cs.search(raw, edition, 5);
        cs.classifyPcs(raw, '2026-03-14');
      }),
      params(300),
    );
  });

  it('classifies a real code the same whatever its case, dot and surrounding spaces', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', ' ', '  ', '\t'),
        (i, e, lower, dotted, pad) => {
          const code = codes[i % codes.length]!;
          const edition = e % cs.editions.length;
          let text = dotted ? display(code) : code.replace('.', '');
          if (lower) text = text.toLowerCase();
          text = pad + text + pad;
          const key = cs.normalize(text);
          assert.equal(key === null ? null : key.replace('.', ''), display(code).replace('.', ''), text);
          const a = cs.classify(code.replace('.', ''), edition);
          const b = cs.classify(key!.replace('.', ''), edition);
          assert.deepEqual(b, a);
        },
      ),
      params(300),
    );
  });
});
