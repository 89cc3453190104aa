// `npm run fuzz`: the property tests (test/unit/fuzz-*.test.ts, test/server/fuzz.test.ts) with many cases:
// FUZZ_RUNS (default 10,000) per property and a random FUZZ_SEED (printed; set it to replay a failure).
// Builds first (the server test runs dist/server.js). Usage: node scripts/fuzz.mjs [--runs N] [--seed S] [filter]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let runs = Number(process.env.FUZZ_RUNS) || 10000;
let seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const filters = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--seed') seed = Number(argv[++i]);
  else filters.push(argv[i]);
}
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: node scripts/fuzz.mjs [--runs N] [--seed S] [filter…]');
  process.exit(2);
}

const files = [
  ...readdirSync(path.join(root, 'test/unit'))
    .filter((f) => /^fuzz-.*\.test\.ts$/.test(f))
    .map((f) => `test/unit/${f}`),
  'test/server/fuzz.test.ts',
]
  .sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));

console.log(`fuzz: ${runs} runs per property, seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz)`);
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const t0 = Date.now();
const r = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/mocha/bin/mocha.js'), '--import=tsx', '--timeout', '0', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) } },
);
console.log(
  `fuzz: ${files.length} files, ${runs} runs per property, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
);
process.exit(r.status ?? 1);
