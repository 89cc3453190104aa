import type { RuleInfo } from '../registry';

/**
 * The rules linking a `.codes` file and its note (core/notes/rules.ts; run by the editor and `coding-review check`
 * when the `note:` file is there), and note-not-found when it is not.
 */
export const NOTE_LINK_RULES = [
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
] as const satisfies readonly RuleInfo[];
