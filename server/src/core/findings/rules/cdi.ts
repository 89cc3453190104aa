/** Metadata of the CDI rules (core/cdi: query opportunities in notes, compliance of `*.query.md`; docs/query-compliance.md). */
import type { RuleInfo } from '../registry';

const BRIEF = 'AHIMA/ACDIS Guidelines for Achieving a Compliant Query Practice (2022 update)';

export const CDI_RULES = [
  {
    id: 'query-opportunity',
    severity: 'information',
    summary: 'A vague mention with clinical indicators in the note: a physician query could clarify its specificity.',
    source: `${BRIEF}: reasons to query; docs/cdi-topics.md`,
  },
  {
    id: 'query-financial-language',
    severity: 'warning',
    summary: 'The query mentions DRG, CC/MCC, reimbursement, payment, case mix, SOI/ROM or quality scores.',
    source: `${BRIEF}: query content`,
  },
  {
    id: 'query-leading',
    severity: 'warning',
    summary:
      'Leading query: directive wording, a pre-selected or expected option, a single diagnosis, or yes/no for a new diagnosis.',
    source: `${BRIEF}: leading queries; yes/no format`,
  },
  {
    id: 'query-missing-indicators',
    severity: 'warning',
    summary: 'The query quotes no clinical indicators.',
    source: `${BRIEF}: clinical indicators`,
  },
  {
    id: 'query-option-unsupported',
    severity: 'warning',
    summary: 'An answer option that no clinical indicator in the query supports.',
    source: `${BRIEF}: multiple-choice format`,
  },
  {
    id: 'query-missing-other-option',
    severity: 'warning',
    summary: 'The options have no "Other (please specify)".',
    source: `${BRIEF}: multiple-choice format`,
  },
  {
    id: 'query-missing-undetermined-option',
    severity: 'warning',
    summary: 'The options have no "Clinically undetermined".',
    source: `${BRIEF}: multiple-choice format`,
  },
  {
    id: 'query-missing-fields',
    severity: 'warning',
    summary: 'The query lacks an encounter, date, provider or query author field.',
    source: `${BRIEF}: query documentation`,
  },
] as const satisfies readonly RuleInfo[];
