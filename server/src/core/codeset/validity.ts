/**
 * The true validity periods of a code over every edition (mid-year editions included): the first and last
 * day it was billable or a header, merged over consecutive editions with the same status.
 */
import type { Ctx } from './context';

export interface ValidityPeriod {
  /** 'B' billable (order-file flag 1) or 'H' header (flag 0) */
  status: 'B' | 'H';
  /** first and last date of service, inclusive */
  from: string;
  to: string;
  /** labels of the first and last edition of the period */
  firstEdition: string;
  lastEdition: string;
}

/** The calendar day after an ISO date, by arithmetic (core has no clock and no Date). */
const nextDay = (iso: string): string => {
  let [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;
  if (++d > days) {
    d = 1;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

export function validityOf(ctx: Ctx, key: string): ValidityPeriod[] {
  const row = ctx.cm.indexOf(key);
  if (row === undefined) return [];
  const eds = ctx.cm.editions;
  const out: ValidityPeriod[] = [];
  for (let i = 0; i < eds.length; i++) {
    const c = ctx.cm.statusCode(row, i);
    if (c !== 66 && c !== 72) continue;
    const status = c === 66 ? 'B' : 'H';
    const e = eds[i]!;
    const prev = out[out.length - 1];
    if (prev && prev.status === status && nextDay(prev.to) === e.from) {
      prev.to = e.to;
      prev.lastEdition = e.label;
    } else out.push({ status, from: e.from, to: e.to, firstEdition: e.label, lastEdition: e.label });
  }
  return out;
}

/** "valid 2020-04-01 to 2026-09-30" style lines: "billable 2015-10-01 to 2020-12-31 (FY2016 … FY2021)" */
export function describeValidity(periods: readonly ValidityPeriod[], newestTo: string | undefined): string[] {
  return periods.map((p) => {
    const what = p.status === 'B' ? 'billable' : 'header (not billable)';
    const open = newestTo !== undefined && p.to === newestTo ? ' (the newest edition available)' : '';
    const eds = p.firstEdition === p.lastEdition ? p.firstEdition : `${p.firstEdition} to ${p.lastEdition}`;
    return `${what} ${p.from} to ${p.to}${open}: ${eds}`;
  });
}
