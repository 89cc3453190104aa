/**
 * The rule registry: every rule id the house reports, declared once, in one explicit list (RULES), with its default
 * severity, a one-line summary and the authority it rests on. Used by the checks (default severities), suppression
 * comments (which ids exist), the CLI (SARIF rules) and docs/rules.md (one line per id; a unit test keeps them
 * equal). No module registers anything at load time: a rule that is not in RULES does not exist.
 */
import type { Severity } from '../types';
import { ANNOTATION_RULES, CLAIM_EDIT_RULES } from './rules/annotation';
import { CDI_RULES } from './rules/cdi';
import { CLI_RULES } from './rules/cli';
import { KEY_RULES } from './rules/key';
import { NOTE_LINK_RULES } from './rules/note-link';

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** one line: what the rule reports */
  summary: string;
  /** where the rule comes from */
  source: string;
}

export { ANNOTATION_RULES, CDI_RULES, CLAIM_EDIT_RULES, CLI_RULES, KEY_RULES, NOTE_LINK_RULES };

/**
 * Every rule of the house, in the order SARIF lists them: `.codes` annotation rules (core/annotation), claim edits,
 * the note ↔ `.codes` evidence rules (core/notes/rules.ts), CDI query rules (core/cdi), answer-key rules
 * (core/grading/key.ts) and the CLI's own (server/src/cli/check.ts).
 */
export const RULES = [
  ...ANNOTATION_RULES,
  ...CLAIM_EDIT_RULES,
  ...NOTE_LINK_RULES,
  ...CDI_RULES,
  ...KEY_RULES,
  ...CLI_RULES,
] as const satisfies readonly RuleInfo[];

/** A rule id of the registry. */
export type RuleId = (typeof RULES)[number]['id'];

const byId: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

export function allRules(): RuleInfo[] {
  return [...RULES];
}

/** Every rule id a suppression comment may name. */
export function knownRuleIds(): Set<string> {
  return new Set(byId.keys());
}
