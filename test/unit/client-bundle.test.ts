/**
 * The client talks to the server only over LSP: it imports the typed protocol (server/src/protocol.ts) as types
 * only, so the client bundle contains no server module (ARCHITECTURE.md, "client/src/").
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../..');

describe('client bundle', function () {
  this.timeout(60000);
  it('contains no module of server/ (the protocol is imported as types only)', async () => {
    const r = await esbuild.build({
      entryPoints: ['client/src/extension.ts'],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    assert.ok(inputs.includes('client/src/protocol.ts'), inputs.join(', '));
    assert.deepEqual(
      inputs.filter((f) => f.startsWith('server/')),
      [],
    );
  });
});
