/** The state the annotation rules share for one file: the edition, each line's classification, the reporter. */
import type { CodeSet } from '../../codeset/api';
import type { Classification, CodeRef, Severity } from '../../types';
import type { AnnotationFile, CodeLine, Finding } from '../types';
import { codability, type NoteAnalysis } from '../../notes/reader';
import { findEvidenceAll } from '../../notes/rules';
import { ruleInfo } from './registry';

/** The note a `.codes` file codes (its `note:` header), read by the note reader. */
export interface LinkedNote {
  /** its file name, for messages and labels */
  name: string;
  text: string;
  analysis: NoteAnalysis;
}

export interface DxEntry {
  line: CodeLine;
  /** dotted display form ("I50.23"), or the raw text when it cannot be a code */
  dotted: string;
  cls: Classification;
  /** title in force for the edition, when known */
  title?: string;
  /** the code exists in this edition (billable, header or a stem needing a 7th character) */
  known: boolean;
  /** billable and not a repeat of an earlier line: the entries the clinical rules look at */
  primary: boolean;
}

export interface RuleContext {
  file: AnnotationFile;
  codeSet: CodeSet;
  /** index into codeSet.editions */
  edition: number;
  /** "ICD-10-CM FY2026" */
  editionLabel: string;
  /** the date of service used, if any */
  date?: string;
  dx: DxEntry[];
  px: CodeLine[];
  /** the linked note, when the caller read it (ranks quick-fix candidates) */
  note?: LinkedNote;
  /** `line` is the code line the finding belongs to, for `# coding-review: ignore` */
  report(line: CodeLine | undefined, finding: Omit<Finding, 'severity'> & { severity?: Severity }): void;
}

/** Most pairwise rules look at no more than this many diagnosis lines (a real encounter has far fewer). */
export const PAIRWISE_LIMIT = 300;

export function defaultSeverity(rule: string): Severity {
  return ruleInfo(rule)?.severity ?? 'warning';
}

/** "CMS ICD-10-CM order file FY2026" from "ICD-10-CM FY2026". */
export function orderFileSource(editionLabel: string): string {
  return `CMS ${editionLabel.replace(/^ICD-10-CM /, 'ICD-10-CM order file ')}`;
}

/**
 * The order-file source of the edition in force; a derived mid-year edition (FY2021 before 2021-01-01 …)
 * says it is derived and from what.
 */
export function editionSource(ctx: Pick<RuleContext, 'codeSet' | 'edition' | 'editionLabel'>): string {
  const e = ctx.codeSet.editions[ctx.edition];
  if (!e?.derivation) return orderFileSource(ctx.editionLabel);
  return (
    `${e.label} (${e.from} to ${e.to}), a mid-year edition derived from the CMS order file ${e.sourceFile}, ` +
    'its order-file addenda and the NCHS conversion tables'
  );
}

/**
 * "ICD-10-CM Official Guidelines FY2026 (October 1, 2025) I.A.12.a": the guidelines in force on the edition's
 * first day; before FY2024 (no earlier guidelines in the official files here) the section as numbered in
 * FY2024-FY2026, said so.
 */
export function guidelineSource(ctx: Pick<RuleContext, 'codeSet' | 'edition'>, section: string): string {
  const g = ctx.codeSet.guidelines(ctx.edition);
  return g.available
    ? `${g.label} ${section}`
    : `ICD-10-CM Official Guidelines ${section} (as numbered in FY2024-FY2026; ${g.label})`;
}

/** "I50.23 (Acute on chronic systolic (congestive) heart failure)" */
export function described(code: string, title: string | undefined): string {
  return title ? `${code} (${title})` : code;
}

/** A short list for a message: "A (t), B (t) and 3 more". */
export function listRefs(refs: readonly CodeRef[], max = 3): string {
  const shown = refs.slice(0, max).map((r) => described(r.code, r.title));
  const more = refs.length - shown.length;
  if (shown.length === 0) return '';
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0];
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

const STOP = new Set(['of', 'and', 'the', 'with', 'without', 'to', 'in', 'for', 'or', 'a', 'an', 'on', 'due', 'by']);

