/**
 * Partial credit (docs/exercises.md, "Partial credit"): how a student code can be partly right, the default
 * share of a line's weight for each kind, and the reason text of each kind.
 */

/** How a student code can be partly right (docs/exercises.md, "Partial credit"). */
export type PartialKind = 'seventh-character' | 'laterality' | 'specificity' | 'category';

export const PARTIAL_KINDS: readonly PartialKind[] = ['seventh-character', 'laterality', 'specificity', 'category'];

/** Default share of a line's weight for each partial kind. */
export const DEFAULT_PARTIAL_WEIGHTS: Readonly<Record<PartialKind, number>> = {
  'seventh-character': 0.5,
  laterality: 0.5,
  specificity: 0.5,
  category: 0.25,
};

/** What each partial kind means, as it appears in reason lines. */
export const PARTIAL_TEXT: Record<PartialKind, string> = {
  'seventh-character': 'right code, wrong 7th character',
  laterality: 'right condition, wrong laterality',
  specificity: 'right subcategory, wrong specificity',
  category: 'right category, wrong subcategory',
};

const LATERALITY = new Set(['right', 'left', 'bilateral', 'unspecified', 'side', 'sides', 'of']);

function words(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** True when the two titles differ only in laterality words (and one of them names a side). */
function lateralityOnly(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a === b) return false;
  const wa = words(a);
  const wb = words(b);
  const sided = (w: string[]): boolean => w.some((x) => x === 'right' || x === 'left' || x === 'bilateral');
  if (!sided(wa) && !sided(wb)) return false;
  const rest = (w: string[]): string => w.filter((x) => !LATERALITY.has(x)).join(' ');
  return rest(wa) === rest(wb);
}

/** The partial kind relating a student code to an answer, or undefined when unrelated (both normalised). */
export function partialKind(
  answer: string,
  student: string,
  titleOf: (code: string) => string | undefined,
): PartialKind | undefined {
  if (answer === student) return undefined;
  if (answer.slice(0, 3) !== student.slice(0, 3) || answer.length < 3 || student.length < 3) return undefined;
  if (answer.length === 7 && student.length === 7 && answer.slice(0, 6) === student.slice(0, 6))
    return 'seventh-character';
  if (lateralityOnly(titleOf(answer), titleOf(student))) return 'laterality';
  if (answer.length >= 4 && student.length >= 4 && answer[3] === student[3]) return 'specificity';
  return 'category';
}
