/**
 * Code-set core benchmark (run by scripts/bench.mjs): load time and heap of the cm artifact and of all
 * artifacts, classify throughput against a naive linear scan of the order rows (same run), search p50/p95
 * over 1,200 realistic queries for FY2026. Needs dist/data (npm run data).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { createCodeSet } from '../server/src/core/codeset/codeset';
import { defaultDataDir, loadDataset, loadPart } from '../server/src/data/load';

interface BenchRow {
  figure: string;
  value: number;
  unit: string;
  budget?: number;
  higherIsBetter?: boolean;
  baseline?: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
/** V8 heap in use plus memory outside it held by JS objects (large strings cut from buffers, typed arrays) */
const heapMB = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1048576;
};

/** deterministic PRNG (mulberry32) so every run uses the same queries */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export default async function bench(): Promise<BenchRow[]> {
  const dir = defaultDataDir();
  const rows: BenchRow[] = [];

  // artifact sizes on disk
  let bytes = 0;
  for (const f of ['cm.json.gz', 'tabular.json.gz', 'pcs.json.gz', 'extras.json.gz', 'index.json.gz']) {
    try {
      bytes += statSync(path.join(dir, f)).size;
    } catch {
      /* a part that is not built */
    }
  }
  rows.push({ figure: 'artifacts on disk (all parts)', value: bytes / 1048576, unit: 'MB', budget: 15 });

  // cm only: the one artifact holding every ICD-10-CM edition (a single edition cannot be loaded alone)
  let h0 = heapMB();
  let t0 = performance.now();
  let cm: ReturnType<typeof loadPart<'cm'>> | undefined = loadPart(dir, 'cm');
  const t1 = performance.now();
  let cs1: ReturnType<typeof createCodeSet> | undefined = createCodeSet({ cm });
  const t2 = performance.now();
  const cmHeap = heapMB() - h0;
  rows.push({ figure: 'load cm (17 editions) + createCodeSet', value: t2 - t0, unit: 'ms', budget: 150 });
  rows.push({ figure: '  of which createCodeSet (indexes)', value: t2 - t1, unit: 'ms' });
  rows.push({ figure: 'heap + external after loading cm + createCodeSet', value: cmHeap, unit: 'MB', budget: 60 });
  cs1 = undefined;
  cm = undefined;
  void cs1;
  void cm;

  // everything
  h0 = heapMB();
  t0 = performance.now();
  const ds = loadDataset(dir);
  const cs = createCodeSet(ds);
  const allMs = performance.now() - t0;
  rows.push({ figure: 'load all artifacts + createCodeSet', value: allMs, unit: 'ms' });
  rows.push({ figure: 'heap + external after loading all artifacts', value: heapMB() - h0, unit: 'MB' });

  const ed = cs.editions.length - 1;
  const rnd = prng(20260314);

  // classify throughput: FY2026 codes, some lower-cased/dotted, some with typos
  const cmd = ds.cm;
  const current: Array<{ code: string; title: string; billable: boolean }> = [];
  for (let i = 0; i < cmd.size; i++) {
    const st = cmd.statusCode(i, ed);
    if (st !== 45 /* - */) current.push({ code: cmd.code(i), title: cmd.title(i), billable: st === 66 /* B */ });
  }
  const inputs: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const r = current[Math.floor(rnd() * current.length)]!;
    const k = rnd();
    inputs.push(k < 0.6 ? cs.display(r.code) : k < 0.9 ? r.code.toLowerCase() : r.code.slice(0, -1) + 'Q');
  }
  t0 = performance.now();
  let sink = 0;
  for (const c of inputs) sink += cs.classify(c, ed).kind.length;
  const coreRate = inputs.length / ((performance.now() - t0) / 1000);

  // naive baseline: a linear scan of the order rows for each code (the order file as a list)
  const order = current.map((r) => ({ code: r.code, flag: r.billable ? 1 : 0, title: r.title }));
  const baseInputs = inputs.slice(0, 2000);
  t0 = performance.now();
  for (const c of baseInputs) {
    const key = c.toUpperCase().replace('.', '');
    const hit = order.find((o) => o.code === key);
    sink += hit ? hit.flag : 0;
  }
  const baseRate = baseInputs.length / ((performance.now() - t0) / 1000);
  rows.push({
    figure: 'classify throughput (FY2026, 20,000 mixed inputs)',
    value: coreRate,
    unit: 'codes/s',
    baseline: baseRate,
    higherIsBetter: true,
  });
  if (sink < 0) console.log(sink);

  // search: first query builds the index (heap measured without the bench's own arrays of codes)
  const hs = heapMB();
  t0 = performance.now();
  cs.search('heart failure', ed, 20);
  cs.search('I50', ed, 20);
  rows.push({ figure: 'search index build (first word and code queries)', value: performance.now() - t0, unit: 'ms' });
  rows.push({ figure: 'search index heap + external', value: heapMB() - hs, unit: 'MB' });

  // realistic queries: word prefixes (3+ letters) of 1–3 words from FY2026 titles, plus code prefixes
  const stop = new Set([
    'of',
    'and',
    'or',
    'the',
    'with',
    'without',
    'to',
    'in',
    'by',
    'due',
    'for',
    'other',
    'unspecified',
    'on',
  ]);
  // distinct queries, so the core's small cache of recent queries does not flatter the figures
  const queries: string[] = [];
  const distinct = new Set<string>();
  while (queries.length < 1200) {
    const r = current[Math.floor(rnd() * current.length)]!;
    if (rnd() < 0.2) {
      const q = cs.display(r.code).slice(0, 3 + Math.floor(rnd() * 3));
      if (!distinct.has(q)) {
        distinct.add(q);
        queries.push(q);
      }
      continue;
    }
    const words = r.title
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3 && !stop.has(w));
    if (words.length === 0) continue;
    const n = 1 + Math.floor(rnd() * Math.min(3, words.length));
    const start = Math.floor(rnd() * (words.length - n + 1));
    const q = words
      .slice(start, start + n)
      .map((w) => (rnd() < 0.4 ? w.slice(0, Math.max(3, Math.ceil(w.length * 0.6))) : w))
      .join(' ');
    if (!distinct.has(q)) {
      distinct.add(q);
      queries.push(q);
    }
  }
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    cs.search(q, ed, 20);
    times.push(performance.now() - t);
  }
  rows.push({ figure: `search p50 (FY2026, ${queries.length} distinct queries)`, value: pct(times, 50), unit: 'ms' });
  rows.push({
    figure: `search p95 (FY2026, ${queries.length} distinct queries)`,
    value: pct(times, 95),
    unit: 'ms',
    budget: 10,
  });
  rows.push({ figure: 'search max', value: Math.max(...times), unit: 'ms' });
  return rows;
}
