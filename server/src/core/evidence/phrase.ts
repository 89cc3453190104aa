/** Where a `.codes` line's quoted evidence phrase occurs in its note (whitespace and case folded). Pure. */
import type { Span } from '../types';

/** Lower-cases and collapses whitespace, keeping a map from folded offsets back to the original text. */
function fold(text: string): { s: string; map: number[] } {
  let s = '';
  const map: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      if (!space && s.length) {
        s += ' ';
        map.push(i);
      }
      space = true;
    } else {
      s += c.toLowerCase();
      map.push(i);
      space = false;
    }
  }
  return { s, map };
}

/**
 * Where an evidence phrase occurs in the note (whitespace and case folded), or undefined: the first
 * occurrence. An ellipsis ("dementia ... mild") stands for any words between the parts, in order.
 */
export function findEvidence(noteText: string, phrase: string): Span | undefined {
  return findEvidenceAll(noteText, phrase)[0];
}

/** Every occurrence of an evidence phrase in the note (see findEvidence). */
export function findEvidenceAll(noteText: string, phrase: string): Span[] {
  const parts = phrase
    .split(/\s*(?:\.\.\.|\u2026)\s*/)
    .map((x) => fold(x).s.trim())
    .filter(Boolean);
  if (!parts.length) return [];
  const f = fold(noteText);
  const out: Span[] = [];
  let from = 0;
  for (;;) {
    const i = f.s.indexOf(parts[0], from);
    if (i < 0) break;
    let end = i + parts[0].length;
    let ok = true;
    for (const part of parts.slice(1)) {
      const j = f.s.indexOf(part, end);
      if (j < 0) {
        ok = false;
        break;
      }
      end = j + part.length;
    }
    if (!ok) break;
    out.push({ start: f.map[i], end: f.map[end - 1] + 1 });
    from = i + 1;
  }
  return out;
}
