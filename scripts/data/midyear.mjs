// Mid-year ICD-10-CM editions (docs/data-format.md, "Mid-year editions"): cm/editions.tsv lists the order
// files; some codes took effect on January 1 or April 1. This module derives the editions before/after such
// a date from (a) the order file of the edition, (b) the order-file addenda in the same zip and (c) the
// effective dates that the NCHS conversion tables give each new code ("2021-01-01", "2022-04-01" …).
import { SourceError, baseName, parseOrderFile } from './lib.mjs';

/** Order-file addenda lines: "Add:         1 Z20822  short…  long…" (same columns as the order file, shifted). */
export function parseOrderAddenda(bytes, label) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const out = { add: new Map(), del: new Map(), reviseFrom: new Map(), files: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const m = /^(Add|Delete|Revise from|Revise to):\s*([01]) ([A-Z0-9]{3,7})\s/.exec(line);
    if (m) {
      // the code starts at column 16 (after "Revise from: 0 "); the titles follow at fixed offsets
      const rest = line.slice(15);
      const row = { code: m[3], flag: Number(m[2]), short: rest.slice(8, 68).trim(), long: rest.slice(69).trim() };
      if (m[1] === 'Add') out.add.set(row.code, row);
      else if (m[1] === 'Delete') out.del.set(row.code, row);
      else if (m[1] === 'Revise from') out.reviseFrom.set(row.code, row);
      continue;
    }
    const f = /^\s*\d+ (?:headers|codes) in (\S+)\s*$/.exec(line);
    if (f) out.files.push(f[1]);
    else if (/^(Add|Delete|Revise)/.test(line))
      throw new SourceError(`${label}: cannot read addenda line ${JSON.stringify(line)}`);
  }
  // The summary compares two files: the same name twice means a re-release (only the mid-year changes).
  out.reRelease = out.files.length >= 2 && out.files.every((f) => f === out.files[0]);
  return out;
}

/** Mid-year effective dates by code from the conversion tables' cells: code -> "YYYY-MM-DD" (not October 1). */
export function midYearDates(cells) {
  const out = new Map();
  for (const [cur, eff] of cells) {
    const m = /^(\d{4}-\d\d-\d\d)/.exec(eff);
    if (!m || m[1].slice(5) === '10-01') continue;
    out.set(cur.replace(/\./g, '').trim().toUpperCase(), m[1]);
  }
  return out;
}

/** "U071" -> "U07.1" */
const dot = (c) => (c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c);
const dayBefore = (iso) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const MONTH = { '01': 'January', '04': 'April', '07': 'July' };

/** codes of `rows` that start with `key` and are longer (descendants) */
const descendants = (rows, key) => rows.filter((r) => r.code.length > key.length && r.code.startsWith(key));

/** rows sorted into place: each extra row goes after the last row whose code sorts before it */
function insertSorted(rows, extra) {
  const out = [...rows];
  for (const r of [...extra].sort((a, b) => a.code.localeCompare(b.code))) {
    let i = out.length;
    while (i > 0 && out[i - 1].code.localeCompare(r.code) > 0) i--;
    out.splice(i, 0, r);
  }
  return out;
}

/**
 * The editions of the build, oldest first: one per cm/editions.tsv row, split at every mid-year date that
 * falls inside it. `tsv` rows carry `rows` (the order file), `addenda` (parsed) and `files` (member names).
 * Returns [{ id, label, from, to, fiscalYear, folder, sourceFile, rows, derivation? }].
 */
