/**
 * Whether a mention read in a note may be coded in the encounter's setting (Official Guidelines II.H, III, IV.H,
 * IV.J), used by the note rules (core/notes/rules.ts), the note hovers and the annotation rules that rank quick
 * fixes by what the note documents (core/annotation/rules). Pure.
 */
import { isChronicCondition } from './chronic';
import type { ContextCategory, NoteMention } from './mention';

/** The categories of a mention's context, in a fixed order. */
export function categories(m: NoteMention): ContextCategory[] {
  const order: ContextCategory[] = ['negated', 'uncertain', 'historical', 'hypothetical', 'family'];
  return order.filter((c) => m.context.some((h) => h.category === c));
}

/** Codes only ever coded when confirmed, even inpatient (Official Guidelines). */
export const CONFIRMED_ONLY: Array<{ prefix: string; what: string; source: string }> = [
  { prefix: 'B20', what: 'HIV disease', source: 'ICD-10-CM Official Guidelines I.C.1.a.1.a' },
  { prefix: 'Z21', what: 'HIV infection status', source: 'ICD-10-CM Official Guidelines I.C.1.a.1.a' },
  {
    prefix: 'J09',
    what: 'influenza due to identified novel influenza A virus',
    source: 'ICD-10-CM Official Guidelines I.C.10.c.1',
  },
  { prefix: 'A925', what: 'Zika virus disease', source: 'ICD-10-CM Official Guidelines I.C.1.d.1' },
  { prefix: 'U071', what: 'COVID-19', source: 'ICD-10-CM Official Guidelines I.C.1.g.1.a' },
];

export interface Codability {
  codable: boolean;
  /** why, for the user */
  reason: string;
  source?: string;
}

/** A chronic condition whose only historical context is a history section heading: still current. */
export function chronicUnderHistory(m: NoteMention): boolean {
  const hist = m.context.filter((h) => h.category === 'historical');
  if (!hist.length || !hist.every((h) => h.fromSection)) return false;
  const top = m.candidates[0];
  return isChronicCondition({ mention: m.text, phrase: m.abbreviation?.phrase, title: top?.title, path: top?.path });
}

const CHRONIC_SOURCE = 'ICD-10-CM Official Guidelines III (other diagnoses), IV.I, IV.J (chronic conditions)';

/**
 * Whether a mention may be coded as a diagnosis in this setting: negated, family, hypothetical and historical
 * mentions are not — except a chronic condition listed under a history heading (PMH: diabetes, hypertension,
 * CKD, COPD, heart failure …), which is still present; uncertain ones are coded as established for
 * inpatients (OCG II.H, III.C) but not for outpatients (OCG IV.H), and never for HIV, novel influenza or
 * Zika (confirmed only).
 */
export function codability(m: NoteMention, setting: 'inpatient' | 'outpatient' | undefined): Codability {
  const cats = categories(m);
  const hit = (c: ContextCategory) => m.context.find((h) => h.category === c)!;
  let chronic = false;
  for (const c of ['negated', 'family', 'hypothetical', 'historical'] as const) {
    if (!cats.includes(c)) continue;
    if (c === 'historical' && chronicUnderHistory(m)) {
      chronic = true;
      continue;
    }
    return { codable: false, reason: `${c} ("${hit(c).trigger}")` };
  }
  if (cats.includes('uncertain')) {
    const top = m.candidates[0]?.code.replace('.', '') ?? '';
    const conf = CONFIRMED_ONLY.find((x) => top.startsWith(x.prefix));
    if (conf)
      return {
        codable: false,
        reason: `uncertain ("${hit('uncertain').trigger}"); ${conf.what} is coded only when confirmed`,
        source: conf.source,
      };
    if (setting === 'outpatient') {
      return {
        codable: false,
        reason: `uncertain ("${hit('uncertain').trigger}"); outpatient: code the signs or symptoms instead`,
        source: 'ICD-10-CM Official Guidelines IV.H',
      };
    }
    return {
      codable: true,
      reason: `uncertain ("${hit('uncertain').trigger}"); inpatient: coded as if established`,
      source: 'ICD-10-CM Official Guidelines II.H, III.C',
    };
  }
  if (chronic)
    return {
      codable: true,
      reason: `chronic condition listed under "${hit('historical').trigger}": still present`,
      source: CHRONIC_SOURCE,
    };
  return { codable: true, reason: 'affirmed' };
}
