/**
 * Claim edits in the style of the CMS Medicare Code Editor (MCE), from the `age:`, `sex:` and `setting:` headers and
 * the attributes core/codeset/claims.ts derives from the official code set: sex-conflict, age-conflict,
 * unacceptable-principal and procedure-sex-conflict (manifestation-principal is in ./tabular-notes.ts, next to
 * code-first; external-cause-principal in ./listing.ts). An absent or unknown (`U`) sex, or an absent age, makes no
 * edit fire: never guess. docs/rules.md "Claim edits" lists the MCE edit classes covered and not covered.
 */
import type { ClaimAttributes } from '../../codeset/api';
import { described, guidelineSource, type DxEntry, type RuleContext } from './context';

const SEX_WORD = { F: 'female', M: 'male' } as const;
const MCE = 'Medicare Code Editor';

function evidence(ev: { from: string; text: string }, code: string): string {
  return ev.from === code ? `its title "${ev.text}"` : `${ev.from} "${ev.text}"`;
}

function tabularWhere(from: string): string {
  return from.startsWith('Chapter') || from.startsWith('block')
    ? `Tabular List FY2021 (${from} title)`
    : `ICD-10-CM title of ${from}`;
}

export function checkClaimEdits(ctx: RuleContext): void {
  const { file } = ctx;
  const sex = file.sex === 'F' || file.sex === 'M' ? file.sex : undefined;
  const age = file.age;
  const attrs = new Map<string, ClaimAttributes>();
  const attrsOf = (e: DxEntry): ClaimAttributes => {
    let a = attrs.get(e.line.code);
    if (!a) attrs.set(e.line.code, (a = ctx.codeSet.claimAttributes(e.line.code, ctx.edition)));
    return a;
  };

  for (const e of ctx.dx) {
    if (!e.primary) continue; // invalid, header, incomplete or repeated lines have their own findings
    const a = attrsOf(e);
    if (sex && a.sex && a.sex.sex !== sex) {
      ctx.report(e.line, {
        rule: 'sex-conflict',
        span: e.line.codeSpan,
        code: e.dotted,
        source: `${tabularWhere(a.sex.from)}; ${ctx.editionLabel}; ${MCE}: sex conflict`,
        message:
          `${described(e.dotted, e.title)} is a ${SEX_WORD[a.sex.sex]}-only diagnosis (${evidence(a.sex, e.dotted)}), ` +
          `but the patient's sex is ${sex}. Check the sex on the record and the code; if both are right (e.g. a ` +
          'transgender patient), Medicare claims need condition code 45, and this line can be marked ' +
          '`# coding-review: ignore sex-conflict`.',
        data: { fix: 'none' },
      });
    }
    if (age !== undefined && a.age && (age < a.age.min || age > a.age.max)) {
      const range = a.age.min === a.age.max ? `age ${a.age.min}` : `ages ${a.age.min}–${a.age.max}`;
      const why =
        a.age.kind === 'newborn'
          ? 'A condition that originated in the perinatal period and is still present may be coded at any age (Official Guidelines I.C.16.a.4); otherwise use the code for the condition as it is now.'
          : a.age.kind === 'maternity'
            ? 'The maternity range is the edit range, not a clinical limit: check the age on the record and the code.'
            : "Check the age on the record and choose the code for the patient's age group.";
      ctx.report(e.line, {
        rule: 'age-conflict',
        span: e.line.codeSpan,
        code: e.dotted,
        source:
          a.age.kind === 'maternity'
            ? `${tabularWhere(a.age.from)}; maternity age range ${a.age.min}-${a.age.max} of the ${MCE} (docs/rules.md); ${MCE}: age conflict`
            : a.age.kind === 'newborn'
              ? `${tabularWhere(a.age.from)}; ${guidelineSource(ctx, 'I.C.16.a.4')}; ${MCE}: age conflict`
              : `Tabular List FY2021 note at ${a.age.from}: "${a.age.text}"; ${MCE}: age conflict`,
        message:
          `${described(e.dotted, e.title)} is ${a.age.label} (${a.age.kind === 'tabular-age' ? `the Tabular at ${a.age.from} says "${a.age.text}"` : evidence(a.age, e.dotted)}), ` +
          `for ${range}, but the patient's age is ${age}. ${why}`,
        data: { fix: 'none' },
      });
    }
  }

  // unacceptable-principal: history codes, supplementary codes (B95-B97, Z16 …), Z codes the Tabular says to code after
  const principal = ctx.dx.find((e) => e.line.dxIndex === 0);
  if (principal && principal.known) {
    const np = attrsOf(principal).notPrincipal;
    if (np) {
      const inpatient = file.setting === 'inpatient';
      const next = ctx.dx.find(
        (e) => e.line.dxIndex > 0 && e.known && !attrsOf(e).notPrincipal && !/^[VWXY]/.test(e.line.code),
      );
      const why =
        np.kind === 'history'
          ? `it is a history code (${evidence(np, principal.dotted)}): history codes explain the need for care and are assigned as additional diagnoses after the reason for the encounter (Official Guidelines I.C.21.c.4)`
          : `the Tabular at ${np.from} says "${np.text}"`;
      ctx.report(principal.line, {
        rule: 'unacceptable-principal',
        span: principal.line.codeSpan,
        code: principal.dotted,
        severity: inpatient ? 'error' : 'warning',
        source:
          (np.kind === 'history'
            ? `${tabularWhere(np.from)}; ${guidelineSource(ctx, 'I.C.21.c.4 (history codes)')}`
            : `Tabular List FY2021: ${np.kind === 'code-first-note' ? 'Code first' : 'note'} at ${np.from}; ${guidelineSource(ctx, 'I.A.13')}`) +
          (inpatient ? `; ${MCE}: unacceptable principal diagnosis` : ''),
        message:
          `${described(principal.dotted, principal.title)} is ${inpatient ? 'listed as principal diagnosis' : 'listed first (first-listed diagnosis)'}, but ${why}. ` +
          (inpatient ? 'The Medicare Code Editor does not accept it as principal diagnosis. ' : '') +
          (next
            ? `List the condition chiefly responsible for the ${inpatient ? 'admission' : 'visit'} first (e.g. ${described(next.dotted, next.title)}).`
            : `List the condition chiefly responsible for the ${inpatient ? 'admission' : 'visit'} first.`),
        data: next ? { fix: 'move-after', line: principal.line.line, afterLine: next.line.line } : { fix: 'none' },
      });
    }
  }

  // procedure-sex-conflict: PCS body systems for one sex (0U female reproductive, 0V male reproductive …)
  if (!sex) return;
  for (const p of ctx.px) {
    if (p.code.length !== 7) continue;
    const cls = ctx.codeSet.classifyPcs(p.code, ctx.date);
    if (cls.kind !== 'valid') continue; // an invalid code has its invalid-pcs-code finding
    const ps = ctx.codeSet.pcsSex(p.code);
    if (!ps || ps.sex === sex) continue;
    ctx.report(p, {
      rule: 'procedure-sex-conflict',
      span: p.codeSpan,
      code: p.code,
      source: `${ps.source}: ${ps.bodySystem} "${ps.text}"; ${MCE}: procedure and sex conflict`,
      message:
        `${p.code}${cls.title ? ` (${cls.title})` : ''} is a ${SEX_WORD[ps.sex]}-only procedure (ICD-10-PCS section and body system ${ps.bodySystem}: ${ps.text}), ` +
        `but the patient's sex is ${sex}. Check the sex on the record and the procedure code; if both are right (e.g. a ` +
        'transgender patient), Medicare claims need condition code 45.',
      data: { fix: 'none' },
    });
  }
}
