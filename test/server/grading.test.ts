/**
 * Trainer grading through the language server: the `clinicalCoding/grade` request (the open text wins over the
 * file on disk, class report on a key, clear refusals), and the answer key's diagnostics (key syntax read, key-* rules).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, ROOT } from './client';

interface GradeResponse {
  ok: boolean;
  message?: string;
  content?: string;
  suggestedName?: string;
  kind?: string;
  percent?: number;
  students?: number;
}

describe('server: trainer grading', function () {
  this.timeout(60000);
  let c: LspTestClient;
  let dir: string;
  const uri = (f: string) => pathToFileURL(path.join(dir, f)).toString();

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'grading-server-'));
    const src = path.join(ROOT, 'examples/exercises/hf-admission');
    for (const f of readdirSync(src)) copyFileSync(path.join(src, f), path.join(dir, f));
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('grades a student file from its open text, not the file on disk', async () => {
    // on disk ben lists I50.23 first; in the editor the trainer's copy has I11.0 first
    const text =
      'key: hf-admission.key.codes\ndate: 2026-03-14\n\nI11.0 POA=Y\nI50.23 POA=Y\nN17.9 POA=N\nE11.9 POA=Y\n';
    await c.open(uri('hf-admission.ben.codes'), 'code-annotation', text);
    const r = await c.conn.sendRequest<GradeResponse>('clinicalCoding/grade', { uri: uri('hf-admission.ben.codes') });
    assert.equal(r.ok, true, r.message);
    assert.equal(r.kind, 'student');
    assert.equal(r.percent, 100);
    assert.equal(r.suggestedName, 'hf-admission.ben.grade.md');
    assert.match(r.content!, /^# Grade: ben\n/);
    assert.match(r.content!, /\*\*Principal: right\*\* · \*\*POA: 4 of 4\*\*/);
  });

  it('on the key: a class report of the answers beside it', async () => {
    const r = await c.conn.sendRequest<GradeResponse>('clinicalCoding/grade', {
      uri: uri('hf-admission.key.codes'),
      format: 'json',
    });
    assert.equal(r.ok, true, r.message);
    assert.equal(r.kind, 'class');
    assert.equal(r.suggestedName, 'hf-admission.class.grade.json');
    const j = JSON.parse(r.content!);
    assert.deepEqual(
      j.students.map((s: { name: string; percent: number }) => [s.name, s.percent]),
      [
        ['ana', 100],
        ['ben', 100], // the open text
        ['chen', 45],
      ],
    );
  });

  it('refuses clearly: not a .codes file, no key, bad params', async () => {
    const note = await c.conn.sendRequest<GradeResponse>('clinicalCoding/grade', { uri: uri('hf-admission.note') });
    assert.deepEqual(note, {
      ok: false,
      message: 'Open a student answer (.codes file) or an answer key (NAME.key.codes) to grade.',
    });
    await c.open(uri('loose.codes'), 'code-annotation', 'I10\n');
    const loose = await c.conn.sendRequest<GradeResponse>('clinicalCoding/grade', { uri: uri('loose.codes') });
    assert.equal(loose.ok, false);
    assert.match(loose.message!, /does not say which exercise it answers: add a header line 'key: NAME\.key\.codes'/);
    await assert.rejects(c.conn.sendRequest('clinicalCoding/grade', { uri: 42 }), /uri must be a string/);
  });

  it('answer keys: alternatives and optional read, key-* rules reported at the alternative', async () => {
    const text = 'date: 2026-03-14\nI11.0 POA=Y\nI50.23 | I50.2 POA=Y\nZ79.4 optional\n';
    const diags = await c.open(uri('other.key.codes'), 'code-annotation', text);
    assert.deepEqual(
      diags
        .filter((d) => d.severity === 1)
        .map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['key-invalid-answer', 2, 9, 14]],
    );
    assert.ok(!diags.some((d) => d.code === 'syntax-error'));
  });
});
