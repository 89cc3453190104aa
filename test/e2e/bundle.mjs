// Bundles the e2e suite (test/e2e/suite/index.ts and *.e2e.ts) with esbuild to out/<name>/suite/*.js:
// plain CommonJS for the extension host, `vscode` and `mocha` left external (mocha resolves from the
// repository's node_modules). Shared by run.mjs (code-server) and run-electron.mjs (desktop VS Code).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

export async function bundleSuite(root, name = 'e2e') {
  // Each run gets its own folder (out/e2e-run-PID), so two runs at once do not disturb each other.
  const outDir = path.join(root, 'out', name);
  rmSync(outDir, { recursive: true, force: true });
  const suiteDir = path.join(root, 'test/e2e/suite');
  const suiteFiles = readdirSync(suiteDir).filter((f) => f.endsWith('.e2e.ts'));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(suiteDir, 'index.ts'), ...suiteFiles.map((f) => path.join(suiteDir, f))],
    outdir: path.join(outDir, 'suite'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { outDir, index: path.join(outDir, 'suite/index.js') };
}
