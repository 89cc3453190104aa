/**
 * The CONTRACT of the code-set core: what the annotation checks, the language server, the CLI and the
 * note reader call. Implemented by `createCodeSet` in ./codeset.ts over the plain data of ../data.ts.
 * Codes passed in may be raw ("i50.23", " I5023 "); implementations normalise them.
 * Edition arguments are indexes into `editions` (see editionFor).
 */
import type { CmCodeRow, EditionInfo, PcsEditionInfo } from '../data';
import type { PcsExplanation, PcsNext } from './pcsTables';
import type { Classification, CodeRef, EditionResult, SeventhCharChoice, Suggestion } from '../types';
import type { ClaimAttributes, PcsSexAttribute } from './claims';
import type { NotesResult } from './notes';
import type { ValidityPeriod } from './validity';

export type { ClaimAttributes, PcsSexAttribute } from './claims';
export type { ValidityPeriod } from './validity';

export interface HierarchyInfo {
  chapter?: { num: number; desc: string; range: string };
  block?: { id: string; desc: string };
  /** dotted ancestors from category down to the parent, each with its title */
  ancestors: CodeRef[];
  /** direct children in the given edition */
  children: CodeRef[];
}

export interface UnspecifiedInfo {
  unspecified: boolean;
  /** why it counts as unspecified, e.g. 'title says "unspecified"' */
  reason?: string;
  /** more specific billable siblings (same parent), tabular order */
  specificSiblings: CodeRef[];
}

/** A node of the code-set browser (browse.ts): ids `cm`, `ch:9`, `blk:I30-I5A`, `cm:I50.2`, `pcs:0DT` … */
export interface BrowseNode {
  id: string;
  label: string;
  description?: string;
  kind: 'root' | 'chapter' | 'block' | 'header' | 'billable' | 'pcs-axis' | 'pcs-table' | 'pcs-code';
  /** the code to insert or copy (codes only) */
  code?: string;
  leaf: boolean;
}

export interface SearchHit extends CodeRef {
  /** what matched: 'code-prefix' | 'title' | 'inclusion-term' | 'index' (Alphabetic Index, notes/indexSearch.ts) */
  matched: 'code-prefix' | 'title' | 'inclusion-term' | 'index';
  /** the matched inclusion term when matched === 'inclusion-term' */
  term?: string;
  /** matched === 'index': the Index path, "Index: Failure, heart, congestive → I50.9" (and the edition check) */
  path?: string;
  /** what the edition check changed or what to know ("I50.2- is a header in …", "manifestation code: …") */
  note?: string;
  score: number;
}

export interface PcsClassification {
  kind: 'valid' | 'header' | 'invalid' | 'deleted' | 'not-yet-valid';
  code: string;
  title?: string;
  /** PCS edition used (PCS editions are fiscal-year based: FY2024–FY2026) */
  edition?: { index: number; label: string };
  message?: string;
  suggestions: Suggestion[];
}

export interface CodeSet {
  readonly editions: readonly EditionInfo[];
  readonly pcsEditions: readonly PcsEditionInfo[];
  /** "FY2021" — the Tabular year the notes come from */
  readonly tabularYear: number | undefined;

  /** "I50.23" from "i5023"; null when the text cannot be a code at all */
  normalize(raw: string): string | null;
  /** dotted display form of a normalised code ("I5023" -> "I50.23") */
  display(code: string): string;
  editionFor(date: string): EditionResult;
  /**
   * The edition used for a date of service: the one in force, else the nearest (editionFor says why);
   * the newest without a date. Every caller that needs only the index uses this.
   */
  editionIndexFor(date: string | undefined): number;
  /** the row for a code (any edition), or undefined */
  row(code: string): CmCodeRow | undefined;
  /** title in force for that edition (falls back to the newest title) */
  title(code: string, edition?: number): string | undefined;
  classify(code: string, edition: number): Classification;
  /** ranked did-you-mean suggestions for a code that is not valid in this edition */
  suggest(code: string, edition: number, limit?: number): Suggestion[];
  /** 7th-character choices for a stem (from sevenChrDef of the code or its ancestors) */
  seventhCharacters(code: string, edition: number): SeventhCharChoice[];
  unspecified(code: string, edition: number): UnspecifiedInfo;
  hierarchy(code: string, edition: number): HierarchyInfo;
  /** Tabular notes of the code and those inherited from its ancestors, each tagged with its source */
  /**
   * With an edition: the notes in force then (FY2021 notes that later changes deleted are left out) and
   * `provenance`, which Tabular they come from. Without: the FY2021 Tabular's notes as they are.
   */
  notes(code: string, edition?: number): NotesResult;
  /**
   * Dotted codes or ranges referenced by a note text, e.g. "(I50.-)" -> ["I50"], "(A00-A09)" -> ["A00-A09"].
   * Used for Excludes1 conflicts and Code first checks.
   */
  codesInNote(text: string): string[];
  /** true when `code` falls under a reference returned by codesInNote (a prefix or a range of categories) */
  matchesRef(code: string, ref: string): boolean;
  search(query: string, edition: number, limit?: number): SearchHit[];

  classifyPcs(code: string, date: string | undefined): PcsClassification;
  /** each character's axis and meaning from the ICD-10-PCS Tables of the date's fiscal year (pcsTables.ts) */
  explainPcs(code: string, date: string | undefined): PcsExplanation;
  /** the characters allowed after a PCS prefix, with their meanings */
  nextPcs(prefix: string, date: string | undefined): PcsNext;
  /** the code browser: children of a node (undefined: the roots) for an edition; PCS nodes by the date */
  browse(node: string | undefined, edition: number, date: string | undefined): BrowseNode[];
  /** the node ids from a root down to a code (ICD-10-CM, or PCS when pcs) */
  browsePath(code: string, edition: number, pcs: boolean): string[];

  /** POA-exempt in the fiscal year of that edition (nearest available list, labelled) */
  poaExempt(code: string, edition: number): { exempt: boolean; list?: string };
  /** MS-DRG CC/MCC label with version, e.g. { level: 'MCC', version: 'MS-DRG v40 (FY2023)' } */
  ccMcc(code: string): { level: 'CC' | 'MCC' | 'MCC (if discharged alive)'; version: string } | undefined;
  /**
   * The MS-DRG version of the CC/MCC labels, its fiscal year's dates and, for an edition after that year,
   * a caution that the label may be out of date.
   */
  msdrg(edition?: number): { version: string; from?: string; to?: string; caution?: string };
  /** the Official Guidelines in force on the edition's first day (label and file), or why none is available */
  guidelines(edition: number): { label: string; file?: string; available: boolean };
  /** every period the code was valid (billable or header), with true dates (mid-year editions included) */
  validity(code: string): ValidityPeriod[];
  hcc(code: string): Array<{ model: string; hcc: number; label: string }>;
  /**
   * Claim-edit attributes (sex, age range, manifestation, not acceptable as principal), derived from the Tabular's
   * chapter/block titles and notes and the edition's titles (./claims.ts; docs/rules.md "Claim edits").
   */
  claimAttributes(code: string, edition: number): ClaimAttributes;
  /** the sex a PCS code's section/body system is for (0U female, 0V male …), when the PCS Tables labels are loaded */
  pcsSex(code: string): PcsSexAttribute | undefined;
  /** replacements for a code deleted after an edition (conversion tables, then addenda/header children) */
  replacements(code: string, edition: number): Suggestion[];
}
