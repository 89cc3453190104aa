// End-to-end launcher: runs the mocha suite in test/e2e/suite inside the extension host of a real
// VS Code (code-server 4.100.3 = VS Code 1.100.3), driven by Debian's chromium through playwright-core.
//
//   node test/e2e/run.mjs [--mode vsix|dev] [--no-screenshots] [--keep] [--timeout SECONDS] [--verbose]
//
// --mode vsix (default): packages the extension (`npm run package`, or `vsce package`), installs the
//   .vsix into a fresh extensions dir with `code-server --install-extension`, and runs the suite with a
//   tiny test-host extension as extensionDevelopmentPath, so the shipped artifact is what is tested.
// --mode dev: the repository itself is the extensionDevelopmentPath (what F5 would run).
// Screenshots of the workbench (a hover, the Problems panel) go to screenshots/ (git-ignored).
// Prints the suite's mocha output and ends with `e2e: N passed, N failed`. Exits non-zero on any
// failure, when the extension host never reports, or after the overall timeout (default 600 s).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, watch } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSuite } from './bundle.mjs';
import { packageVsix } from '../../scripts/e2e/package-vsix.mjs';
import { ensurePackages } from '../../scripts/e2e/prereqs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const mode = opt('--mode', 'vsix');
const overallSeconds = Number(opt('--timeout', '600'));
const screenshots = !argv.includes('--no-screenshots');
const keep = argv.includes('--keep');
const verbose = argv.includes('--verbose') || process.env.E2E_VERBOSE === '1';
const csDir = process.env.CODE_SERVER_DIR ?? path.join(root, '.code-server');
const csEntry = path.join(csDir, 'node_modules/code-server/out/node/entry.js');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = Date.now();
const log = (...a) => console.log('[e2e]', ...a);

let passed = 0;
let failed = 0;
const cleanups = [];

