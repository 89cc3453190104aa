/**
 * Checks on a parsed `.codes` file against the code set for its date of service. Pure: the date comes from
 * the file's `date:` header or options.date; no clock. Rules are documented in docs/rules.md.
 */
import type { CodeSet } from '../codeset/api';
import type { Severity, Span } from '../types';
import type { AnnotationFile, CodeLine, Finding } from './types';
import { defaultSeverity, type RuleContext } from './rules/context';
import { checkListing } from './rules/listing';
import { checkPoa } from './rules/poa';
import { checkTabularNotes } from './rules/tabular-notes';
import { checkPcs, classifyLines } from './rules/validity';

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
}

const FORMAT_SOURCE = 'Clinical Coding Review annotation format (docs/annotation-format.md)';

/** Checks one parsed file. Never throws for any parse result; findings are sorted by position. */
export function checkAnnotation(file: AnnotationFile, codeSet: CodeSet, options: CheckOptions = {}): Finding[] {
  const disabled = new Set([...(options.disabledRules ?? []), ...file.disabled]);
  const out: Finding[] = [];
  const report: RuleContext['report'] = (line: CodeLine | undefined, f) => {
    if (disabled.has(f.rule)) return;
    if (line && (line.ignored.includes(f.rule) || line.ignored.includes('*'))) return;
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
      data: { fix: 'none' },
    });
  }

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
    report,
  };
  classifyLines(ctx);
  checkPcs(ctx);
  checkListing(ctx);
  checkTabularNotes(ctx);
  checkPoa(ctx);
  return sortFindings(out);
}

function sortFindings(list: Finding[]): Finding[] {
  return list.sort(
    (a, b) =>
      a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
