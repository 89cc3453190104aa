// Part "tabular": the FY2021 Tabular List XML (the newest available) -> dist/data/tabular.json.gz
// (TabularData): chapters, sections with their ranges, and every <diag> node's instructional notes.
// Streamed with saxes; nested markup inside a note is flattened to its text.
import { NOTE_CHANGES, readNoteChanges } from './note-changes.mjs';
import { SaxesParser } from 'saxes';
import { SourceError } from './lib.mjs';

const XML = 'cm/tabular/icd10cm_tabular_2021.xml';

/** Note-list elements whose <note> children become CodeNotes[kind]. */
const NOTE_KINDS = new Set([
  'inclusionTerm',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
  'sevenChrNote',
]);
const HOLDERS = new Set(['chapter', 'section', 'diag']);

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * Flattens a <visualImpairment> table (under H54) into one readable note per row, e.g.
 * "Category 1: maximum less than 6/18, minimum equal to or better than 6/60; …".
 */
function visualImpairmentNotes(cats) {
  const head = cats.find((c) => c.heading);
  const maxLabel = head?.ranges[0]?.max || 'Maximum less than:';
  const minLabel = head?.ranges[0]?.min || 'Minimum equal to or better than:';
  const out = [];
  if (head) {
    out.push(
      squash(
        `${head.heading}, by ${head.ranges
          .map((r) => r.heading)
          .filter(Boolean)
          .join(', ')
          .toLowerCase()}:`,
      ),
    );
  }
  for (const c of cats) {
    if (c.heading) continue;
    const lbl = (l) => l.replace(/:$/, '').toLowerCase();
    const ranges = c.ranges
      .map((r) =>
        [r.max && `${lbl(maxLabel)} ${r.max}`, r.min && `${lbl(minLabel)} ${r.min}`].filter(Boolean).join(', '),
      )
      .filter(Boolean);
    out.push(squash(`Category ${c.value}: ${ranges.join('; ') || '(no range given)'}`));
  }
  return out;
}

