// Part "cm": every ICD-10-CM edition of cm/editions.tsv -> dist/data/cm.json.gz (CmData).
import { SourceError, baseName, mergeOrders, orderMemberOf, parseOrderFile, parseTsv } from './lib.mjs';
import { conversionCells, conversionFiles } from './part-extras.mjs';
import { midYearDates, parseOrderAddenda, splitEditions } from './midyear.mjs';

/** Reads cm/editions.tsv: [{ id, label, from, to, fiscalYear }], oldest first. */
export function readEditions(src) {
  const { header, rows } = parseTsv(src.text('cm/editions.tsv'));
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SourceError(`cm/editions.tsv: no column "${name}" (header: ${header.join(', ')})`);
    return i;
  };
  const [cFolder, cSet, cFrom, cTo] = ['folder', 'code_set', 'effective_from', 'effective_to'].map(col);
  const eds = rows.map((r, i) => {
    const id = r[cFolder]?.trim();
    const m = /^fy(\d{4})(-april)?$/.exec(id ?? '');
    const from = r[cFrom]?.trim();
    const to = r[cTo]?.trim();
    if (!m || !/^\d{4}-\d\d-\d\d$/.test(from ?? '') || !/^\d{4}-\d\d-\d\d$/.test(to ?? '')) {
      throw new SourceError(`cm/editions.tsv line ${i + 2}: cannot read edition row ${JSON.stringify(r.join('\t'))}`);
    }
    return { id, label: r[cSet].trim(), from, to, fiscalYear: Number(m[1]) };
  });
  eds.sort((a, b) => a.from.localeCompare(b.from));
  return eds;
}

/** CM_SEPARATOR of server/src/core/data.ts: joins the entries of the string columns */
const SEP = '|';

export const cmPart = {
  name: 'cm',
  artifact: 'cm.json.gz',
  inputs(src) {
    return [
      'cm/editions.tsv',
      ...readEditions(src).map((e) => `cm/${e.id}/code-descriptions.zip`),
      ...conversionFiles(src)
        .filter((f) => f.kind === 'xlsx')
        .map((f) => f.rel),
    ];
  },
  async build(src, { formatVersion }) {
    // 1. the order file and its order-file addenda of every cm/editions.tsv row
    const tsv = readEditions(src).map((ed) => {
      const zipRel = `cm/${ed.id}/code-descriptions.zip`;
      const files = src.zip(zipRel, (name) => name.toLowerCase().includes('order'));
      const member = orderMemberOf(files, zipRel);
      const adds = Object.keys(files).filter((f) => /order.*addenda/i.test(baseName(f)) && /\.txt$/i.test(f));
      const addendaFile = adds.length === 1 ? baseName(adds[0]) : undefined;
      return {
        ...ed,
        folder: ed.id,
        sourceFile: baseName(member),
        rows: parseOrderFile(files[member], `${zipRel}!${member}`),
        addendaFile,
        addenda: addendaFile
          ? parseOrderAddenda(files[adds[0]], `${zipRel}!${adds[0]}`)
          : { add: new Map(), del: new Map(), reviseFrom: new Map(), files: [], reRelease: false },
      };
    });
    // 2. mid-year effective dates of new codes (NCHS conversion tables, xlsx: the cells are dates)
    const dates = new Map();
    const xlsx = conversionFiles(src).filter((f) => f.kind === 'xlsx');
    for (const f of xlsx) for (const [k, v] of midYearDates(await conversionCells(src, f))) dates.set(k, v);
    const convLabel = xlsx.length
      ? `NCHS conversion table${xlsx.length > 1 ? 's' : ''} ${xlsx.map((f) => `FY${f.fy}`).join(', ')}`
      : 'NCHS conversion tables';
    // 3. the editions of the artifact: the order files split at every mid-year date (docs/data-format.md)
    const eds = splitEditions(tsv, dates, convLabel);
    const n = eds.length;
    /** code -> { status: string[], longs: (string|undefined)[], short } */
    const byCode = new Map();
    /** per edition: the codes in file order (strings shared with byCode keys) */
    const orders = [];
    const editions = [];
    eds.forEach((ed, ei) => {
      const order = [];
      let billable = 0;
      for (const r of ed.rows) {
        let row = byCode.get(r.code);
        if (!row) {
          row = { code: r.code, status: new Array(n).fill('-'), longs: new Array(n), short: '' };
          byCode.set(r.code, row);
        }
        if (row.status[ei] !== '-') throw new SourceError(`${ed.id} (${ed.sourceFile}): code ${r.code} appears twice`);
        row.status[ei] = r.flag ? 'B' : 'H';
        const prev = ei > 0 ? row.longs[ei - 1] : undefined;
        row.longs[ei] = prev === r.long ? prev : r.long; // share identical strings across editions
        row.short = r.short; // editions are processed oldest first: the newest wins
        if (r.flag) billable++;
        order.push(row.code);
      }
      orders.push(order);
      const { id, label, from, to, fiscalYear, folder, sourceFile, derivation } = ed;
      const info = { id, label, from, to, fiscalYear, folder, sourceFile };
      if (derivation) info.derivation = derivation;
      editions.push({ ...info, counts: { total: ed.rows.length, billable } });
    });

    const ordered = mergeOrders(orders);
    if (ordered.length !== byCode.size) throw new Error(`internal: ordered ${ordered.length} of ${byCode.size} codes`);

    // Format 2 (docs/data-format.md, docs/decisions/0002-columnar-cm-artifact.md): one string per column,
    // so the loader builds a handful of strings instead of an object per code.
    const codes = [];
    const status = [];
    const titles = [];
    const shorts = [];
    const oldTitles = [];
    ordered.forEach((code, row) => {
      const r = byCode.get(code);
      let last = n - 1;
      while (r.status[last] === '-') last--;
      const title = r.longs[last];
      // CM_SEPARATOR ("|", server/src/core/data.ts) joins the entries, so none may hold it
      for (const t of [code, title, r.short]) {
        if (t.includes(SEP)) throw new SourceError(`code ${code}: "${SEP}" inside ${JSON.stringify(t)}`);
      }
      codes.push(code);
      status.push(r.status.join(''));
      titles.push(title);
      // an empty short title means "the same as the long title" (43% of codes); the loader restores it
      shorts.push(r.short === title ? '' : r.short);
      // Runs of consecutive editions with the same older title that differs from `title`.
      let run;
      for (let i = 0; i < n; i++) {
        const t = r.longs[i];
        if (t === undefined || t === title) continue;
        if (run && run[2] === i - 1 && run[3] === t) run[2] = i;
        else oldTitles.push((run = [row, i, i, t]));
      }
    });
    // the string columns last, in this order: the loader cuts them straight out of the bytes
    const data = {
      formatVersion,
      editions,
      count: codes.length,
      oldTitles,
      codes: codes.join(SEP),
      status: status.join(''),
      titles: titles.join(SEP),
      shorts: shorts.join(SEP),
    };

    const summary = editions.map(
      (e) =>
        `${e.id.padEnd(15)} ${e.from}..${e.to} ${String(e.counts.total).padStart(6)} codes, ${String(e.counts.billable).padStart(6)} billable  (${e.derivation ? 'derived: ' + e.derivation : e.sourceFile})`,
    );
    summary.push(`${codes.length} distinct codes over ${n} editions, ${oldTitles.length} earlier titles`);
    return { data, summary };
  },
};
