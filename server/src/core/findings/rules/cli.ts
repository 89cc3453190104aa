import type { RuleInfo } from '../registry';

/** Rules of `coding-review check` itself (server/src/cli/check.ts). */
export const CLI_RULES = [
  {
    id: 'unreadable-file',
    severity: 'error',
    summary: 'A file could not be checked: unreadable, binary, not UTF-8 text, or larger than the limit.',
    source: 'coding-review check',
  },
] as const satisfies readonly RuleInfo[];
