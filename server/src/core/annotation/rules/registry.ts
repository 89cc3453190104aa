/**
 * Metadata of every rule the checks can report: stable id, default severity, a one-line summary and
 * the authority it rests on. Used by the checks (default severities), the CLI (SARIF rules) and docs/rules.md.
 * Other rule groups (notes, queries, trainers) add their entries with registerRules().
 */
import type { Severity } from '../../types';

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** one line: what the rule reports */
  summary: string;
  /** where the rule comes from */
  source: string;
}

const rules = new Map<string, RuleInfo>();

export function registerRules(list: readonly RuleInfo[]): void {
  for (const r of list) rules.set(r.id, r);
}

export function ruleInfo(id: string): RuleInfo | undefined {
  return rules.get(id);
}

export function allRules(): RuleInfo[] {
  return [...rules.values()];
}

/** The rules of `.codes` annotation files (docs/rules.md). */
export const ANNOTATION_RULES: readonly RuleInfo[] = [
  {
    id: 'invalid-code',
    severity: 'error',
    summary: 'The code does not exist in ICD-10-CM (any edition); did-you-mean suggestions are offered.',
    source: 'CMS ICD-10-CM order file of the edition in force',
  },
  {
    id: 'non-billable-code',
    severity: 'error',
    summary: 'The code is a header (category or subcategory) that has more specific codes below it.',
    source: 'CMS ICD-10-CM order file (valid-for-reporting flag 0); Official Guidelines I.B.2',
  },
  {
    id: 'missing-seventh-character',
    severity: 'error',
    summary: 'The code needs a 7th character (e.g. A initial encounter) that is missing.',
    source: 'Tabular List 7th-character definitions; Official Guidelines I.A.5',
  },
  {
    id: 'missing-placeholder',
    severity: 'error',
    summary: 'The code needs placeholder X padding before its 7th character.',
    source: 'Official Guidelines I.A.4; CMS ICD-10-CM order file',
  },
  {
    id: 'code-not-in-edition',
    severity: 'error',
    summary: 'The code is not valid for the date of service: deleted before it, or added after it.',
    source: 'CMS ICD-10-CM order files of each edition; NCHS conversion tables',
  },
  {
    id: 'invalid-pcs-code',
    severity: 'error',
    summary: 'A `px` code is not a valid ICD-10-PCS code for the date of service.',
    source: 'CMS ICD-10-PCS order file of the fiscal year',
  },
  {
    id: 'syntax-error',
    severity: 'error',
    summary: 'A line of the .codes file cannot be read.',
    source: 'docs/annotation-format.md',
  },
  {
    id: 'header-error',
    severity: 'error',
    summary: 'A header line has an unknown key or a bad value (date, setting, age, sex).',
    source: 'docs/annotation-format.md',
  },
  {
    id: 'excludes1-conflict',
    severity: 'warning',
    summary: 'Two codes that an Excludes1 note says must never be reported together.',
    source: 'Tabular List Excludes1 notes; ICD-10-CM Official Guidelines I.A.12.a',
  },
  {
    id: 'code-first',
    severity: 'warning',
    summary: 'A code whose Tabular says "code first" is listed before (or as principal ahead of) its listed etiology.',
    source: 'Tabular List "Code first" notes; ICD-10-CM Official Guidelines I.A.13',
  },
  {
    id: 'duplicate-code',
    severity: 'warning',
    summary: 'The same diagnosis code is listed more than once.',
    source: 'ICD-10-CM Official Guidelines I.B.12 (a code is reported once per encounter)',
  },
  {
    id: 'external-cause-principal',
    severity: 'error',
    summary: 'An external cause code (V00-Y99) is listed as the principal/first-listed diagnosis (a claim edit).',
    source: 'ICD-10-CM Official Guidelines I.C.20; Medicare Code Editor: E-code as principal diagnosis',
  },
  {
    id: 'poa-missing',
    severity: 'warning',
    summary: 'Inpatient diagnosis without a present-on-admission indicator (and not POA-exempt).',
    source: 'ICD-10-CM Official Guidelines Appendix I; CMS POA-exempt list',
  },
  {
    id: 'poa-invalid',
    severity: 'warning',
    summary: 'A POA value other than Y, N, U, W, or 1 on a code that is not exempt.',
    source: 'ICD-10-CM Official Guidelines Appendix I',
  },
  {
    id: 'poa-exempt',
    severity: 'warning',
    summary: 'A POA value given for a POA-exempt code (exempt codes take a blank or 1).',
    source: 'CMS POA-exempt list of the fiscal year',
  },
  {
    id: 'date-outside-editions',
    severity: 'warning',
    summary: 'No ICD-10-CM edition covers the date of service; the nearest edition is used.',
    source: 'cm/editions.tsv (effective dates of each edition)',
  },
  {
    id: 'unspecified-code',
    severity: 'information',
    summary: 'An "unspecified" code: the more specific codes are shown, with what documentation they need.',
    source: 'CMS ICD-10-CM order file titles; Official Guidelines I.B.18',
  },
  {
    id: 'use-additional-code',
    severity: 'information',
    summary: 'The Tabular says "use additional code" and no such companion code is listed.',
    source: 'Tabular List "Use additional code" notes; ICD-10-CM Official Guidelines I.A.13',
  },
  {
    id: 'hypertension-combination',
    severity: 'warning',
    summary:
      'Hypertension listed with heart failure/heart disease and/or CKD: use the I11/I12/I13 combination code; I10-I12 listed with the I13 code that includes them.',
    source: 'ICD-10-CM Official Guidelines I.C.9.a.1-3; Tabular List Includes notes at I11, I12, I13',
  },
  {
    id: 'without-complications-conflict',
    severity: 'warning',
    summary:
      'A "… without complications" code (E11.9) listed with a code of the same category that codes a complication.',
    source: 'ICD-10-CM Official Guidelines I.A.15, I.C.4.a',
  },
  {
    id: 'ckd-stage-missing',
    severity: 'warning',
    summary:
      'A code whose Tabular asks for the stage of chronic kidney disease (E11.22, I12.9, I13.0 …) without an N18 code.',
    source:
      'Tabular List "Use additional code" (stage of CKD); ICD-10-CM Official Guidelines I.C.4.a, I.C.9.a, I.C.14.a',
  },
  {
    id: 'sepsis-sequencing',
    severity: 'warning',
    summary: 'A localized infection is listed first while a sepsis code present on admission is listed after it.',
    source: 'ICD-10-CM Official Guidelines I.C.1.d.4',
  },
  {
    id: 'sirs-sequencing',
    severity: 'warning',
    summary: 'R65.1x/R65.2x (SIRS, severe sepsis) listed first or without the underlying condition/infection.',
    source: 'ICD-10-CM Official Guidelines I.C.1.d.1.b, I.C.18.g; Tabular List "Code first" at R65.1, R65.2',
  },
  {
    id: 'integral-symptom',
    severity: 'warning',
    summary: 'A symptom that is integral to a listed definitive diagnosis (fever with sepsis, dysuria with cystitis).',
    source: 'ICD-10-CM Official Guidelines I.B.5',
  },
  {
    id: 'pasted-text',
    severity: 'hint',
    summary:
      'Characters from pasted text (non-breaking space, curly quotes, a dash for the dot, `POA = Y`) were read as intended; the fix writes them plainly.',
    source: 'docs/annotation-format.md (pasted text)',
  },
  {
    id: 'no-date-of-service',
    severity: 'information',
    summary: 'No date of service (header `date:` or --date): the newest edition is used.',
    source: 'cm/editions.tsv',
  },
  {
    id: 'unknown-rule',
    severity: 'hint',
    summary: 'A `# coding-review: ignore|disable` comment names a rule id that does not exist (did-you-mean offered).',
    source: 'docs/annotation-format.md (suppressing findings); docs/rules.md',
  },
];

