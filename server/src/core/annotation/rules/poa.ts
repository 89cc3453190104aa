/** Present-on-admission indicators: poa-missing, poa-invalid, poa-exempt (ICD-10-CM Official Guidelines Appendix I). */
import type { Span } from '../../types';
import { described, guidelineSource, type RuleContext } from './context';

const MEANINGS: Array<[string, string]> = [
  ['Y', 'present at the time of inpatient admission'],
  ['N', 'not present at the time of inpatient admission'],
  ['U', 'documentation insufficient to determine'],
  ['W', 'clinically undetermined'],
];

const insertChoices = (at: number) =>
  MEANINGS.map(([v, m]) => ({ label: `POA=${v} - ${m}`, span: { start: at, end: at } as Span, newText: `  POA=${v}` }));
const replaceChoices = (span: Span) => MEANINGS.map(([v, m]) => ({ label: `${v} - ${m}`, span, newText: v }));

export function checkPoa(ctx: RuleContext): void {
  const inpatient = ctx.file.setting === 'inpatient';
  for (const e of ctx.dx) {
    if (e.cls.kind !== 'billable') continue; // other kinds already have an error on this line
    const poa = e.line.poa;
    if (!inpatient && !poa) continue;
    const ex = ctx.codeSet.poaExempt(e.line.code, ctx.edition);
    const exemptSource = ex.list
      ? `CMS ${ex.list.replace(/^(CMS )?(POA-exempt list )?/, 'POA-exempt list ')}`
      : 'CMS POA-exempt list';
    if (ex.exempt) {
      if (poa && poa.value !== '1') {
        const token = poa.tokenSpan ?? poa.span;
        ctx.report(e.line, {
          rule: 'poa-exempt',
          span: token,
          code: e.dotted,
          source: exemptSource,
          message: `${described(e.dotted, e.title)} is exempt from POA reporting${ex.list ? ` (${ex.list})` : ''}: leave the POA blank (or 1) instead of ${poa.value}.`,
          data: {
            fix: 'edit',
            choices: [
              { label: 'Remove the POA indicator', span: token, newText: '' },
              { label: 'POA=1 - exempt from POA reporting', span: poa.span, newText: '1' },
            ],
          },
        });
      }
      continue;
    }
    if (poa && (!poa.valid || poa.value === '1')) {
      ctx.report(e.line, {
        rule: 'poa-invalid',
        span: poa.span,
        code: e.dotted,
        source: guidelineSource(ctx, 'Appendix I'),
        message:
          poa.value === '1'
            ? `POA=1 is only for codes exempt from POA reporting, and ${described(e.dotted, e.title)} is not exempt${ex.list ? ` (${ex.list})` : ''}: use Y, N, U or W.`
            : `POA '${poa.value}' is not a POA indicator: use Y (present at admission), N (not present), U (documentation insufficient) or W (clinically undetermined).`,
        data: { fix: 'edit', choices: replaceChoices(poa.span) },
      });
      continue;
    }
    if (inpatient && !poa) {
      ctx.report(e.line, {
        rule: 'poa-missing',
        span: e.line.codeSpan,
        code: e.dotted,
        source: `${guidelineSource(ctx, 'Appendix I')}; ${exemptSource}`,
        message: `${described(e.dotted, e.title)} has no present-on-admission indicator; inpatient diagnoses that are not POA-exempt need POA=Y, N, U or W.`,
        data: { fix: 'edit', choices: insertChoices(e.line.codeSpan.end) },
      });
    }
  }
}
