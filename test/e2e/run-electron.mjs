// The same e2e suite in desktop VS Code, with @vscode/test-electron 2.5 (works on Node 20).
// It downloads VS Code 1.100.3 into .vscode-test/ on first use, so it needs internet and a display
// (on Linux without one: xvfb-run -a node test/e2e/run-electron.mjs). It cannot run on the offline
// CI machine; there test/e2e/run.mjs runs the suite in code-server instead. See docs/e2e.md.
//   node test/e2e/run-electron.mjs [--version 1.100.3|stable]
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSuite } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const version = argv.includes('--version') ? argv[argv.indexOf('--version') + 1] : '1.100.3';
if (!existsSync(path.join(root, 'dist/client.js'))) {
  console.log('dist/client.js is missing: run  npm run build');
  console.log('e2e-electron: 0 passed, 1 failed');
  process.exit(1);
}

const { runTests } = await import('@vscode/test-electron');
const { index } = await bundleSuite(root);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-electron-'));
const resultFile = path.join(tmp, 'result.txt');
let code = 0;
try {
  code = await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: index,
    launchArgs: [
      path.join(root, 'examples'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(tmp, 'user-data')}`,
    ],
    extensionTestsEnv: {
      E2E_RESULT_FILE: resultFile,
      E2E_MODE: 'dev',
      E2E_REPO: root,
      E2E_SHOTS_IPC: '',
      CLINICAL_CODING_TEST_HOOKS: '1',
    },
  });
} catch (e) {
  console.log(`VS Code did not run the suite: ${e}`);
  code = 1;
}
let passed = 0;
let failed = code === 0 ? 0 : 1;
if (existsSync(resultFile)) {
  const out = readFileSync(resultFile, 'utf8');
  process.stdout.write(out);
  passed = +(/^\s*(\d+) passing\b/m.exec(out)?.[1] ?? 0);
  failed = +(/^\s*(\d+) failing\b/m.exec(out)?.[1] ?? failed);
}
console.log(`e2e-electron: ${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
