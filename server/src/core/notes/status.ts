/**
 * History and status codes read from a segment (issue 11): "History of falls" → Z91.81, "Former smoker" →
 * Z87.891, "Family history of breast cancer" → Z80.3, "Long-term insulin use" → Z79.4, "Obesity, BMI 41.2" →
 * Z68.41, "ESRD on hemodialysis" → Z99.2. The words that start one are language (triggers, below); every code
 * comes from the Alphabetic Index, under the entry named here (History, personal; History, family; Long-term
 * drug therapy; Body, mass index, adult; Dependence, on), and is checked against the encounter's edition.
 * Pure: segment text, tokens and context scopes in, offsets of the segment out.
 */
import type { CodeCandidate, ContextHit, NoteMention } from '../evidence/mention';
import type { Span } from '../types';
import type { Abbreviations } from './abbreviations';
import { indexPathText, type IndexMatcher, type IndexNode, type PathStep } from './indexMatcher';
import type { NoteCodeSet } from './reader';
import { words, type Token } from './text';

export type StatusKind =
  'personal history' | 'family history' | 'long-term drug therapy' | 'body mass index' | 'dependence';

/** A history or status code documented in a segment. */
export interface StatusMention {
  /** the words read (trigger included), in note offsets once the reader places it */
  span: Span;
  text: string;
  kind: StatusKind;
  /** the code, billable in the encounter's edition, with the Index path that gave it */
  candidate: CodeCandidate;
  /** index into NoteAnalysis.sections, -1 before the first heading */
  section: number;
  segment: number;
}

/** Index entries the codes are read under (followed like "see" references). */
const ROOT: Record<StatusKind, string> = {
  'personal history': 'History, personal',
  'family history': 'History, family',
  'long-term drug therapy': 'Long-term',
  'body mass index': 'Body, mass index, adult',
  dependence: 'Dependence, on',
};

/** Historical triggers (contextMatcher.ts) that say "personal history of" the words they govern. */
const PERSONAL = new Set([
  'history of',
  'hx of',
  'h/o',
  'past history of',
  'recent history of',
  'history significant for',
  'past history significant for',
  'remote',
  'prior',
  'previous',
  'former',
  'formerly',
  'ex',
  'quit',
]);
/** Family triggers that say "family history of" (a relative's name alone is read by the Family History section). */
const FAMILY = new Set(['family history of', 'family hx of', 'fhx of', 'fh of']);

/** Words written for the drug classes of "Long-term drug therapy" (the Index says "anticoagulants"). */
const DRUG_WORDS = new Map([
  ['anticoagulation', 'anticoagulant'],
  ['anticoagulated', 'anticoagulant'],
  ['antiplatelets', 'antiplatelet'],
]);

/** A segment worth reading for status codes at all (one test per segment; most segments fail it). */
const HINT =
  /history|\bhx\b|\bh\/o\b|\bf[hx]\b|fhx|former|\bex\b|\bquit\b|remote|prior|previous|long[- ]term|chronic|\bbmi\b|body mass|dialysis/i;
const LONG_TERM = /\b(?:long[- ]term|chronic)\b/gi;
const BMI = /\b(?:BMI|body mass index)\b[\s:=]*(?:(?:of|is|was|today|now|at)\s+)*(\d{2}(?:\.\d+)?)\b/gi;
/** the associated diagnosis a BMI code needs (OCG I.B.14): words, never codes */
const WEIGHT_DIAGNOSIS =
  /\b(?:obes(?:e|ity)|overweight|underweight|malnutrition|malnourish\w*|cachexi\w*|emaciat\w*)\b/i;
const PEDIATRIC =
  /percentile|\b(?:[1-9]|1\d)[- ](?:year|yr|y\/?o)\b|\b(?:child|pediatric|infant|toddler|adolescent)\b/i;
const DIALYSIS =
  /\b(?:on|requiring|requires|dependent on|dependence on)\s+(?:(?:chronic|maintenance|outpatient|home|intermittent)\s+)?(?:hemodialysis|peritoneal dialysis|dialysis|HD|PD)\b|\bdialysis[- ]dependent\b/g;

/** at most this many triggers of one kind are read in one segment (a run-on line of thousands stays linear) */
const MAX_TRIES = 50;
/** the characters of an item read for its code */
const MAX_ITEM = 160;

/** Words that never make a more specific entry worth waiting for. */
const WEAK = new Set(
  'of in on the a an and or with without to for at by as is was status post recurrent remote since year years ago age relative first degree'.split(
    ' ',
  ),
);

