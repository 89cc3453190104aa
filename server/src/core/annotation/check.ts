/**
 * Checks on a parsed `.codes` file against the code set for its date of service. Pure: the date comes from
 * the file's `date:` header or options.date; no clock. Rules are documented in docs/rules.md.
 */
import type { CodeSet } from '../codeset/api';
import type { Severity, Span } from '../types';
import type { AnnotationFile, CodeLine, Finding } from './types';
import { defaultSeverity, type LinkedNote, type RuleContext } from './rules/context';
import { checkClaimEdits } from './rules/claim-edits';
import { checkCombinations } from './rules/combination';
import { checkListing } from './rules/listing';
import { checkPoa } from './rules/poa';
import { checkTabularNotes } from './rules/tabular-notes';
import { checkSequencing } from './rules/sequencing';
import { checkUnspecified } from './rules/unspecified';
import { checkPcs, classifyLines } from './rules/validity';
import { knownRuleIds } from './rules/registry';
import { ALL_RULES } from '../suppression';

export type { LinkedNote } from './rules/context';
export { ANNOTATION_RULES, allRules, registerRules, ruleInfo, type RuleInfo } from './rules/registry';

export interface CheckOptions {
  /** default date of service when the file has no `date:` header (YYYY-MM-DD) */
  date?: string;
  /** default setting when the file has no `setting:` header */
  setting?: 'inpatient' | 'outpatient';
  /** rule ids not to report */
  disabledRules?: string[];
  /** severity overrides by rule id */
  severities?: Record<string, Severity>;
  /**
   * The linked note (the `note:` header's file), read by the note reader, when the caller has it: quick-fix
   * candidates the note documents come first (docs/rules.md, "Candidate order"). The evidence rules themselves
   * are core/notes/rules.ts checkCodesAgainstNote.
   */
  note?: LinkedNote;
}

const FORMAT_SOURCE = 'Clinical Coding Review annotation format (docs/annotation-format.md)';

/** Checks one parsed file. Never throws for any parse result; findings are sorted by position. */
export function checkAnnotation(file: AnnotationFile, codeSet: CodeSet, options: CheckOptions = {}): Finding[] {
  const disabled = new Set([...(options.disabledRules ?? []), ...file.disabled]);
  const out: Finding[] = [];
  const report: RuleContext['report'] = (line: CodeLine | undefined, f) => {
    if (disabled.has(f.rule) || disabled.has(ALL_RULES)) return;
    if (line && (line.ignored.includes(f.rule) || line.ignored.includes(ALL_RULES))) return;
    const severity = options.severities?.[f.rule] ?? f.severity ?? defaultSeverity(f.rule);
    out.push({ ...f, severity });
  };

  for (const p of file.problems) {
    report(undefined, {
      rule: p.rule,
      severity: p.severity,
      span: p.span,
      message: p.message,
      source: FORMAT_SOURCE,
      data: p.data ?? { fix: 'none' },
    });
  }

  checkDirectives(file, report);

  const editions = codeSet.editions;
  if (editions.length === 0) {
    report(undefined, {
      rule: 'no-date-of-service',
      severity: 'error',
      span: { start: 0, end: 0 },
      message: 'No ICD-10-CM edition is loaded, so the codes could not be checked. Run `npm run data`.',
      source: 'data build',
      data: { fix: 'none' },
    });
    return sortFindings(out);
  }

  const dateHeader = file.headers.find((h) => h.key === 'date');
  const headerSpan: Span = dateHeader ? dateHeader.valueSpan : { start: 0, end: 0 };
  const date = file.date ?? (dateHeader ? undefined : options.date);
  let edition = editions.length - 1;
  if (date) {
    const er = codeSet.editionFor(date);
    if (er.ok) edition = er.index;
    else {
      edition = er.nearest?.index ?? edition;
      const label = editions[edition].label;
      report(undefined, {
        rule: 'date-outside-editions',
        span: headerSpan,
        message: `${er.message} The codes were checked against ${label}; results may differ for the real edition.`,
        source: 'ICD-10-CM editions and effective dates (cm/editions.tsv)',
        data: { fix: 'none' },
      });
    }
  } else if (!dateHeader) {
    const newest = editions[edition];
    report(undefined, {
      rule: 'no-date-of-service',
      span: { start: 0, end: 0 },
      message: `No date of service: add a header line \`date: YYYY-MM-DD\` (inpatient: the discharge date). The codes were checked against the newest edition, ${newest.label} (${newest.from} to ${newest.to}).`,
      source: 'ICD-10-CM editions and effective dates (cm/editions.tsv)',
      data: { fix: 'none' },
    });
  }
  // (a `date:` header with a bad value already has a header-error; the newest edition is used then.)

  const file2: AnnotationFile = file.setting || !options.setting ? file : { ...file, setting: options.setting };
  const ctx: RuleContext = {
    file: file2,
    codeSet,
    edition,
    editionLabel: editions[edition].label,
    date: date ?? undefined,
    dx: [],
    px: [],
    note: options.note,
    report,
  };
  classifyLines(ctx);
  checkPcs(ctx);
  checkListing(ctx);
  checkUnspecified(ctx);
  checkTabularNotes(ctx);
  checkCombinations(ctx);
  checkSequencing(ctx);
  checkPoa(ctx);
  checkClaimEdits(ctx);
  return sortFindings(out);
}

/** Edit distance (Levenshtein), for did-you-mean on rule ids. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The known rule ids closest to an unknown one (at most 3), best first. */
export function suggestRuleIds(id: string, known: Iterable<string>): string[] {
  const low = id.toLowerCase();
  const max = Math.max(2, Math.floor(low.length / 3));
  return [...known]
    .map((k) => ({ k, d: k.startsWith(low) && low.length >= 4 ? 1 : distance(low, k) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))
    .slice(0, 3)
    .map((x) => x.k);
}

/** unknown-rule: an ignore/disable comment naming a rule id that no rule has (it would silently do nothing). */
function checkDirectives(file: AnnotationFile, report: RuleContext['report']): void {
  if (!file.directives?.length) return;
  const known = knownRuleIds();
  known.add(ALL_RULES);
  known.add('all');
  for (const d of file.directives) {
    if (known.has(d.rule.toLowerCase())) continue;
    const sugg = suggestRuleIds(d.rule, known);
    report(undefined, {
      rule: 'unknown-rule',
      span: d.span,
      message:
        `'${d.rule}' is not a rule id, so this \`${d.kind}\` comment has no effect.` +
        (sugg.length
          ? ` Did you mean ${sugg.map((r) => `'${r}'`).join(' or ')}?`
          : ' The rule ids are listed in docs/rules.md.'),
      source: 'docs/rules.md (rule ids); docs/annotation-format.md (suppressing findings)',
      data: sugg.length
        ? { fix: 'edit', choices: sugg.map((r) => ({ label: `Change to '${r}'`, span: d.span, newText: r })) }
        : { fix: 'none' },
    });
  }
}

function sortFindings(list: Finding[]): Finding[] {
  return list.sort(
    (a, b) =>
      a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
