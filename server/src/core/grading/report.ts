/**
 * Grade reports: one student (JSON, text, markdown, HTML, CSV) and a class (a folder of students) with a
 * table per student and per answer line (most missed first). Pure: results in, strings out.
 * The JSON schema is documented in docs/exercises.md ("JSON report"). The model and the class report are
 * report-model.ts; each format renders in its own file (report-text, report-markdown, report-html, report-csv).
 */
import { classCsv, gradeCsv } from './report-csv';
import { classHtml, gradeHtml } from './report-html';
import { classMarkdown, gradeMarkdown } from './report-markdown';
import type { ClassReport, GradedStudent, ReportMeta } from './report-model';
import { classText, gradeText } from './report-text';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'html' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'html', 'csv'];

export {
  classReport,
  type ClassLineSummary,
  type ClassReport,
  type GradedStudent,
  type ReportMeta,
} from './report-model';
export { classCsv, csvCell, gradeCsv } from './report-csv';
export { classHtml, gradeHtml, htmlEscape } from './report-html';
export { classMarkdown, gradeMarkdown, mdEscape } from './report-markdown';
export { classText, gradeText } from './report-text';

export function gradeJson(s: GradedStudent, meta: ReportMeta): string {
  return (
    JSON.stringify(
      {
        ...s.result,
        kind: 'grade',
        key: meta.keyFile,
        student: { name: s.name, file: s.file },
        keyFindings: meta.keyFindings,
      },
      null,
      2,
    ) + '\n'
  );
}

export function renderGrade(format: ReportFormat, s: GradedStudent, meta: ReportMeta): string {
  switch (format) {
    case 'json':
      return gradeJson(s, meta);
    case 'markdown':
      return gradeMarkdown(s, meta);
    case 'html':
      return gradeHtml(s, meta);
    case 'csv':
      return gradeCsv(s);
    default:
      return gradeText(s, meta);
  }
}

export function renderClass(format: ReportFormat, c: ClassReport, meta: ReportMeta): string {
  switch (format) {
    case 'json':
      return JSON.stringify(c, null, 2) + '\n';
    case 'markdown':
      return classMarkdown(c);
    case 'html':
      return classHtml(c, meta);
    case 'csv':
      return classCsv(c);
    default:
      return classText(c);
  }
}
