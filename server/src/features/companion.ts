/**
 * The companion of a document (request `clinicalCoding/companion`, server/src/protocol.ts): the note an
 * annotation file codes, or the annotation file of a note, by the linking service (core/linking.ts) and so by
 * its one precedence. The client's "Open note for this annotation file" / "Open annotation file for this note"
 * ask here instead of deciding themselves.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { fileNameOf, isAnnotationUri, isKeyUri, type Linker } from '../core/linking';
import { parseKeyAnnotation } from '../core/grading/key';
import { Companion, type CompanionParams, type CompanionResult } from '../protocol';
import type { ServerContext } from '../services/serverContext';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(Companion, (p: CompanionParams) => handleCompanion(ctx, p));
}

/** The request: checks the params, then companionOf; a failure is an InternalError (logged). */
export function handleCompanion(ctx: ServerContext, p: CompanionParams): CompanionResult {
  if (typeof p?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri must be a string');
  try {
    return companionOf(ctx.linker, p.uri);
  } catch (e) {
    ctx.logger.error('companion failed', e);
    throw new ResponseError(ErrorCodes.InternalError, `companion failed: ${(e as Error).message}`);
  }
}

/** The note of an annotation file (its open text first), or the annotation file of a note. */
export function companionOf(linker: Linker, uri: string): CompanionResult {
  if (!isAnnotationUri(uri)) {
    const codes = linker.codesFor(uri);
    return codes
      ? { kind: 'codes', uri: codes.uri }
      : { kind: 'codes', message: `No annotation file for ${fileNameOf(uri)} yet.` };
  }
  const read = linker.workspace.read(uri);
  if (!('text' in read)) return { kind: 'note', message: `${fileNameOf(uri)} ${read.problem}.` };
  // an answer key is read with its own syntax (answers with alternatives); its note: header is the same
  const file = isKeyUri(uri) ? parseKeyAnnotation(read.text) : linker.annotation(uri, read.text);
  const note = linker.noteFor(uri, file);
  if (!note)
    return {
      kind: 'note',
      message: `No note found for ${fileNameOf(uri)}: add a note: header naming it, or put NAME.note beside NAME.codes.`,
    };
  if ('problem' in note)
    return {
      kind: 'note',
      message: `The note named in the note: header of ${fileNameOf(uri)} (${file.note}) ${note.problem}.`,
    };
  return { kind: 'note', uri: note.uri };
}