/**
 * Claim edits (Medicare Code Editor style) from the `age:`, `sex:` and `setting:` headers and attributes derived from
 * the official code set (core/codeset/claims.ts; docs/rules.md "Claim edits").
 */
export const CLAIM_EDIT_RULES: readonly RuleInfo[] = [
  {
    id: 'sex-conflict',
    severity: 'error',
    summary: 'A diagnosis for one sex only (pregnancy, female or male genital organs …) on a patient of the other sex.',
    source:
      'Tabular List chapter/block titles and ICD-10-CM titles (derived, docs/rules.md); Medicare Code Editor: sex conflict',
  },
  {
    id: 'age-conflict',
    severity: 'warning',
    summary:
      'A newborn code outside age 0, a maternity code outside ages 12-55, or a code outside the age range a Tabular note gives.',
    source:
      'Tabular List chapter 15/16 notes and titles, Z68 notes; ICD-10-CM Official Guidelines I.C.16.a.4; Medicare Code Editor: age conflict',
  },
  {
    id: 'manifestation-principal',
    severity: 'error',
    summary: 'A manifestation code ("in diseases classified elsewhere") is the principal/first-listed diagnosis.',
    source: 'Tabular List titles and "Code first" notes; ICD-10-CM Official Guidelines I.A.13; Medicare Code Editor',
  },
  {
    id: 'unacceptable-principal',
    severity: 'error',
    summary:
      'Principal diagnosis that may only be an additional code: history Z codes, supplementary codes (B95-B97, Z16), Z codes the Tabular says to code after another (error inpatient, warning otherwise).',
    source:
      'Tabular List notes and titles; ICD-10-CM Official Guidelines I.C.21.c.4, I.A.13; Medicare Code Editor: unacceptable principal diagnosis',
  },
  {
    id: 'procedure-sex-conflict',
    severity: 'error',
    summary: 'A `px` procedure on a body system for one sex (PCS 0U female, 0V male reproductive …) on the other sex.',
    source: 'ICD-10-PCS Tables: section and body-system labels; Medicare Code Editor: procedure and sex conflict',
  },
];

