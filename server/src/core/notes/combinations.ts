/**
 * Combination codes a coder presumes from two conditions documented in one note, when the provider does not
 * say they are unrelated (ICD-10-CM Official Guidelines I.A.15 "with", I.C.9.a hypertension with heart disease
 * and chronic kidney disease): hypertension with heart failure I11.0, with chronic kidney disease I12.9 /
 * I12.0, with both I13.0 / I13.2; diabetes with chronic kidney disease E11.22 / E10.22. Used by
 * documented-not-coded so that it never suggests I10 or E11.9 when the note also documents the linked
 * condition. Pure: the codes are checked against the edition in force.
 */
import { codability } from '../evidence/codability';
import type { NoteAnalysis, NoteCodeSet, NoteMention } from './reader';

export interface Combination {
  code: string;
  title: string;
  /** why, for the message */
  path: string;
}

const compact = (c: string) => c.replace('.', '');

/** The categories/codes of the note's codable mentions (any section: "PMH: CKD 3b" is still present). */
const presentCache = new WeakMap<NoteAnalysis, Map<string, string[]>>();
function presentCodes(analysis: NoteAnalysis, setting: 'inpatient' | 'outpatient' | undefined): string[] {
  // once per analysis and setting (called for every hypertension, diabetes and COPD mention)
  let bySetting = presentCache.get(analysis);
  if (!bySetting) presentCache.set(analysis, (bySetting = new Map()));
  const key = setting ?? '';
  let out = bySetting.get(key);
  if (!out) bySetting.set(key, (out = readPresent(analysis, setting)));
  return out;
}

function readPresent(analysis: NoteAnalysis, setting: 'inpatient' | 'outpatient' | undefined): string[] {
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
  if (top !== 'I10' && top !== 'E119' && top !== 'E109' && top !== 'J449') return undefined;
  const present = presentCodes(analysis, setting);
  // the most specific stage documented (N18.5 over N18.9)
  const ckd = present.filter((c) => c.startsWith('N18')).sort((a, b) => rankCkd(a) - rankCkd(b))[0];
  if (top === 'J449') {
    // COPD with pneumonia documented in the note: J44.0 (Index: Disease, lung, obstructive, with lower
    // respiratory infection; Tabular J44.0 "Use additional code to identify the infection")
    if (!present.some((c) => /^J1[2-8]/.test(c))) return undefined;
    return checkedCombo(
      codeSet,
      analysis,
      'J44.0',
      'COPD with pneumonia documented: J44.0 COPD with (acute) lower respiratory infection (Index: Disease, lung, obstructive, with lower respiratory infection)',
    );
  }
  const hf = present.some((c) => c.startsWith('I50'));
  let code: string | undefined;
  let why = '';
  if (top === 'I10') {
    const late = ckd === 'N185' || ckd === 'N186';
    if (hf && ckd) code = late ? 'I13.2' : 'I13.0';
    else if (hf) code = 'I11.0';
    else if (ckd) code = late ? 'I12.0' : 'I12.9';
    why = `hypertension with ${hf ? 'heart failure' : ''}${hf && ckd ? ' and ' : ''}${ckd ? 'chronic kidney disease' : ''} documented: the link is presumed (ICD-10-CM Official Guidelines I.C.9.a)`;
  } else {
    const seg = analysis.segments[m.segment]?.span;
    const segText = seg ? text.slice(seg.start, seg.end) : '';
    // "T2DM with diabetic kidney disease" / "with nephropathy" in the same statement (Index: Diabetes, with,
    // chronic kidney disease / nephropathy)
    const kidney = /\bkidney disease\b/i.test(segText) ? '22' : /\bnephropathy\b/i.test(segText) ? '21' : '';
    const type = top === 'E119' ? 'E11' : 'E10';
    if (/without\s+(?:any\s+)?complication/i.test(segText) && (ckd || kidney)) return null;
    if (/\bketoacidosis\b|\bDKA\b/i.test(segText)) {
      // Index: Diabetes, by type, with ketoacidosis, without coma (.10) / with coma (.11)
      const coma = /\bwith coma\b/i.test(segText) && !/\bwithout coma\b/i.test(segText);
      code = `${type}.1${coma ? '1' : '0'}`;
      why = `diabetes with ketoacidosis${coma ? ' with coma' : ''} documented (Index: Diabetes, with, ketoacidosis)`;
    } else if (/\b(?:poorly controlled|out of control|inadequately controlled)\b/i.test(segText)) {
      // Index: Diabetes, poorly controlled / out of control — code to Diabetes, by type, with hyperglycemia
      code = `${type}.65`;
      why =
        'diabetes "poorly controlled" documented: Index: Diabetes, poorly controlled, code to Diabetes, by type, with hyperglycemia';
    } else if (ckd || kidney) {
      const suffix = ckd ? '22' : kidney;
      code = `${type}.${suffix}`;
      why = `diabetes with ${suffix === '22' ? 'chronic kidney disease' : 'nephropathy'} documented: "with" presumes the link (ICD-10-CM Official Guidelines I.A.15)`;
    }
  }
  if (!code) return undefined;
  return checkedCombo(codeSet, analysis, code, why);
}

/** The combination when it is billable in the edition in force, else undefined. */
function checkedCombo(
  codeSet: NoteCodeSet,
  analysis: NoteAnalysis,
  code: string,
  why: string,
): Combination | undefined {
  const cl = codeSet.classify(compact(code), analysis.edition.index);
  if (cl.kind !== 'billable') return undefined;
  return { code, title: cl.title, path: why };
}

/** CKD codes, most specific first: a stage before N18.9 (unspecified). */
const rankCkd = (c: string) => (c === 'N189' ? 1 : 0);