export interface StatusInput {
  text: string;
  tokens: Token[];
  /** the segment's context scopes (negated, uncertain, historical …), in segment offsets */
  scopes: ContextHit[];
  /** the segment's condition mentions (their Index paths help: "breast ca" → Neoplasm, malignant, breast) */
  mentions: ReadonlyArray<Pick<NoteMention, 'span' | 'candidates' | 'abbreviation'>>;
  edition: number;
}

/** What a status finder needs: the Index and the code set. */
export class StatusReader {
  constructor(
    private readonly matcher: IndexMatcher,
    private readonly codeSet: NoteCodeSet,
    private readonly abbr: Abbreviations,
  ) {}

  /** May the segment hold a history or status code (a cheap test: most segments fail it)? */
  worthReading(text: string): boolean {
    return HINT.test(text);
  }

  /** History and status codes of one segment (spans in segment offsets; section and segment left -1). */
  read(input: StatusInput): StatusMention[] {
    const out: StatusMention[] = [];
    this.histories(input, out);
    this.longTerm(input, out);
    this.bmi(input, out);
    this.dialysis(input, out);
    return out;
  }

  /** The kind's Index entry (resolved each time: the matcher may forget its compiled nodes between segments). */
  private root(kind: StatusKind): IndexNode | undefined {
    return this.matcher.resolveSee(ROOT[kind]);
  }

  /** "history of X", "former X", "family history of X": each item of the trigger's scope, until one reads nothing. */
  private histories(input: StatusInput, out: StatusMention[]): void {
    const { text, scopes } = input;
    let tries = 0;
    for (const sc of scopes) {
      const trigger = sc.trigger.toLowerCase().replace(/\s+/g, ' ');
      const family = sc.category === 'family' && FAMILY.has(trigger);
      if (!family && !(sc.category === 'historical' && PERSONAL.has(trigger))) continue;
      // the cap counts history triggers only (a long "denies …, no …" list before them reads on)
      if (tries++ >= MAX_TRIES) break;
      if (sc.scope.start < sc.triggerSpan.end) continue; // a backward scope
      // "history of" inside "family history of" is the family's
      if (
        !family &&
        scopes.some(
          (o) =>
            o !== sc &&
            o.category === 'family' &&
            FAMILY.has(o.trigger.toLowerCase()) &&
            o.triggerSpan.start <= sc.triggerSpan.start &&
            sc.triggerSpan.end <= o.triggerSpan.end,
        )
      )
        continue;
      // "no history of falls", "possible history of", "mother has a history of" (the mother's)
      if (
        this.governed(
          scopes,
          sc.triggerSpan.start,
          family ? ['negated', 'uncertain', 'hypothetical'] : ['negated', 'uncertain', 'hypothetical', 'family'],
        )
      )
        continue;
      const kind: StatusKind = family ? 'family history' : 'personal history';
      let first = true;
      for (const item of items(text, sc.scope)) {
        if (out.length >= MAX_TRIES) return;
        const found = this.readUnder(kind, input, item);
        if (!found) break;
        // "Remote history of kidney stones": two triggers, one code
        if (out.some((o) => o.candidate.code === found.code && o.span.start < item.end && item.start < o.span.end))
          continue;
        // the first item with its trigger ("History of DVT"), the next ones alone ("and PE")
        const from = first ? sc.triggerSpan.start : item.start;
        first = false;
        out.push(status(text, from, item.end, kind, found));
      }
    }
  }

  /** "Long-term insulin use", "on chronic anticoagulation": the words of the trigger's item. */
  private longTerm(input: StatusInput, out: StatusMention[]): void {
    const { text, scopes } = input;
    LONG_TERM.lastIndex = 0;
    let tries = 0;
    for (let m = LONG_TERM.exec(text); m && tries++ < MAX_TRIES; m = LONG_TERM.exec(text)) {
      if (this.governed(scopes, m.index, ['negated', 'uncertain', 'hypothetical', 'family'])) continue;
      const item = itemAround(text, m.index);
      const found = this.readUnder('long-term drug therapy', input, { start: m.index + m[0].length, end: item.end });
      if (found) out.push(status(text, item.start, item.end, 'long-term drug therapy', found));
    }
  }

