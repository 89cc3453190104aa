/** Rules about how codes are listed: unspecified-code, duplicate-code, external-cause-principal. */
import { described, editionSource, guidelineSource, rankCandidates, type RuleContext } from './context';

export function checkListing(ctx: RuleContext): void {
  const { codeSet, edition } = ctx;

  // unspecified-code: information, with the more specific siblings the documentation could support.
  for (const e of ctx.dx) {
    if (!e.primary) continue;
    const u = codeSet.unspecified(e.line.code, edition);
    if (!u.unspecified) continue;
    const siblings = rankCandidates(
      ctx,
      e.line,
      u.specificSiblings.map((s) => ({ code: s.code, title: s.title })),
      { evidenceAgainst: e.title ?? '' },
    ).slice(0, 25);
    ctx.report(e.line, {
      rule: 'unspecified-code',
      span: e.line.codeSpan,
      code: e.dotted,
      source: `${editionSource(ctx)} (title); ${guidelineSource(ctx, 'I.B.18')}`,
      message:
        `${described(e.dotted, e.title)} is an unspecified code${u.reason ? ` (${u.reason})` : ''}. ` +
        (siblings.length
          ? `If the documentation supports more detail, a more specific code is better: ${siblings
              .slice(0, 4)
              .map((s) => `${s.code} (${s.title})`)
              .join('; ')}${siblings.length > 4 ? ` and ${siblings.length - 4} more` : ''}.`
          : 'If the documentation supports more detail, query the provider or choose a more specific code.'),
      data: { fix: 'replace-code', candidates: siblings },
    });
  }

  // duplicate-code: a diagnosis code listed again (compared after normalisation).
  const firstLine = new Map<string, number>();
  for (const e of ctx.dx) {
    const key = e.line.code;
    const seen = firstLine.get(key);
    if (seen === undefined) {
      firstLine.set(key, e.line.line);
      continue;
    }
    ctx.report(e.line, {
      rule: 'duplicate-code',
      span: e.line.codeSpan,
      code: e.dotted,
      source: guidelineSource(ctx, 'I.B.12'),
      message: `${described(e.dotted, e.title)} is already listed on line ${seen + 1}; each diagnosis code is reported once per encounter. Remove this line.`,
      data: { fix: 'remove-line', line: e.line.line },
    });
  }

  // external-cause-principal: V00-Y99 can never be the principal or first-listed diagnosis.
  const principal = ctx.dx.find((e) => e.line.dxIndex === 0);
  if (principal && /^[VWXY]\d/.test(principal.line.code)) {
    const next = ctx.dx.find((e) => e.line.dxIndex > 0 && !/^[VWXY]\d/.test(e.line.code));
    ctx.report(principal.line, {
      rule: 'external-cause-principal',
      span: principal.line.codeSpan,
      code: principal.dotted,
      source: guidelineSource(ctx, 'I.C.20'),
      message:
        `${described(principal.dotted, principal.title)} is an external cause code listed first; an external cause code is never the principal or first-listed diagnosis. ` +
        (next
          ? `List the injury or condition first (e.g. ${described(next.dotted, next.title)}).`
          : 'List the injury or condition it explains first.'),
      data: next ? { fix: 'move-after', line: principal.line.line, afterLine: next.line.line } : { fix: 'none' },
    });
  }
}