/**
 * The rules linking a `.codes` file and its note (core/notes/rules.ts; run by the editor and `coding-review check`
 * when the `note:` file is there), and note-not-found when it is not.
 */
export const NOTE_LINK_RULES: readonly RuleInfo[] = [
  {
    id: 'note-not-found',
    severity: 'warning',
    summary: 'The `note:` header names a file that does not exist or cannot be read; the evidence rules were skipped.',
    source: 'docs/annotation-format.md (the note header)',
  },
  {
    id: 'evidence-not-found',
    severity: 'warning',
    summary: 'The quoted evidence phrase is not in the linked note.',
    source: 'Clinical Coding Review: evidence must quote the linked note',
  },
  {
    id: 'unsupported-code',
    severity: 'information',
    summary: 'Nothing in the linked note was found to support the code.',
    source: "ICD-10-CM Official Guidelines I.A.19, III, IV: code assignment is based on the provider's documentation",
  },
  {
    id: 'negated-evidence',
    severity: 'warning',
    summary: 'The only support in the note is negated, historical, family or hypothetical.',
    source: 'ICD-10-CM Official Guidelines III, IV.J',
  },
  {
    id: 'uncertain-diagnosis-outpatient',
    severity: 'warning',
    summary: 'The code rests only on an uncertain diagnosis (outpatient; HIV, novel influenza, Zika in any setting).',
    source: 'ICD-10-CM Official Guidelines IV.H, II.H, I.C.1.a',
  },
  {
    id: 'more-specific-code-documented',
    severity: 'warning',
    summary: 'The code is unspecified but the note documents a more specific code of the same category.',
    source: 'ICD-10-CM Official Guidelines I.B.18 and the Alphabetic Index',
  },
  {
    id: 'documented-not-coded',
    severity: 'information',
    summary: 'In a note: an affirmed diagnosis that the linked `.codes` file does not code.',
    source: 'ICD-10-CM Official Guidelines III, IV.J; ICD-10-CM Alphabetic Index',
  },
];

/**
 * Ids of rules registered by modules that core/annotation does not import (CDI queries, answer keys, the CLI, the
 * server), so that a suppression comment is judged the same whatever modules are loaded. A unit test checks that
 * each is registered once those modules are.
 */
export const OTHER_RULE_IDS: readonly string[] = [
  'query-opportunity',
  'query-financial-language',
  'query-leading',
  'query-missing-indicators',
  'query-option-unsupported',
  'query-missing-other-option',
  'query-missing-undetermined-option',
  'query-missing-fields',
  'key-invalid-answer',
  'key-no-principal',
  'key-no-date',
  'key-excludes1',
  'key-alternatives',
  'key-duplicate-answer',
  'key-unsupported',
  'unreadable-file',
];

registerRules(ANNOTATION_RULES);
registerRules(CLAIM_EDIT_RULES);
registerRules(NOTE_LINK_RULES);

/** Every rule id a suppression comment may name: the registered ones and OTHER_RULE_IDS. */
export function knownRuleIds(): Set<string> {
  return new Set([...rules.keys(), ...OTHER_RULE_IDS]);
}
