/** The state the annotation rules share for one file: the edition, each line's classification, the reporter. */
import type { CodeSet } from '../../codeset/api';
import type { Classification, CodeRef, Severity } from '../../types';
import type { AnnotationFile, CodeLine, Finding } from '../types';
import { ruleInfo } from './registry';

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
 * Orders candidates "most likely first": by how many words of the evidence phrase (if any) each title shares,
 * then in their given (tabular) order. Stable.
 */
export function rankByEvidence<T extends { title: string }>(
  candidates: readonly T[],
  evidence: string | undefined,
): T[] {
  if (!evidence) return [...candidates];
  const ev = new Set(words(evidence));
  if (ev.size === 0) return [...candidates];
  const score = (t: string): number => {
    let n = 0;
    for (const w of words(t)) if (ev.has(w) || [...ev].some((e) => e.length >= 4 && w.startsWith(e))) n++;
    return n;
  };
  return candidates
    .map((c, i) => ({ c, i, s: score(c.title) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.c);
}
