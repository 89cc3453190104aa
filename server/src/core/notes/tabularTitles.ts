/**
 * Tabular titles beside and instead of the Index's codes (issue 11): the FY2017 Index predates many codes
 * (K76.82 Hepatic encephalopathy, U07.1 COVID-19, E83.52 Hypercalcemia as a main term of its own), so a title
 * whose every word is the mention's is offered beside the Index's code, first where the Index reached its code
 * through a "see", and a word or abbreviation whose whole title it is reads as that code. Pure; memoised per
 * phrase and edition.
 */
import type { CodeCandidate } from '../evidence/mention';
import type { NoteCodeSet } from './reader';
import { words } from './text';

/** words a title may have that the note need not write */
export const STOPWORDS = new Set([
  'of',
  'and',
  'with',
  'without',
  'the',
  'in',
  'or',
  'due',
  'to',
  'other',
  'site',
  'not',
  'elsewhere',
  'classified',
]);

export class TabularTitles {
  /** per edition: phrase -> Tabular matches */
  private readonly searchCache: Array<Map<string, Array<Omit<CodeCandidate, 'score'>>>> = [];

  constructor(private readonly codeSet: NoteCodeSet) {}

  /**
   * Tabular titles and inclusion terms that match a mention's words (codeSet.search), memoised per phrase.
   * Only titles whose every content word is in the mention count, so "hepatic encephalopathy" finds K76.82
   * but "pain" finds nothing.
   */
  private tabular(phrase: string, ed: number): Array<Omit<CodeCandidate, 'score'>> {
    const cache = (this.searchCache[ed] ??= new Map());
    const hit = cache.get(phrase);
    if (hit) return hit;
    const out: Array<Omit<CodeCandidate, 'score'>> = [];
    const want = new Set(words(phrase).filter((w) => !STOPWORDS.has(w)));
    if (this.codeSet.search && want.size >= 2) {
      for (const h of this.codeSet.search(phrase, ed, 10)) {
        if (h.matched === 'code-prefix' || h.billable === false) continue;
        const text = h.matched === 'inclusion-term' && h.term ? h.term : h.title;
        const tw = words(text.replace(/\b(unspecified|NOS)\b/gi, '')).filter((w) => !STOPWORDS.has(w));
        if (!tw.length || !tw.every((w) => want.has(w))) continue;
        if (this.codeSet.classify(h.code, ed).kind !== 'billable') continue;
        out.push({
          code: h.code,
          title: h.title,
          billable: true,
          path: `Tabular: ${h.matched === 'inclusion-term' ? `inclusion term "${text}" of ` : ''}${h.code} ${h.title}`,
        });
        if (out.length >= 2) break;
      }
    }
    if (cache.size > 20000) cache.clear();
    cache.set(phrase, out);
    return out;
  }

  /** Adds Tabular title matches: first when the title is exactly the mention's words, else second. */
  withTabular(list: CodeCandidate[], phrase: string, ed: number): CodeCandidate[] {
    const tab = this.tabular(phrase, ed);
    if (!tab.length) return list;
    const out = [...list];
    const score = list[0]?.score ?? 0;
    let at = Math.min(1, out.length);
    // a title that is the mention's words exactly ("Hepatic encephalopathy" K76.82, newer than the Index's
    // "see Failure, hepatic" K72.90) comes first
    const want = words(phrase)
      .filter((w) => !STOPWORDS.has(w))
      .join(' ');
    for (const t of tab) {
      if (out.some((c) => c.code === t.code)) continue;
      const exact =
        words(t.title.replace(/\b(unspecified|NOS)\b/gi, ''))
          .filter((w) => !STOPWORDS.has(w))
          .join(' ') === want;
      // only over an Index code reached through a "see" (a related entry, not the words written)
      const first =
        exact && !/^other\b/i.test(t.title) && !t.path.includes('inclusion term') && !!list[0]?.path.includes('→ see');
      out.splice(first ? 0 : at++, 0, { ...t, score });
      break;
    }
    return out;
  }

  /** per edition: a word -> the billable code whose Tabular title is that word alone (null: none) */
  private readonly exactCache: Array<Map<string, Omit<CodeCandidate, 'score'> | null>> = [];

  /** The billable code whose whole Tabular title is the phrase ("Hypercalcemia" → E83.52), or undefined. */
  exact(phrase: string, ed: number): Omit<CodeCandidate, 'score'> | undefined {
    const cache = (this.exactCache[ed] ??= new Map());
    let hit = cache.get(phrase);
    if (hit === undefined) {
      hit = null;
      const want = words(phrase).join(' ');
      for (const h of this.codeSet.search?.(phrase, ed, 5) ?? []) {
        if (h.matched !== 'title' || h.billable === false) continue;
        const tw = words(h.title.replace(/\b(unspecified|NOS)\b/gi, '')).filter((w) => !STOPWORDS.has(w));
        if (tw.join(' ') !== want) continue;
        if (this.codeSet.classify(h.code, ed).kind !== 'billable') continue;
        hit = { code: h.code, title: h.title, billable: true, path: `Tabular: ${h.code} ${h.title} (the whole title)` };
        break;
      }
      if (cache.size > 20000) cache.clear();
      cache.set(phrase, hit);
    }
    return hit ?? undefined;
  }
}
