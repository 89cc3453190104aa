// Parity: `coding-review check --format json` and the language server report the same findings (rule,
// range, severity, message) for every example and fixture file, because both call the one review entry
// point (core/review.ts) with the one linking service (core/linking.ts). Each file is opened in the server
// alone, with its real file:// URI, so linked files are read from disk as the CLI reads them.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, ROOT } from './client';

const FOLDERS = ['examples', 'test/fixtures'];
const CLI = path.join(ROOT, 'dist/cli.js');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  source?: string;
}

const languageOf = (f: string) =>
  f.endsWith('.codes') ? 'code-annotation' : f.endsWith('.query.md') ? 'physician-query' : 'clinical-note';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(codes|note|query\.md)$/i.test(e.name) && statSync(p).size < 1_000_000) out.push(p);
  }
  return out.sort();
}

const key = (f: Omit<JsonFinding, 'file'>) =>
  `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule} ${f.message}`;

describe('parity: the CLI and the language server report the same findings', function () {
  this.timeout(240_000);
  let c: LspTestClient;
  const all = FOLDERS.flatMap((d) => files(path.join(ROOT, d)));
  let byFile: Map<string, string[]>;

  before(async () => {
    const r = spawnSync(process.execPath, [CLI, 'check', ...FOLDERS, '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    byFile = new Map();
    for (const f of JSON.parse(r.stdout) as JsonFinding[]) {
      const abs = path.resolve(ROOT, f.file);
      // the server shows a finding's source under its message (services/convert.ts)
      const message = f.source ? `${f.message}\nSource: ${f.source}` : f.message;
      byFile.set(abs, [...(byFile.get(abs) ?? []), key({ ...f, message })]);
    }
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
  });

  it('checks a good number of files', () => {
    assert.ok(all.length >= 40, `${all.length} files`);
  });

  for (const file of all) {
    const rel = path.relative(ROOT, file);
    it(rel, async () => {
      const uri = pathToFileURL(file).toString();
      const diags: Diagnostic[] = await c.open(uri, languageOf(file), readFileSync(file, 'utf8'));
      await c.close(uri);
      const server = diags
        .map((d) =>
          key({
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            severity: SEVERITY[d.severity ?? 1],
            rule: String(d.code),
            message: typeof d.message === 'string' ? d.message : d.message.value,
          }),
        )
        .sort();
      assert.deepEqual(server, (byFile.get(file) ?? []).sort());
    });
  }
});