  /** "Obesity, BMI 41.2" (adults; with the weight diagnosis the code needs, OCG I.B.14). */
  private bmi(input: StatusInput, out: StatusMention[]): void {
    const { text, scopes } = input;
    if (!WEIGHT_DIAGNOSIS.test(text) || PEDIATRIC.test(text)) return;
    const adult = this.root('body mass index');
    if (!adult) return;
    BMI.lastIndex = 0;
    let tries = 0;
    for (let m = BMI.exec(text); m && tries++ < MAX_TRIES; m = BMI.exec(text)) {
      if (this.governed(scopes, m.index, ['negated', 'uncertain', 'hypothetical', 'family', 'historical'])) continue;
      const value = Math.floor(Number(m[1]) * 10) / 10;
      const kid = this.matcher.kidsOf(adult).find((k) => inRange(k.term.t, value));
      if (!kid?.code1) continue;
      const steps = chain(kid);
      const found = this.candidate(kid.code1, steps, input.edition);
      if (found) out.push(status(text, m.index, m.index + m[0].length, 'body mass index', found));
    }
  }

  /** "ESRD on hemodialysis", "dialysis-dependent". */
  private dialysis(input: StatusInput, out: StatusMention[]): void {
    const { text, scopes } = input;
    DIALYSIS.lastIndex = 0;
    let tries = 0;
    for (let m = DIALYSIS.exec(text); m && tries++ < MAX_TRIES; m = DIALYSIS.exec(text)) {
      if (this.governed(scopes, m.index, ['negated', 'uncertain', 'hypothetical', 'family', 'historical'])) continue;
      const w = new Map([
        ['renal', 10],
        ['dialysis', 10],
      ]);
      const found = this.descendFrom('dependence', w, input.edition);
      if (found) out.push(status(text, m.index, m.index + m[0].length, 'dependence', found));
    }
  }

  /** true when a scope of one of `cats` (other than a status trigger itself) governs offset `at` */
  private governed(scopes: ContextHit[], at: number, cats: ContextHit['category'][]): boolean {
    for (const o of scopes)
      if (
        cats.includes(o.category) &&
        o.scope.start <= at &&
        at < o.scope.end &&
        !(o.triggerSpan.start <= at && at < o.triggerSpan.end)
      )
        return true;
    return false;
  }

  /** The code the words of `item` read under the kind's Index entry, or undefined. */
  private readUnder(kind: StatusKind, input: StatusInput, whole: Span): CodeCandidate | undefined {
    // the words near the trigger only (a run-on item of thousands of words stays cheap)
    const item = whole.end - whole.start > MAX_ITEM ? { start: whole.start, end: whole.start + MAX_ITEM } : whole;
    const w = new Map<string, number>();
    const add = (word: string, weight: number) => {
      if (weight > (w.get(word) ?? 0)) w.set(word, weight);
    };
    const own = input.tokens.filter((t) => t.start >= item.start && t.end <= item.end);
    // the words as written ("kidney stones": History, personal, kidney stones) and as the Index words of their
    // abbreviations ("MRSA" → methicillin resistant staphylococcus aureus); an abbreviation and its words (19)
    // find entries but are no written words left unread (20, descendFrom)
    const expanded = this.abbr.expand(own, input.text);
    const weight = (t: Token) => (expanded.found.some((f) => f.start <= t.start && t.end <= f.end) ? 19 : 20);
    for (const t of own) add(DRUG_WORDS.get(t.norm) ?? t.norm, weight(t));
    for (const t of expanded.tokens) {
      add(DRUG_WORDS.get(t.norm) ?? t.norm, weight(t));
      // "Smoker — see Dependence, drug, nicotine": a word's own Index reference, later parts weigh more
      for (const main of this.matcher.headsFor(t.norm) ?? []) if (!main.code1 && main.ref) refWords(main.ref, 8, add);
    }
    for (const m of input.mentions) {
      if (m.span.start < item.start || m.span.end > item.end) continue;
      if (m.abbreviation) for (const x of words(m.abbreviation.phrase)) add(x, 19);
      const path = m.candidates[0]?.path;
      if (path) refWords(path.replace(/^Index:\s*/, '').split(/\s[A-Z]\d\d/)[0], 1, add);
    }
    if (!w.size) return undefined;
    return this.descendFrom(kind, w, input.edition);
  }

  private descendFrom(kind: StatusKind, w: Map<string, number>, ed: number): CodeCandidate | undefined {
    const root = this.root(kind);
    if (!root) return undefined;
    const used = new Set<string>();
    const end = this.descend({ node: root, up: upChain(root) }, w, used, 0);
    if (!end?.step.node.code1) return undefined;
    // stopped above a more specific entry while words were left unread ("family history of colon cancer"
    // has no "colon" under malignant neoplasm): not sure enough to suggest
    if (this.matcher.kidsOf(end.step.node).length)
      for (const [word, weight] of w)
        if (weight >= 20 && !used.has(word) && !WEAK.has(word) && !/^\d/.test(word)) return undefined;
    return this.candidate(end.step.node.code1, end.step, ed);
  }

