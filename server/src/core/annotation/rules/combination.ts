/**
 * Combination codes (docs/rules.md): hypertension-combination (I.C.9.a), without-complications-conflict
 * (I.A.15, I.C.4.a) and ckd-stage-missing (the Tabular's "use additional code to identify the stage of chronic
 * kidney disease"). The code families come from the Tabular: I11's and I12's Includes notes ("any condition in
 * I50.- … due to hypertension", "any condition in N18 and N26 - due to hypertension"), I13's ("any condition in
 * I11.- with any condition in I12.-"), and each billable code's own "use additional code" notes, which say
 * which codes it goes with (I13.2: I50.- and N18.5, N18.6). Only the categories below are hand-written.
 */
import type { SourcedNote } from '../../types';
import { described, guidelineSource, PAIRWISE_LIMIT, rankCandidates, type DxEntry, type RuleContext } from './context';

/** The hypertension categories of ICD-10-CM block I10-I16 (Official Guidelines I.C.9.a.1-3). */
const HYPERTENSION = { essential: 'I10', heart: 'I11', kidney: 'I12', both: 'I13' } as const;
const GUIDELINE: Record<string, string> = {
  I11: 'I.C.9.a.1 (hypertension with heart disease)',
  I12: 'I.C.9.a.2 (hypertensive chronic kidney disease)',
  I13: 'I.C.9.a.3 (hypertensive heart and chronic kidney disease)',
};
/** heart failure: the code I11.0, I13.0 and I13.2 say to add ("type of heart failure (I50.-)") */
const HEART_FAILURE = 'I50';
const CKD = 'N18';

const cat = (code: string): string => code.slice(0, 3);
/** a long title cut for a message (the quick fix shows it in full) */
const short = (title: string): string => (title.length <= 90 ? title : `${title.slice(0, 89)}…`);

function includesRefs(ctx: RuleContext, code: string, re: RegExp): string[] {
  return ctx.codeSet
    .notes(code)
    .notes.filter((n) => n.kind === 'includes' && n.from === code && re.test(n.text))
    .flatMap((n) => ctx.codeSet.codesInNote(`(${n.text})`));
}

/** "use additional code" notes of a code itself or its subcategories (not its category, section or chapter). */
function ownAdditionalNotes(ctx: RuleContext, code: string): SourcedNote[] {
  return ctx.codeSet
    .notes(code)
    .notes.filter((n) => n.kind === 'useAdditionalCode' && n.from.replace('.', '').length > 3);
}

interface Target {
  code: string;
  title: string;
}

/**
 * The billable code of `category` whose own "use additional code" notes fit what is listed: a heart failure note
 * exactly when heart failure is there, and a CKD-stage note that covers the listed stage (N18.9 when none).
 */
function pickTarget(ctx: RuleContext, category: string, hf: boolean, ckdCode: string | undefined): Target | undefined {
  const cls = ctx.codeSet.classify(category, ctx.edition);
  if (cls.kind !== 'header') return undefined;
  for (const d of cls.billableDescendants) {
    const refs = ownAdditionalNotes(ctx, d.code).flatMap((n) => ctx.codeSet.codesInNote(n.text));
    const hasHf = refs.some((r) => r.replace('.', '').startsWith(HEART_FAILURE));
    const ckdRefs = refs.filter((r) => r.startsWith(CKD));
    if (hasHf !== hf) continue;
    if (
      ckdRefs.length === 0
        ? category !== HYPERTENSION.heart
        : ckdRefs.every((r) => !ctx.codeSet.matchesRef(ckdCode ?? 'N18.9', r))
    )
      continue;
    return { code: d.code, title: d.title };
  }
  return undefined;
}

const tabular = (ctx: RuleContext): string => `Tabular List FY${ctx.codeSet.tabularYear ?? '?'}`;

