// `npm run bench`: runs every bench/*.bench.ts (via tsx) several times, each run in a fresh process, and prints
// one table: figure | budget | measured (median of the runs) | baseline | ratio | ok.
//
// Interface for a bench file (bench/NAME.bench.ts):
//   export default async function (): Promise<BenchRow[]>
//   interface BenchRow {
//     figure: string;            // "search p95 (FY2026, 1,200 queries)"
//     value: number;             // the measurement of this run
//     unit: string;              // "ms", "MB", "codes/s" …
//     budget?: number;           // the budget in the same unit, if any
//     higherIsBetter?: boolean;  // default false: value must be <= budget; true: value must be >= budget
//     baseline?: number;         // a naive baseline measured in the same run (same unit); ratio = value / baseline
//   }
// A figure over its budget is marked OVER (exit status stays 0: a benchmark, not a timed test); a bench file
// that crashes makes the exit status 1. Files may use globalThis.gc (node runs with --expose-gc). Usage: node scripts/bench.mjs [--runs N] [name-filter]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

if (argv[0] === '--child') {
  const mod = await import(pathToFileURL(path.resolve(argv[1])).href);
  const fn = mod.default?.default ?? mod.default;
  const rows = await fn();
  process.stdout.write('\n@@BENCH@@' + JSON.stringify(rows) + '\n');
  process.exit(0);
}

let runs = 3;
const filters = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Math.max(1, Number(argv[++i]) || 3);
  else filters.push(argv[i]);
}

const benchDir = path.join(root, 'bench');
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((x) => f.includes(x))))
  .sort();
if (files.length === 0) {
  console.error('no bench/*.bench.ts files');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (v, unit) => {
  if (v === undefined || v === null || Number.isNaN(v)) return '';
  const n =
    Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${n} ${unit}`;
};

const table = [];
let failed = false;
for (const f of files) {
  const perFigure = new Map();
  for (let r = 0; r < runs; r++) {
    process.stderr.write(`bench ${f} run ${r + 1}/${runs}…\n`);
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), '--child', path.join('bench', f)],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const marker = res.stdout.lastIndexOf('@@BENCH@@');
    if (res.status !== 0 || marker < 0) {
      console.error(`bench ${f} failed (exit ${res.status}):\n${res.stderr}`);
      failed = true;
      break;
    }
    for (const row of JSON.parse(res.stdout.slice(marker + 9))) {
      const e = perFigure.get(row.figure) ?? { ...row, values: [], baselines: [] };
      e.values.push(row.value);
      if (row.baseline !== undefined) e.baselines.push(row.baseline);
      perFigure.set(row.figure, e);
    }
  }
  for (const e of perFigure.values()) {
    const value = median(e.values);
    const baseline = e.baselines.length ? median(e.baselines) : undefined;
    const ok = e.budget === undefined ? '' : (e.higherIsBetter ? value >= e.budget : value <= e.budget) ? 'ok' : 'OVER';
    table.push([
      `${f.replace(/\.bench\.ts$/, '')}: ${e.figure}`,
      e.budget === undefined ? '' : `${e.higherIsBetter ? '>=' : '<='} ${fmt(e.budget, e.unit)}`,
      fmt(value, e.unit),
      baseline === undefined ? '' : fmt(baseline, e.unit),
      baseline ? `${(value / baseline).toFixed(baseline && value / baseline >= 10 ? 0 : 2)}x` : '',
      ok,
    ]);
  }
}

const head = ['figure', 'budget', `measured (median of ${runs})`, 'baseline', 'ratio', 'ok'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(head));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of table) console.log(line(r));
console.log(`\n${os()}`);
process.exitCode = failed ? 1 : 0;

function os() {
  return `node ${process.version}, ${process.platform}/${process.arch}`;
}
