/**
 * ConText-style context of diagnosis mentions (after Chapman et al., NegEx 2001 / ConText 2009):
 * trigger phrases open a scope forward (to the end of the sentence or list item, or to a terminator such as
 * "but" or "however") or backward (to the start of the sentence); a mention inside a scope takes the
 * trigger's category. Pseudo-triggers ("no increase", "gram negative") are not triggers.
 * The trigger lists are data: tests and docs/notes.md name every entry.
 */
import type { ContextCategory, ContextHit } from '../evidence/mention';
import type { Span } from '../types';
import type { Token } from './text';

export type { ContextCategory, ContextHit } from '../evidence/mention';

interface TriggerDef {
  phrase: string;
  category: ContextCategory | 'pseudo' | 'terminate';
  direction: 'forward' | 'backward' | 'both';
}

/** triggers whose forward scope is only the next few words ("former smoker with lung cancer") */
const SHORT_SCOPE = new Map([
  ['without', 3],
  ['former', 2],
  ['formerly', 2],
  ['ex', 2],
  ['quit', 3],
]);

const F = 'forward' as const;
const B = 'backward' as const;
const list = (category: TriggerDef['category'], direction: TriggerDef['direction'], phrases: string[]): TriggerDef[] =>
  phrases.map((phrase) => ({ phrase, category, direction }));

export const TRIGGERS: TriggerDef[] = [
  ...list('negated', F, [
    'no',
    'not',
    'denies',
    'denied',
    'deny',
    'denying',
    'without',
    'negative for',
    'free of',
    'absence of',
    'no evidence of',
    'no signs of',
    'without evidence of',
    'without any evidence of',
    'without signs of',
    'no sign of',
    'no history of',
    'no hx of',
    'no h/o',
    'rules out',
    'excludes',
    'excluding',
    'never had',
    'not have',
    'did not have',
    'does not have',
    'no longer has',
    'resolved with no',
    'neg for',
    'fails to reveal',
    'no findings of',
    'not consistent with',
    'unremarkable for',
    'ruled out for',
    'none',
    'neg',
    'negative:',
    '-ve for',
    'no longer',
    'low probability for',
    'low probability of',
    'low suspicion for',
    'low suspicion of',
    'low likelihood of',
    'no clinical evidence of',
    'no radiographic evidence of',
    'no e/o',
    'not suggestive of',
    'was negative for',
    'is negative for',
    'were negative for',
    'are negative for',
  ]),
  ...list('negated', B, [
    'was ruled out',
    'is ruled out',
    'has been ruled out',
    'ruled out',
    'were ruled out',
    'is negative',
    'was negative',
    'negative',
    'not seen',
    'is absent',
    'absent',
    'not present',
    'not demonstrated',
    'excluded',
    'was excluded',
    'unlikely',
    '-ve',
  ]),
  ...list('uncertain', F, [
    'possible',
    'possibly',
    'probable',
    'probably',
    'suspected',
    'suspect',
    'suspicion of',
    'suspicious for',
    'likely',
    'questionable',
    'question of',
    'consistent with',
    'concern for',
    'concerning for',
    'rule out',
    'r/o',
    'cannot exclude',
    'cannot rule out',
    'differential includes',
    'differential diagnosis includes',
    'may have',
    'may be',
    'might have',
    'suggestive of',
    'compatible with',
    'presumed',
    'presumptive',
    'evaluate for',
    'evaluation for',
    'worrisome for',
    'consider',
    'may represent',
    'could represent',
    'might represent',
    'may reflect',
    'query',
  ]),
  ...list('uncertain', B, [
    'is suspected',
    'was suspected',
    'is likely',
    'is possible',
    'is probable',
    'not excluded',
    'cannot be excluded',
    'cannot be ruled out',
    'to be ruled out',
    'is questionable',
    'is not excluded',
  ]),
  ...list('uncertain', 'both', ['versus', 'vs', 'or possibly']),
  ...list('historical', F, [
    'history of',
    'hx of',
    'h/o',
    's/p',
    'status post',
    'past history of',
    'prior',
    'previous',
    'previously',
    'remote',
    'recent history of',
    'past history significant for',
    'history significant for',
    'childhood',
    'former',
    'formerly',
    'ex',
    'quit',
  ]),
  ...list('historical', B, [
    'resolved',
    'in the past',
    'years ago',
    'months ago',
    'as a child',
    'in childhood',
    'last year',
    'fully recovered',
    'now resolved',
    'no longer active',
    'no longer symptomatic',
    'no longer present',
    'no longer an issue',
    'healed',
  ]),
  ...list('hypothetical', F, [
    'if',
    'return if',
    'call if',
    'in case of',
    'watch for',
    'monitor for',
    'risk of',
    'risk for',
    'at risk for',
    'to prevent',
    'prevention of',
    'screening for',
    'screen for',
    'precautions for',
    'signs of',
    'warning signs of',
    'risks include',
    'risks included',
    'risks including',
    'risks of',
    'risks and benefits',
    'risks benefits',
    'risks, benefits',
    'risk include',
    'including but not limited to',
    'complications include',
    'complications including',
    'complications such as',
    'potential complications',
    'possible complications',
    'complications of',
    'may cause',
    'can cause',
    'could cause',
    'return to the ed for',
    'return to the er for',
    'return for',
    'seek care should',
    'seek care if',
    'seek medical attention if',
  ]),
  ...list('hypothetical', B, ['prophylaxis', 'precautions', 'prevention', 'risk', 'screening']),
  ...list('family', F, [
    'family history of',
    'family hx of',
    'fhx of',
    'fh of',
    'mother',
    'father',
    'brother',
    'sister',
    'sibling',
    'siblings',
    'grandmother',
    'grandfather',
    'aunt',
    'uncle',
    'cousin',
    'son',
    'daughter',
    'mom',
    'dad',
    'parents',
    'maternal',
    'paternal',
  ]),
  ...list('family', B, [
    'in the family',
    'runs in the family',
    'in mother',
    'in father',
    'in her mother',
    'in his mother',
    'in her father',
    'in his father',
  ]),
  ...list('pseudo', F, [
    'no increase',
    'no change',
    'no significant change',
    'not only',
    'no further',
    'gram negative',
    'without difficulty',
    'not certain if',
    'not necessarily',
    'not cause',
    'history and physical',
    'history of present illness',
    'if needed',
    'if any',
    'as needed',
    'likely due to',
    'not drain',
    'previously noted',
    'possible that',
    'year old',
    'years old',
    'month old',
    'months old',
    'week old',
    'day old',
    'prior to',
    'no known',
    'negative for change',
    'no changes',
    'no interval change',
    'no significant changes',
    'no acute change',
    'no acute changes',
    'without change',
    'not ruled out',
    'not improving',
    'not improved',
  ]),
  ...list('terminate', F, [
    'but',
    'however',
    'although',
    'though',
    'except',
    'aside from',
    'apart from',
    'yet',
    'nevertheless',
    'still',
    'which',
    'who',
    'presents with',
    'presented with',
    'presented',
    'presents',
    'presenting with',
    'admitted with',
    'now',
    'currently',
    'today',
    'complains of',
    'reports',
    'patient',
    'pt',
    'he',
    'she',
    'and has',
    'with new',
    'which is',
    'now has',
    'secondary to',
    'due to',
    'after',
  ]),
];