  /** Greedy descent: at each level the child whose required words are present with the greatest weight. */
  private descend(
    step: PathStep,
    w: Map<string, number>,
    used: Set<string>,
    depth: number,
  ): { step: PathStep } | undefined {
    const node = step.node;
    let best: { step: PathStep } | undefined = node.code1 ? { step } : undefined;
    if (depth > 6) return best;
    let kid: IndexNode | undefined;
    let kidAlt: string[] = [];
    let kidScore = 0;
    for (const k of this.matcher.kidsOf(node)) {
      if (k.connector) continue;
      for (const alt of k.alts) {
        let s = 0;
        for (const x of alt) {
          const v = used.has(x) ? 0 : (w.get(x) ?? 0);
          if (!v) {
            s = 0;
            break;
          }
          s += v;
        }
        if (s > kidScore) {
          kid = k;
          kidAlt = alt;
          kidScore = s;
        }
      }
    }
    if (!kid) return best;
    for (const x of kidAlt) used.add(x);
    const kidStep: PathStep = { node: kid, up: step };
    let next: { step: PathStep } | undefined;
    if (!kid.code1 && kid.ref) {
      const target = this.matcher.seeOf(kid);
      if (target) next = this.descend({ node: target, up: kidStep, see: kid.ref }, w, used, depth + 1);
    } else next = this.descend(kidStep, w, used, depth + 1);
    if (next) best = next;
    return best;
  }

  private candidate(code: string, step: PathStep, ed: number): CodeCandidate | undefined {
    if (code.endsWith('-')) return undefined;
    const cl = this.codeSet.classify(code.replace('.', ''), ed);
    if (cl.kind !== 'billable') return undefined;
    const path = indexPathText({ step, depth: 0, score: 0, core: [], linked: [], code });
    return { code: this.codeSet.display(cl.code), title: cl.title, billable: true, path, score: 1 };
  }
}

/** A status mention of text[start, end) (section and segment set by the reader). */
function status(text: string, start: number, end: number, kind: StatusKind, candidate: CodeCandidate): StatusMention {
  return { span: { start, end }, text: text.slice(start, end), kind, candidate, section: -1, segment: -1 };
}

/** The steps from the main term down to `node` (its parents). */
function upChain(node: IndexNode): PathStep | undefined {
  return node.parent ? { node: node.parent, up: upChain(node.parent) } : undefined;
}
function chain(node: IndexNode): PathStep {
  return { node, up: upChain(node) };
}

/** Words of a reference or path ("Dependence, drug, nicotine"): part i weighs base + i. */
function refWords(ref: string, base: number, add: (w: string, weight: number) => void): void {
  const parts = ref.split(/\s*(?:,|→|\(|\))\s*/);
  parts.forEach((p, i) => {
    for (const x of words(p)) if (!['see', 'by', 'site', 'table', 'neoplasms', 'primary'].includes(x)) add(x, base + i);
  });
}

/** The items of a scope: split at commas, semicolons, "and", "or". */
function items(text: string, scope: Span): Span[] {
  const out: Span[] = [];
  const re = /[,;]|\s(?:and|or)\s/g;
  const s = text.slice(scope.start, scope.end);
  let from = 0;
  for (let m = re.exec(s); ; m = re.exec(s)) {
    const to = m ? m.index : s.length;
    let a = from;
    let b = to;
    while (a < b && /\s/.test(s[a])) a++;
    while (b > a && /[\s.]/.test(s[b - 1])) b--;
    if (b > a) out.push({ start: scope.start + a, end: scope.start + b });
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

/** The comma/semicolon item of the segment around offset `at`. */
function itemAround(text: string, at: number): Span {
  let a = at;
  while (a > 0 && !/[,;.]/.test(text[a - 1])) a--;
  let b = at;
  while (b < text.length && !/[,;]/.test(text[b]) && !(text[b] === '.' && !/\d/.test(text[b + 1] ?? ''))) b++;
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return { start: a, end: b };
}

/** Does an Index range title ("40.0-44.9", "19 or less", "70 and over") hold `v`? */
function inRange(title: string, v: number): boolean {
  let m = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(title.trim());
  if (m) return v >= Number(m[1]) && v <= Number(m[2]);
  m = /^(\d+(?:\.\d+)?) or less$/.exec(title.trim());
  if (m) return v <= Number(m[1]) + 0.99;
  m = /^(\d+(?:\.\d+)?) and over$/.exec(title.trim());
  if (m) return v >= Number(m[1]);
  return false;
}
