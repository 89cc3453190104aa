/**
 * Combination codes a coder presumes from two conditions documented in one note, when the provider does not
 * say they are unrelated (ICD-10-CM Official Guidelines I.A.15 "with", I.C.9.a hypertension with heart disease
 * and chronic kidney disease): hypertension with heart failure I11.0, with chronic kidney disease I12.9 /
 * I12.0, with both I13.0 / I13.2; diabetes with chronic kidney disease E11.22 / E10.22. Used by
 * documented-not-coded so that it never suggests I10 or E11.9 when the note also documents the linked
 * condition. Pure: the codes are checked against the edition in force.
 */
import { codability, type NoteAnalysis, type NoteCodeSet, type NoteMention } from './reader';

export interface Combination {
  code: string;
  title: string;
  /** why, for the message */
  path: string;
}

const compact = (c: string) => c.replace('.', '');

/** The categories/codes of the note's codable mentions (any section: "PMH: CKD 3b" is still present). */
function presentCodes(analysis: NoteAnalysis, setting: 'inpatient' | 'outpatient' | undefined): string[] {
  const out: string[] = [];
  for (const m of analysis.mentions) {
    const top = m.candidates[0];
    if (top && codability(m, setting).codable) out.push(compact(top.code));
  }
  return out;
}

/**
 * The combination code that replaces `top` (I10, E11.9, E10.9) for this mention, `null` to stay silent (the
 * provider wrote "without complications" and the note documents a complication), or undefined (no change).
 */
export function presumedCombination(
  m: NoteMention,
  analysis: NoteAnalysis,
  text: string,
  codeSet: NoteCodeSet,
  setting: 'inpatient' | 'outpatient' | undefined,
): Combination | null | undefined {
  const top = m.candidates[0] ? compact(m.candidates[0].code) : '';
  if (top !== 'I10' && top !== 'E119' && top !== 'E109') return undefined;
  const present = presentCodes(analysis, setting);
  const ckd = present.find((c) => c.startsWith('N18'));
  const hf = present.some((c) => c.startsWith('I50'));
  let code: string | undefined;
  let why = '';
  if (top === 'I10') {
    const late = ckd === 'N185' || ckd === 'N186';
    if (hf && ckd) code = late ? 'I13.2' : 'I13.0';
    else if (hf) code = 'I11.0';
    else if (ckd) code = late ? 'I12.0' : 'I12.9';
    why = `hypertension with ${hf ? 'heart failure' : ''}${hf && ckd ? ' and ' : ''}${ckd ? 'chronic kidney disease' : ''} documented: the link is presumed (ICD-10-CM Official Guidelines I.C.9.a)`;
  } else if (ckd) {
    const seg = analysis.segments[m.segment]?.span;
    if (seg && /without\s+(?:any\s+)?complication/i.test(text.slice(seg.start, seg.end))) return null;
    code = top === 'E119' ? 'E11.22' : 'E10.22';
    why =
      'diabetes with chronic kidney disease documented: "with" presumes the link (ICD-10-CM Official Guidelines I.A.15)';
  }
  if (!code) return undefined;
  const ed = analysis.edition.index;
  const cl = codeSet.classify(compact(code), ed);
  if (cl.kind !== 'billable') return undefined;
  return { code, title: cl.title, path: why };
}
