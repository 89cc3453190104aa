/** Picking the edition in force on a date of service. */
import type { EditionResult } from '../types';
import { shortLabel } from './normalize';

export interface DatedEdition {
  id: string;
  label: string;
  from: string;
  to: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** true for a real calendar date written YYYY-MM-DD */
export function isIsoDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

/**
 * The edition whose from..to covers the date (editions oldest first). Outside every edition: ok false with a
 * message naming the newest (or oldest) available edition, and `nearest`.
 */
export function pickEdition(editions: readonly DatedEdition[], date: string, codeSet = 'ICD-10-CM'): EditionResult {
  const d = date.trim();
  if (editions.length === 0) return { ok: false, message: `No ${codeSet} editions are loaded.` };
  const first = editions[0]!;
  const last = editions[editions.length - 1]!;
  const near = (i: number) => ({ index: i, id: editions[i]!.id, label: editions[i]!.label });
  if (!isIsoDate(d)) {
    return {
      ok: false,
      message: `'${date}' is not a date; write the date of service as YYYY-MM-DD.`,
      nearest: near(editions.length - 1),
    };
  }
  for (let i = editions.length - 1; i >= 0; i--) {
    const e = editions[i]!;
    if (e.from <= d && d <= e.to) return { ok: true, index: i, id: e.id, label: e.label, from: e.from, to: e.to };
  }
  if (d > last.to) {
    return {
      ok: false,
      message: `No ${codeSet} edition covers ${d}; ${shortLabel(last.id)} (to ${last.to}) is the newest available.`,
      nearest: near(editions.length - 1),
    };
  }
  if (d < first.from) {
    return {
      ok: false,
      message: `No ${codeSet} edition covers ${d}; ${shortLabel(first.id)} (from ${first.from}) is the oldest available.`,
      nearest: near(0),
    };
  }
  // a gap between editions: nearest earlier one
  let idx = 0;
  for (let i = 0; i < editions.length; i++) if (editions[i]!.to < d) idx = i;
  return { ok: false, message: `No ${codeSet} edition covers ${d}.`, nearest: near(idx) };
}
