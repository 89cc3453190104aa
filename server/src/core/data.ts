/**
 * The shapes of the data artifacts (dist/data/*.json.gz) that scripts/data/ builds from the
 * official CMS/NCHS files in ../shared/icd10 and that server/src/data/load.ts reads.
 * The core receives these as plain data; it never reads files itself.
 *
 * Conventions: codes are stored WITHOUT the dot and upper case ("I5023", "S72001A").
 * Dates are ISO strings "YYYY-MM-DD". Edition indexes refer to CmData.editions (oldest first).
 * docs/data-format.md documents every field; bump the version in data-format.json on any change
 * (the one place it is written: the data build imports the same file).
 */
import dataFormat from './data-format.json';

export const DATA_FORMAT_VERSION: number = dataFormat.dataFormatVersion;

/**
 * One ICD-10-CM edition: a row of cm/editions.tsv, or (format 4) a mid-year edition the data build derives
 * from one (docs/data-format.md, "Mid-year editions"): FY2020 April (U07.0, U07.1), FY2021 January,
 * FY2022 April and FY2023 April, so that `from`/`to` are the real first and last days of each state.
 */
export interface EditionInfo {
  /** "fy2016" … "fy2020-april", "fy2021", "fy2021-january" … "fy2024-april" … "fy2026" */
  id: string;
  /** "ICD-10-CM FY2024 April update" */
  label: string;
  /** first date of service covered, inclusive */
  from: string;
  /** last date of service covered, inclusive */
  to: string;
  /** federal fiscal year, e.g. 2024 for both fy2024 and fy2024-april */
  fiscalYear: number;
  /** the order file's member name inside the zip, for provenance */
  sourceFile: string;
  /** the cm/editions.tsv folder whose code-descriptions.zip holds that order file (format 4) */
  folder?: string;
  /**
   * Present on a derived mid-year edition: how it was made from the order file (which codes were removed or
   * added, which addenda and conversion tables say so). Absent: the edition is the order file itself.
   */
  derivation?: string;
  /** number of codes in the order file, and how many flagged 1 (valid for reporting) */
  counts: { total: number; billable: number };
}

/** Status of a code in one edition: '-' absent, 'H' header (order flag 0), 'B' billable (order flag 1). */
export type StatusChar = '-' | 'H' | 'B';

export interface CmCodeRow {
  /** no dot, upper case */
  code: string;
  /** one StatusChar per edition, in CmData.editions order; length === editions.length */
  status: string;
  /** long title in the newest edition that has the code */
  title: string;
  /** short title (order file cols 17-76) in the newest edition that has the code */
  short: string;
  /**
   * Earlier long titles that differ from `title`: [firstEditionIndex, lastEditionIndex, longTitle].
   * Absent when the title never changed.
   */
  oldTitles?: Array<[number, number, string]>;
}

/**
 * Joins the entries of the cm artifact's string columns. Never in a code or title (the data build checks),
 * and needs no JSON escape, so the loader can read a column straight out of the gunzipped bytes.
 */
export const CM_SEPARATOR = '|';

/**
 * cm.json.gz as stored (format 2, docs/decisions/0002-columnar-cm-artifact.md): one string per column and
 * no per-code objects, so loading it builds a handful of strings instead of ~400,000 objects.
 * Row i is the i-th code in the order described under CmData.
 */
export interface CmArtifact {
  formatVersion: number;
  editions: EditionInfo[];
  /** number of codes (rows) */
  count: number;
  /** every code, no dot, upper case, joined by CM_SEPARATOR */
  codes: string;
  /** count × editions.length StatusChars: row i's status is status.slice(i * E, (i + 1) * E) */
  status: string;
  /** the long title of each row (newest edition that has the code), joined by CM_SEPARATOR */
  titles: string;
  /** the short title of each row joined by CM_SEPARATOR; an empty entry means "the same as the long title" */
  shorts: string;
  /** [row, firstEditionIndex, lastEditionIndex, longTitle]: earlier long titles that differ, by row */
  oldTitles: Array<[number, number, number, string]>;
}

/**
 * The ICD-10-CM codes of every edition in memory (server/src/core/codeset/cmtable.ts builds it from a
 * CmArtifact, or from rows for tests: cmDataFromRows). Read through methods; a row object is made only
 * when asked for (`row(i)`).
 *
 * Order of the rows: the tabular order of the newest edition that has the code (a code deleted earlier is
 * placed right after the code that preceded it in the last edition that had it). So the children of a
 * header follow it.
 */
export interface CmData {
  formatVersion: number;
  editions: EditionInfo[];
  /** number of codes */
  readonly size: number;
  /** the row of a code (no dot, upper case), or undefined */
  indexOf(code: string): number | undefined;
  code(i: number): string;
  /** the StatusChar of row i in edition ed as a char code: 66 'B', 72 'H', 45 '-' */
  statusCode(i: number, ed: number): number;
  /** the status string of row i (one StatusChar per edition) */
  status(i: number): string;
  /** long title in the newest edition that has the code */
  title(i: number): string;
  short(i: number): string;
  /**
   * For bulk scans (the search index): the column of long titles and the offset of each, so that title i is
   * text.slice(start[i], start[i + 1] - 1), without a string per title. Read-only.
   */
  titlesColumn(): { text: string; start: Uint32Array };
  oldTitles(i: number): Array<[number, number, string]> | undefined;
  /** row i as an object (made on each call) */
  row(i: number): CmCodeRow;
  /**
   * Every row as an object, made on first use and kept: for tests and tools. The server never reads it
   * (it would cost the ~400,000 objects the columnar layout avoids).
   */
  readonly codes: readonly CmCodeRow[];
}

