// Part "pcs": ICD-10-PCS order files of pcs/fy*/order.zip (FY2024-FY2026) -> dist/data/pcs.json.gz
// (PcsData). Keeps the 7-character codes (flag 1, valid) and the 3-character table headers (flag 0).
// PCS editions are fiscal years: FY N runs from N-1-10-01 to N-09-30 (no April updates here).
import { readdirSync } from 'node:fs';
import { SourceError, mergeOrders, orderMemberOf, parseOrderFile } from './lib.mjs';
import { parseBodySystems, pcsTablesXml } from './pcs-body-systems.mjs';

function pcsEditions(src) {
  let dirs;
  try {
    dirs = readdirSync(src.abs('pcs'));
  } catch {
    throw new SourceError(`missing source folder pcs/ (looked in ${src.dir})`);
  }
  const eds = dirs
    .map((d) => /^fy(\d{4})$/.exec(d))
    .filter(Boolean)
    .map((m) => ({ id: m[0], fiscalYear: Number(m[1]) }))
    .filter((e) => src.exists(`pcs/${e.id}/order.zip`))
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  if (eds.length === 0) throw new SourceError(`no pcs/fyYYYY/order.zip found in ${src.dir}`);
  return eds;
}

export const pcsPart = {
  name: 'pcs',
  artifact: 'pcs.json.gz',
  inputs(src) {
    const xml = pcsTablesXml(src);
    return [...pcsEditions(src).map((e) => `pcs/${e.id}/order.zip`), ...(xml ? [xml.rel] : [])];
  },
  build(src, { formatVersion }) {
    const eds = pcsEditions(src);
    const n = eds.length;
    const byCode = new Map();
    const orders = [];
    const editions = [];
    const skipped = [];
    eds.forEach((ed, ei) => {
      const zipRel = `pcs/${ed.id}/order.zip`;
      const files = src.zip(zipRel, (name) => name.toLowerCase().includes('order'));
      const member = orderMemberOf(files, zipRel);
      const rows = parseOrderFile(files[member], `${zipRel}!${member}`);
      const order = [];
      let valid = 0;
      let kept = 0;
      for (const r of rows) {
        const keep = (r.code.length === 7 && r.flag === 1) || (r.code.length === 3 && r.flag === 0);
        if (!keep) {
          skipped.push(`${ed.id} ${r.code} flag ${r.flag}`);
          continue;
        }
        kept++;
        let row = byCode.get(r.code);
        if (!row) {
          row = { code: r.code, status: new Array(n).fill('-'), title: '' };
          byCode.set(r.code, row);
        }
        row.status[ei] = r.flag ? 'B' : 'H';
        row.title = r.long; // oldest first: the newest title wins
        if (r.flag) valid++;
        order.push(row.code);
      }
      orders.push(order);
      editions.push({
        id: ed.id,
        label: `ICD-10-PCS FY${ed.fiscalYear}`,
        from: `${ed.fiscalYear - 1}-10-01`,
        to: `${ed.fiscalYear}-09-30`,
        fiscalYear: ed.fiscalYear,
        counts: { total: kept, valid },
      });
    });
    const codes = mergeOrders(orders).map((c) => {
      const r = byCode.get(c);
      return { code: c, status: r.status.join(''), title: r.title };
    });
    const summary = editions.map(
      (e) =>
        `${e.id.padEnd(7)} ${String(e.counts.total).padStart(6)} rows kept, ${String(e.counts.valid).padStart(6)} valid codes`,
    );
    summary.push(
      `${codes.length} distinct PCS codes; rows skipped (not 7-char valid or 3-char header): ${skipped.length}`,
    );
    // section + body-system labels for the procedure/sex claim edit (optional: absent without the Tables XML)
    const xml = pcsTablesXml(src);
    let bodySystems;
    if (xml) {
      const { labels, tables } = parseBodySystems(src.read(xml.rel).toString('utf8'), xml.rel);
      bodySystems = { year: xml.year, source: xml.rel, labels };
      summary.push(
        `body systems: ${Object.keys(labels).length} section/body-system labels from ${tables} tables of ${xml.rel}`,
      );
    } else
      summary.push('body systems: no pcs/xml/fyYYYY/icd10pcs_tables_YYYY.xml; the procedure/sex edit stays silent');
    return { data: { formatVersion, editions, codes, ...(bodySystems ? { bodySystems } : {}) }, summary };
  },
};
