/**
 * The feature handlers on their own, without a connection (features/gradeRequest.ts, features/draftQuery.ts):
 * the grade request over an in-memory GradeFiles with the real data, and the draft-query command over a fake
 * host (never replaces a file, says why when it cannot draft). Synthetic files, no real patient.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { findQueryOpportunities } from '../../server/src/core/cdi/opportunities';
import type { QueryOpportunity } from '../../server/src/core/cdi/types';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { draftQueryCommand, type DraftQueryHost } from '../../server/src/features/draftQuery';
import { gradeDocument, type GradeFiles } from '../../server/src/features/gradeRequest';
import { getDataset } from '../helpers/data';

const ROOT = path.resolve(__dirname, '../..');
/** an absolute folder that need not exist: the files are in memory */
const DIR = path.resolve('/exercises/hf-admission');

describe('features/gradeRequest.ts over an in-memory GradeFiles', function () {
  this.timeout(60000);
  const src = path.join(ROOT, 'examples/exercises/hf-admission');
  const texts = new Map(readdirSync(src).map((f) => [path.join(DIR, f), readFileSync(path.join(src, f), 'utf8')]));
  let files: GradeFiles;
  before(() => {
    files = {
      codeSet: createCodeSet(getDataset()),
      textOf: (f) => texts.get(f),
      list: (d) => [...texts.keys()].filter((f) => path.dirname(f) === d).map((f) => path.basename(f)),
      support: () => undefined,
    };
  });
  const uri = (f: string) => pathToFileURL(path.join(DIR, f)).toString();

  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['a student', 'hf-admission.chen.codes', { ok: true, kind: 'student', percent: 45, students: 1 }],
    ['the key: the class', 'hf-admission.key.codes', { ok: true, kind: 'class', percent: 75.4, students: 3 }],
    [
      'a note',
      'hf-admission.note',
      { ok: false, message: 'Open a student answer (.codes file) or an answer key (NAME.key.codes) to grade.' },
    ],
    ['an unreadable answer', 'hf-admission.zoe.codes', { ok: false, message: 'Cannot read hf-admission.zoe.codes.' }],
  ];
  for (const [what, file, expected] of cases)
    it(`${what}: ${file}`, () => {
      const r = gradeDocument(files, { uri: uri(file), format: 'json' });
      const picked = Object.fromEntries(
        Object.keys(expected).map((k) => [k, (r as unknown as Record<string, unknown>)[k]]),
      );
      assert.deepEqual(picked, expected);
    });

  it('an answer naming no key, and one whose key is missing', () => {
    texts.set(path.join(DIR, 'loose.codes'), 'I10\n');
    texts.set(path.join(DIR, 'lost.codes'), 'key: gone.key.codes\n\nI10\n');
    assert.match(gradeDocument(files, { uri: uri('loose.codes') }).message!, /does not say which exercise/);
    assert.equal(
      gradeDocument(files, { uri: uri('lost.codes') }).message,
      'The answer key gone.key.codes was not found beside lost.codes.',
    );
  });
});

describe('features/draftQuery.ts over a fake host', () => {
  const NOTE_URI = pathToFileURL(path.resolve('/notes/heart-failure.note')).toString();
  const note = readFileSync(path.join(ROOT, 'examples/cdi/heart-failure.note'), 'utf8');
  const found = findQueryOpportunities(note).flatMap((f) =>
    f.data?.fix === 'draft-query' ? [f.data.opportunity] : [],
  );

  function host(taken: string[], applied = true) {
    const log: { warned: string[]; edits: WorkspaceEdit[]; shown: string[] } = { warned: [], edits: [], shown: [] };
    const h: DraftQueryHost = {
      opportunities: async (): Promise<QueryOpportunity[]> => found,
      annotationContext: () => ({ encounter: 'E-1' }),
      taken: (file) => taken.includes(path.basename(file)),
      today: () => '2026-03-16',
      applyEdit: async (_label, edit) => {
        log.edits.push(edit);
        return { applied };
      },
      showDocument: async (uri) => (log.shown.push(uri), true),
      warn: (m) => log.warned.push(m),
      info: () => undefined,
    };
    return { h, log };
  }

  it('creates <note>.<topic>.query.md with overwrite:false, numbered when the name is taken, and opens it', async () => {
    assert.ok(found.some((o) => o.topic === 'heart-failure'));
    const { h, log } = host(['heart-failure.note.heart-failure.query.md']);
    const r = await draftQueryCommand(h, { uri: NOTE_URI, topic: 'heart-failure' });
    const expected = pathToFileURL(path.resolve('/notes/heart-failure.note.heart-failure.2.query.md')).toString();
    assert.deepEqual(r, { ok: true, uri: expected });
    const create = log.edits[0].documentChanges![0];
    assert.deepEqual(create, { kind: 'create', uri: expected, options: { overwrite: false, ignoreIfExists: false } });
    assert.deepEqual(log.shown, [expected]);
    assert.deepEqual(log.warned, []);
  });

  const refusals: Array<[string, unknown, boolean, string]> = [
    ['no arguments', undefined, true, 'Draft physician query: missing note or topic.'],
    [
      'an unsaved note',
      { uri: 'untitled:Untitled-1', topic: 'heart-failure' },
      true,
      'Save the note to a file first: the query is created next to it.',
    ],
    [
      'a topic the note no longer has',
      { uri: NOTE_URI, topic: 'sepsis' },
      true,
      'The note no longer has a sepsis query opportunity.',
    ],
    [
      'the client refusing the edit',
      { uri: NOTE_URI, topic: 'heart-failure' },
      false,
      'The query file heart-failure.note.heart-failure.query.md was not created.',
    ],
  ];
  for (const [what, args, applied, message] of refusals)
    it(`says why and creates nothing: ${what}`, async () => {
      const { h, log } = host([], applied);
      assert.deepEqual(await draftQueryCommand(h, args), { ok: false, message });
      assert.deepEqual(log.warned, [message]);
      assert.deepEqual(log.shown, []);
    });
});