/** hypertension-combination: I10 with heart failure/CKD, I11/I12 that should be I13, a code I13 includes. */
function checkHypertension(ctx: RuleContext, dx: DxEntry[]): void {
  // the conditions I11/I12 include that their codes also ask to add (I50, N18); the others (I51.4-I51.9, N26) are
  // Excludes1 with I11/I12 and are not coded beside them
  const heartRefs = includesRefs(ctx, HYPERTENSION.heart, /due to hypertension/i).filter((r) =>
    r.startsWith(HEART_FAILURE),
  );
  const kidneyRefs = includesRefs(ctx, HYPERTENSION.kidney, /due to hypertension/i).filter((r) => r.startsWith(CKD));
  if (!heartRefs.length || !kidneyRefs.length) return; // no Tabular notes: nothing to derive from
  const rank: Record<string, number> = { I10: 0, I11: 1, I12: 1, I13: 2 };
  const htn = dx.filter((e) => cat(e.line.code) in rank);
  if (!htn.length) return;
  const matches = (refs: string[]) => dx.find((e) => refs.some((r) => ctx.codeSet.matchesRef(e.line.code, r)));
  const heart = matches(heartRefs);
  const kidney = matches(kidneyRefs);
  const ckd = dx.find((e) => cat(e.line.code) === CKD);
  const hfListed = dx.find((e) => cat(e.line.code) === HEART_FAILURE);
  const main = [...htn].sort((a, b) => rank[cat(b.line.code)] - rank[cat(a.line.code)] || a.line.line - b.line.line)[0];
  const mc = cat(main.line.code);
  const withHeart = !!heart || mc === HYPERTENSION.heart || mc === HYPERTENSION.both;
  const withKidney = !!kidney || mc === HYPERTENSION.kidney || mc === HYPERTENSION.both;
  const targetCat =
    withHeart && withKidney
      ? HYPERTENSION.both
      : withHeart
        ? HYPERTENSION.heart
        : withKidney
          ? HYPERTENSION.kidney
          : undefined;
  const mainHf = ownAdditionalNotes(ctx, main.line.code).some((n) =>
    ctx.codeSet.codesInNote(n.text).some((r) => r.startsWith(HEART_FAILURE)),
  );
  const target = targetCat ? pickTarget(ctx, targetCat, !!hfListed || mainHf, ckd?.line.code) : undefined;
  const keep = target && target.code.replace('.', '') !== main.line.code ? target : undefined;
  const why = [heart, kidney].filter((x): x is DxEntry => !!x && x !== main).map((x) => x.dotted);
  if (keep && targetCat) {
    ctx.report(main.line, {
      rule: 'hypertension-combination',
      span: main.line.codeSpan,
      code: main.dotted,
      source: `${guidelineSource(ctx, GUIDELINE[targetCat])}; ${tabular(ctx)}: Includes at ${targetCat}`,
      message:
        `${main.dotted}${why.length ? ` with ${why.join(' and ')}` : ''}: the Guidelines presume the link; use ` +
        `${described(keep.code, short(keep.title))} unless the provider documents them as unrelated.`,
      data: { fix: 'replace-code', candidates: [{ code: keep.code, title: keep.title }] },
    });
  }
  const combined = keep ?? { code: main.dotted, title: main.title ?? '' };
  for (const e of htn) {
    if (e === main) continue;
    ctx.report(e.line, {
      rule: 'hypertension-combination',
      span: e.line.codeSpan,
      code: e.dotted,
      source: `${guidelineSource(ctx, GUIDELINE[cat(combined.code)] ?? 'I.C.9.a')}; ${tabular(ctx)}: Includes at ${cat(combined.code)}`,
      message: `${described(e.dotted, e.title && short(e.title))} is included in ${combined.code} on line ${main.line.line + 1}: report hypertension once, as the combination code. Remove this line.`,
      data: { fix: 'remove-line', line: e.line.line },
    });
  }
}

/** without-complications-conflict: "… without complications" listed with a code of the same category. */
function checkWithoutComplications(ctx: RuleContext, dx: DxEntry[]): void {
  for (const a of dx) {
    if (!/\bwithout complications\b/i.test(a.title ?? '')) continue;
    const b = dx.find((x) => x !== a && cat(x.line.code) === cat(a.line.code) && !/\bwithout\b/i.test(x.title ?? ''));
    if (!b) continue;
    const diabetes = /^E(0[89]|1[0-3])$/.test(cat(a.line.code));
    ctx.report(a.line, {
      rule: 'without-complications-conflict',
      span: a.line.codeSpan,
      code: a.dotted,
      source: guidelineSource(
        ctx,
        `${diabetes ? 'I.C.4.a (use as many codes as describe the complications); ' : ''}I.A.15 ("with")`,
      ),
      message: `${described(a.dotted, a.title)} says "without complications", but ${described(b.dotted, b.title)} (line ${b.line.line + 1}) codes a complication. Remove this line.`,
      data: { fix: 'remove-line', line: a.line.line },
    });
  }
}

/** A CKD-stage "use additional code" note (the rule ckd-stage-missing handles it, not use-additional-code). */
export function isCkdStageNote(text: string): boolean {
  return /\bstage of chronic kidney disease\b/i.test(text);
}

/** ckd-stage-missing: E11.22, I12.x, I13.x … whose Tabular asks for the CKD stage, with no N18 code listed. */
function checkCkdStage(ctx: RuleContext, dx: DxEntry[]): void {
  for (const a of dx) {
    const note = ownAdditionalNotes(ctx, a.line.code).find((n) => isCkdStageNote(n.text));
    if (!note) continue;
    const refs = ctx.codeSet.codesInNote(note.text);
    // any code of the referenced category counts (a wrong stage for I12.9/I13.x is hypertension-combination's)
    const cats = new Set(refs.map((r) => cat(r)));
    if (!refs.length || ctx.dx.some((b) => b !== a && cats.has(cat(b.line.code)))) continue;
    const n18 = ctx.codeSet.classify(CKD, ctx.edition);
    const pool =
      n18.kind === 'header'
        ? n18.billableDescendants.filter((d) => refs.some((r) => ctx.codeSet.matchesRef(d.code, r)))
        : [];
    const candidates = rankCandidates(
      ctx,
      a.line,
      pool.map((d) => ({ code: d.code, title: d.title })),
    );
    const guideline = a.line.code.startsWith('E') ? 'I.C.4.a' : (GUIDELINE[cat(a.line.code)] ?? 'I.C.9.a');
    ctx.report(a.line, {
      rule: 'ckd-stage-missing',
      span: a.line.codeSpan,
      code: a.dotted,
      source: `${tabular(ctx)}: Use additional code at ${note.from}; ${guidelineSource(ctx, `${guideline}, I.C.14.a`)}`,
      message: `${described(a.dotted, a.title && short(a.title))} needs the stage of chronic kidney disease (${refs.join(', ')}): no N18 code is listed. Add the stage the provider documents.`,
      data: { fix: 'insert-code', afterLine: a.line.line, candidates },
    });
  }
}

export function checkCombinations(ctx: RuleContext): void {
  const dx = ctx.dx.filter((e) => e.primary).slice(0, PAIRWISE_LIMIT);
  checkHypertension(ctx, dx);
  checkWithoutComplications(ctx, dx);
  checkCkdStage(ctx, dx);
}
