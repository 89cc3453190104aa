// The one test command (npm test): builds, then runs every suite and prints the whole run's
// totals as the last line, "N passed, N failed". Suites: types (tsc -b, one test), unit, cli,
// server, grammar, e2e.
// Usage: node scripts/test.mjs [--only unit,server] [--skip e2e]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const listArg = (flag) => {
  const i = argv.indexOf(flag);
  return i >= 0 && argv[i + 1] ? new Set(argv[i + 1].split(',')) : null;
};
const only = listArg('--only');
const skip = listArg('--skip') ?? new Set();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const hasTests = (dir) => {
  const d = path.join(root, dir);
  if (!existsSync(d)) return false;
  const walk = (p) =>
    readdirSync(p, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(path.join(p, e.name)) : /\.test\.ts$/.test(e.name),
    );
  return walk(d);
};

const mocha = (dir) => [
  bin('mocha'),
  '--import=tsx',
  '--reporter',
  'spec',
  '--timeout',
  '60000',
  `${dir}/**/*.test.ts`,
];

const suites = [
  // The types gate: `tsc -b` over every project (client, server, test); counted as one test.
  { name: 'types', when: () => true, cmd: [bin('tsc'), '-b'], single: true },
  { name: 'unit', when: () => hasTests('test/unit'), cmd: mocha('test/unit') },
  { name: 'cli', when: () => hasTests('test/cli'), cmd: mocha('test/cli') },
  { name: 'server', when: () => hasTests('test/server'), cmd: mocha('test/server') },
  {
    name: 'grammar',
    when: () => existsSync(path.join(root, 'test/grammar/run.mjs')),
    cmd: [process.execPath, 'test/grammar/run.mjs'],
  },
  {
    name: 'e2e',
    when: () => existsSync(path.join(root, 'test/e2e/run.mjs')),
    cmd: [process.execPath, 'test/e2e/run.mjs'],
  },
];

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const tee = (stream, sink) =>
      stream.on('data', (b) => {
        out += b.toString();
        sink.write(b);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Reads a suite's counts from mocha's "N passing" / "N failing" or a plain "N passed, N failed" line. */
function counts(out) {
  // eslint-disable-next-line no-control-regex
  const text = out.replace(/\x1b\[[0-9;]*m/g, '');
  let passed = 0;
  let failed = 0;
  let found = false;
  for (const m of text.matchAll(/^\s*(\d+) passing\b/gm)) {
    passed += +m[1];
    found = true;
  }
  for (const m of text.matchAll(/^\s*(\d+) failing\b/gm)) failed += +m[1];
  if (!found) {
    const m = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
    if (m) {
      passed = +m[1];
      failed = +m[2];
      found = true;
    }
  }
  return { passed, failed, found };
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
let passed = 0;
let failed = 0;
const summary = [];
if (build.status !== 0) {
  console.error('build failed');
  failed += 1;
  summary.push('build: failed');
} else {
  for (const s of suites) {
    if ((only && !only.has(s.name)) || skip.has(s.name) || !s.when()) continue;
    console.log(`\n=== ${s.name} ===`);
    const r = await run(s.cmd);
    const c = s.single ? { passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1, found: true } : counts(r.out);
    if (s.single) console.log(`${s.name}: ${c.passed} passed, ${c.failed} failed`);
    // A suite that crashed or exited non-zero without reporting a failure counts as one failure.
    if (!c.found || (r.code !== 0 && c.failed === 0)) c.failed += 1;
    passed += c.passed;
    failed += c.failed;
    summary.push(`${s.name}: ${c.passed} passed, ${c.failed} failed`);
  }
}
console.log('\n' + summary.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
