/**
 * Helpers for the columnar artifacts (cm, Tabular): entries of a column are joined by CM_SEPARATOR and
 * read in place through offset arrays; code -> row lookups hash a range of a column. Pure.
 */
import { CM_SEPARATOR } from '../data';

/**
 * Start offset of each CM_SEPARATOR-separated entry of a column, plus one past the end: entry i is
 * [o[i], o[i+1] - 1). Returns null unless the column has exactly `count` entries.
 */
export function columnOffsets(text: string, count: number): Uint32Array | null {
  const o = new Uint32Array(count + 1);
  let p = 0;
  for (let i = 0; i < count; i++) {
    o[i] = p;
    const nl = text.indexOf(CM_SEPARATOR, p);
    if (nl < 0 !== (i === count - 1)) return null;
    p = nl < 0 ? text.length + 1 : nl + 1;
  }
  o[count] = p;
  return o;
}

/** FNV-1a over the char codes of s[a, b) */
export function hashRange(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