let finishing = false;
/** Cleans up, prints the totals and exits; the returned promise never settles. */
async function finish(code, why) {
  if (finishing) return new Promise(() => {});
  finishing = true;
  if (why) console.log(`[e2e] ${why}`);
  for (const c of cleanups.reverse()) {
    try {
      // Each cleanup is bounded so a hung browser cannot keep the run alive.
      await Promise.race([c(), new Promise((r) => setTimeout(r, 5000))]);
    } catch {
      // best effort
    }
  }
  if (code !== 0 && failed === 0) failed = 1;
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

process.on('uncaughtException', (e) => finish(1, `harness error: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => finish(1, `harness error: ${e?.stack ?? e}`));

const overall = setTimeout(() => finish(1, `overall timeout of ${overallSeconds} s reached`), overallSeconds * 1000);

if (mode !== 'vsix' && mode !== 'dev') await finish(2, `unknown --mode ${mode} (vsix or dev)`);
// The machine: Debian's chromium, and what code-server's first install builds with. As root with
// apt-get they are installed here; otherwise one line says what to install (scripts/e2e/prereqs.mjs).
const pre = ensurePackages({ codeServerInstalled: existsSync(csEntry), chromiumPath: chromium, log });
if (!pre.ok) await finish(1, pre.message);
if (!existsSync(csEntry)) {
  // First run on a fresh clone: install it (npm registry only; the Debian packages are there now).
  log(`code-server is not installed in ${csDir}; installing it (scripts/e2e/install-code-server.sh)`);
  const r = spawnSync('bash', [path.join(root, 'scripts/e2e/install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(csEntry))
    await finish(1, 'could not install code-server (scripts/e2e/install-code-server.sh failed, see above)');
}
if (!argv.includes('--dev-path') && !existsSync(path.join(root, 'dist/client.js')))
  await finish(1, 'dist/client.js is missing: run  npm run build');

// 1. Bundle the suite (runs in the extension host: plain CommonJS, vscode external).
const { outDir } = await bundleSuite(root, `e2e-run-${process.pid}`);
if (!keep) cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));

// 2. Fresh temp dirs for code-server, its extensions and chromium.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-'));
if (!keep) cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
const userData = path.join(tmp, 'user-data');
const extDir = path.join(tmp, 'extensions');
const chromeData = path.join(tmp, 'chromium');
const shotsIpc = path.join(tmp, 'shots');
const resultFile = path.join(tmp, 'result.txt');
for (const d of [userData, extDir, chromeData, shotsIpc, path.join(userData, 'User')])
  mkdirSync(d, { recursive: true });
writeFileSync(
  path.join(userData, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'window.commandCenter': false,
      'editor.hover.delay': 100,
      'git.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
    },
    null,
    2,
  ),
);

// 3. The extension under test.
let devPath = opt('--dev-path', root); // --dev-path: another extension folder (harness development)
if (mode === 'vsix') {
  const vsix = path.join(outDir, 'clinical-coding-review.vsix');
  const t0 = Date.now();
  const r = packageVsix(root, vsix);
  if (!r.ok) {
    console.log(r.log);
    await finish(1, 'packaging the .vsix failed');
  }
  log(`packaged ${path.relative(root, vsix)} in ${Date.now() - t0} ms`);
  const inst = spawnSync(
    process.execPath,
    [csEntry, '--extensions-dir', extDir, '--user-data-dir', userData, '--install-extension', vsix],
    { cwd: root, encoding: 'utf8' },
  );
  if (inst.status !== 0) {
    console.log(inst.stdout, inst.stderr);
    await finish(1, 'code-server --install-extension failed');
  }
  log(`installed the .vsix with code-server --install-extension`);
  // A test-host extension that only carries the tests: VS Code runs extensionTestsPath only together
  // with an extensionDevelopmentPath.
  devPath = path.join(outDir, 'host');
  mkdirSync(devPath, { recursive: true });
  writeFileSync(
    path.join(devPath, 'package.json'),
    JSON.stringify({
      name: 'e2e-test-host',
      publisher: 'clinical-coding-review',
      version: '0.0.0',
      engines: { vscode: '^1.100.0' },
    }),
  );
}

// 4. code-server on a free loopback port.
const port = await new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.on('error', reject);
  srv.listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const host = `127.0.0.1:${port}`;
const workspace = path.join(root, 'examples');
const env = {
  ...process.env,
  E2E_RESULT_FILE: resultFile,
  E2E_MODE: mode,
  E2E_REPO: root,
  E2E_SHOTS_IPC: screenshots ? shotsIpc : '',
  // the example shown in the screenshots (relative to examples/); a fixture when it is missing
  E2E_SCREENSHOT_FILE: process.env.E2E_SCREENSHOT_FILE ?? 'diabetes-ckd/discharge-summary.codes',
  // The extension then returns its test API from activate, and the language server (which inherits the
  // extension host's environment) registers its fault-injection request (resilience.e2e.ts).
  CLINICAL_CODING_TEST_HOOKS: '1',
  // code-server reads these; keep it quiet and offline.
  CS_DISABLE_GETTING_STARTED_OVERRIDE: '1',
};
delete env.VSCODE_IPC_HOOK_CLI;
const cs = spawn(
  process.execPath,
  [
    csEntry,
    '--auth',
    'none',
    '--bind-addr',
    host,
    '--config',
    path.join(tmp, 'config.yaml'),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    workspace,
  ],
  { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
cleanups.push(() => {
  if (cs.exitCode === null) process.kill(-cs.pid, 'SIGTERM');
});
let csLog = '';
const onCs = (b) => {
  csLog += b.toString();
  if (verbose) process.stdout.write(`[code-server] ${b}`);
};
cs.stdout.on('data', onCs);
cs.stderr.on('data', onCs);
cs.on('exit', (code) => {
  if (!done) {
    console.log(csLog.slice(-4000));
    finish(1, `code-server exited early with code ${code}`);
  }
});
let done = false;
await new Promise((resolve) => {
  const check = () => (/HTTP server listening on/.test(csLog) ? resolve() : setTimeout(check, 100));
  check();
});
log(`code-server 4.100.3 listening on http://${host} (${mode} mode)`);

// 5. Chromium through playwright-core, at the workbench URL whose payload names the tests.
const { chromium: pw } = await import('playwright-core');
// playwright wants the fresh profile dir as launchPersistentContext's argument, not as a flag.
const context = await pw.launchPersistentContext(chromeData, {
  executablePath: chromium,
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-crash-reporter',
  ],
});
cleanups.push(() => context.close().catch(() => {}));
const page = await context.newPage();
const exited = new Promise((resolve) => {
  page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
});
page.on('console', (m) => {
  if (verbose || (m.type() === 'error' && /clinical|coding|e2e/i.test(m.text())))
    console.log(`[browser ${m.type()}] ${m.text().slice(0, 2000)}`);
});
page.on('pageerror', (e) => verbose && console.log(`[page error] ${e.message}`));

const remote = (p) => `vscode-remote://${host}${p.split(path.sep).join('/')}`;
const payload = [
  ['extensionDevelopmentPath', remote(devPath)],
  ['extensionTestsPath', remote(path.join(outDir, 'suite/index.js'))],
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
const url =
  `http://${host}/?folder=${encodeURIComponent(workspace)}` + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
await page.goto(url);
log('workbench opened; the suite runs in the extension host');

// 6. Screenshot requests from the suite (files in E2E_SHOTS_IPC: request-NAME.json → done-NAME).
const shotsOut = path.join(root, 'screenshots');
const taken = [];
if (screenshots) {
  mkdirSync(shotsOut, { recursive: true });
  const seen = new Set();
  const handle = async (f) => {
    const m = /^request-([\w-]+)\.json$/.exec(f);
    if (!m || seen.has(f)) return;
    seen.add(f);
    const name = m[1];
    let req = {};
    try {
      req = JSON.parse(readFileSync(path.join(shotsIpc, f), 'utf8'));
    } catch {
      // an empty request is fine
    }
    let note = '';
    try {
      if (req.waitFor) await page.waitForSelector(req.waitFor, { state: 'visible', timeout: 15000 });
      // Let the widget finish its layout (two animation frames, not a fixed delay).
      // eslint-disable-next-line no-undef -- runs in the page
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const file = path.join(shotsOut, `${name}.png`);
      await page.screenshot({ path: file });
      taken.push(path.relative(root, file));
    } catch (e) {
      note = String(e).slice(0, 300);
      log(`screenshot ${name}: ${note}`);
    }
    writeFileSync(path.join(shotsIpc, `done-${name}`), note);
  };
  const w = watch(shotsIpc, (_ev, f) => f && handle(f));
  cleanups.push(() => w.close());
}

const code = await exited;
done = true;
if (existsSync(resultFile)) {
  const out = readFileSync(resultFile, 'utf8');
  process.stdout.write(out.endsWith('\n') ? out : out + '\n');
  const p = /^\s*(\d+) passing\b/m.exec(out);
  const f = /^\s*(\d+) failing\b/m.exec(out);
  passed = p ? +p[1] : 0;
  failed = f ? +f[1] : 0;
} else {
  console.log(csLog.slice(-4000));
  log('the extension host never wrote a result (did the suite load?)');
}
for (const t of taken) log(`screenshot: ${t}`);
clearTimeout(overall);
log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s, extension host exit code ${code}`);
await finish(code === 0 && failed === 0 && existsSync(resultFile) ? 0 : 1);
