/**
 * Trainer grading in the editor (docs/exercises.md):
 * - request `clinicalCoding/grade` {uri, format?} (server/src/protocol.ts): the report of the student's answer
 *   at `uri`, or of the class when `uri` is the key; the logic is features/gradeRequest.ts;
 * - diagnostics of the `key-*` rules on open answer keys.
 * This file only wires them.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CodeSet } from '../core/codeset/api';
import { checkKey, parseKeyAnnotation } from '../core/grading/key';
import { isKeyFile } from '../core/grading/review';
import { readBounded } from '../node/files';
import { noteSupport } from '../node/note-support';
import { Grade, type GradeParams, type GradeResponse } from '../protocol';
import type { DiagnosticProvider, ServerContext } from '../services/serverContext';
import { findingToDiagnostic } from '../services/convert';
import { gradeDocument, type GradeFiles } from './gradeRequest';

/** Answers, keys and overrides files larger than this are not read. */
const MAX_BYTES = 5_000_000;

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(Grade, (p: GradeParams) => handleGrade(ctx, p));
  ctx.providers.diagnostics.push(keyDiagnostics);
}

/** The grade request: checks the params and the data, then gradeDocument; a failure is an InternalError. */
export function handleGrade(ctx: ServerContext, p: GradeParams): GradeResponse {
  if (typeof p?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri must be a string');
  const cs = ctx.data.codeSet();
  if (!cs) return { ok: false, message: ctx.data.error ?? 'The ICD-10 data is not loaded.' };
  try {
    return gradeDocument(serverGradeFiles(ctx, cs), p);
  } catch (e) {
    ctx.logger.error('grading failed', e);
    throw new ResponseError(ErrorCodes.InternalError, `grading failed: ${(e as Error).message}`);
  }
}

/** The server's GradeFiles: open documents first, then bounded reads of the disk. */
export function serverGradeFiles(ctx: ServerContext, codeSet: CodeSet): GradeFiles {
  return {
    codeSet,
    textOf: (file) => {
      const open = ctx.documents.get(pathToFileURL(file).toString());
      if (open) return open.getText();
      const r = readBounded(file, MAX_BYTES);
      return 'text' in r ? r.text : undefined;
    },
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    // key-unsupported needs the note reader (Alphabetic Index); skipped when it is not available
    support: (keyFile, keyText) =>
      ctx.data.dir ? noteSupport(keyFile, parseKeyAnnotation(keyText), codeSet, ctx.data.dir) : undefined,
  };
}

/** key-* diagnostics on answer keys (the ordinary annotation checks come from the diagnostics feature). */
export const keyDiagnostics: DiagnosticProvider = ({ doc, info }) => {
  if (!info.annotation || !info.codeSet || !isKeyFile(doc.uri)) return [];
  return checkKey(info.annotation, info.codeSet).map((f) => findingToDiagnostic(doc, f));
};
