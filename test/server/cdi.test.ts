/**
 * CDI physician queries through the language server: query-opportunity diagnostics in a note, the
 * "Draft physician query" code action and its command (a CreateFile that never overwrites, then
 * window/showDocument), query-* diagnostics in *.query.md files, and section snippets.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { checkQuery } from '../../server/src/core/cdi/check';
import { LspTestClient, ROOT } from './client';

interface CreateOp {
  kind: 'create';
  uri: string;
  options?: { overwrite?: boolean; ignoreIfExists?: boolean };
}
interface TextOp {
  textDocument: { uri: string };
  edits: Array<{ newText: string }>;
}

describe('server: CDI physician queries', function () {
  this.timeout(60000);
  let c: LspTestClient;
  let dir: string;
  const shown: string[] = [];
  const edits: Array<Array<CreateOp | TextOp>> = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cdi-server-'));
    for (const f of ['heart-failure.note', 'heart-failure.codes'])
      copyFileSync(path.join(ROOT, 'examples/cdi', f), path.join(dir, f));
    c = await LspTestClient.start();
    // a minimal editor: apply CreateFile (refusing to overwrite) and text inserts on disk; record opened documents
    type Applied = { applied: boolean; failureReason?: string };
    c.conn.onRequest('workspace/applyEdit', (p: { edit: { documentChanges: Array<CreateOp | TextOp> } }): Applied => {
      const ops = p.edit.documentChanges;
      edits.push(ops);
      for (const op of ops) {
        if ('kind' in op && op.kind === 'create') {
          const file = fileURLToPath(op.uri);
          if (existsSync(file) && !op.options?.overwrite)
            return { applied: false, failureReason: `${path.basename(file)} exists` };
          writeFileSync(file, '');
        } else if ('textDocument' in op) {
          const file = fileURLToPath(op.textDocument.uri);
          writeFileSync(file, readFileSync(file, 'utf8') + op.edits.map((e) => e.newText).join(''));
        }
      }
      return { applied: true };
    });
    c.conn.onRequest('window/showDocument', (p: { uri: string }) => {
      shown.push(p.uri);
      return { success: true };
    });
  });

  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const noteUri = () => pathToFileURL(path.join(dir, 'heart-failure.note')).toString();
  let diags: Diagnostic[] = [];

  it('publishes a query-opportunity diagnostic on the vague mention in a note', async () => {
    const text = readFileSync(path.join(dir, 'heart-failure.note'), 'utf8');
    diags = (await c.open(noteUri(), 'clinical-note', text)).filter((d) => d.code === 'query-opportunity');
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.deepEqual(d.range, { start: { line: 19, character: 3 }, end: { line: 19, character: 6 } });
    assert.equal(d.severity, 3);
    assert.match(
      String(d.message),
      /^Query opportunity — Heart failure: type and acuity: "CHF" does not document the type/,
    );
    assert.match(String(d.message), /BNP 1,850 pg\/mL \(line 10\); LVEF 25% \(line 11\)/);
  });

  it('hover on the mention explains the opportunity', async () => {
    const h = await c.hover(noteUri(), { line: 19, character: 4 });
    const value = (h?.contents as { value: string }).value;
    assert.match(value, /\*\*Query opportunity: Heart failure: type and acuity\*\*\n/);
    assert.match(value, /- BNP elevated: BNP 1,850 pg\/mL \(line 10\)\n/);
    assert.match(
      value,
      /Clinically reasonable options for a query:\n- Acute on chronic systolic \(congestive\) heart failure\n/,
    );
  });

  let actions: CodeAction[] = [];
  it('offers "Draft physician query" (multiple choice and open-ended) on it', async () => {
    actions = await c.codeActions(noteUri(), diags[0].range, diags);
    const mine = actions.filter((a) => a.command?.command === 'clinicalCoding.draftQuery');
    assert.deepEqual(
      mine.map((a) => a.title),
      [
        'Draft physician query: Heart failure: type and acuity',
        'Draft physician query (open-ended): Heart failure: type and acuity',
      ],
    );
    assert.deepEqual(mine[0].command?.arguments, [{ uri: noteUri(), topic: 'heart-failure', openEnded: false }]);
  });

  it('the command creates <note>.<topic>.query.md beside the note with the encounter, and opens it', async () => {
    const action = actions.find((a) => a.command?.command === 'clinicalCoding.draftQuery')!;
    const r = await c.request<{ ok: boolean; uri: string }>('workspace/executeCommand', {
      command: action.command!.command,
      arguments: action.command!.arguments,
    });
    const expected = pathToFileURL(path.join(dir, 'heart-failure.note.heart-failure.query.md')).toString();
    assert.deepEqual(r, { ok: true, uri: expected });
    assert.deepEqual(shown, [expected]);
    const create = edits[0][0] as CreateOp;
    assert.deepEqual(create, { kind: 'create', uri: expected, options: { overwrite: false, ignoreIfExists: false } });
    const text = readFileSync(fileURLToPath(expected), 'utf8');
    assert.match(text, /^# Physician query: heart failure\n/);
    assert.match(text, /- Encounter: CDI-HF-001\n- Patient: age 72, sex M\n- Date: \d{4}-\d{2}-\d{2}\n/);
    assert.deepEqual(checkQuery(text), []);
  });

  it('a second draft gets a numbered name; the first file is untouched', async () => {
    const first = path.join(dir, 'heart-failure.note.heart-failure.query.md');
    const before = readFileSync(first, 'utf8');
    const r = await c.request<{ ok: boolean; uri: string }>('workspace/executeCommand', {
      command: 'clinicalCoding.draftQuery',
      arguments: [{ uri: noteUri(), topic: 'heart-failure', openEnded: true }],
    });
    const expected = pathToFileURL(path.join(dir, 'heart-failure.note.heart-failure.2.query.md')).toString();
    assert.deepEqual(r, { ok: true, uri: expected });
    assert.equal(readFileSync(first, 'utf8'), before);
    assert.match(readFileSync(fileURLToPath(expected), 'utf8'), /- Query type: open-ended\n/);
  });

  it('says so, and creates nothing, when the topic has no opportunity', async () => {
    const r = await c.request<{ ok: boolean; message: string }>('workspace/executeCommand', {
      command: 'clinicalCoding.draftQuery',
      arguments: [{ uri: noteUri(), topic: 'sepsis' }],
    });
    assert.deepEqual(r, { ok: false, message: 'The note no longer has a sepsis query opportunity.' });
    assert.equal(existsSync(path.join(dir, 'heart-failure.note.sepsis.query.md')), false);
  });

  it('the opportunity goes away when the note becomes specific', async () => {
    const text = readFileSync(path.join(dir, 'heart-failure.note'), 'utf8').replace(
      '1. CHF',
      '1. Acute on chronic systolic CHF',
    );
    const v = await c.change(noteUri(), text);
    const after = (await c.diagnosticsFor(noteUri(), v)).filter((d) => d.code === 'query-opportunity');
    assert.deepEqual(after, []);
  });

  it('checks *.query.md files with the query-* rules', async () => {
    const uri = pathToFileURL(path.join(dir, 'bad.query.md')).toString();
    const bad = readFileSync(path.join(ROOT, 'test/fixtures/cdi/noncompliant/financial-language.query.md'), 'utf8');
    const d = await c.open(uri, 'physician-query', bad);
    assert.deepEqual(
      d.map((x) => x.code),
      [
        'query-financial-language',
        'query-financial-language',
        'query-financial-language',
        'query-financial-language',
        'query-financial-language',
      ],
    );
    assert.match(
      String(d[0].message),
      /Source: AHIMA\/ACDIS Guidelines for Achieving a Compliant Query Practice \(2022 update\)/,
    );
    const good = readFileSync(path.join(dir, 'heart-failure.note.heart-failure.query.md'), 'utf8');
    const uri2 = pathToFileURL(path.join(dir, 'heart-failure.note.heart-failure.query.md')).toString();
    assert.deepEqual(await c.open(uri2, 'physician-query', good), []);
  });

  it('completes query section snippets in a query file', async () => {
    const uri = pathToFileURL(path.join(dir, 'new.query.md')).toString();
    await c.open(uri, 'physician-query', '# Physician query\n\n#');
    const items = await c.completion(uri, { line: 2, character: 1 });
    const labels = items.map((i) => i.label);
    assert.equal(labels.length, 7, `only the query snippets: ${labels.join(', ')}`);
    for (const l of ['## Details', '## Clinical indicators', '## Question', '## Options', '## Provider response'])
      assert.ok(labels.includes(l), l);
    const options = items.find((i) => i.label === '## Options')!;
    assert.equal(options.insertTextFormat, 2);
    assert.match(
      (options.textEdit as { newText: string }).newText,
      /- \[ \] Other \(please specify\): ________\n- \[ \] Clinically undetermined\n$/,
    );
  });
});