interface Compiled {
  words: string[];
  def: TriggerDef;
  /** written "-ve for": a "-" right before the first word */
  dash: boolean;
  /** written "negative:": a ":" right after the last word */
  colon: boolean;
}

/** Compiles the triggers into first-word -> triggers, longest first. */
export class ContextMatcher {
  private readonly byFirst = new Map<string, Compiled[]>();

  constructor(defs: readonly TriggerDef[] = TRIGGERS) {
    for (const def of defs) {
      const dash = def.phrase.startsWith('-');
      const colon = def.phrase.endsWith(':');
      const ws = def.phrase
        .replace(/^-|:$/g, '')
        .toLowerCase()
        .split(/[\s]+/)
        .flatMap((w) => (w.includes('/') ? w.split('/') : [w]))
        .filter(Boolean);
      const list = this.byFirst.get(ws[0]) ?? [];
      list.push({ words: ws, def, dash, colon });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(ws[0], list);
    }
  }

  /**
   * Finds the context scopes of one segment (its raw tokens, before abbreviation expansion).
   * Returns scopes as token-independent spans over the text.
   */
  scopes(tokens: Token[], seg: Span, text: string): ContextHit[] {
    type Found = { def: TriggerDef; i: number; j: number };
    const found: Found[] = [];
    // each word's lower-case form read from its token (kept by `tokenize`), no list per segment
    for (let i = 0; i < tokens.length; i++) {
      const cands = this.byFirst.get(lowerOf(tokens[i]));
      if (!cands) continue;
      for (const c of cands) {
        if (i + c.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < c.words.length && ok; k++) ok = lowerOf(tokens[i + k]) === c.words[k];
        // "r/o": the tokens are "r","o"; they must be written adjacent with "/" between
        if (ok && c.words.length > 1 && c.def.phrase.includes('/'))
          ok = tokens[i + c.words.length - 1].start - tokens[i].end <= 1;
        if (ok && c.dash) ok = tokens[i].start > 0 && text.charCodeAt(tokens[i].start - 1) === 45;
        if (ok && c.colon) ok = text.charCodeAt(tokens[i + c.words.length - 1].end) === 58;
        if (ok) {
          found.push({ def: c.def, i, j: i + c.words.length });
          break;
        }
      }
      if (found.length && found[found.length - 1].i === i) i = found[found.length - 1].j - 1;
    }
    const q = text.indexOf('?', seg.start);
    if (!found.length && (q < 0 || q >= seg.end)) return [];
    // Terminators: forward triggers stop at the next terminator, punctuation ";" or ":" ends nothing here
    // (segments already end at ";"). Backward triggers look back to the previous terminator.
    const terms: number[] = [];
    for (const f of found) if (f.def.category === 'terminate') terms.push(f.i);
    // A comma followed by a word that starts a new clause is not a terminator: lists ("no fever, chills") stay in scope.
    const out: ContextHit[] = [];
    for (const f of found) {
      const cat = f.def.category;
      if (cat === 'pseudo' || cat === 'terminate') continue;
      const trig: Span = { start: tokens[f.i].start, end: tokens[f.j - 1].end };
      if (f.def.direction !== 'backward') {
        let stop = terms.find((t) => t >= f.j);
        // "without" governs only the few words after it ("migraine without aura, with nausea")
        const short = SHORT_SCOPE.get(f.def.phrase);
        if (short !== undefined) {
          let k = f.j;
          while (k < tokens.length && k < f.j + short && !/[,;]/.test(text.slice(tokens[k - 1].end, tokens[k].start)))
            k++;
          if (k < tokens.length && (stop === undefined || k < stop)) stop = k;
        }
        const end = stop !== undefined ? tokens[stop].start : seg.end;
        let e = end;
        while (e > trig.end && /[\s,.;:]/.test(text[e - 1])) e--;
        let b = trig.end;
        while (b < e && /[\s,:]/.test(text[b])) b++;
        if (e > b)
          out.push({
            category: cat,
            trigger: text.slice(trig.start, trig.end),
            triggerSpan: trig,
            scope: { start: b, end: e },
          });
        else if ((cat === 'uncertain' || cat === 'negated') && f.def.direction === 'forward') {
          // nothing after it: "Pneumonia, likely." / "Chest pain: none" govern the words before, back to the
          // comma before them
          let prev = -1;
          for (const t of terms) if (t < f.i) prev = t;
          const from = prev >= 0 ? tokens[prev].end : seg.start;
          let x = trig.start;
          while (x > from && /[\s,:]/.test(text[x - 1])) x--;
          const back = backScope(text, Math.max(from, lastBreak(text, from, x) + 1), x);
          if (back)
            out.push({ category: cat, trigger: text.slice(trig.start, trig.end), triggerSpan: trig, scope: back });
        }
      }
      if (f.def.direction !== 'forward') {
        let prev = -1;
        for (const t of terms) if (t < f.i) prev = t;
        let start = prev >= 0 ? tokens[prev].end : seg.start;
        // "versus" looks back only to the nearest comma ("Syncope, likely A versus B")
        if (f.def.direction === 'both') start = Math.max(start, text.lastIndexOf(',', trig.start) + 1);
        let s = start;
        while (s < trig.start && /[\s,.;:]/.test(text[s])) s++;
        let e = trig.start;
        while (e > s && /\s/.test(text[e - 1])) e--;
        if (s < e)
          out.push({
            category: cat,
            trigger: text.slice(trig.start, trig.end),
            triggerSpan: trig,
            scope: { start: s, end: e },
          });
      }
    }
    if (q >= 0 && q < seg.end) this.questionMarks(text, seg, q, out);
    return out;
  }

