// Part "extras": POA-exempt lists, MS-DRG v40 CC/MCC lists, CMS-HCC V28 and V24 maps, and the NCHS
// conversion tables -> dist/data/extras.json.gz (ExtrasData). Each list keeps its version label.
import { readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { SourceError, baseName, parseTsv, undot } from './lib.mjs';

const APPENDIX = 'msdrg/v40/appendix_F_J.txt';
const HCC = {
  v28: { version: 'CMS-HCC V28', map: 'hcc/F2824T1N.TXT', labels: 'hcc/V28115L3.TXT', hierarchy: 'hcc/V28115H1.TXT' },
  v24: { version: 'CMS-HCC V24', map: 'hcc/F2422P1M.TXT', labels: 'hcc/V24H86L1.TXT', hierarchy: 'hcc/V24H86H1.TXT' },
};
// Second character may be a letter: FY2026 added category QA0 (QA0.0101 …).
const CODE_RE = /^[A-Z][0-9A-Z]{2,6}$/;

function listDir(src, rel) {
  try {
    return readdirSync(src.abs(rel));
  } catch {
    throw new SourceError(`missing source folder ${rel}/ (looked in ${src.dir})`);
  }
}

function poaZips(src) {
  return listDir(src, 'cm/poa-exempt')
    .map((f) => /^POAexemptCodesFY(\d\d)\.zip$/i.exec(f))
    .filter(Boolean)
    .map((m) => ({ rel: `cm/poa-exempt/${m[0]}`, label: `FY20${m[1]}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function conversionFiles(src) {
  return listDir(src, 'cm/conversion')
    .map((f) => /^ICD-10-CM-Conversion-Table-FY(\d{4})\.(csv|xlsx)$/i.exec(f))
    .filter(Boolean)
    .map((m) => ({ rel: `cm/conversion/${m[0]}`, fy: Number(m[1]), kind: m[2].toLowerCase() }))
    .sort((a, b) => a.fy - b.fy);
}

/** POA-exempt codes of one zip: the POAexemptCodesFYxx.txt member (not the Add/Delete/Revise lists). */
function readPoa(src, { rel }) {
  const files = src.zip(rel, (name) => /^POAexemptCodesFY\d\d\.txt$/i.test(baseName(name)));
  const names = Object.keys(files);
  if (names.length !== 1)
    throw new SourceError(`${rel}: expected one POAexemptCodesFYxx.txt member, found ${names.length}`);
  const { header, rows } = parseTsv(Buffer.from(files[names[0]]).toString('latin1'));
  const col = header.findIndex((h) => /POAexemptCode/i.test(h));
  if (col < 0) throw new SourceError(`${rel}!${names[0]}: no POAexemptCode column (header: ${header.join(', ')})`);
  const codes = rows.map((r) => undot(r[col] ?? '')).filter(Boolean);
  const bad = codes.filter((c) => !CODE_RE.test(c));
  if (bad.length) throw new SourceError(`${rel}!${names[0]}: not codes: ${bad.slice(0, 5).join(', ')}`);
  return codes;
}

/** Codes of the "  CODE    Title" lines between two line indexes of the appendix text. */
function appendixCodes(lines, from, to) {
  const out = [];
  for (let i = from; i < to; i++) {
    const m = /^ {2}([A-Z][0-9A-Z]{2,6}) +\S/.exec(lines[i]);
    if (m) out.push(m[1]);
  }
  return out;
}

function readMsdrg(src) {
  const lines = src.text(APPENDIX).split(/\r?\n/);
  const find = (re, from = 0) => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    if (i < 0) throw new SourceError(`${APPENDIX}: cannot find ${re} (is this the MS-DRG v40 appendices F-J text?)`);
    return i;
  };
  const g = find(/Appendix G\b/);
  const h = find(/^\|\s*Appendix H\b/, g);
  const h2 = find(/Appendix H Part 2/i, h);
  const end = find(/Appendix I\b/, h2);
  const cc = appendixCodes(lines, g, h);
  const mcc = appendixCodes(lines, h, h2);
  const mccIfDischargedAlive = appendixCodes(lines, h2, end);
  if (cc.length < 1000 || mcc.length < 1000 || mccIfDischargedAlive.length === 0) {
    throw new SourceError(
      `${APPENDIX}: unexpected list sizes (CC ${cc.length}, MCC ${mcc.length}, part 2 ${mccIfDischargedAlive.length})`,
    );
  }
  return { version: 'MS-DRG v40 (FY2023)', cc, mcc, mccIfDischargedAlive };
}

function readHcc(src, spec) {
  const map = {};
  for (const line of src.text(spec.map).split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [code, hcc] = line.split('\t');
    const c = undot(code ?? '');
    if (!CODE_RE.test(c) || !/^\d+$/.test((hcc ?? '').trim())) {
      throw new SourceError(`${spec.map}: not a "code<TAB>hcc" line: ${JSON.stringify(line.slice(0, 40))}`);
    }
    (map[c] ??= []).push(Number(hcc));
  }
  const labels = {};
  for (const m of src.text(spec.labels).matchAll(/^\s*HCC(\d+)\s*=\s*"([^"]*)"/gm)) labels[m[1]] = m[2].trim();
  const hierarchy = {};
  for (const m of src.text(spec.hierarchy).matchAll(/%SET0\(\s*CC\s*=\s*(\d+)\s*,\s*HIER\s*=\s*%STR\(([^)]*)\)/g)) {
    hierarchy[m[1]] = m[2]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
  }
  if (Object.keys(map).length === 0 || Object.keys(labels).length === 0 || Object.keys(hierarchy).length === 0) {
    throw new SourceError(
      `${spec.version}: empty map, labels or hierarchy (${spec.map}, ${spec.labels}, ${spec.hierarchy})`,
    );
  }
  return { version: spec.version, map, labels, hierarchy };
}

/** The text of an exceljs cell value (plain, rich text, hyperlink, formula result). */
function cellText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result);
    if (v instanceof Date) return v.toISOString();
    return '';
  }
  return String(v);
}

/** Every code in a "Previous Code(s) Assignment" cell ("E11.69 and R40.20" -> ["E1169", "R4020"]). */
export function codesIn(text) {
  return [...text.toUpperCase().matchAll(/\b[A-Z][0-9A-Z]{2}(?:\.?[0-9A-Z]{1,4})?\b/g)]
    .map((m) => m[0])
    .filter((w) => /\d/.test(w)) // words such as "AND" are not codes
    .map(undot);
}

/** Conversion rows as [current, effective, previous] cell texts, after the header row. */
export async function conversionCells(src, file) {
  const buf = src.read(file.rel);
  let rows = [];
  if (file.kind === 'csv') {
    rows = parseCsv(buf.toString('latin1'));
  } else {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf);
    } catch (e) {
      throw new SourceError(`${file.rel}: cannot read the xlsx (${e.message})`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new SourceError(`${file.rel}: no worksheet`);
    ws.eachRow((row) => {
      const cells = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(cellText(cell.value).trim()));
      rows.push(cells.filter((c, i) => c !== '' || i > 0));
    });
  }
  const h = rows.findIndex((r) => r.some((c) => /current code/i.test(c)));
  if (h < 0) throw new SourceError(`${file.rel}: no "Current code assignment" header row`);
  const header = rows[h];
  const ci = header.findIndex((c) => /current code/i.test(c));
  const ei = header.findIndex((c) => /effective/i.test(c));
  const pi = header.findIndex((c) => /previous code/i.test(c));
  if (ci < 0 || ei < 0 || pi < 0) throw new SourceError(`${file.rel}: unexpected header ${JSON.stringify(header)}`);
  return rows.slice(h + 1).map((r) => [r[ci] ?? '', r[ei] ?? '', r[pi] ?? '']);
}

/** A small RFC 4180 CSV reader (quoted fields with commas, quotes and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.map((r) => r.map((c) => c.trim()));
}

async function readConversion(src) {
  const files = conversionFiles(src);
  if (files.length === 0) throw new SourceError(`no ICD-10-CM-Conversion-Table-FY*.csv/xlsx in cm/conversion/`);
  // The tables are cumulative: a row listed by several tables is kept once, labelled with the newest.
  const byKey = new Map();
  const stats = { rows: 0, noPrevious: 0 };
  for (const file of files) {
    for (const [cur, eff, prev] of await conversionCells(src, file)) {
      const code = undot(cur);
      if (!code) continue;
      if (!CODE_RE.test(code)) throw new SourceError(`${file.rel}: "${cur}" is not a code`);
      // Usually a year; sometimes a date (an April update: "2020-04-01" is FY2020; October starts the next FY).
      const d = /^(\d{4})-(\d\d)-\d\d/.exec(eff);
      const fy = d ? Number(d[1]) + (Number(d[2]) >= 10 ? 1 : 0) : Number(/\d{4}/.exec(eff)?.[0]);
      if (!fy) throw new SourceError(`${file.rel}: no effective year for ${cur} ("${eff}")`);
      stats.rows++;
      const previous = codesIn(prev);
      if (previous.length === 0) {
        stats.noPrevious++;
        continue;
      }
      const key = `${code}|${fy}|${previous.join(',')}`;
      const row = { code, previous, effectiveFiscalYear: fy, source: `NCHS conversion table FY${file.fy}` };
      // Keep the cell's words when it says more than a list of codes ("H02.101-H02.106", "a code from R11-").
      const text = prev.replace(/\s+/g, ' ').trim();
      if (!/^[A-Z0-9.]+(?:\s*(?:,|;|&|and|AND)\s*[A-Z0-9.]+)*$/.test(text)) row.previousText = text;
      byKey.set(key, row);
    }
  }
  return { rows: [...byKey.values()], files, stats };
}

/**
 * The Official Guidelines PDFs by the first date they apply to, from their file names as CDC publishes them
 * ("ICD-10-CM-Guidelines-April-1 FY2024.pdf", "icd-10-cm-FY25-guidelines-october -2024.pdf",
 * "ICD-10-CM-October-2025-Guidelines.pdf" = FY2026). Errata are not an edition.
 */
export function guidelineFiles(src) {
  let names = [];
  try {
    names = readdirSync(src.abs('cm/guidelines'));
  } catch {
    return [];
  }
  const out = [];
  for (const file of names) {
    if (!/\.pdf$/i.test(file) || /errata/i.test(file)) continue;
    const april = /april/i.test(file);
    const fyTok = /FY\s?(\d{4}|\d{2})(?!\d)/i.exec(file);
    const oct = /october[ -]*(\d{4})/i.exec(file);
    let fy = fyTok ? Number(fyTok[1].length === 2 ? `20${fyTok[1]}` : fyTok[1]) : undefined;
    if (fy === undefined && oct) fy = Number(oct[1]) + 1;
    if (fy === undefined) throw new SourceError(`cm/guidelines/${file}: cannot tell which fiscal year it is`);
    const from = april ? `${fy}-04-01` : `${fy - 1}-10-01`;
    const when = april ? `April 1, ${fy}` : `October 1, ${fy - 1}`;
    out.push({ label: `ICD-10-CM Official Guidelines FY${fy} (${when})`, from, file, rel: `cm/guidelines/${file}` });
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

export const extrasPart = {
  name: 'extras',
  artifact: 'extras.json.gz',
  inputs(src) {
    return [
      ...poaZips(src).map((z) => z.rel),
      APPENDIX,
      ...Object.values(HCC).flatMap((s) => [s.map, s.labels, s.hierarchy]),
      ...conversionFiles(src).map((f) => f.rel),
      ...guidelineFiles(src).map((g) => g.rel),
    ];
  },
  async build(src, { formatVersion }) {
    const poaExempt = {};
    const zips = poaZips(src);
    if (zips.length === 0) throw new SourceError('no cm/poa-exempt/POAexemptCodesFYxx.zip found');
    for (const z of zips) poaExempt[z.label] = readPoa(src, z);
    const msdrg = readMsdrg(src);
    const hcc = { v28: readHcc(src, HCC.v28), v24: readHcc(src, HCC.v24) };
    const conv = await readConversion(src);
    const guidelines = guidelineFiles(src).map(({ label, from, file, rel }) => {
      src.read(rel); // recorded in the manifest: a new guidelines file rebuilds the extras
      return { label, from, file };
    });
    const sz = (o) => Object.keys(o).length;
    return {
      data: { formatVersion, poaExempt, msdrg, hcc, conversion: conv.rows, guidelines },
      summary: [
        `POA exempt: ${Object.entries(poaExempt)
          .map(([k, v]) => `${k} ${v.length}`)
          .join(', ')}`,
        `${msdrg.version}: CC ${msdrg.cc.length}, MCC ${msdrg.mcc.length}, MCC if discharged alive ${msdrg.mccIfDischargedAlive.length}`,
        ...Object.values(hcc).map(
          (m) => `${m.version}: ${sz(m.map)} codes, ${sz(m.labels)} HCC labels, ${sz(m.hierarchy)} hierarchy rules`,
        ),
        `guidelines: ${guidelines.map((g) => `${g.label} from ${g.from}`).join('; ')}`,
        `conversion: ${conv.rows.length} distinct rows from ${conv.files.map((f) => `FY${f.fy}`).join(', ')} ` +
          `(${conv.stats.rows} rows read, ${conv.stats.noPrevious} without a previous code)`,
      ],
    };
  },
};
