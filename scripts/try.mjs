// `npm run try`: builds the extension, packages it, installs the .vsix into a local code-server
// (VS Code 1.100.3 in the browser) and serves it on 127.0.0.1 with examples/ open. For trying the
// extension without desktop VS Code. Stop with Ctrl+C.
// Usage: node scripts/try.mjs [--port N] [--no-build]
// Needs code-server: bash scripts/e2e/install-code-server.sh (--apt as root the first time).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVsix } from './e2e/package-vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const portArg = argv.includes('--port') ? Number(argv[argv.indexOf('--port') + 1]) : 8765;
const csDir = process.env.CODE_SERVER_DIR ?? path.join(root, '.code-server');
const csEntry = path.join(csDir, 'node_modules/code-server/out/node/entry.js');
const state = path.join(csDir, 'try'); // git-ignored, kept between runs (your settings stay)
const fail = (msg) => {
  console.error(`try: ${msg}`);
  process.exit(1);
};

if (!existsSync(csEntry)) {
  console.log('try: code-server is not installed yet; installing it into .code-server/ …');
  const r = spawnSync('bash', [path.join(root, 'scripts/e2e/install-code-server.sh')], { stdio: 'inherit' });
  if (r.status !== 0) fail('could not install code-server (as root: bash scripts/e2e/install-code-server.sh --apt)');
}

if (!argv.includes('--no-build')) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) fail('the build failed');
}

mkdirSync(state, { recursive: true });
const vsix = path.join(state, 'clinical-coding-review.vsix');
const packed = packageVsix(root, vsix);
if (!packed.ok) fail(`packaging the .vsix failed:\n${packed.log}`);

const userData = path.join(state, 'user-data');
const extDir = path.join(state, 'extensions');
mkdirSync(path.join(userData, 'User'), { recursive: true });
const settings = path.join(userData, 'User/settings.json');
if (!existsSync(settings)) {
  writeFileSync(
    settings,
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'workbench.startupEditor': 'none',
        'git.openRepositoryInParentFolders': 'never',
      },
      null,
      2,
    ) + '\n',
  );
}
const inst = spawnSync(
  process.execPath,
  [csEntry, '--extensions-dir', extDir, '--user-data-dir', userData, '--install-extension', vsix, '--force'],
  { encoding: 'utf8' },
);
if (inst.status !== 0) fail(`code-server --install-extension failed:\n${inst.stdout}${inst.stderr}`);

const free = (port) =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
let port = portArg;
while (!(await free(port))) port++;

const examples = path.join(root, 'examples');
const cs = spawn(
  process.execPath,
  [
    csEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--config',
    path.join(state, 'config.yaml'),
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    // the bundled examples are the project's own synthetic files: no trust prompt for them
    '--disable-workspace-trust',
    examples,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let shown = false;
const onOut = (b) => {
  const s = b.toString();
  if (!shown && /HTTP server listening on/.test(s)) {
    shown = true;
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
    console.log(
      `\nClinical Coding Review is running in code-server (VS Code 1.100.3) on this machine only:\n\n  ${url}\n`,
    );
    console.log('Open it in a browser (from another machine: ssh -L PORT:127.0.0.1:PORT …). Ctrl+C stops it.');
  }
  if (process.env.TRY_VERBOSE) process.stdout.write(s);
};
cs.stdout.on('data', onOut);
cs.stderr.on('data', onOut);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cs.kill('SIGTERM'));
cs.on('exit', (code) => process.exit(shown ? 0 : (code ?? 1)));
