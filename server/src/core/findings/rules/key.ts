import type { RuleInfo } from '../registry';

/** Metadata of the key-* rules (core/grading/key.ts: answer keys; docs/exercises.md). */
export const KEY_RULES = [
  {
    id: 'key-invalid-answer',
    severity: 'error',
    summary: 'An accepted alternative of an answer-key line is not valid for the exercise date.',
    source: 'CMS order files (ICD-10-CM, ICD-10-PCS); docs/exercises.md',
  },
  {
    id: 'key-no-principal',
    severity: 'error',
    summary: 'The answer key has no principal (first-listed) diagnosis, or it is optional.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-no-date',
    severity: 'warning',
    summary: 'The answer key has no usable date of service, so its answers were checked against another edition.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-excludes1',
    severity: 'warning',
    summary: 'An accepted alternative is forbidden together with another line of the key by an Excludes1 note.',
    source: 'Tabular List Excludes1 notes; Official Guidelines I.A.12.a',
  },
  {
    id: 'key-alternatives',
    severity: 'warning',
    summary: 'An alternative is not in the same category as the answer and no rationale says why.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-duplicate-answer',
    severity: 'warning',
    summary: 'The same code is an answer on two key lines.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-unsupported',
    severity: 'information',
    summary: 'Note reading finds no support in the note for an answer.',
    source: 'note reading',
  },
] as const satisfies readonly RuleInfo[];
