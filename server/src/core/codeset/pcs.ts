/** ICD-10-PCS: validity of a procedure code on a date (PCS editions FY2024–FY2026), with suggestions. */
import type { PcsCodeRow } from '../data';
import type { Suggestion } from '../types';
import type { PcsClassification } from './api';
import type { Ctx } from './state';
import { pickEdition } from './editions';
import { editDistance } from './suggest';

interface PcsIndex {
  byCode: Map<string, PcsCodeRow>;
  byTable: Map<string, PcsCodeRow[]>;
}
const cache = new WeakMap<Ctx, PcsIndex>();

function pcsIndex(ctx: Ctx): PcsIndex {
  let p = cache.get(ctx);
  if (!p) {
    p = { byCode: new Map(), byTable: new Map() };
    for (const r of ctx.pcs?.codes ?? []) {
      p.byCode.set(r.code, r);
      const t = r.code.slice(0, 3);
      const l = p.byTable.get(t) ?? [];
      l.push(r);
      p.byTable.set(t, l);
    }
    cache.set(ctx, p);
  }
  return p;
}

const PCS_RE = /^[0-9A-HJ-NP-Z]{7}$/;

function pcsSuggestions(ctx: Ctx, key: string, ed: number, limit = 8): Suggestion[] {
  const p = pcsIndex(ctx);
  const best = new Map<string, Suggestion>();
  const add = (code: string, reason: Suggestion['reason'], rank: number) => {
    const r = p.byCode.get(code);
    if (!r || r.status[ed] !== 'B') return;
    const prev = best.get(code);
    if (!prev || rank < prev.rank) best.set(code, { code, title: r.title, billable: true, reason, rank });
  };
  const swapped = key.replace(/O/g, '0').replace(/I/g, '1');
  if (swapped !== key) add(swapped, /O/.test(key) ? 'o-zero-confusion' : 'i-one-confusion', 1);
  if (key.length >= 3) {
    for (const r of p.byTable.get(swapped.slice(0, 3)) ?? []) {
      if (r.code.length !== 7 || r.status[ed] !== 'B') continue;
      const d = editDistance(swapped, r.code, 1);
      if (d === 1) add(r.code, 'edit-distance', 10);
    }
  }
  return [...best.values()].sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : 1)).slice(0, limit);
}

export function classifyPcsCode(ctx: Ctx, raw: string, date: string | undefined): PcsClassification {
  const key = raw.trim().toUpperCase().replace(/[\s.]/g, '');
  const editions = ctx.pcs?.editions ?? [];
  if (!ctx.pcs || editions.length === 0) {
    return { kind: 'invalid', code: key, message: 'ICD-10-PCS data is not loaded.', suggestions: [] };
  }
  let ed = editions.length - 1;
  let message: string | undefined;
  if (date !== undefined) {
    const er = pickEdition(editions, date, 'ICD-10-PCS');
    if (er.ok) ed = er.index;
    else {
      ed = er.nearest?.index ?? ed;
      message = `${er.message} Checked against ${editions[ed]!.label}.`;
    }
  }
  const edition = { index: ed, label: editions[ed]!.label };
  const withMsg = (m: string) => (message ? `${m} ${message}` : m);
  if (!/^[0-9A-Z]+$/.test(key) || key.length !== 7) {
    const base = { kind: 'invalid' as const, code: key, edition, suggestions: key.length === 7 ? [] : [] };
    if (key.length === 3 && pcsIndex(ctx).byCode.get(key)?.status[ed] === 'H') {
      const r = pcsIndex(ctx).byCode.get(key)!;
      return {
        kind: 'header',
        code: key,
        title: r.title,
        edition,
        suggestions: [],
        message: withMsg(`${key} is an ICD-10-PCS table, not a reportable code; a code has 7 characters.`),
      };
    }
    return {
      ...base,
      message: withMsg(`'${raw.trim()}' is not an ICD-10-PCS code: a code has exactly 7 letters or digits.`),
    };
  }
  const row = pcsIndex(ctx).byCode.get(key);
  const st = row?.status[ed] ?? '-';
  if (row && st === 'B')
    return { kind: 'valid', code: key, title: row.title, edition, suggestions: [], ...(message ? { message } : {}) };
  if (row && st === 'H')
    return { kind: 'header', code: key, title: row.title, edition, suggestions: [], ...(message ? { message } : {}) };
  if (row) {
    let last = -1;
    for (let i = ed - 1; i >= 0; i--)
      if (row.status[i] !== '-') {
        last = i;
        break;
      }
    if (last >= 0) {
      return {
        kind: 'deleted',
        code: key,
        title: row.title,
        edition,
        suggestions: pcsSuggestions(ctx, key, ed),
        message: withMsg(`${key} was last valid in ${editions[last]!.label}; it is not in ${edition.label}.`),
      };
    }
    let first = -1;
    for (let i = ed + 1; i < row.status.length; i++)
      if (row.status[i] !== '-') {
        first = i;
        break;
      }
    if (first >= 0) {
      return {
        kind: 'not-yet-valid',
        code: key,
        title: row.title,
        edition,
        suggestions: pcsSuggestions(ctx, key, ed),
        message: withMsg(`${key} is valid from ${editions[first]!.label}; it is not in ${edition.label}.`),
      };
    }
  }
  const why = PCS_RE.test(key)
    ? `${key} is not a valid ICD-10-PCS code in ${edition.label}.`
    : `${key} is not an ICD-10-PCS code: PCS never uses the letters I or O.`;
  return { kind: 'invalid', code: key, edition, suggestions: pcsSuggestions(ctx, key, ed), message: withMsg(why) };
}