/** Parses the Tabular XML text into TabularData (without formatVersion) plus build statistics. */
export function parseTabularXml(xml, label) {
  const parser = new SaxesParser();
  const chapters = [];
  const sections = [];
  const codes = {};
  const sectionRefs = new Map(); // id -> { first, last }
  const stats = { diag: 0, extensionNoChar: 0, duplicateDiag: 0 };
  let year = 0;

  const names = []; // open element names
  const holders = []; // open chapter/section/diag records: { kind, rec, notes }
  let kind = null; // open note-list kind (NOTE_KINDS or 'sevenChrDef')
  let capture = null; // { text, onDone } while collecting an element's text (incl. nested markup)
  let captureDepth = 0;
  let vis = null; // { cats: [] } while inside <visualImpairment>
  let visCat = null;
  let visRange = null;
  let sectionsAtChapterStart = 0;
  const sectionCats = new Map(); // section id -> its categories, in XML order

  const holder = () => holders[holders.length - 1];
  const addNote = (k, text) => {
    const h = holder();
    if (!h || !text) return;
    (h.notes[k] ??= []).push(text);
  };
  const startCapture = (onDone) => {
    capture = { text: '', onDone };
    captureDepth = names.length;
  };

  parser.on('opentag', (tag) => {
    const n = tag.name;
    const parent = names[names.length - 1];
    names.push(n);
    if (capture) return; // nested markup inside a captured element: its text is kept
    if (n === 'version' && parent === 'ICD10CM.tabular') {
      startCapture((t) => (year = Number(t)));
    } else if (n === 'chapter') {
      holders.push({ kind: 'chapter', rec: { num: 0, desc: '', first: '', last: '' }, notes: {} });
    } else if (n === 'section') {
      const id = String(tag.attributes.id ?? '');
      holders.push({ kind: 'section', rec: { id, desc: '', first: '', last: '', chapter: 0 }, notes: {} });
    } else if (n === 'diag') {
      holders.push({ kind: 'diag', rec: { code: '', desc: '' }, notes: {} });
    } else if (n === 'sectionRef') {
      const a = tag.attributes;
      if (a.id) sectionRefs.set(String(a.id), { first: String(a.first ?? ''), last: String(a.last ?? '') });
    } else if ((n === 'name' || n === 'desc') && HOLDERS.has(parent)) {
      const h = holder();
      startCapture((t) => {
        if (n === 'desc') h.rec.desc = t;
        else if (h.kind === 'chapter') h.rec.num = Number(t);
        else if (h.kind === 'diag') h.rec.code = t.replace(/\./g, '').toUpperCase();
      });
    } else if ((NOTE_KINDS.has(n) || n === 'sevenChrDef') && HOLDERS.has(parent)) {
      kind = n;
    } else if (n === 'note' && kind && kind !== 'sevenChrDef' && parent === kind) {
      const k = kind;
      startCapture((t) => addNote(k, t));
    } else if (n === 'extension' && parent === 'sevenChrDef' && kind === 'sevenChrDef') {
      const ch = tag.attributes.char;
      startCapture((t) => {
        const c = typeof ch === 'string' ? ch.trim() : '';
        if (!c) {
          // Honest handling: a definition without its character cannot be offered as a choice.
          stats.extensionNoChar++;
          return;
        }
        const h = holder();
        (h.notes.sevenChrDef ??= []).push({ char: c, meaning: t });
      });
    } else if (n === 'visualImpairment') {
      vis = { cats: [] };
    } else if (vis && n === 'visCategory') {
      visCat = { heading: '', value: '', ranges: [] };
      vis.cats.push(visCat);
    } else if (vis && n === 'visRange' && visCat) {
      visRange = { heading: '', max: '', min: '' };
      visCat.ranges.push(visRange);
    } else if (vis && (n === 'heading' || n === 'value')) {
      const target = parent === 'visMax' || parent === 'visMin' ? parent : parent === 'visRange' ? 'range' : 'cat';
      startCapture((t) => {
        if (target === 'visMax' && visRange) visRange.max = t;
        else if (target === 'visMin' && visRange) visRange.min = t;
        else if (target === 'range' && visRange) visRange.heading = t;
        else if (visCat) visCat[n] = t;
      });
    }
  });

  parser.on('text', (t) => {
    if (capture) capture.text += t;
  });
  parser.on('cdata', (t) => {
    if (capture) capture.text += t;
  });

  parser.on('closetag', (tag) => {
    const n = tag.name;
    if (capture && names.length === captureDepth) {
      const c = capture;
      capture = null;
      c.onDone(squash(c.text));
    } else if (capture) {
      capture.text += ' '; // keep words of sibling nested elements apart
    }
    names.pop();
    if (capture) return;
    if (n === kind) kind = null;
    else if (n === 'visualImpairment' && vis) {
      for (const note of visualImpairmentNotes(vis.cats)) addNote('notes', note);
      vis = visCat = visRange = null;
    } else if (n === 'chapter' || n === 'section' || n === 'diag') {
      const h = holders.pop();
      const notes = Object.keys(h.notes).length ? h.notes : undefined;
      if (n === 'chapter') {
        chapters.push({ ...h.rec, ...(notes ? { notes } : {}) });
        // the sections closed since the previous chapter belong to this one
        for (let i = sectionsAtChapterStart; i < sections.length; i++) sections[i].chapter = h.rec.num;
        sectionsAtChapterStart = sections.length;
      } else if (n === 'section') {
        sections.push({ ...h.rec, ...(notes ? { notes } : {}) });
        sectionCats.set(h.rec.id, h.cats ?? []);
      } else {
        stats.diag++;
        if (!h.rec.code) throw new SourceError(`${label}: a <diag> without <name> (line ${parser.line})`);
        if (codes[h.rec.code]) stats.duplicateDiag++;
        codes[h.rec.code] = { desc: h.rec.desc, ...h.notes };
        const up = holder();
        if (up?.kind === 'section') (up.cats ??= []).push(h.rec.code);
      }
    }
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`${label}: not well-formed XML: ${e.message}`);
  }

  // Ranges: the sectionIndex's first/last attributes, else the section id ("A00-A09", "B10"), as the XML
  // gives them. They are not a reliable membership test (string order is not the Tabular's order: C4A
  // sits between C43 and C44; categories added later fall outside), so each section also lists the
  // categories it actually holds. Grouping sections (e.g. "C00-C96") hold none.
  for (const s of sections) {
    const ref = sectionRefs.get(s.id);
    const [a, b] = s.id.split('-');
    s.first = (ref?.first || a || '').replace(/\./g, '');
    s.last = (ref?.last || b || a || '').replace(/\./g, '');
    s.categories = sectionCats.get(s.id) ?? [];
  }
  for (const ch of chapters) {
    const own = sections.filter((s) => s.chapter === ch.num);
    const m = /\(([A-Z0-9]{3})-([A-Z0-9]{3})\)\s*$/.exec(ch.desc);
    ch.first = own[0]?.first ?? m?.[1] ?? '';
    ch.last = own[own.length - 1]?.last ?? m?.[2] ?? '';
  }
  if (!year) throw new SourceError(`${label}: no <version> year found`);
  if (chapters.length === 0 || stats.diag === 0) throw new SourceError(`${label}: no chapters or codes found`);
  return { year, chapters, sections, codes, stats };
}

