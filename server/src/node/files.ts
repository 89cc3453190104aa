/**
 * Bounded, defensive file reads for the linking Workspace of the server and the CLI: a linked file
 * larger than 2 MB, binary or not UTF-8 is not read, with the reason in words.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadResult } from '../core/linking';

/** Linked files (notes, annotation files) larger than this are not read. */
export const MAX_LINKED_BYTES = 2 * 1024 * 1024;

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function readBounded(p: string, maxBytes = MAX_LINKED_BYTES): ReadResult {
  let size: number;
  try {
    const st = statSync(p);
    if (!st.isFile()) return { problem: 'is a folder, not a file' };
    size = st.size;
  } catch {
    return { problem: 'was not found', missing: true };
  }
  if (size > maxBytes) return { problem: `is larger than ${maxBytes / 1024 / 1024} MB` };
  try {
    const bytes = readFileSync(p);
    if (bytes.subarray(0, 8192).includes(0)) return { problem: 'looks binary' };
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code ? `could not be read (${code})` : 'is not UTF-8 text' };
  }
}

/** File names in the folder of `p`; [] when it cannot be read. */
export function listFolder(p: string): string[] {
  try {
    return readdirSync(path.dirname(p));
  } catch {
    return [];
  }
}
