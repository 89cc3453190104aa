/**
 * Limits: a 5 MB note opened in the running server (dist/server.js), skipped at the default 1 MB limit and
 * read in full with the limit raised to 8 MB: time from didOpen to its diagnostics (client side), the
 * server's own check time, and hover round-trips on a small file sent right after the didOpen and on the
 * big note once checked. test/server/limits.test.ts asserts generous bounds on the same scenario.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LspTestClient, ROOT } from '../test/server/client';

const NOTE = readFileSync(path.join(ROOT, 'examples/heart-failure/discharge-summary.note'), 'utf8');
const FIVE_MB = 5 * 1024 * 1024;
const unit = NOTE + '\nAssessment: I50.2\n\n';
const big = unit.repeat(Math.ceil(FIVE_MB / unit.length)).slice(0, FIVE_MB);

async function scenario(label: string, settings: Record<string, unknown>) {
  const c = await LspTestClient.start({ env: { CODING_REVIEW_DEBOUNCE_MS: '0' }, settings });
  try {
    await c.open('file:///b/small.codes', 'code-annotation', 'date: 2026-03-14\n\nI50.2 POA=Y\n');
    // let the background search-index build (1 s after start) finish, so it is not counted here
    await c.request('clinicalCoding/search', { query: 'heart failure', limit: 1 }).catch(() => undefined);
    const uri = `file:///b/${label}.note`;
    const t0 = performance.now();
    const opened = c.open(uri, 'clinical-note', big);
    const h0 = performance.now();
    await c.hover('file:///b/small.codes', { line: 2, character: 1 });
    const hoverDuring = performance.now() - h0;
    const ds = await opened;
    const toDiagnostics = performance.now() - t0;
    const serverMs = c.published.find((p) => p.uri === uri)?.elapsedMs ?? NaN;
    const last = big.lastIndexOf('Assessment: I50.2');
    const line = big.slice(0, last).split('\n').length - 1;
    const h1 = performance.now();
    await c.hover(uri, { line, character: 14 });
    const hoverBig = performance.now() - h1;
    return { toDiagnostics, serverMs, hoverDuring, hoverBig, count: ds.length };
  } finally {
    await c.stop();
  }
}

export default async function () {
  const skipped = await scenario('skipped', {});
  const full = await scenario('full', { maxFileSizeKB: 8192 });
  return [
    {
      figure: '5 MB note, default 1 MB limit: didOpen to its (one) diagnostic',
      value: skipped.toDiagnostics,
      unit: 'ms',
    },
    {
      figure: '5 MB note, default limit: hover on another file sent right after didOpen',
      value: skipped.hoverDuring,
      unit: 'ms',
    },
    {
      figure: `5 MB note read in full (limit 8 MB): didOpen to its ${full.count} diagnostics`,
      value: full.toDiagnostics,
      unit: 'ms',
    },
    { figure: '5 MB note read in full: server check time', value: full.serverMs, unit: 'ms' },
    {
      figure: '5 MB note read in full: hover on another file sent right after didOpen',
      value: full.hoverDuring,
      unit: 'ms',
    },
    { figure: '5 MB note read in full: hover in the big note once checked', value: full.hoverBig, unit: 'ms' },
  ];
}