/** CM_SEPARATOR and TABULAR_ITEM_SEPARATOR / TABULAR_NOTE_KINDS of server/src/core/data.ts (format 3) */
const SEP = '|';
const ITEM = '^';
const KIND_LETTERS = {
  inclusionTerm: 'i',
  includes: 'n',
  excludes1: 'x',
  excludes2: 'y',
  codeFirst: 'f',
  useAdditionalCode: 'u',
  codeAlso: 'a',
  notes: 'o',
  sevenChrNote: 's',
  sevenChrDef: 'd',
};

/**
 * The code nodes as the TabularArtifact's columns (docs/data-format.md): keys, descs and notes joined by "|";
 * one node's notes are items joined by "^", each a kind letter and the text (sevenChrDef: letter, character,
 * meaning). Neither separator may occur in the Tabular's text.
 */
export function tabularColumns(codes) {
  const keys = [];
  const descs = [];
  const notes = [];
  const check = (s, key) => {
    if (s.includes(SEP) || s.includes(ITEM)) {
      throw new SourceError(`${XML}: "${SEP}" or "${ITEM}" inside a text of ${key}: ${JSON.stringify(s)}`);
    }
    return s;
  };
  for (const [key, node] of Object.entries(codes)) {
    keys.push(check(key, key));
    descs.push(check(node.desc, key));
    const items = [];
    for (const [kind, letter] of Object.entries(KIND_LETTERS)) {
      for (const x of node[kind] ?? []) {
        if (kind !== 'sevenChrDef') items.push(letter + check(x, key));
        else if (x.char.length !== 1)
          throw new SourceError(`${XML}: 7th character ${JSON.stringify(x.char)} of ${key}`);
        else items.push(letter + check(x.char, key) + check(x.meaning, key));
      }
    }
    notes.push(items.join(ITEM));
  }
  return { count: keys.length, keys: keys.join(SEP), descs: descs.join(SEP), notes: notes.join(SEP) };
}

export const tabularPart = {
  name: 'tabular',
  artifact: 'tabular.json.gz',
  inputs() {
    return [XML];
  },
  build(src, { formatVersion, root }) {
    const xml = src.read(XML).toString('utf8');
    const { year, chapters, sections, codes, stats } = parseTabularXml(xml, XML);
    const noteChanges = readNoteChanges(root, codes, sections);
    const count = (k) => Object.values(codes).filter((c) => c[k]).length;
    return {
      // the string columns last, in this order: the loader cuts them straight out of the bytes
      data: { formatVersion, year, chapters, sections, noteChanges, ...tabularColumns(codes) },
      summary: [
        `FY${year} Tabular: ${chapters.length} chapters, ${sections.length} sections, ${stats.diag} code nodes`,
        `notes: excludes1 on ${count('excludes1')}, excludes2 on ${count('excludes2')}, codeFirst on ${count('codeFirst')}, ` +
          `useAdditionalCode on ${count('useAdditionalCode')}, sevenChrDef on ${count('sevenChrDef')}`,
        `note changes after FY${year} (${NOTE_CHANGES}): ${noteChanges.length}`,
        `<extension> without a char attribute skipped: ${stats.extensionNoChar}; duplicate code nodes: ${stats.duplicateDiag}`,
      ],
    };
  },
};
