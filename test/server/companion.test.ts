/**
 * The `clinicalCoding/companion` request: the note of an annotation file and the annotation file of a note, by
 * the linking service's one precedence (core/linking.ts, docs/annotation-format.md "Linking a note"), the open
 * text before the file on disk, and clear answers when there is none. Synthetic files, no real patient.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompanionResult } from '../../server/src/protocol';
import { LspTestClient } from './client';

const NOTE = 'SYNTHETIC NOTE - no real patient.\n\nAssessment: essential hypertension.\n';

const FILES: Record<string, string> = {
  'same.note': NOTE,
  'same.codes': 'date: 2026-03-14\n\nI10\n',
  'named.note': NOTE,
  // the same-name file codes another note, so the one whose note: names named.note wins
  'named.codes': 'note: third.note\n\nI10\n',
  'third.note': NOTE,
  'other.codes': 'note: named.note\n\nI10\n',
  'missing.codes': 'note: nowhere.note\n\nI10\n',
  'plain.txt': NOTE,
  'plain.codes': 'I10\n',
  'markdown.md': NOTE,
  'markdown.codes': 'I10\n',
  'alone.note': NOTE,
  'hw.note': NOTE,
  // an answer key names its note, but a note is never linked to a key
  'hw.key.codes': 'note: hw.note\n\nI10\n',
  'edited.codes': 'I10\n',
  'edited-target.note': NOTE,
};

describe('server: companion request (linking service)', function () {
  this.timeout(60000);
  let c: LspTestClient;
  let dir: string;
  const uri = (f: string) => pathToFileURL(path.join(dir, f)).toString();
  const companion = (f: string) =>
    c.conn.sendRequest<CompanionResult>('clinicalCoding/companion', { uri: uri(f) }) as Promise<CompanionResult>;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'companion-server-'));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const found: Array<[string, string, 'note' | 'codes', string]> = [
    ['annotation file without note: → the same-name .note', 'same.codes', 'note', 'same.note'],
    ['note → the same-name .codes without note:', 'same.note', 'codes', 'same.codes'],
    ['annotation file → the note its note: header names', 'named.codes', 'note', 'third.note'],
    ['note → the .codes whose note: names it', 'third.note', 'codes', 'named.codes'],
    [
      'note → the .codes whose note: names it, not the same-name file naming another',
      'named.note',
      'codes',
      'other.codes',
    ],
    ['annotation file without note: → the same-name .txt', 'plain.codes', 'note', 'plain.txt'],
    ['note.txt → its same-name .codes', 'plain.txt', 'codes', 'plain.codes'],
    ['answer key → the note its note: header names', 'hw.key.codes', 'note', 'hw.note'],
  ];
  for (const [what, from, kind, to] of found)
    it(what, async () => {
      assert.deepEqual(await companion(from), { kind, uri: uri(to) });
    });

  const none: Array<[string, string, CompanionResult]> = [
    [
      'a note: header naming no file: said, no fallback to the same-name note',
      'missing.codes',
      {
        kind: 'note',
        message: 'The note named in the note: header of missing.codes (nowhere.note) was not found beside this file.',
      },
    ],
    [
      'a .md file is not a note of its same-name .codes',
      'markdown.codes',
      {
        kind: 'note',
        message: 'No note found for markdown.codes: add a note: header naming it, or put NAME.note beside NAME.codes.',
      },
    ],
    [
      'a note without an annotation file',
      'alone.note',
      { kind: 'codes', message: 'No annotation file for alone.note yet.' },
    ],
    [
      'a note is never linked to an answer key',
      'hw.note',
      { kind: 'codes', message: 'No annotation file for hw.note yet.' },
    ],
  ];
  for (const [what, from, expected] of none)
    it(what, async () => {
      assert.deepEqual(await companion(from), expected);
    });

  it('the open text wins over the file on disk', async () => {
    assert.equal((await companion('edited.codes')).uri, undefined);
    await c.open(uri('edited.codes'), 'code-annotation', 'note: edited-target.note\n\nI10\n');
    assert.deepEqual(await companion('edited.codes'), { kind: 'note', uri: uri('edited-target.note') });
    assert.deepEqual(await companion('edited-target.note'), { kind: 'codes', uri: uri('edited.codes') });
  });

  it('bad params are an InvalidParams error, and the server stays up', async () => {
    await assert.rejects(c.conn.sendRequest('clinicalCoding/companion', { uri: 42 }), /uri must be a string/);
    assert.equal((await companion('same.codes')).uri, uri('same.note'));
  });
});
