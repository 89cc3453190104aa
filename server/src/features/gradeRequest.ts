/**
 * The `clinicalCoding/grade` request (server/src/protocol.ts, docs/exercises.md), as named functions over a
 * small `GradeFiles` interface so they can be read and tested without a connection. features/grading.ts
 * wires them. A student's answer is graded against its key (its `key:` header, else NAME.key.codes beside
 * NAME.<student>.codes); an answer key grades every answer beside it (a class report). The server only reads
 * files; the client writes the report (never overwriting).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAnnotation } from '../core/annotation/parse';
import type { CodeSet } from '../core/codeset/api';
import type { KeyCheckOptions } from '../core/grading/key';
import { parseOverrides, type Override } from '../core/grading/overrides';
import {
  classReport,
  renderClass,
  renderGrade,
  type GradedStudent,
  type ReportFormat,
  type ReportMeta,
} from '../core/grading/report';
import { exerciseName, gradeTexts, isKeyFile, keyNameFor, reviewKey, studentFor } from '../core/grading/review';
import { uriToPath } from '../node/files';
import type { GradeParams, GradeResponse } from '../protocol';

/** What grading needs of the server: the code set and the files around the answer. */
export interface GradeFiles {
  codeSet: CodeSet;
  /** the open document's text, else the file's (bounded); undefined when neither can be read */
  textOf(file: string): string | undefined;
  /** the file names in a folder ([] when it cannot be read) */
  list(dir: string): string[];
  /** the key-unsupported rule's note support for a key (undefined: the rule is skipped) */
  support(keyFile: string, keyText: string): Pick<KeyCheckOptions, 'supportedByNote' | 'noteName'> | undefined;
}

/** The report for `p.uri`: one student's grade, or the class report when it is the key. */
export function gradeDocument(files: GradeFiles, p: GradeParams): GradeResponse {
  const format: ReportFormat = p.format ?? 'markdown';
  const file = uriToPath(p.uri);
  if (!file) return { ok: false, message: 'Only files on disk can be graded (save the answer first).' };
  if (!/\.codes$/i.test(file))
    return { ok: false, message: 'Open a student answer (.codes file) or an answer key (NAME.key.codes) to grade.' };
  return isKeyFile(path.basename(file)) ? gradeClass(files, file, p.uri, format) : gradeStudent(files, file, format);
}

/** The class report over the answers beside the key at `keyFile`. */
export function gradeClass(files: GradeFiles, keyFile: string, keyUri: string, format: ReportFormat): GradeResponse {
  const dir = path.dirname(keyFile);
  const base = path.basename(keyFile);
  const keyText = files.textOf(keyFile);
  if (keyText === undefined) return { ok: false, message: `Cannot read the answer key ${base}.` };
  const review = reviewKey(keyText, files.codeSet, files.support(keyFile, keyText));
  const meta: ReportMeta = { keyFile: base, keyFindings: review.lines };
  const overrides = overridesFor(files, keyFile);
  const graded: GradedStudent[] = [];
  for (const name of files.list(dir).sort()) {
    if (name === base || !/\.codes$/i.test(name)) continue;
    const text = files.textOf(path.join(dir, name));
    if (text === undefined) continue;
    const who = studentFor(base, name, parseAnnotation(text).key);
    if (who)
      graded.push({
        name: who.name,
        file: name,
        result: gradeTexts(review.file, text, files.codeSet, { student: who.name, overrides }),
      });
  }
  if (!graded.length)
    return {
      ok: false,
      message: `No student answers beside ${base}: name them ${exerciseName(base)}.<student>.codes or put 'key: ${base}' in their header.`,
    };
  const report = classReport(graded, meta);
  return {
    ok: true,
    kind: 'class',
    format,
    content: renderClass(format, report, meta),
    suggestedName: `${exerciseName(base)}.class.grade.${extensionOf(format)}`,
    keyUri,
    percent: report.average,
    students: graded.length,
  };
}

/** One student's grade against the key the answer names (or the key beside it). */
export function gradeStudent(files: GradeFiles, file: string, format: ReportFormat): GradeResponse {
  const base = path.basename(file);
  const studentText = files.textOf(file);
  if (studentText === undefined) return { ok: false, message: `Cannot read ${base}.` };
  const header = parseAnnotation(studentText).key;
  const found = keyFor(files, file, header);
  if ('message' in found) return { ok: false, message: found.message };
  const { keyFile, keyText } = found;
  const review = reviewKey(keyText, files.codeSet, files.support(keyFile, keyText));
  const keyBase = path.basename(keyFile);
  const meta: ReportMeta = { keyFile: keyBase, keyFindings: review.lines };
  const who = studentFor(keyBase, base, header) ?? { name: base.replace(/\.codes$/i, '') };
  const result = gradeTexts(review.file, studentText, files.codeSet, {
    student: who.name,
    overrides: overridesFor(files, keyFile),
  });
  return {
    ok: true,
    kind: 'student',
    format,
    content: renderGrade(format, { name: who.name, file: base, result }, meta),
    suggestedName: `${base.replace(/\.codes$/i, '')}.grade.${extensionOf(format)}`,
    keyUri: pathToFileURL(keyFile).toString(),
    percent: result.score.percent,
    students: 1,
  };
}

/** The answer key of a student's file: the first readable candidate, or why there is none. */
export function keyFor(
  files: GradeFiles,
  file: string,
  headerKey: string | undefined,
): { keyFile: string; keyText: string } | { message: string } {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const candidates = keyNameFor(base, headerKey).map((k) => path.resolve(dir, k));
  for (const keyFile of candidates) {
    const keyText = files.textOf(keyFile);
    if (keyText !== undefined) return { keyFile, keyText };
  }
  return {
    message: candidates.length
      ? `The answer key ${candidates.map((c) => path.relative(dir, c) || c).join(' or ')} was not found beside ${base}.`
      : `${base} does not say which exercise it answers: add a header line 'key: NAME.key.codes', or name it NAME.<student>.codes beside the key.`,
  };
}

/** NAME.overrides.tsv beside the key, when there is one (bad rows are skipped; the CLI lists them). */
export function overridesFor(files: GradeFiles, keyFile: string): Override[] {
  const ex = exerciseName(path.basename(keyFile));
  const text = ex ? files.textOf(path.join(path.dirname(keyFile), `${ex}.overrides.tsv`)) : undefined;
  return text === undefined ? [] : parseOverrides(text).overrides;
}

/** The report file's extension for a format. */
export function extensionOf(format: ReportFormat): string {
  return format === 'markdown' ? 'md' : format === 'text' ? 'txt' : format;
}
