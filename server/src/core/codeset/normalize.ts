/**
 * Code text normalisation for ICD-10-CM: case, surrounding spaces and the dot.
 * Internal keys are upper case without the dot ("I5023"); display form is dotted ("I50.23").
 */

/** A CM code key: a letter, a digit, then 1–5 letters/digits (3–7 characters in all). */
const KEY_RE = /^[A-Z][0-9][0-9A-Z]{1,5}$/;
/** Letter-letter keys exist too (FY2026 "QA0…"); they are accepted only for a known category. */
const LETTER_KEY_RE = /^[A-Z][A-Z][0-9A-Z]{1,5}$/;

/**
 * The undotted key for raw code text, or null when it cannot be a code.
 * Accepts any case and surrounding spaces; a dot is accepted only after the third character. A key whose
 * second character is a letter is accepted only when `knownCategory` says its category exists.
 */
export function compact(raw: string, knownCategory?: (cat: string) => boolean): string | null {
  const t = raw.trim().toUpperCase();
  if (t.length === 0) return null;
  const dot = t.indexOf('.');
  let key: string;
  if (dot === -1) key = t;
  else {
    if (dot !== 3 || t.indexOf('.', dot + 1) !== -1) return null;
    key = t.slice(0, 3) + t.slice(4);
  }
  if (KEY_RE.test(key)) return key;
  return knownCategory && LETTER_KEY_RE.test(key) && knownCategory(key.slice(0, 3)) ? key : null;
}

/** Loose key: strips every dot, space, comma and dash; used only for suggestions. */
export function looseKey(raw: string): string {
  return raw.toUpperCase().replace(/[\s.,\-_]/g, '');
}

/** Dotted display form of a key or already-dotted code: "I5023" -> "I50.23", "I50" -> "I50". */
export function display(code: string): string {
  const k = code.trim().toUpperCase().replace(/\./g, '');
  return k.length > 3 ? `${k.slice(0, 3)}.${k.slice(3)}` : k;
}

/** "fy2024-april" -> "FY2024 April", "fy2026" -> "FY2026". */
export function shortLabel(id: string): string {
  const m = /^fy(\d{4})(?:-(\w+))?$/i.exec(id);
  if (!m) return id;
  return m[2] ? `FY${m[1]} ${m[2][0]!.toUpperCase()}${m[2].slice(1)}` : `FY${m[1]}`;
}