/** One instructional note list. Text is plain (nested markup flattened). */
export interface CodeNotes {
  inclusionTerm?: string[];
  includes?: string[];
  excludes1?: string[];
  excludes2?: string[];
  codeFirst?: string[];
  useAdditionalCode?: string[];
  codeAlso?: string[];
  notes?: string[];
  sevenChrNote?: string[];
  /** 7th-character definitions: character and meaning, in the Tabular's order */
  sevenChrDef?: Array<{ char: string; meaning: string }>;
}

export interface TabularChapter {
  /** chapter number 1..22 */
  num: number;
  desc: string;
  /** first and last category of the chapter's range, no dots ("A00", "B99") */
  first: string;
  last: string;
  notes?: CodeNotes;
}

export interface TabularSection {
  /** the section id as in the XML, e.g. "I30-I5A" */
  id: string;
  desc: string;
  first: string;
  last: string;
  chapter: number;
  notes?: CodeNotes;
  /**
   * The categories (3-character codes, no dot) this section holds in the Tabular, in its order. Use
   * this, not first..last string comparison, to find a category's section: "C4A" sits in C43-C44, and
   * grouping sections such as "C00-C96" hold none. (Added by the data build, additive.)
   */
  categories?: string[];
}

/**
 * A change to a FY2021 Tabular note that takes effect on a later date (format 4; docs/tabular-note-changes.tsv,
 * read by the data build, which checks that a deleted note's text is the FY2021 note's text exactly).
 */
export interface NoteChange {
  /** the node: undotted code ("Z794") or section id ("A50-A64") */
  node: string;
  kind: 'excludes1' | 'excludes2' | 'codeFirst' | 'useAdditionalCode' | 'codeAlso';
  action: 'delete';
  /** first date of service the change applies to */
  effective: string;
  /** the note's text as in the FY2021 Tabular */
  text: string;
  /** where the change comes from: addendum file and page, or guideline section */
  source: string;
}

/** A code's node in the Tabular: its title there (`desc`) and its notes. */
export type TabularNode = CodeNotes & { desc: string };

export interface TabularData {
  formatVersion: number;
  /** the Tabular year used, 2021 */
  year: number;
  chapters: TabularChapter[];
  sections: TabularSection[];
  /**
   * notes per category/subcategory/code present in the Tabular (no dot keys); desc is the Tabular title.
   * For the loaded artifact (format 3, core/codeset/tabtable.ts) this is made on first use and kept: for tests
   * and tools. Core code reads nodes through `node` when present (core/codeset/tabtable.ts tabNode).
   */
  readonly codes: Record<string, TabularNode>;
  /** note changes after the Tabular's year, by effective date (format 4; absent: none known) */
  noteChanges?: NoteChange[];
  /** the node of a key (no dot), made on demand; absent on plain objects (fixtures). Additive (format 3). */
  node?(key: string): TabularNode | undefined;
  /** the notes of a key's node without its desc (undefined: no node). Additive (format 3). */
  nodeNotes?(key: string): CodeNotes | undefined;
  /** every key with inclusion terms and its terms, in Tabular order. Additive (format 3). */
  inclusionTerms?(): Iterable<[string, string[]]>;
}

/**
 * tabular.json.gz as stored (format 3, docs/decisions/0003-columnar-tabular-artifact.md): chapters and sections
 * as objects (a few hundred), the 45,000 code nodes as three string columns joined by CM_SEPARATOR, so that
 * loading it builds a handful of strings instead of ~120,000 objects and arrays.
 */
export interface TabularArtifact {
  formatVersion: number;
  year: number;
  chapters: TabularChapter[];
  sections: TabularSection[];
  /** note changes after the Tabular's year (format 4) */
  noteChanges?: NoteChange[];
  /** number of code nodes */
  count: number;
  /** the node keys (no dot, upper case), Tabular order, joined by CM_SEPARATOR */
  keys: string;
  /** each node's desc, joined by CM_SEPARATOR */
  descs: string;
  /**
   * each node's notes, joined by CM_SEPARATOR; one node's notes are items joined by TABULAR_ITEM_SEPARATOR,
   * each a TABULAR_NOTE_KINDS letter and the text (for sevenChrDef: the letter, the 7th character, the meaning);
   * an empty entry means no notes
   */
  notes: string;
}

/** Joins the notes of one node in TabularArtifact.notes; never in the Tabular's text (the data build checks). */
export const TABULAR_ITEM_SEPARATOR = '^';

