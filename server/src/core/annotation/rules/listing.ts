/** Rules about how codes are listed: duplicate-code, external-cause-principal (unspecified-code: ./unspecified.ts). */
import { described, guidelineSource, type RuleContext } from './context';

export function checkListing(ctx: RuleContext): void {
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