function words(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

/**
 * How many of the evidence phrase's distinguishing words (those not in `against`, e.g. the code's own title) a
 * title has: whole words, or prefixes of 4+ letters ("Candidate order", step 2).
 */
export function evidenceWordsIn(evidence: string | undefined, against: string, title: string): number {
  if (!evidence) return 0;
  const common = new Set(words(against));
  const ev = [...new Set(words(evidence))].filter((w) => !common.has(w));
  const tw = words(title);
  return ev.filter((e) => tw.some((w) => w === e || (e.length >= 4 && w.startsWith(e)))).length;
}

/** A candidate code of a quick fix (FixData replace-code). */
export interface Candidate {
  code: string;
  title: string;
  label?: string;
}

export interface RankOptions {
  /**
   * The header the candidates descend from (normalised, no dot), for non-billable-code: without other signals
   * the defaults a coder picks when nothing more is documented come first (see rankCandidates).
   */
  under?: string;
  /** rank by the words of the line's evidence phrase that are not in this title (the header's or the code's own) */
  evidenceAgainst?: string;
}

/** "without complications", "unspecified", "NOS": the words of a default (residual) code's title. */
const DEFAULT_TITLE = /\bunspecified\b|\bwithout (?:complications?|mention)\b|\bNOS\b/i;
const compactCode = (c: string) => c.replace('.', '').toUpperCase();

/**
 * How likely a billable code under a header is when nothing more is documented (lower first): a direct child
 * ending in 9 whose title says "unspecified"/"without complications"/"NOS" (E11.9), other direct children with
 * such a title (E11.8), the other direct children, then deeper codes by depth.
 */
function defaultRank(under: string, code: string, title: string): number {
  const depth = compactCode(code).length - under.length;
  if (depth > 1) return 2 + depth;
  const dflt = DEFAULT_TITLE.test(title);
  return dflt && code.endsWith('9') ? 0 : dflt ? 1 : 2;
}

/** A header's billable codes, the defaults first (as the non-billable-code quick fixes without a note). Stable. */
export function defaultsFirst<T extends { code: string; title: string }>(header: string, codes: readonly T[]): T[] {
  const under = compactCode(header);
  return codes
    .map((c, i) => ({ c, i, r: defaultRank(under, c.code, c.title) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.c);
}

/** Per line: the candidate codes the linked note documents (affirmed mentions), best first. */
function documentedByNote(
  ctx: RuleContext,
  line: CodeLine,
): Map<string, { tier: number; pos: number; text: string }> | undefined {
  const note = ctx.note;
  if (!note) return undefined;
  const spans = line.evidence ? findEvidenceAll(note.text, line.evidence.text) : [];
  const out = new Map<string, { tier: number; pos: number; text: string }>();
  for (const m of note.analysis.mentions) {
    if (!codability(m, ctx.file.setting).codable) continue;
    const tier = spans.some((e) => m.span.start < e.end && e.start < m.span.end) ? 0 : 1;
    // the reader's best reading of the mention (its top candidate); the others are alternatives, not documentation
    const top = m.candidates[0];
    if (!top) continue;
    // the mention's words with those linked beneath it ("… with diabetic" + "chronic kidney disease")
    const end = Math.max(m.span.end, ...m.linked.map((l) => l.end));
    const text = (end - m.span.start <= 120 ? note.text.slice(m.span.start, end) : m.text).replace(/\s+/g, ' ');
    const k = compactCode(top.code);
    const best = out.get(k);
    if (!best || tier < best.tier) out.set(k, { tier, pos: top.billable ? 0 : 1, text });
  }
  return out;
}

/** The note's documentation of a candidate: its code is a mention's top candidate, or under a top header. */
function documentedAs(
  doc: Map<string, { tier: number; pos: number; text: string }> | undefined,
  code: string,
): { tier: number; pos: number; text: string } | undefined {
  if (!doc) return undefined;
  const k = compactCode(code);
  let hit = doc.get(k);
  for (let n = k.length - 1; n >= 3; n--) {
    const h = doc.get(k.slice(0, n));
    if (h && h.pos === 1 && (!hit || h.tier < hit.tier)) hit = h;
  }
  return hit;
}

/**
 * Orders quick-fix candidates "most likely first" (docs/rules.md, "Candidate order"). Stable; in order of:
 * 1. codes the linked note documents (the top candidate of a mention the setting lets us code: affirmed, or
 *    uncertain for inpatients; or a billable code under a top candidate that is a header): a mention inside the
 *    line's evidence first, then anywhere in the note, exact codes before codes under a header; the label quotes
 *    the note's words;
 * 2. with `evidenceAgainst`: codes whose title has more of the evidence phrase's distinguishing words (those not
 *    already in the header's or the code's own title);
 * 3. with `under` (a header): the default a coder picks when nothing more is documented: a direct child ending
 *    in 9 whose title says "unspecified"/"without complications"/"NOS" (E11.9, N17.9, J18.9), then other direct
 *    children with such a title (E11.8), then the other direct children, then deeper codes by depth;
 * 4. the given (tabular) order.
 */
export function rankCandidates<T extends Candidate>(
  ctx: RuleContext,
  line: CodeLine,
  candidates: readonly T[],
  opts: RankOptions = {},
): T[] {
  const doc = documentedByNote(ctx, line);
  let ev: string[] = [];
  if (opts.evidenceAgainst !== undefined && line.evidence) {
    const common = new Set(words(opts.evidenceAgainst));
    ev = [...new Set(words(line.evidence.text))].filter((w) => !common.has(w));
  }
  const evScore = (title: string): number => {
    if (!ev.length) return 0;
    const tw = words(title);
    return ev.filter((e) => tw.some((w) => w === e || (e.length >= 4 && w.startsWith(e)))).length;
  };
  const under = opts.under;
  const defaultTier = (code: string, title: string): number =>
    under === undefined ? 0 : defaultRank(under, code, title);
  return candidates
    .map((c, i) => {
      const d = documentedAs(doc, c.code);
      const item: T = d
        ? { ...c, label: `${c.label ? `${c.label}; ` : ''}documented in ${ctx.note!.name}: "${d.text}"` }
        : c;
      return { c: item, key: [d ? d.tier : 2, d ? d.pos : 0, -evScore(c.title), defaultTier(c.code, c.title), i] };
    })
    .sort((a, b) => {
      for (let k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    })
    .map((x) => x.c);
}
