/**
 * PHI safety of the language server (issue 7):
 * - run over every example file with every Node network entry point guarded (test/helpers/no-network.cjs);
 *   fails if any is used; a self-test proves the guard catches a use;
 * - logs at the default trace never contain the text of a note (a unique marker), even when a provider
 *   throws with the text in its message; at trace "verbose" the text may appear (the setting works);
 * - a request handler that throws fails that request only; the server keeps serving;
 * - a drafted physician query never overwrites an existing file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, ROOT } from './client';

const GUARD = path.join(ROOT, 'test/helpers/no-network.cjs');
const EXAMPLES = path.join(ROOT, 'examples');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const language = (f: string) =>
  f.endsWith('.codes') ? 'code-annotation' : f.endsWith('.query.md') ? 'physician-query' : 'clinical-note';

describe('server: PHI safety', function () {
  this.timeout(180_000);

  describe('network guard', () => {
    let tmp: string;
    before(() => {
      tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-phi-'));
    });
    after(() => rmSync(tmp, { recursive: true, force: true }));

    it('self-test: the guard records and refuses every kind of network use', () => {
      const log = path.join(tmp, 'self.log');
      const script = `
        const tries = [
          () => require('net').connect(9, '127.0.0.1'),
          () => require('net').createConnection({ port: 9 }),
          () => new (require('net').Socket)().connect(9, '127.0.0.1'),
          () => require('tls').connect(9, '127.0.0.1'),
          () => require('http').get('http://127.0.0.1:9/'),
          () => require('https').request('https://127.0.0.1:9/'),
          () => require('dns').lookup('localhost', () => {}),
          () => require('dns').promises.resolve4('localhost'),
          () => require('dgram').createSocket('udp4'),
          () => fetch('http://127.0.0.1:9/'),
        ];
        let refused = 0;
        for (const t of tries) { try { t(); } catch (e) { if (e.code === 'ENETWORKFORBIDDEN') refused++; } }
        console.log(refused);`;
      const r = spawnSync(process.execPath, ['--require', GUARD, '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, NO_NETWORK_LOG: log },
      });
      assert.equal(r.stdout.trim(), '10', r.stderr);
      const used = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { what: string }).what);
      assert.deepEqual(used, [
        'net.connect',
        'net.createConnection',
        'net.Socket.prototype.connect',
        'tls.connect',
        'http.get',
        'https.request',
        'dns.lookup',
        'dns.promises.resolve4',
        'dgram.createSocket',
        'globalThis.fetch',
      ]);
      assert.equal((r.stderr.match(/@@NETWORK@@/g) ?? []).length, 10);
    });

    it('the server uses no network over every example file (diagnostics, hover, completion, actions, outline)', async () => {
      const log = path.join(tmp, 'server.log');
      const c = await LspTestClient.start({
        nodeArgs: ['--require', GUARD],
        env: { NO_NETWORK_LOG: log, CODING_REVIEW_DEBOUNCE_MS: '0' },
      });
      let diagnostics = 0;
      let hovers = 0;
      const files = walk(EXAMPLES).filter((f) => /\.(codes|note|query\.md)$/.test(f));
      assert.ok(files.length >= 30, `${files.length} example files`);
      for (const f of files) {
        const uri = pathToFileURL(f).toString();
        const text = readFileSync(f, 'utf8');
        const ds: Diagnostic[] = await c.open(uri, language(f), text);
        diagnostics += ds.length;
        for (const d of ds.slice(0, 5)) {
          if (await c.hover(uri, d.range.start)) hovers++;
          await c.codeActions(uri, d.range, [d]);
        }
        const lines = text.split('\n');
        const last = Math.max(0, lines.length - 2);
        await c.completion(uri, { line: last, character: lines[last]!.length });
        await c.symbols(uri);
      }
      await c.request('clinicalCoding/search', { query: 'heart failure' }).catch(() => undefined);
      assert.equal(await c.stop(), 0);
      assert.ok(diagnostics > 50 && hovers > 20, `${diagnostics} diagnostics, ${hovers} hovers`);
      assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'network used');
      assert.doesNotMatch(c.stderr, /@@NETWORK@@/);
    });
  });

  describe('logs', () => {
    const marker = `PHIMARKER${randomUUID().replace(/-/g, '')}`;
    const note = `HISTORY OF PRESENT ILLNESS:\nPatient ${marker} has acute on chronic systolic heart failure, I50.23.\n\nASSESSMENT:\n1. Heart failure ${marker}.\n`;
    const codes = `date: 2026-03-14\nnote: n.note\n\nI50.23 POA=Y "${marker}"   # ${marker}\nI50.2 POA=Y\nQ99.9XYZ\n`;

    async function session(trace: 'off' | 'messages' | 'verbose'): Promise<LspTestClient> {
      const c = await LspTestClient.start({
        settings: { trace: { server: trace } },
        env: { CLINICAL_CODING_TEST_HOOKS: '1', CODING_REVIEW_DEBOUNCE_MS: '0' },
      });
      const dir = pathToFileURL(path.join(os.tmpdir(), 'ccr-phi-logs')).toString();
      await c.open(`${dir}/n.note`, 'clinical-note', note);
      const ds = await c.open(`${dir}/n.codes`, 'code-annotation', codes);
      for (const d of ds) {
        await c.hover(`${dir}/n.codes`, d.range.start);
        await c.codeActions(`${dir}/n.codes`, d.range, [d]);
      }
      await c.hover(`${dir}/n.note`, { line: 1, character: 60 });
      await c.completion(`${dir}/n.codes`, { line: 4, character: 3 });
      // a provider that throws with the document text in its message (test hook)
      await c.open(`${dir}/test-hook-throw.note`, 'clinical-note', note);
      await c.hover(`${dir}/test-hook-throw.note`, { line: 1, character: 60 });
      await c.symbols(`${dir}/test-hook-throw.note`);
      await c.stop();
      return c;
    }

    it('at the default trace, neither stderr nor log messages contain note text, even from a failing provider', async () => {
      const c = await session('off');
      const all = [c.stderr, ...c.logs, ...c.messages.map((m) => m.message)].join('\n');
      assert.doesNotMatch(all, new RegExp(marker));
      // the provider failures were logged, without their message
      assert.match(all, /A diagnostics provider failed on .*test-hook-throw\.note: Error: \(message hidden/);
      assert.match(all, /a hover provider failed: Error: \(message hidden/);
    });

    it('at trace "messages" neither', async () => {
      const c = await session('messages');
      const all = [c.stderr, ...c.logs].join('\n');
      assert.match(all, /checked file:.*n\.codes v1: \d+ diagnostics in/);
      assert.doesNotMatch(all, new RegExp(marker));
    });

    it('at trace "verbose" the text may be logged (the setting works)', async () => {
      const c = await session('verbose');
      const all = c.logs.join('\n');
      assert.match(all, new RegExp(`text of file:.*n\\.note v1: ".*${marker}`));
      assert.match(all, new RegExp(`test hook: provider failure on [\\s\\S]*${marker}`));
    });
  });

  describe('exceptions in request handlers', () => {
    let c: LspTestClient;
    before(async () => {
      c = await LspTestClient.start({ env: { CLINICAL_CODING_TEST_HOOKS: '1' } });
    });
    after(async () => {
      assert.equal(await c.stop(), 0);
    });

    it('a throwing or rejecting handler fails its request only; an uncaught exception is logged; the server keeps serving', async () => {
      await assert.rejects(c.request('clinicalCoding/test/throw', { mode: 'sync' }), /test hook: handler failure/);
      await assert.rejects(
        c.request('clinicalCoding/test/throw', { mode: 'async' }),
        /test hook: asynchronous handler failure/,
      );
      assert.equal(await c.request('clinicalCoding/test/throw', { mode: 'uncaught' }), 'scheduled');
      const ds = await c.open('file:///h/a.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2 POA=Y\n');
      assert.deepEqual(
        ds.map((d) => d.code),
        ['non-billable-code'],
      );
      assert.match(JSON.stringify(await c.hover('file:///h/a.codes', { line: 2, character: 1 })), /I50\.2/);
      assert.ok(
        c.logs.some((l) => /^uncaught exception: Error/.test(l)),
        c.logs.join('\n'),
      );
      assert.equal(c.proc.exitCode, null);
    });

    it('a throwing provider leaves the other providers answering', async () => {
      const uri = 'file:///h/test-hook-throw.codes';
      const ds = await c.open(uri, 'code-annotation', 'date: 2026-03-14\n\nI50.2 POA=Y\n');
      assert.deepEqual(
        ds.map((d) => d.code),
        ['non-billable-code'],
      );
      assert.match(JSON.stringify(await c.hover(uri, { line: 2, character: 1 })), /I50\.2/);
      assert.deepEqual(
        (await c.symbols(uri)).map((s) => s.name),
        ['Header', 'Principal diagnosis'],
      );
    });
  });

  describe('generated files never overwrite', () => {
    let tmp: string;
    before(() => {
      tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-phi-draft-'));
    });
    after(() => rmSync(tmp, { recursive: true, force: true }));

    it('a drafted physician query goes to a new name when the file exists, created with overwrite: false', async () => {
      for (const f of ['heart-failure.note', 'heart-failure.codes'])
        copyFileSync(path.join(EXAMPLES, 'cdi', f), path.join(tmp, f));
      const notePath = path.join(tmp, 'heart-failure.note');
      const c = await LspTestClient.start({ env: { CODING_REVIEW_DEBOUNCE_MS: '0' } });
      const edits: Array<{ edit: { documentChanges: Array<Record<string, unknown>> } }> = [];
      c.conn.onRequest('workspace/applyEdit', (p: { edit: { documentChanges: Array<Record<string, unknown>> } }) => {
        edits.push(p);
        return { applied: false, failureReason: 'test client does not write files' };
      });
      c.conn.onRequest('window/showDocument', () => ({ success: false }));
      try {
        const uri = pathToFileURL(notePath).toString();
        const ds = await c.open(uri, 'clinical-note', readFileSync(notePath, 'utf8'));
        const draft = ds.find((d) => (d.data as { fix?: string } | undefined)?.fix === 'draft-query');
        assert.ok(draft, `no draft-query diagnostic: ${ds.map((d) => d.code).join(', ')}`);
        const topic = (draft.data as { topic: string }).topic;
        const existing = path.join(tmp, `heart-failure.note.${topic}.query.md`);
        const words = 'A coder wrote this query by hand. It must survive.\n';
        writeFileSync(existing, words);
        const r = await c.request<{ ok: boolean; message?: string }>('workspace/executeCommand', {
          command: 'clinicalCoding.draftQuery',
          arguments: [{ uri, topic }],
        });
        assert.equal(edits.length, 1);
        const create = edits[0]!.edit.documentChanges[0]!;
        assert.equal(create.kind, 'create');
        assert.equal(create.uri, pathToFileURL(path.join(tmp, `heart-failure.note.${topic}.2.query.md`)).toString());
        assert.deepEqual(create.options, { overwrite: false, ignoreIfExists: false });
        assert.equal(r.ok, false);
        assert.equal(readFileSync(existing, 'utf8'), words);
      } finally {
        await c.stop();
      }
    });
  });
});
