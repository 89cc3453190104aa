/**
 * Trainer grading in the editor (docs/exercises.md):
 * - request `clinicalCoding/grade` {uri, format?} grades the student's answer at `uri` (the open text, else the
 *   file) against its key (its `key:` header, else NAME.key.codes beside NAME.<student>.codes), or — when `uri`
 *   is the key — every answer beside it (a class report). Returns the report and the file name to write it to.
 * - diagnostics of the `key-*` rules on open answer keys.
 * The server only reads files; the client writes the report (never overwriting).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { parseAnnotation } from '../core/annotation/parse';
import { checkKey, parseKeyAnnotation } from '../core/grading/key';
import { noteSupport } from '../node/note-support';
import {
  classReport,
  renderClass,
  renderGrade,
  type GradedStudent,
  type ReportFormat,
  type ReportMeta,
} from '../core/grading/report';
import { parseOverrides, type Override } from '../core/grading/overrides';
import { exerciseName, gradeTexts, isKeyFile, keyNameFor, reviewKey, studentFor } from '../core/grading/review';
import type { ServerContext } from '../services/context';
import { findingToDiagnostic } from '../services/convert';

export const Grade = 'clinicalCoding/grade';

export interface GradeParams {
  uri: string;
  /** default markdown */
  format?: 'markdown' | 'html' | 'json' | 'text' | 'csv';
}

export interface GradeResponse {
  ok: boolean;
  /** why grading was not possible (ok === false) */
  message?: string;
  format?: string;
  /** the report */
  content?: string;
  /** file name (no folder) the client should write the report to, beside `uri` */
  suggestedName?: string;
  /** 'student' or 'class' */
  kind?: 'student' | 'class';
  keyUri?: string;
  /** one student: the percentage; class: the average */
  percent?: number;
  students?: number;
}

const MAX_BYTES = 5_000_000;

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function register(ctx: ServerContext): void {
  /** the open document's text, else the file's; undefined when neither */
  const textOf = (file: string): string | undefined => {
    const open = ctx.documents.get(pathToFileURL(file).toString());
    if (open) return open.getText();
    try {
      const st = statSync(file);
      if (!st.isFile() || st.size > MAX_BYTES) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };

  /** key-unsupported needs the note reader (Alphabetic Index); skipped when it is not available */
  const support = (keyFile: string, keyText: string) => {
    const cs = ctx.data.codeSet();
    return cs && ctx.data.dir ? noteSupport(keyFile, parseKeyAnnotation(keyText), cs, ctx.data.dir) : undefined;
  };

  /** NAME.overrides.tsv beside the key, when there is one (bad rows are skipped; the CLI lists them) */
  const overridesFor = (keyFile: string): Override[] => {
    const ex = exerciseName(path.basename(keyFile));
    const text = ex ? textOf(path.join(path.dirname(keyFile), `${ex}.overrides.tsv`)) : undefined;
    return text === undefined ? [] : parseOverrides(text).overrides;
  };

  ctx.connection.onRequest(Grade, (p: GradeParams): GradeResponse => {
    if (typeof p?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri must be a string');
    const format: ReportFormat = p.format ?? 'markdown';
    const cs = ctx.data.codeSet();
    if (!cs) return { ok: false, message: ctx.data.error ?? 'The ICD-10 data is not loaded.' };
    const file = toPath(p.uri);
    if (!file) return { ok: false, message: 'Only files on disk can be graded (save the answer first).' };
    if (!/\.codes$/i.test(file))
      return { ok: false, message: 'Open a student answer (.codes file) or an answer key (NAME.key.codes) to grade.' };
    const dir = path.dirname(file);
    const base = path.basename(file);
    try {
      if (isKeyFile(base)) {
        // Class report over the answers beside the key.
        const keyText = textOf(file);
        if (keyText === undefined) return { ok: false, message: `Cannot read the answer key ${base}.` };
        const review = reviewKey(keyText, cs, support(file, keyText));
        const meta: ReportMeta = { keyFile: base, keyFindings: review.lines };
        const graded: GradedStudent[] = [];
        for (const name of readdirSync(dir).sort()) {
          if (name === base || !/\.codes$/i.test(name)) continue;
          const text = textOf(path.join(dir, name));
          if (text === undefined) continue;
          const who = studentFor(base, name, parseAnnotation(text).key);
          if (who)
            graded.push({
              name: who.name,
              file: name,
              result: gradeTexts(review.file, text, cs, { student: who.name, overrides: overridesFor(file) }),
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
          suggestedName: `${exerciseName(base)}.class.grade.${ext(format)}`,
          keyUri: p.uri,
          percent: report.average,
          students: graded.length,
        };
      }
      const studentText = textOf(file);
      if (studentText === undefined) return { ok: false, message: `Cannot read ${base}.` };
      const header = parseAnnotation(studentText).key;
      const candidates = keyNameFor(base, header).map((k) => path.resolve(dir, k));
      const keyFile = candidates.find((k) => textOf(k) !== undefined);
      if (!keyFile)
        return {
          ok: false,
          message: candidates.length
            ? `The answer key ${candidates.map((c) => path.relative(dir, c) || c).join(' or ')} was not found beside ${base}.`
            : `${base} does not say which exercise it answers: add a header line 'key: NAME.key.codes', or name it NAME.<student>.codes beside the key.`,
        };
      const keyText = textOf(keyFile)!;
      const review = reviewKey(keyText, cs, support(keyFile, keyText));
      const keyBase = path.basename(keyFile);
      const meta: ReportMeta = { keyFile: keyBase, keyFindings: review.lines };
      const who = studentFor(keyBase, base, header) ?? { name: base.replace(/\.codes$/i, '') };
      const result = gradeTexts(review.file, studentText, cs, { student: who.name, overrides: overridesFor(keyFile) });
      return {
        ok: true,
        kind: 'student',
        format,
        content: renderGrade(format, { name: who.name, file: base, result }, meta),
        suggestedName: `${base.replace(/\.codes$/i, '')}.grade.${ext(format)}`,
        keyUri: pathToFileURL(keyFile).toString(),
        percent: result.score.percent,
        students: 1,
      };
    } catch (e) {
      ctx.logger.error('grading failed', e);
      throw new ResponseError(ErrorCodes.InternalError, `grading failed: ${(e as Error).message}`);
    }
  });

  // key-* diagnostics on answer keys (the ordinary annotation checks come from the diagnostics feature).
  ctx.providers.diagnostics.push(({ doc, info }) => {
    if (!info.annotation || !info.codeSet || !isKeyFile(doc.uri)) return [];
    return checkKey(info.annotation, info.codeSet).map((f) => findingToDiagnostic(doc, f));
  });
}

function ext(format: ReportFormat): string {
  return format === 'markdown' ? 'md' : format === 'text' ? 'txt' : format;
}
