/**
 * Sequencing of sepsis and of symptoms (docs/rules.md): sepsis-sequencing (I.C.1.d.4), sirs-sequencing
 * (R65.1x/R65.2x: I.C.1.d.1.b, I.C.18.g and the Tabular's "Code first") and integral-symptom (I.B.5).
 *
 * Families: a sepsis code is a chapter 1 code (A00-B99) whose title says "sepsis" (A41.9, A40.0, B37.7 …); a
 * localized infection is a code whose Tabular (the code, its category or its section) asks for the infectious
 * agent (B95-B97: N39.0, N10, L03.-, K65.-, N30.-), or a pneumonia (block J09-J18). Integral symptoms are a short,
 * documented table (INTEGRAL below): only pairs that are part of the disease's definition.
 */
import { described, guidelineSource, PAIRWISE_LIMIT, type DxEntry, type RuleContext } from './context';

const isSepsis = (e: DxEntry): boolean => /^[AB]\d/.test(e.line.code) && /\bsepsis\b/i.test(e.title ?? '');
/** the infectious-agent codes the Tabular asks to add to a localized infection */
const AGENT = 'B95';
const PNEUMONIA_BLOCK = 'J09-J18';

function isLocalizedInfection(ctx: RuleContext, e: DxEntry): boolean {
  if (isSepsis(e) || /^(B9[5-7]|R65)/.test(e.line.code)) return false;
  if (ctx.codeSet.hierarchy(e.line.code, ctx.edition).block?.id === PNEUMONIA_BLOCK) return true;
  return ctx.codeSet
    .notes(e.line.code)
    .notes.some(
      (n) =>
        n.kind === 'useAdditionalCode' &&
        !/^Chapter/i.test(n.from) &&
        /infectious agent|organism/i.test(n.text) &&
        ctx.codeSet.codesInNote(n.text).some((r) => ctx.codeSet.matchesRef(AGENT, r)),
    );
}

/**
 * Symptoms routinely part of a definitive diagnosis (Guidelines I.B.5), kept short on purpose: a wrong warning
 * costs more than a missed one. `with` holds code prefixes, or 'sepsis' for the sepsis family above.
 */
export const INTEGRAL: ReadonlyArray<{ symptom: string; with: readonly string[]; why: string }> = [
  { symptom: 'R509', with: ['sepsis', 'R652'], why: 'fever is part of the systemic response that defines sepsis' },
  { symptom: 'R300', with: ['N30', 'N390'], why: 'dysuria is a routine sign of cystitis and urinary tract infection' },
];

export function checkSequencing(ctx: RuleContext): void {
  const dx = ctx.dx.filter((e) => e.primary).slice(0, PAIRWISE_LIMIT);
  const first = dx.find((e) => e.line.dxIndex === 0);

  // sepsis-sequencing: a localized infection listed first while the sepsis was present on admission.
  const sepsis = dx.find(isSepsis);
  if (
    first &&
    sepsis &&
    sepsis !== first &&
    ctx.file.setting !== 'outpatient' &&
    sepsis.line.poa?.value === 'Y' &&
    isLocalizedInfection(ctx, first)
  ) {
    ctx.report(first.line, {
      rule: 'sepsis-sequencing',
      span: first.line.codeSpan,
      code: first.dotted,
      source: guidelineSource(ctx, 'I.C.1.d.4 (sepsis and a localized infection)'),
      message: `${described(first.dotted, first.title)} is listed first, but ${described(sepsis.dotted, sepsis.title)} was present on admission: sequence the systemic infection first and the localized infection after it.`,
      data: { fix: 'move-before', line: sepsis.line.line, beforeLine: first.line.line },
    });
  }

  // sirs-sequencing: R65.1x (SIRS of non-infectious origin) and R65.2x (severe sepsis) are never first and never alone.
  for (const r of dx) {
    const severe = r.line.code.startsWith('R652');
    if (!severe && !r.line.code.startsWith('R651')) continue;
    const underlying = dx.find(
      (e) => e !== r && !e.line.code.startsWith('R65') && (!severe || isSepsis(e) || isLocalizedInfection(ctx, e)),
    );
    const what = severe ? 'the underlying infection (e.g. the sepsis code)' : 'the underlying condition';
    const guide = severe ? 'I.C.1.d.1.b (severe sepsis)' : 'I.C.18.g (SIRS of non-infectious origin)';
    const source = `${guidelineSource(ctx, guide)}; Tabular List FY${ctx.codeSet.tabularYear ?? '?'}: Code first at ${severe ? 'R65.2' : 'R65.1'}`;
    if (!underlying) {
      ctx.report(r.line, {
        rule: 'sirs-sequencing',
        span: r.line.codeSpan,
        code: r.dotted,
        source,
        message: `${described(r.dotted, r.title)} is listed without ${what}: it is never coded alone. Add the underlying code and sequence it first.`,
        data: { fix: 'none' },
      });
    } else if (r.line.dxIndex === 0 && !codeFirstCovers(ctx, r, dx)) {
      ctx.report(r.line, {
        rule: 'sirs-sequencing',
        span: r.line.codeSpan,
        code: r.dotted,
        source,
        message: `${described(r.dotted, r.title)} is listed first; code first ${what}: ${described(underlying.dotted, underlying.title)}.`,
        data: { fix: 'move-after', line: r.line.line, afterLine: underlying.line.line },
      });
    }
  }

  // integral-symptom: a symptom that is part of a listed definitive diagnosis.
  for (const s of dx) {
    const row = INTEGRAL.find((i) => i.symptom === s.line.code);
    if (!row) continue;
    const d = dx.find(
      (e) => e !== s && row.with.some((w) => (w === 'sepsis' ? isSepsis(e) : e.line.code.startsWith(w))),
    );
    if (!d) continue;
    ctx.report(s.line, {
      rule: 'integral-symptom',
      span: s.line.codeSpan,
      code: s.dotted,
      source: guidelineSource(ctx, 'I.B.5 (signs and symptoms integral to a disease process)'),
      message: `${described(s.dotted, s.title)} is integral to ${described(d.dotted, d.title)} (${row.why}): do not code it separately. Remove this line.`,
      data: { fix: 'remove-line', line: s.line.line },
    });
  }
}

/** True when the code-first rule already reports this R65 code (a code its "Code first" note names is listed). */
function codeFirstCovers(ctx: RuleContext, r: DxEntry, dx: DxEntry[]): boolean {
  const refs = ctx.codeSet
    .notes(r.line.code)
    .notes.filter((n) => n.kind === 'codeFirst')
    .flatMap((n) => ctx.codeSet.codesInNote(n.text));
  return dx.some((e) => e !== r && refs.some((ref) => ctx.codeSet.matchesRef(e.line.code, ref)));
}
