/**
 * Glue shared by the CLI and the language server: review an answer key (the ordinary annotation checks plus
 * the key-* rules), grade texts, and tell which files are answers to which key. Pure: names, not paths on disk.
 */
import { parseAnnotation } from '../annotation/parse';
import { checkAnnotation } from '../annotation/check';
import type { AnnotationFile } from '../annotation/types';
import type { Finding } from '../findings/types';
import type { CodeSet } from '../codeset/api';
import { LineIndex } from '../text/positions';
import { gradeExercise, type GradeOptions, type GradeResult } from './grade';
import { checkKey, parseKeyAnnotation, type KeyCheckOptions } from './key';
import type { ReportMeta } from './report';

export interface KeyReview {
  file: AnnotationFile;
  /** annotation checks then key-* rules, sorted by position */
  findings: Finding[];
  /** the same as 1-based lines, for reports */
  lines: ReportMeta['keyFindings'];
}

export function reviewKey(text: string, codeSet: CodeSet, options: KeyCheckOptions = {}): KeyReview {
  const file = parseKeyAnnotation(text);
  const findings = [
    ...checkAnnotation(file, codeSet, options.date ? { date: options.date } : {}),
    ...checkKey(file, codeSet, options),
  ].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : 1));
  const idx = new LineIndex(text);
  return {
    file,
    findings,
    lines: findings.map((f) => ({
      line: idx.positionAt(f.span.start).line + 1,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    })),
  };
}

export function gradeTexts(
  key: AnnotationFile,
  studentText: string,
  codeSet: CodeSet,
  options: GradeOptions = {},
): GradeResult {
  return gradeExercise(key, parseAnnotation(studentText), codeSet, options);
}

/** The last segment of a path written with / or \. */
export function baseName(p: string): string {
  const parts = p.split(/[/\\]/);
  return parts[parts.length - 1] ?? p;
}

/** "hf.key.codes" -> "hf"; undefined when the name is not an answer key's. */
export function exerciseName(keyFileName: string): string | undefined {
  const m = /^(.+)\.key\.codes$/i.exec(baseName(keyFileName));
  return m ? m[1] : undefined;
}

export function isKeyFile(name: string): boolean {
  return exerciseName(name) !== undefined;
}

/**
 * Whether a `.codes` file is an answer to the key, and the student's name: `NAME.<student>.codes` beside the key
 * gives <student>; a file whose `key:` header names the key gives its file name without `.codes`.
 */
export function studentFor(
  keyFileName: string,
  studentFileName: string,
  headerKey: string | undefined,
): { name: string } | undefined {
  const base = baseName(studentFileName);
  if (!/\.codes$/i.test(base) || isKeyFile(base) || /\.grade\./i.test(base)) return undefined;
  const ex = exerciseName(keyFileName);
  const byHeader = headerKey !== undefined && baseName(headerKey).toLowerCase() === baseName(keyFileName).toLowerCase();
  if (ex && base.toLowerCase().startsWith(ex.toLowerCase() + '.')) {
    const middle = base.slice(ex.length + 1, -'.codes'.length);
    if (middle) return { name: middle };
  }
  return byHeader ? { name: base.slice(0, -'.codes'.length) } : undefined;
}

/** The key a student file points at: its `key:` header, else NAME.key.codes for NAME.<student>.codes. */
export function keyNameFor(studentFileName: string, headerKey: string | undefined): string[] {
  const out: string[] = [];
  if (headerKey) out.push(headerKey);
  const base = baseName(studentFileName);
  const m = /^([^.]+)\.[^.]+\.codes$/i.exec(base);
  if (m && !isKeyFile(base)) out.push(`${m[1]}.key.codes`);
  return out;
}
