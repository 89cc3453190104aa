/**
 * unspecified-code (docs/rules.md): an "unspecified" code for which the code set has a more specific code of the
 * same condition and, when the linked note is read, the note documents something more. The message is short; the
 * more specific codes are in the quick fixes and the code's hover (specificAlternatives).
 */
import type { CodeSet } from '../../codeset/api';
import { titleSaysUnspecified } from '../../codeset/hierarchy';
import type { CodeRef } from '../../types';
import { codability } from '../../evidence/codability';
import { moreSpecificDocumented } from '../../evidence/support';
import {
  editionSource,
  evidenceWordsIn,
  guidelineSource,
  rankCandidates,
  type Candidate,
  type RuleContext,
} from './rule-context';

/** Messages stay short: the detail is in the hover and the quick fixes. */
export const MAX_MESSAGE = 200;

/**
 * The unspecified code's siblings that are more specific forms of the same condition. Not counted: manifestation
 * codes ("… classified elsewhere") and codes with their own mandatory "Code first" note (R50.81 "Fever presenting
 * with conditions classified elsewhere" for R50.9): they code another condition's consequence, not more detail.
 */
export function specificAlternatives(cs: CodeSet, code: string, edition: number): CodeRef[] {
  const u = cs.unspecified(code, edition);
  if (!u.unspecified) return [];
  return u.specificSiblings.filter((s) => {
    if (/\bclassified elsewhere\b/i.test(s.title)) return false;
    const key = s.code.replace('.', '');
    return !cs
      .notes(key)
      .notes.some((n) => n.kind === 'codeFirst' && n.from.replace('.', '') === key && !/if applicable/i.test(n.text));
  });
}

/** "title" cut so that the whole message stays within MAX_MESSAGE characters. */
function fit(prefix: string, title: string | undefined, rest: string): string {
  const room = MAX_MESSAGE - prefix.length - rest.length - 3;
  const t = !title ? '' : title.length <= room ? ` (${title})` : ` (${title.slice(0, Math.max(0, room - 1))}…)`;
  return `${prefix}${t}${rest}`;
}

export function checkUnspecified(ctx: RuleContext): void {
  const { codeSet, edition, note } = ctx;
  const file = ctx.file;
  for (const e of ctx.dx) {
    if (!e.primary) continue;
    const alternatives = specificAlternatives(codeSet, e.line.code, edition);
    // nothing more specific exists for this condition (W19.XXXA "Unspecified fall"): nothing to act on
    if (!alternatives.length) continue;
    const ranked = rankCandidates(
      ctx,
      e.line,
      alternatives.map((s): Candidate => ({ code: s.code, title: s.title })),
      { evidenceAgainst: e.title ?? '' },
    ).slice(0, 25);
    if (note) {
      // the note is read: more-specific-code-documented speaks when it documents a specific code; otherwise only
      // a sibling the note or the evidence's own words point to is worth a finding
      const msOn =
        !file.disabled.includes('more-specific-code-documented') &&
        !e.line.ignored.includes('more-specific-code-documented');
      if (msOn && moreSpecificDocumented(e.line, note, file.setting, codeSet)) continue;
      const alt = new Set(alternatives.map((a) => a.code.replace('.', '')));
      const documented = note.analysis.mentions.some((m) => {
        const top = m.candidates[0];
        return !!top && alt.has(top.code.replace('.', '')) && codability(m, file.setting).codable;
      });
      const pointed =
        documented || ranked.some((c) => evidenceWordsIn(e.line.evidence?.text, e.title ?? '', c.title) > 0);
      if (!pointed) continue;
    }
    const n = alternatives.length;
    const example = ranked.find((c) => !titleSaysUnspecified(c.title)) ?? ranked[0];
    const message = fit(
      `${e.dotted}`,
      e.title,
      ` is unspecified: ${n} more specific code${n === 1 ? '' : 's'} (e.g. ${example.code}) if the documentation supports one. See the hover or quick fixes.`,
    );
    ctx.report(e.line, {
      rule: 'unspecified-code',
      span: e.line.codeSpan,
      code: e.dotted,
      source: `${editionSource(ctx)} (title); ${guidelineSource(ctx, 'I.B.18')}`,
      message,
      data: { fix: 'replace-code', candidates: ranked },
    });
  }
}
