/**
 * Batch mode (`coding-review check --jsonl`, docs/scaling.md): encounters per second through dist/cli.js on
 * one core (one process) and on both (two processes, the input split in halves, as GNU parallel would), with
 * the example encounters (codes + note) repeated; the start-up (data load) time; and the peak RSS for 1× and
 * 4× the input, showing memory does not grow with the input.
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';
import { exampleEncounters, toJsonl } from '../test/helpers/encounters';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist/cli.js');
const rssHook = path.join(root, 'test/helpers/report-rss.cjs');

function runCli(input: string): Promise<{ ms: number; lines: number; rssMB: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, ['--require', rssHook, cli, 'check', '--jsonl'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let lines = 0;
    let err = '';
    p.stdout.on('data', (b: Buffer) => {
      for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
    });
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`check --jsonl exited ${code}: ${err}`));
      const rss = Number(/@@RSS@@(\d+)/.exec(err)?.[1] ?? NaN) / 1024;
      const cpuMs = Number(/@@CPU@@(\d+)/.exec(err)?.[1] ?? NaN) / 1000;
      resolve({ ms: performance.now() - t0, lines, rssMB: rss, cpuMs });
    });
    p.stdin.end(input);
  });
}

export default async function () {
  const encs = exampleEncounters();
  const copies = 150; // large enough that the fixed start-up (data, note reader) is amortised
  const input = toJsonl(encs, copies);
  const n = encs.length * copies;
  const lines = input.split('\n').filter(Boolean);
  const half = Math.ceil(lines.length / 2);
  const halves = [lines.slice(0, half).join('\n') + '\n', lines.slice(half).join('\n') + '\n'];

  const start = await runCli(''); // start-up alone: node + data load
  // start-up including the note reader (Index loaded on the first encounter with a note)
  const startNote = await runCli(toJsonl(encs.filter((e) => e.note !== undefined).slice(0, 1)));
  const one = await runCli(input);
  if (one.lines !== n) throw new Error(`expected ${n} result lines, got ${one.lines}`);
  const t0 = performance.now();
  const two = await Promise.all(halves.map(runCli));
  const twoMs = performance.now() - t0;
  if (two[0].lines + two[1].lines !== n) throw new Error('two processes lost lines');

  // memory: codes only (fast), 1x and 4x as many lines
  const small = toJsonl(encs, 100, false);
  const big = toJsonl(encs, 400, false);
  const rssSmall = await runCli(small);
  const rssBig = await runCli(big);

  const rate1 = (n / one.ms) * 1000;
  // per CPU second, start-up (data + note reader) excluded: the steady rate of one core
  const perCpu = (n / Math.max(1, one.cpuMs - startNote.cpuMs)) * 1000;
  const rate2 = (n / twoMs) * 1000;
  return [
    { figure: 'check --jsonl start-up (node + data load, empty input)', value: start.ms, unit: 'ms' },
    { figure: 'check --jsonl start-up + note reader (one encounter with a note)', value: startNote.ms, unit: 'ms' },
    {
      figure: `check --jsonl, 1 process: ${n} encounters (codes + note), incl. start-up`,
      value: rate1,
      unit: 'enc/s',
      higherIsBetter: true,
    },
    {
      figure: 'check --jsonl, 1 process: encounters per CPU second after start-up (steady rate of one core)',
      value: perCpu,
      unit: 'enc/s',
      higherIsBetter: true,
    },
    {
      figure: `check --jsonl, 2 processes (${cpus().length} cores), same input split in halves`,
      value: rate2,
      unit: 'enc/s',
      higherIsBetter: true,
      baseline: rate1,
    },
    {
      figure: `check --jsonl peak RSS, ${encs.length * 100} encounters (codes only)`,
      value: rssSmall.rssMB,
      unit: 'MB',
    },
    {
      figure: `check --jsonl peak RSS, ${encs.length * 400} encounters (4x: constant memory)`,
      value: rssBig.rssMB,
      unit: 'MB',
      baseline: rssSmall.rssMB,
    },
  ];
}
