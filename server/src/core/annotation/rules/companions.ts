/**
 * Which "use additional code" notes a coder can act on (use-additional-code, docs/rules.md). Not flagged:
 * - notes the Tabular itself makes optional: "if applicable", "where applicable", "if known", "such as" lists;
 * - the CKD-stage notes (ckd-stage-missing reports them as a warning);
 * - with the linked note read: an item of a "code to identify:" list whose words the note never uses (J45's
 *   "eosinophilic asthma (J82.83)" in a note that does not say "eosinophilic"), and an item the note says is absent
 *   (ABSENT: diet-controlled diabetes needs no insulin/oral drug code; a never-smoker no tobacco code).
 */
import { isCkdStageNote } from './combination';

/** Notes the Tabular marks optional. */
export const OPTIONAL_NOTE = /\bif (?:applicable|known)\b|\bwhere applicable\b|\bsuch as\b/i;

/**
 * Companion codes a note can say are absent: the code prefixes and the words that say so. A short documented table
 * (a wrong reminder costs more than a missed one).
 */
export const ABSENT: ReadonlyArray<{ refs: readonly string[]; absent: RegExp; what: string }> = [
  {
    refs: ['Z79.4', 'Z79.84', 'Z79.85'],
    absent:
      /\bdiet[- ]controlled\b|\bdiet (?:and exercise )?(?:alone|only)\b|\bno (?:diabetic |diabetes )?medications?\b|\bnot on (?:any )?(?:diabetes )?medications?\b/i,
    what: 'diabetes controlled without drugs',
  },
  {
    refs: ['Z72.0', 'F17', 'Z87.891', 'Z77.22', 'Z57.31', 'P96.81'],
    absent:
      /\bnever[- ]smoke[rd]\b|\bnever (?:a )?smoker\b|\bnon-?smoker\b|\bdenies (?:any )?(?:tobacco|smoking|cigarettes?)\b|\bno (?:history of )?(?:tobacco|smoking)\b/i,
    what: 'no tobacco use or exposure',
  },
];

/** Words that do not tell an item apart ("long term (current) use of …", "exposure to …"). */
const GENERIC = new Set(
  'code codes identify use long term current other type exposure history occupational period drugs drug associated any with without from during'.split(
    ' ',
  ),
);

function itemWords(item: string): string[] {
  return item
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4 && !GENERIC.has(w));
}

export interface NoteItem {
  text: string;
  refs: string[];
}

/**
 * The items of one note group (one Tabular level) a coder can act on, in order; [] when none. `noteText` is the
 * linked note's text when it was read. `matches(code, ref)` is codeSet.matchesRef. An item of a list is kept when
 * the note uses one of its distinguishing words (4+ letters, not generic, not in the code's own title).
 */
export function actionableItems(
  items: readonly NoteItem[],
  noteText: string | undefined,
  matches: (code: string, ref: string) => boolean,
  /** the listed code's title: its words do not tell an item apart ("asthma" for J45.20) */
  ownTitle = '',
): NoteItem[] {
  const own = new Set(itemWords(ownTitle));
  if (items.some((i) => OPTIONAL_NOTE.test(i.text) || isCkdStageNote(i.text))) return [];
  const list = items.length > 1 && items[0].text.trim().endsWith(':') && items[0].refs.length === 0;
  const lower = noteText?.toLowerCase();
  return items.filter((i) => {
    if (i.refs.length === 0) return list; // the lead-in of a list stays with its items
    if (noteText === undefined) return true;
    const gone = ABSENT.find((x) => x.absent.test(noteText) && i.refs.every((r) => x.refs.some((p) => matches(r, p))));
    if (gone) return false;
    if (!list) return true;
    const w = itemWords(i.text).filter((x) => !own.has(x));
    return w.length === 0 || w.some((x) => lower!.includes(x.slice(0, Math.max(4, x.length - 2))));
  });
}
