// Part "index": the ICD-10-CM Alphabetic Index to Diseases and Injuries (FY2017, the only Index XML in the
// official folder) -> dist/data/index.json.gz (IndexData in server/src/core/data.ts).
// Main terms with nested subterms, nonessential modifiers, codes (a trailing "-" means incomplete),
// manifestation codes, see / see also / see category. Streamed with saxes out of the FY2017 Full XML zip.
import { SaxesParser } from 'saxes';
import { SourceError, baseName } from './lib.mjs';

const ZIP = 'cm/tabular/ICD10CM_FY2017_Full_XML.zip';
const isIndexMember = (name) => /^icd10cm_index_\d{4}\.xml$/i.test(baseName(name));
const isNeoplasmMember = (name) => /^icd10cm_neoplasm_\d{4}\.xml$/i.test(baseName(name));

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Parses the Index XML text into { year, terms } (see IndexTerm). */
export function parseIndexXml(xml, label) {
  const parser = new SaxesParser();
  const root = { s: [] };
  const stack = [root]; // open mainTerm/term nodes
  let year = 0;
  let field = null; // element whose text we collect: title | nemod | code | see | seeAlso | seecat | subcat | manif | version
  let titleText = '';
  let nemodText = '';
  let text = '';
  let inTitle = false;
  let cellCol = 0;
  parser.on('opentag', (tag) => {
    const n = tag.name;
    if (n === 'mainTerm' || n === 'term') {
      const node = { t: '' };
      const parent = stack[stack.length - 1];
      (parent.s ??= []).push(node);
      stack.push(node);
    } else if (n === 'title' && stack.length > 1) {
      inTitle = true;
      titleText = '';
      nemodText = '';
    } else if (n === 'nemod' && inTitle) {
      field = 'nemod';
    } else if (n === 'cell' && stack.length > 1) {
      // Table of Neoplasms: columns 2..7 = malignant primary, secondary, in situ, benign, uncertain, unspecified
      field = 'cell';
      text = '';
      cellCol = Number(tag.attributes.col);
    } else if (['code', 'see', 'seeAlso', 'seecat', 'subcat', 'manif', 'version'].includes(n)) {
      field = n;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (field === 'nemod') nemodText += t;
    else if (inTitle) titleText += t;
    else if (field) text += t;
  });
  parser.on('closetag', (tag) => {
    const n = tag.name;
    const node = stack[stack.length - 1];
    if (n === 'mainTerm' || n === 'term') {
      stack.pop();
    } else if (n === 'nemod' && inTitle) {
      field = null;
      titleText += ' ';
    } else if (n === 'title' && inTitle) {
      inTitle = false;
      node.t = squash(titleText);
      const m = squash(nemodText);
      if (m) node.m = m;
    } else if (n === 'cell' && field === 'cell') {
      const v = squash(text);
      field = null;
      if (cellCol >= 2 && cellCol <= 7) {
        node.cells ??= ['-', '-', '-', '-', '-', '-'];
        node.cells[cellCol - 2] = v || '-';
      }
    } else if (field === n) {
      const v = squash(text);
      field = null;
      if (n === 'version') year = Number(v);
      else if (stack.length > 1 && v) {
        const key = { code: 'c', see: 'see', seeAlso: 'also', seecat: 'cat', subcat: 'cat', manif: 'mf' }[n];
        // A few terms carry two codes or two see-references: keep the first, append others with "|".
        node[key] = node[key] ? `${node[key]}|${v}` : v;
      }
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new SourceError(`${label}: not a well-formed Index XML: ${e.message}`);
  }
  if (!root.s.length) throw new SourceError(`${label}: no mainTerm elements found`);
  return { year, terms: root.s };
}

export const indexPart = {
  name: 'index',
  artifact: 'index.json.gz',
  inputs() {
    return [ZIP];
  },
  build(src, { formatVersion }) {
    const files = src.zip(ZIP, (name) => isIndexMember(name) || isNeoplasmMember(name));
    const names = Object.keys(files).filter(isIndexMember);
    if (names.length !== 1) {
      throw new SourceError(
        `${ZIP}: expected one icd10cm_index_YYYY.xml member, found ${names.length ? names.join(', ') : 'none'}`,
      );
    }
    const label = `${ZIP}!${names[0]}`;
    const xml = new TextDecoder('utf-8').decode(files[names[0]]);
    const { year, terms } = parseIndexXml(xml, label);
    let count = 0;
    let withCode = 0;
    const walk = (list) => {
      for (const t of list) {
        count++;
        if (t.c) withCode++;
        if (t.s) walk(t.s);
      }
    };
    walk(terms);
    // the Table of Neoplasms: one main term "Neoplasm, neoplastic" whose sites carry six code columns
    const neo = Object.keys(files).find(isNeoplasmMember);
    if (!neo) throw new SourceError(`${ZIP}: no icd10cm_neoplasm_YYYY.xml member (the Table of Neoplasms)`);
    const table = parseIndexXml(new TextDecoder('utf-8').decode(files[neo]), `${ZIP}!${neo}`).terms;
    const neoplasm = table.find((t) => /^neoplasm/i.test(t.t));
    if (!neoplasm?.s?.length) throw new SourceError(`${ZIP}!${neo}: no "Neoplasm" main term with sites`);
    let sites = 0;
    const countSites = (list) => {
      for (const t of list) {
        sites++;
        if (t.s) countSites(t.s);
      }
    };
    countSites(neoplasm.s);
    return {
      data: { formatVersion, year, source: baseName(names[0]), terms, neoplasm, neoplasmSource: baseName(neo) },
      summary: [
        `Alphabetic Index FY${year}: ${terms.length} main terms, ${count} terms in all, ${withCode} with a code`,
        `Table of Neoplasms FY${year}: ${sites} sites`,
      ],
    };
  },
};