  /** "resp failure?" (the words before, back to a comma) and "?PE" (the words after, to a comma): uncertain. */
  private questionMarks(text: string, seg: Span, from: number, out: ContextHit[]): void {
    for (let i = from; i >= 0 && i < seg.end; i = text.indexOf('?', i + 1)) {
      const trig = { start: i, end: i + 1 };
      const next = text.charCodeAt(i + 1);
      let scope: Span | undefined;
      if (i + 1 < seg.end && /[A-Za-z]/.test(text[i + 1]) && (i === seg.start || /[\s(,;:]/.test(text[i - 1]))) {
        let e = i + 1;
        while (e < seg.end && !/[,;.?]/.test(text[e])) e++;
        scope = backScope(text, i + 1, e);
      } else if (
        i > seg.start &&
        /[A-Za-z0-9)]/.test(text[i - 1]) &&
        (isNaN(next) || !/[A-Za-z0-9]/.test(text[i + 1]))
      ) {
        scope = backScope(text, Math.max(seg.start, lastBreak(text, seg.start, i) + 1), i);
      }
      if (scope) out.push({ category: 'uncertain', trigger: '?', triggerSpan: trig, scope });
    }
  }
}

/** The last ",", ":" or "?" in text[from, to), or from - 1. */
function lastBreak(text: string, from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (c === 44 || c === 58 || c === 63) return k;
  }
  return from - 1;
}

/** text[s, e) trimmed of spaces and punctuation, or undefined when empty. */
function backScope(text: string, s: number, e: number): Span | undefined {
  while (s < e && /[\s,.;:]/.test(text[s])) s++;
  while (e > s && /[\s,.;:]/.test(text[e - 1])) e--;
  return e > s ? { start: s, end: e } : undefined;
}

function lowerOf(t: Token): string {
  return t.lower ?? t.raw.toLowerCase();
}
