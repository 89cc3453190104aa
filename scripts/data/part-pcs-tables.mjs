// Part "pcstables": the ICD-10-PCS Tables XML of pcs/xml/fyYYYY/icd10pcs_tables_YYYY.xml (FY2025, FY2026 in
// the official folder) -> dist/data/pcs-tables.json.gz (PcsTablesData in server/src/core/data.ts).
// Per edition: every table (its first three characters with their axis titles, labels and the operation's
// definition) and its rows (the characters allowed at positions 4-7, each with its label). Labels are
// deduplicated into one list per edition. Streamed with saxes, in chunks.
import { readdirSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { SourceError } from './lib.mjs';

const squash = (s) => s.replace(/\s+/g, ' ').trim();

function tableEditions(src) {
  let dirs = [];
  try {
    dirs = readdirSync(src.abs('pcs/xml'));
  } catch {
    throw new SourceError(`missing source folder pcs/xml/ (looked in ${src.dir})`);
  }
  const eds = [];
  for (const d of dirs) {
    const m = /^fy(\d{4})$/.exec(d);
    if (!m) continue;
    const rel = `pcs/xml/${d}/icd10pcs_tables_${m[1]}.xml`;
    if (src.exists(rel)) eds.push({ id: d, fiscalYear: Number(m[1]), rel });
  }
  if (!eds.length) throw new SourceError(`no pcs/xml/fyYYYY/icd10pcs_tables_YYYY.xml found in ${src.dir}`);
  return eds.sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** Parses one Tables XML (bytes) into { version, labels, tables } (PcsTablesEdition without id/label). */
export function parsePcsTablesXml(bytes, label) {
  const labels = [];
  const labelId = new Map();
  const idOf = (s) => {
    let i = labelId.get(s);
    if (i === undefined) {
      i = labels.length;
      labels.push(s);
      labelId.set(s, i);
    }
    return i;
  };
  const tables = [];
  let version = 0;
  let table = null; // { code, titles[7], head[3], def?, rows }
  let row = null; // [[chars, ids[]] x 4]
  let axis = null; // { pos, title, chars, ids, def }
  let labelCode = null;
  let text = '';
  let field = null;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const n = tag.name;
    if (n === 'pcsTable') table = { code: '', titles: new Array(7).fill(-1), head: [], rows: [] };
    else if (n === 'pcsRow' && table) row = [null, null, null, null];
    else if (n === 'axis' && table) axis = { pos: Number(tag.attributes.pos), title: '', chars: '', ids: [], def: '' };
    else if (n === 'label' && axis) {
      labelCode = String(tag.attributes.code ?? '');
      field = 'label';
      text = '';
    } else if ((n === 'title' && axis) || (n === 'definition' && axis) || n === 'version') {
      field = n;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (field) text += t;
  });
  parser.on('closetag', (tag) => {
    const n = tag.name;
    if (n === 'version' && field === 'version') {
      version = Number(squash(text));
      field = null;
    } else if (n === 'title' && field === 'title') {
      axis.title = squash(text);
      field = null;
    } else if (n === 'definition' && field === 'definition') {
      axis.def = squash(text);
      field = null;
    } else if (n === 'label' && field === 'label') {
      if (labelCode.length !== 1) throw new SourceError(`${label}: a label code '${labelCode}' is not one character`);
      axis.chars += labelCode;
      axis.ids.push(idOf(squash(text)));
      field = null;
    } else if (n === 'axis' && axis) {
      const p = axis.pos;
      if (!(p >= 1 && p <= 7)) throw new SourceError(`${label}: axis pos ${p} outside 1-7`);
      if (table.titles[p - 1] < 0) table.titles[p - 1] = idOf(axis.title);
      if (p <= 3) {
        if (axis.chars.length !== 1)
          throw new SourceError(`${label}: table axis ${p} with ${axis.chars.length} values`);
        table.code += axis.chars;
        table.head.push(axis.ids[0]);
        if (axis.def) table.def = axis.def;
      } else if (row) row[p - 4] = [axis.chars, axis.ids];
      axis = null;
    } else if (n === 'pcsRow' && row) {
      if (row.some((a) => !a)) throw new SourceError(`${label}: table ${table.code} has a row without positions 4-7`);
      table.rows.push(row);
      row = null;
    } else if (n === 'pcsTable' && table) {
      if (table.code.length !== 3 || !table.rows.length)
        throw new SourceError(`${label}: incomplete table ${table.code}`);
      tables.push(table);
      table = null;
    }
  });
  try {
    // streamed in chunks: the parser never holds the whole document as one string
    const dec = new TextDecoder('utf-8');
    for (let i = 0; i < bytes.length; i += 1 << 16)
      parser.write(dec.decode(bytes.subarray(i, i + (1 << 16)), { stream: true }));
    parser.write(dec.decode()).close();
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`${label}: not a well-formed PCS Tables XML: ${e.message}`);
  }
  if (!tables.length) throw new SourceError(`${label}: no pcsTable elements found`);
  return { version, labels, tables };
}

export const pcsTablesPart = {
  name: 'pcstables',
  artifact: 'pcs-tables.json.gz',
  inputs(src) {
    return tableEditions(src).map((e) => e.rel);
  },
  build(src, { formatVersion }) {
    const editions = [];
    const summary = [];
    for (const e of tableEditions(src)) {
      const { version, labels, tables } = parsePcsTablesXml(src.read(e.rel), e.rel);
      if (version && version !== e.fiscalYear)
        throw new SourceError(`${e.rel}: <version> says ${version}, the folder says FY${e.fiscalYear}`);
      let rows = 0;
      let codes = 0;
      for (const t of tables) {
        rows += t.rows.length;
        for (const r of t.rows) codes += r.reduce((n, a) => n * a[0].length, 1);
      }
      editions.push({
        id: e.id,
        fiscalYear: e.fiscalYear,
        label: `ICD-10-PCS Tables FY${e.fiscalYear}`,
        source: e.rel,
        labels,
        tables,
      });
      summary.push(`${e.id}: ${tables.length} tables, ${rows} rows, ${codes} codes, ${labels.length} distinct labels`);
    }
    return { data: { formatVersion, editions }, summary };
  },
};
