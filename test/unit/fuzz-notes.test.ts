/**
 * Property tests (fast-check) for the note reader (server/src/core/notes) with the real data: random and
 * mutated notes, random Unicode, LF/CRLF/CR mixes, long lines, huge notes. Properties: never throws; every
 * span (sections, segments, mentions, context, code tokens, findings) lies inside its text; what is found
 * (mentions, findings by rule and line) does not depend on the line-ending style.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { findCodeTokens } from '../../server/src/core/notes/codeTokens';
import { checkNoteTokens } from '../../server/src/core/notes/noteFindings';
import { findNoteDate, findSections as outlineSections } from '../../server/src/core/notes/outline';
import { noteReaderFor, type NoteReader } from '../../server/src/core/notes/reader';
import { checkCodesAgainstNote, checkNote } from '../../server/src/core/notes/rules';
import { getDataset, getPart } from '../helpers/data';
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
let reader: NoteReader;
const notes = exampleTexts('.note');
const codesFiles = exampleTexts('.codes');

function read(note: string, codesText: string) {
  const n = note.length;
  const codes = parseAnnotation(codesText);
  const { analysis, findings } = checkNote(reader, note, { codes, codesName: 'x.codes', date: '2026-03-14' });
  for (const s of analysis.sections) {
    assertSpanInside(s.headingSpan, n, `section ${s.name} heading`);
    assertSpanInside(s.body, n, `section ${s.name} body`);
  }
  for (const s of analysis.segments) assertSpanInside(s.span, n, 'segment');
  for (const m of analysis.mentions) {
    assertSpanInside(m.span, n, `mention "${m.text}"`);
    for (const l of m.linked) assertSpanInside(l, n, 'linked span');
    for (const c of m.context) {
      assertSpanInside(c.triggerSpan, n, `context ${c.category} trigger`);
      assertSpanInside(c.scope, n, `context ${c.category} scope`);
    }
  }
  for (const f of findings) assertSpanInside(f.span, n, `note finding ${f.rule}`);
  const onCodes = checkCodesAgainstNote({ codes, note: { text: note, analysis, name: 'x.note' }, codeSet: cs });
  for (const f of onCodes) assertSpanInside(f.span, codesText.length, `codes finding ${f.rule}`);
  const tokens = findCodeTokens(note, (cat) => cs.row(cat) !== undefined);
  for (const t of tokens) assertSpanInside(t.span, n, `code token ${t.raw}`);
  const tokenFindings = checkNoteTokens(tokens, cs, cs.editions.length - 1);
  for (const f of tokenFindings) assertSpanInside(f.span, n, `token finding ${f.rule}`);
  for (const s of outlineSections(note)) {
    assertSpanInside(s.headingSpan, n, 'outline heading');
    assertSpanInside(s.span, n, 'outline section');
  }
  findNoteDate(note);
  return { analysis, findings: [...findings, ...tokenFindings], onCodes };
}

/** what was found, by line: mentions (words, section, first candidate) and findings (rule, line, code) */
function summary(note: string, codesText: string): string[] {
  const { analysis, findings, onCodes } = read(note, codesText);
  const line = lineOf(note);
  const norm = (s: string) => s.replace(/\r\n|\r|\n/g, '\n');
  return [
    ...analysis.sections.map((s) => `section|${s.name}|${line(s.headingSpan.start)}`),
    ...analysis.mentions.map(
      (m) => `mention|${norm(m.text)}|${line(m.span.start)}|${m.section}|${m.candidates[0]?.code ?? ''}`,
    ),
    ...findings.map((f) => `finding|${f.rule}|${line(f.span.start)}|${f.code ?? ''}`),
    ...onCodes.map((f) => `codes|${f.rule}|${f.code ?? ''}`),
  ];
}

describe('fuzz: note reader', function () {
  this.timeout(600_000);
  before(() => {
    cs = createCodeSet(getDataset());
    reader = noteReaderFor(getPart('index'), cs);
  });

  it('never throws and keeps every span inside the text (random notes)', () => {
    fc.assert(
      fc.property(documentArb(), fc.constantFrom(...codesFiles), (note, codes) => {
        read(note, codes);
      }),
      params(100),
    );
  });

  it('never throws and keeps every span inside the text (mutated example notes and codes)', () => {
    fc.assert(
      fc.property(mutatedArb(notes), mutatedArb(codesFiles), (note, codes) => {
        read(note, codes);
      }),
      params(100),
    );
  });

  it('reads the same things whatever the line endings (LF, CRLF, CR, mixed)', () => {
    const doc = fc.oneof(mutatedArb(notes), documentArb());
    fc.assert(
      fc.property(
        doc.chain((t) => fc.tuple(fc.constant(t), mixEolArb(t))),
        fc.constantFrom(...codesFiles),
        ([t, mixed], codes) => {
          const lf = summary(withEol(t, '\n'), codes);
          assert.deepEqual(summary(withEol(t, '\r\n'), codes), lf, 'CRLF');
          assert.deepEqual(summary(withEol(t, '\r'), codes), lf, 'CR');
          assert.deepEqual(summary(mixed, codes), lf, 'mixed');
        },
      ),
      params(60),
    );
  });

  it('bounds the work on huge notes and very long lines', () => {
    const base = notes.join('\n\n');
    fc.assert(
      fc.property(fc.constantFrom(256, 1024), fc.boolean(), (kb, longLine) => {
        const text = hugeDocument(base, kb, longLine);
        const t0 = performance.now();
        read(text, codesFiles[0]!);
        const ms = performance.now() - t0;
        assert.ok(ms < 30_000, `${kb} KB${longLine ? ' on one line' : ''} took ${ms.toFixed(0)} ms`);
      }),
      params(2, 1 / 1000),
    );
  });
});