/** The letter of each note kind in TabularArtifact.notes, in the order a node's items are stored. */
export const TABULAR_NOTE_KINDS = {
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
} as const satisfies Record<keyof CodeNotes, string>;

export interface PcsEditionInfo {
  id: string; // "fy2024"
  label: string; // "ICD-10-PCS FY2024"
  from: string;
  to: string;
  fiscalYear: number;
  counts: { total: number; valid: number };
}

export interface PcsCodeRow {
  code: string;
  /** one StatusChar per PcsData.editions entry */
  status: string;
  title: string;
}

export interface PcsData {
  formatVersion: number;
  editions: PcsEditionInfo[];
  /** only the 7-character codes and the 3-character table headers of the order files */
  codes: PcsCodeRow[];
  /**
   * Section and body-system labels of the newest PCS Tables XML (characters 1-2 of a code), for the
   * procedure/sex claim edit. Optional: absent when the Tables XML is not there (the edit then stays silent).
   */
  bodySystems?: PcsBodySystems;
}

/** `PcsData.bodySystems`: "0U" -> { section: "Medical and Surgical", bodySystem: "Female Reproductive System" }. */
export interface PcsBodySystems {
  /** the PCS Tables year read, e.g. 2026 */
  year: number;
  /** the source file, relative to ../shared/icd10 */
  source: string;
  labels: Record<string, { section: string; bodySystem: string }>;
}

/** A row of an NCHS conversion table: `code` (current) came from `previous` codes. */
export interface ConversionRow {
  code: string;
  previous: string[];
  /** fiscal year the current code became effective */
  effectiveFiscalYear: number;
  /** which table said so, e.g. "NCHS conversion table FY2026" */
  source: string;
  /**
   * The table's own words when its "Previous Code(s) Assignment" cell is more than a list of codes,
   * e.g. a range "H02.101-H02.106" or "K31.89 and a code from R11-" (`previous` then holds only the
   * codes written out). Additive.
   */
  previousText?: string;
}

export interface HccModel {
  /** "CMS-HCC V28" */
  version: string;
  /** code (no dot) -> HCC numbers */
  map: Record<string, number[]>;
  /** HCC number -> label */
  labels: Record<string, string>;
  /** HCC number -> HCCs it drops (hierarchy) */
  hierarchy: Record<string, number[]>;
}

export interface ExtrasData {
  formatVersion: number;
  /** POA-exempt code lists by fiscal year label ("FY2025", "FY2026"); codes without dots */
  poaExempt: Record<string, string[]>;
  msdrg: {
    /** "MS-DRG v40 (FY2023)" */
    version: string;
    cc: string[];
    mcc: string[];
    /** Appendix H part 2: MCC only if the patient was discharged alive */
    mccIfDischargedAlive: string[];
  };
  hcc: { v28: HccModel; v24: HccModel };
  conversion: ConversionRow[];
  /**
   * The Official Guidelines PDFs of cm/guidelines/ (format 4): label ("ICD-10-CM Official Guidelines FY2025,
   * April 1, 2025"), first date of service, file name; oldest first. Rules cite the one in force.
   */
  guidelines?: Array<{ label: string; from: string; file: string }>;
}

/** What the data build wrote, for staleness checks and provenance. */
export interface DataManifest {
  formatVersion: number;
  builtAt: string;
  source: string;
  /** sha256 of each source file read, by path relative to the source folder */
  sources: Record<string, string>;
  /** artifact file name -> byte size */
  artifacts: Record<string, number>;
}

/**
 * One entry of the ICD-10-CM Alphabetic Index (dist/data/index.json.gz; main terms at the top level,
 * subterms nested in `s`). Codes are printed as in the Index: dotted, a trailing "-" meaning incomplete.
 */
export interface IndexTerm {
  /** title without the nonessential modifiers ("Failure, failed", "heart", "and") */
  t: string;
  /** nonessential modifiers as printed ("(acute) (senile) (sudden)"; "(on) chronic (congestive)") */
  m?: string;
  /** code ("I50.23", "O29.12-"); rare terms with two codes join them with "|" */
  c?: string;
  /** manifestation code, printed in brackets in the Index ("I43") */
  mf?: string;
  /** "see" reference ("Failure, heart, congestive") */
  see?: string;
  /** "see also" reference */
  also?: string;
  /** "see category" / "subcategory" reference ("M01", "H93.3") */
  cat?: string;
  /** subterms, indented one level deeper */
  s?: IndexTerm[];
  /**
   * Table of Neoplasms only: the six code columns (malignant primary, malignant secondary, ca in situ,
   * benign, uncertain behavior, unspecified behavior); "-" where the table has no code. Additive.
   */
  cells?: string[];
}

export interface IndexData {
  formatVersion: number;
  /** the Index year (2017: the only Index XML in the official folder); its codes must be checked per edition */
  year: number;
  /** the XML member read, for provenance */
  source: string;
  terms: IndexTerm[];
  /** the Table of Neoplasms (its "Neoplasm, neoplastic" main term with `cells` on every site). Additive. */
  neoplasm?: IndexTerm;
  neoplasmSource?: string;
}
