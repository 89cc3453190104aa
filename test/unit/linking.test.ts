// core/linking.ts: the one precedence for note ↔ annotation file and the date of service, over an
// in-memory Workspace; and core/suppression.ts, the one suppression engine, read the same way by the
// annotation parser and for any other text.
import { strict as assert } from 'node:assert';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { Linker, type ReadResult, type Workspace } from '../../server/src/core/linking';
import { isSuppressedAt, suppressionsOf } from '../../server/src/core/suppression';

const DIR = 'file:///enc/';
function workspace(files: Record<string, string>): Workspace {
  return {
    read: (uri: string): ReadResult =>
      uri in files ? { text: files[uri]! } : { problem: 'was not found', missing: true },
    siblings: (uri: string) =>
      Object.keys(files)
        .filter((u) => u.startsWith(uri.slice(0, uri.lastIndexOf('/') + 1)))
        .map((u) => decodeURIComponent(u.slice(u.lastIndexOf('/') + 1))),
  };
}

describe('linking (core/linking.ts)', () => {
  const cases: Array<{ name: string; files: Record<string, string>; note: string; codes?: string; date: string }> = [
    {
      name: 'note: header names the note, wins over the same name',
      files: {
        [`${DIR}a.note`]: 'x',
        [`${DIR}a.codes`]: 'date: 2024-01-02\nI10\n',
        [`${DIR}enc-1.codes`]: 'note: a.note\ndate: 2025-05-05\nI10\n',
      },
      note: `${DIR}a.note`,
      codes: 'enc-1.codes',
      date: '2025-05-05',
    },
    {
      name: 'same base name without a note: header',
      files: { [`${DIR}a.note`]: 'x', [`${DIR}a.codes`]: 'date: 2024-01-02\nI10\n' },
      note: `${DIR}a.note`,
      codes: 'a.codes',
      date: '2024-01-02',
    },
    {
      name: 'same base name whose note: names another file is not linked; the note date applies',
      files: { [`${DIR}a.note`]: 'Date: 03/04/2023\nx', [`${DIR}a.codes`]: 'note: b.note\ndate: 2024-01-02\n' },
      note: `${DIR}a.note`,
      date: '2023-03-04',
    },
    {
      name: 'answer keys are never linked',
      files: { [`${DIR}a.note`]: 'x', [`${DIR}a.key.codes`]: 'note: a.note\ndate: 2024-01-02\n' },
      note: `${DIR}a.note`,
      date: '',
    },
    {
      name: 'names with spaces',
      files: { [`${DIR}my%20note.note`]: 'x', [`${DIR}c.codes`]: 'note: my note.note\ndate: 2022-02-02\n' },
      note: `${DIR}my%20note.note`,
      codes: 'c.codes',
      date: '2022-02-02',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const l = new Linker(workspace(c.files));
      const codes = l.codesFor(c.note);
      assert.equal(codes?.name, c.codes);
      assert.equal(l.noteDate(c.files[c.note]!, codes).date, c.date);
    });

  it('annotation file → note: header (or a problem), else .note then .txt', () => {
    const l = new Linker(workspace({ [`${DIR}a.txt`]: 't', [`${DIR}b.note`]: 'n', [`${DIR}b.txt`]: 't' }));
    assert.deepEqual(l.noteFor(`${DIR}a.codes`, parseAnnotation('I10\n')), {
      uri: `${DIR}a.txt`,
      name: 'a.txt',
      text: 't',
    });
    assert.equal((l.noteFor(`${DIR}b.codes`, parseAnnotation('I10\n')) as { name: string }).name, 'b.note');
    assert.deepEqual(l.noteFor(`${DIR}a.codes`, parseAnnotation('note: gone.note\nI10\n')), {
      problem: 'was not found beside this file',
    });
    assert.equal(l.noteFor(`${DIR}c.codes`, parseAnnotation('I10\n')), undefined);
  });

  it('the configured default applies only without any date', () => {
    const l = new Linker(workspace({}));
    const fallback = { date: '2020-01-01', source: 'setting' };
    assert.deepEqual(l.noteDate('no date here', undefined, fallback), fallback);
    assert.equal(l.noteDate('no date here', undefined).date, '');
  });
});

describe('suppression (core/suppression.ts): one reading for annotation files and any text', () => {
  // [text, rule, 0-based line, suppressed]
  const cases: Array<[string, string, number, boolean]> = [
    ['I10  # coding-review: ignore a, b\n', 'b', 0, true],
    ['I10  # coding-review: ignore a b\n', 'b', 0, true],
    ['I10  # coding-review: ignore\n', 'anything', 0, true],
    ['I10  # coding-review: ignore all\n', 'anything', 0, true],
    ['# coding-review: ignore a\nI10\n', 'a', 1, true],
    ['# coding-review: ignore a\n\nI10\n', 'a', 2, true],
    ['I10  # coding-review: ignore a\nI11\n', 'a', 1, false],
    ['I10\n# coding-review: disable A\n', 'a', 0, true],
    ['I10  # coding-review: ignore b\n', 'a', 0, false],
  ];
  for (const [text, rule, line, want] of cases)
    it(`${JSON.stringify(text)} ${rule}@${line}`, () => {
      assert.equal(isSuppressedAt(suppressionsOf(text), rule, line), want);
      // the annotation parser agrees on code lines
      const file = parseAnnotation(text);
      const l = file.lines.find((x) => x.line === line);
      if (l) {
        const parsed = file.disabled.includes(rule) || l.ignored.includes(rule) || l.ignored.includes('*');
        assert.equal(parsed, want);
      }
    });
  it('reads a directive in a note line too', () => {
    const s = suppressionsOf('Dx: CHF  <!-- coding-review: ignore query-opportunity -->\n');
    assert.equal(isSuppressedAt(s, 'query-opportunity', 0), true);
  });
});
