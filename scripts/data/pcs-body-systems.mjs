// The section and body-system labels of the newest ICD-10-PCS Tables XML (pcs/xml/fyYYYY/icd10pcs_tables_YYYY.xml):
// characters 1-2 of a PCS code -> { section, bodySystem } (PcsData.bodySystems, docs/data-format.md). Used by the
// procedure/sex claim edit (0U Female Reproductive System, 0V Male Reproductive System …). Kept small and separate
// from part-pcs.mjs so that a full PCS-tables artifact can take it over later.
import { readdirSync } from 'node:fs';
import { SourceError } from './lib.mjs';

/** The newest pcs/xml/fyYYYY/icd10pcs_tables_YYYY.xml, or undefined when there is none. */
export function pcsTablesXml(src) {
  let dirs;
  try {
    dirs = readdirSync(src.abs('pcs/xml'));
  } catch {
    return undefined;
  }
  const years = dirs
    .map((d) => /^fy(\d{4})$/.exec(d))
    .filter(Boolean)
    .map((m) => Number(m[1]))
    .filter((y) => src.exists(`pcs/xml/fy${y}/icd10pcs_tables_${y}.xml`))
    .sort((a, b) => b - a);
  return years.length ? { year: years[0], rel: `pcs/xml/fy${years[0]}/icd10pcs_tables_${years[0]}.xml` } : undefined;
}

const decode = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Reads the labels of axis 1 (Section) and axis 2 (Body System; "Section Qualifier" in section F) at the head
 * of every <pcsTable>. The same two
 * characters always carry the same labels; a disagreement is a SourceError.
 */
export function parseBodySystems(xml, label) {
  const labels = {};
  const head =
    /<pcsTable>\s*<axis pos="1"[^>]*>\s*<title>Section<\/title>\s*<label code="([0-9A-Z])">([^<]*)<\/label>\s*<\/axis>\s*<axis pos="2"[^>]*>\s*<title>(?:Body System|Section Qualifier)<\/title>\s*<label code="([0-9A-Z])">([^<]*)<\/label>/g;
  let tables = 0;
  let m;
  while ((m = head.exec(xml))) {
    tables++;
    const key = m[1] + m[3];
    const v = { section: decode(m[2]), bodySystem: decode(m[4]) };
    const old = labels[key];
    if (old && (old.section !== v.section || old.bodySystem !== v.bodySystem)) {
      throw new SourceError(`${label}: body system ${key} has two labels (${old.bodySystem} / ${v.bodySystem})`);
    }
    labels[key] = v;
  }
  const all = (xml.match(/<pcsTable>/g) ?? []).length;
  if (tables === 0 || tables !== all) {
    throw new SourceError(`${label}: read the section/body system of ${tables} of ${all} <pcsTable> elements`);
  }
  return { labels, tables };
}
