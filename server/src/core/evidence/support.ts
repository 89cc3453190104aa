/**
 * What in a read note supports a `.codes` line, and whether it documents a more specific code: the tests the
 * evidence rules (core/notes/rules.ts) and unspecified-code (core/annotation/rules/unspecified.ts) share. Pure.
 */
import type { Span } from '../types';
import { codability, type Codability } from './codability';
import type { NoteMention, NoteMentions } from './mention';
import { findEvidenceAll } from './phrase';

/** What these tests read of a `.codes` line (a EvidenceLine of core/annotation/types.ts). */
export interface EvidenceLine {
  /** normalised: no dot, upper case */
  code: string;
  evidence?: { text: string };
}

export type Setting = 'inpatient' | 'outpatient' | undefined;

const compact = (code: string) => code.replace('.', '').toUpperCase();
const category = (code: string) => compact(code).slice(0, 3);

/**
 * Mentions that support a code: a candidate with the same code or category, a code of the same Index entry
 * (a combination code: I12.9 for "hypertension"), or a mention inside the evidence (any occurrence).
 */
export function supportFor(
  line: EvidenceLine,
  analysis: NoteMentions,
  evidence: Span | Span[] | undefined,
): NoteMention[] {
  const cat = line.code.slice(0, 3);
  const spans = evidence === undefined ? [] : Array.isArray(evidence) ? evidence : [evidence];
  return analysis.mentions.filter(
    (m) =>
      m.candidates.slice(0, 6).some((c) => compact(c.code) === line.code || category(c.code) === cat) ||
      (m.related?.includes(cat) ?? false) ||
      spans.some((e) => m.span.start < e.end && e.start < m.span.end),
  );
}

/** What these tests read of the code set: a code's title in an edition. */
export interface TitleSource {
  title(code: string, edition: number): string | undefined;
}

/**
 * History codes: family and personal history (Z80-Z87) and every code whose Tabular title says "history of"
 * ("Z91.81 History of falling", "Z92.3 Personal history of irradiation"): a family or historical mention is
 * what supports them.
 */
const isHistoryCode = (code: string, codeSet: TitleSource, ed: number) =>
  /^Z8[0-7]/.test(code) || (/^Z/.test(code) && /\bhistory of\b/i.test(codeSet.title(code, ed) ?? ''));

export type Verdict = { m: NoteMention; c: Codability };

/** Per supporting mention: may it be coded in this setting (a history code is supported by the history it names). */
export function verdictsFor(
  line: EvidenceLine,
  support: readonly NoteMention[],
  setting: Setting,
  codeSet: TitleSource,
  ed: number,
): Verdict[] {
  return support.map((m) => {
    const c = codability(m, setting);
    if (
      !c.codable &&
      isHistoryCode(line.code, codeSet, ed) &&
      m.context.every((h) => h.category === 'historical' || h.category === 'family')
    ) {
      return { m, c: { codable: true, reason: 'history code supported by a history mention' } };
    }
    return { m, c };
  });
}

/** The first codable mention whose top candidate is a billable, not unspecified code of the line's category. */
export function moreSpecificIn(
  line: EvidenceLine,
  verdicts: readonly Verdict[],
): { m: NoteMention; top: NoteMention['candidates'][number] } | undefined {
  for (const v of verdicts) {
    if (!v.c.codable) continue;
    const top = v.m.candidates.find(
      (c) => c.billable && category(c.code) === line.code.slice(0, 3) && compact(c.code) !== line.code,
    );
    if (!top || /unspecified/i.test(top.title) || v.m.candidates[0] !== top) continue;
    return { m: v.m, top };
  }
  return undefined;
}

/**
 * The code more-specific-code-documented offers for an unspecified line, or undefined: the same test as that rule,
 * so unspecified-code can stay silent where it fires (core/annotation/rules/unspecified.ts).
 */
export function moreSpecificDocumented(
  line: EvidenceLine,
  note: { text: string; analysis: NoteMentions },
  setting: Setting,
  codeSet: TitleSource,
): string | undefined {
  const found = line.evidence ? findEvidenceAll(note.text, line.evidence.text) : [];
  const support = supportFor(line, note.analysis, found);
  const verdicts = verdictsFor(line, support, setting, codeSet, note.analysis.edition.index);
  if (!verdicts.some((v) => v.c.codable)) return undefined;
  return moreSpecificIn(line, verdicts)?.top.code;
}