export function splitEditions(tsv, dates, conversionLabel) {
  const out = [];
  tsv.forEach((ed, i) => {
    const inside = [...new Set([...dates.values()])].filter((d) => d > ed.from && d <= ed.to).sort();
    if (inside.length === 0) {
      out.push({ ...ed });
      return;
    }
    if (inside.length > 1) throw new SourceError(`${ed.id}: more than one mid-year date (${inside.join(', ')})`);
    const d = inside[0];
    const codesOn = new Set([...dates].filter(([, v]) => v === d).map(([k]) => k));
    const inFile = new Set(ed.rows.map((r) => r.code));
    const late = { id: `${ed.id}-${MONTH[d.slice(5, 7)]?.toLowerCase() ?? d.slice(5)}`, from: d, to: ed.to };
    late.label = `${ed.label} ${MONTH[d.slice(5, 7)] ?? d} update`;
    const early = { id: ed.id, label: ed.label, from: ed.from, to: dayBefore(d) };
    const base = { fiscalYear: ed.fiscalYear, folder: ed.folder, sourceFile: ed.sourceFile };
    const dated = [...codesOn].filter((c) => inFile.has(c));
    if (dated.length > 0) {
      // The order file is the state after d: derive the one before it.
      const { rows, note } = before(ed, codesOn, d, conversionLabel);
      out.push({ ...base, ...early, rows, derivation: note });
      out.push({ ...base, ...late, rows: ed.rows });
    } else {
      // The order file is the state before d (FY2020 and the April 2020 COVID-19 update): add the codes
      // effective d from the next order file, with their new headers.
      const next = tsv[i + 1];
      if (!next) throw new SourceError(`${ed.id}: codes effective ${d} are in no order file`);
      const extra = next.rows.filter(
        (r) => !inFile.has(r.code) && (codesOn.has(r.code) || [...codesOn].some((c) => c.startsWith(r.code))),
      );
      const missing = [...codesOn].filter((c) => !extra.some((r) => r.code === c));
      if (missing.length)
        throw new SourceError(`${ed.id}: ${missing.join(', ')} effective ${d} not in ${next.sourceFile}`);
      const list = extra.map((r) => dot(r.code)).join(', ');
      out.push({ ...base, ...early, rows: ed.rows });
      out.push({
        ...base,
        ...late,
        rows: insertSorted(ed.rows, extra),
        derivation:
          `${ed.sourceFile} plus ${list} (codes effective ${d} in the ${conversionLabel}; ` +
          `flags and titles from ${next.sourceFile}, whose addenda ${next.addendaFile} add them)`,
      });
    }
  });
  return out;
}

/** The order file's rows as they were before the mid-year date d (the codes effective d removed). */
function before(ed, codesOn, d, conversionLabel) {
  const A = ed.addenda;
  const remove = new Set();
  const restore = new Map(); // code -> row as before d
  if (A.reRelease) {
    // The addenda of a re-release are exactly the mid-year changes: undo them.
    for (const [code, add] of A.add) {
      const del = A.del.get(code);
      if (del) restore.set(code, del);
      else remove.add(code);
      if (!del && add.flag === 1 && !codesOn.has(code)) {
        throw new SourceError(`${ed.addendaFile}: ${code} added without a mid-year date in the ${conversionLabel}`);
      }
    }
    for (const [code, del] of A.del) if (!A.add.has(code)) restore.set(code, del);
    for (const [code, from] of A.reviseFrom) if (!restore.has(code)) restore.set(code, from);
  } else {
    // Addenda for the whole year (FY2021): only the codes dated d, their new headers, and headers that
    // gained only those children (billable before d when the addenda show "Delete: 1" then "Add: 0").
    for (const c of codesOn) remove.add(c);
    const byCode = new Map(ed.rows.map((r) => [r.code, r]));
    // the ancestors of the dated codes, longest first (a new header is removed before its parent is looked at)
    const ancestors = [...new Set([...codesOn].flatMap((c) => [...c.slice(3)].map((_, i) => c.slice(0, 3 + i))))]
      .filter((a) => byCode.has(a))
      .sort((a, b) => b.length - a.length);
    for (const code of ancestors) {
      const r = byCode.get(code);
      if (r.flag === 1 || remove.has(r.code)) continue;
      const kids = descendants(ed.rows, r.code);
      if (kids.length === 0 || !kids.every((k) => remove.has(k.code))) continue;
      const del = A.del.get(r.code);
      if (del && del.flag === 1) restore.set(r.code, del);
      else if (A.add.has(r.code)) remove.add(r.code);
      else throw new SourceError(`${ed.addendaFile}: cannot tell what ${r.code} was before ${d}`);
    }
  }
  const rows = [];
  for (const r of ed.rows) {
    if (remove.has(r.code)) continue;
    const old = restore.get(r.code);
    rows.push(old ? { ...r, flag: old.flag, short: old.short || r.short, long: old.long || r.long } : r);
  }
  const gone = [...restore.keys()].filter((c) => !ed.rows.some((r) => r.code === c));
  const all = gone.length
    ? insertSorted(
        rows,
        gone.map((c) => restore.get(c)),
      )
    : rows;
  const billableAgain = [...restore].filter(([c, r]) => r.flag === 1 && ed.rows.find((x) => x.code === c)?.flag === 0);
  const note =
    `${ed.sourceFile} without the ${remove.size} codes of the ${d} update ` +
    (A.reRelease
      ? `(its order-file addenda ${ed.addendaFile} undone: a re-release listing only that update)`
      : `(the codes effective ${d} in the ${conversionLabel}, and their new headers)`) +
    (billableAgain.length ? `; billable before ${d}: ${billableAgain.map(([c]) => dot(c)).join(', ')}` : '');
  return { rows: all, note };
}

export { baseName, parseOrderFile };
