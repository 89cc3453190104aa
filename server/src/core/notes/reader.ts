/**
 * The note reader: sections, sentences and list items, diagnosis mentions matched against the Alphabetic
 * Index (with abbreviations expanded), each with ranked candidate codes checked against the encounter's
 * edition, and the ConText context of each mention. Pure: text, data and a date in; offsets out.
 */
import type { CodeSet } from '../codeset/api';
import type { IndexData } from '../data';
import type { Span } from '../types';
import { Abbreviations, DEFAULT_ABBREVIATIONS, type AbbreviationDef } from './abbreviations';
import type { CodeCandidate, ContextHit, NoteMention } from '../evidence/mention';
import { ContextMatcher } from './contextMatcher';
import {
  IndexMatcher,
  indexPathText,
  sortStable,
  WordPositions,
  type IndexNode,
  type IndexPathResult,
  type Window,
} from './indexMatcher';
import { DEFAULT_HEADINGS, findSections, type HeadingDef, type Section } from './sections';
import { titleWords, withClauseTitle } from './clauseTitles';
import { STOPWORDS, TabularTitles } from './tabularTitles';
import { Senses } from './senses';
import { StatusReader, type StatusMention } from './status';
import { segmentBody, tokenize, words, type Segment, type Token } from './text';

export type { CodeCandidate, NoteMention } from '../evidence/mention';

/** What the reader needs of the code-set core. */
export type NoteCodeSet = Pick<CodeSet, 'classify' | 'title' | 'display' | 'editions' | 'editionFor' | 'unspecified'> &
  Partial<Pick<CodeSet, 'search'>>;

export interface NoteAnalysis {
  sections: Section[];
  segments: Segment[];
  mentions: NoteMention[];
  /** history and status codes documented ("History of falls" → Z91.81, "BMI 41.2" → Z68.41; status.ts) */
  statuses: StatusMention[];
  /** the ICD-10-CM edition used for the candidates */
  edition: { index: number; label: string; message?: string };
}

export interface ReadOptions {
  /** date of service (inpatient: discharge date), picks the edition; default: the newest edition */
  date?: string;
  /** an edition index, overriding `date` */
  edition?: number;
  /** reuse the mentions of identical segments (default true; the benchmark measures both) */
  memo?: boolean;
}

export interface NoteReaderOptions {
  headings?: readonly HeadingDef[];
  abbreviations?: readonly AbbreviationDef[];
}

const SEGMENT_MEMO_MAX = 20000;
/** context hits kept per mention (the last, nearest triggers) */
const MAX_CONTEXT = 12;
/** the group of a word abbreviation's tokens that only the note's own words' main terms may use (ownWordsOnly) */
const OWN_WORDS = -2;
const LEFT = 6;
const RIGHT = 6;
const RIGHT_LINKED = 10;

/** What one segment reads to, memoised by its text. */
interface SegmentRead {
  mentions: Array<Omit<NoteMention, 'section' | 'segment'>>;
  statuses: StatusMention[];
}
const NO_STATUS: StatusMention[] = [];
const NOTHING_READ: SegmentRead = { mentions: [], statuses: NO_STATUS };

export class NoteReader {
  readonly matcher: IndexMatcher;
  private readonly abbr: Abbreviations;
  private readonly ctx = new ContextMatcher();
  private readonly senses = new Senses(undefined, words);
  private readonly headings: readonly HeadingDef[];
  /** per edition: Index code -> its candidates in that edition */
  private readonly classCache: Array<Map<string, Array<Omit<CodeCandidate, 'score'>>>> = [];
  private readonly titleWords = new Map<string, { plain: Set<string>; absent: Set<string> }>();
  private readonly segMemo = new Map<string, SegmentRead>();
  private readonly status: StatusReader;
  /** clause words -> the more specific code they write (clauseTitles.ts) */
  private readonly clauseCache = new Map<string, Omit<CodeCandidate, 'score'> | null>();
  /** Tabular titles beside and instead of the Index's codes (tabularTitles.ts) */
  private readonly titles: TabularTitles;

  constructor(
    index: IndexData,
    readonly codeSet: NoteCodeSet,
    opts: NoteReaderOptions = {},
  ) {
    this.matcher = new IndexMatcher(index);
    this.abbr = new Abbreviations(opts.abbreviations ?? DEFAULT_ABBREVIATIONS);
    this.headings = opts.headings ?? DEFAULT_HEADINGS;
    this.status = new StatusReader(this.matcher, codeSet, this.abbr);
    this.titles = new TabularTitles(codeSet);
  }

  /** An unknown heading naming a condition ("CHF: stable") is a problem, not a heading. */
  private readonly sectionOpts = {
    namesCondition: (heading: string): boolean => {
      const { tokens, found } = this.abbr.expand(tokenize(heading));
      if (found.length) return true;
      for (const t of tokens) if (this.matcher.headsFor(t.norm)) return true;
      return false;
    },
  };

  /** Forgets the memoised segments (the benchmark measures the reader without them). */
  clearMemo(): void {
    this.segMemo.clear();
  }

  /** The edition for a date (or the newest), with the message to show when no edition covers the date. */
  edition(opts: ReadOptions): NoteAnalysis['edition'] {
    const eds = this.codeSet.editions;
    if (opts.edition !== undefined && eds[opts.edition]) return { index: opts.edition, label: eds[opts.edition].label };
    if (opts.date) {
      const r = this.codeSet.editionFor(opts.date);
      if (r.ok) return { index: r.index, label: r.label };
      const n = r.nearest ?? { index: eds.length - 1, label: eds[eds.length - 1].label };
      return { index: n.index, label: n.label, message: `${r.message} Candidates use ${n.label}.` };
    }
    return { index: eds.length - 1, label: eds[eds.length - 1].label };
  }

  analyze(text: string, opts: ReadOptions = {}): NoteAnalysis {
    const edition = this.edition(opts);
    const sections = findSections(text, this.headings, this.sectionOpts);
    const segments: Segment[] = [];
    segmentBody(text, 0, sections.length ? sections[0].headingSpan.start : text.length, -1, segments);
    sections.forEach((s, i) => segmentBody(text, s.body.start, s.body.end, i, segments));
    const mentions: NoteMention[] = [];
    const statuses: StatusMention[] = [];
    const memo = opts.memo !== false;
    for (let si = 0; si < segments.length; si++) {
      const seg = segments[si];
      const section = seg.section >= 0 ? sections[seg.section] : undefined;
      // a segment's mentions and context depend only on its own text and the edition: memoised, so long
      // notes with repeated lines (copy-forward) and re-analysis after an edit cost little
      const segText = text.slice(seg.span.start, seg.span.end);
      const key = memo ? `${edition.index}\u0001${segText}` : '';
      let local = memo ? this.segMemo.get(key) : undefined;
      if (!local) {
        local = this.readSegment(segText, edition.index);
        if (memo) {
          if (this.segMemo.size >= SEGMENT_MEMO_MAX) this.segMemo.clear();
          this.segMemo.set(key, local);
        }
      }
      const d = seg.span.start;
      for (const st of local.statuses)
        statuses.push({ ...st, span: shift(st.span, d), section: seg.section, segment: si });
      for (const m of local.mentions) {
        // loops, not closures, on this path: it runs for every mention of the note
        const context: ContextHit[] = [];
        // the hits of a segment never carry fromSection (only the section's own hit below does): built field
        // by field, not spread
        for (const h of m.context)
          context.push({
            category: h.category,
            trigger: h.trigger,
            triggerSpan: shift(h.triggerSpan, d),
            scope: shift(h.scope, d),
          });
        let has = false;
        if (section?.context) for (const c of context) if (c.category === section.context) has = true;
        if (section?.context && !has) {
          context.push({
            category: section.context,
            trigger: text.slice(section.headingSpan.start, section.headingSpan.end),
            triggerSpan: section.headingSpan,
            scope: section.body,
            fromSection: true,
          });
        }
        const linked: Span[] = [];
        for (const l of m.linked) linked.push(shift(l, d));
        const mention: NoteMention = {
          span: shift(m.span, d),
          text: m.text,
          section: seg.section,
          segment: si,
          candidates: m.candidates,
          context,
          abbreviation: m.abbreviation,
          linked,
          related: m.related,
        };
        // set, not spread (an object spread per mention is a runtime call)
        if (m.uncertainModifier) mention.uncertainModifier = true;
        mentions.push(mention);
      }
    }
    return { sections, segments, mentions, statuses, edition };
  }

  /** Mentions of one segment with their ConText context, in offsets of the segment's own text. */
  private readSegment(segText: string, ed: number): SegmentRead {
    const raw = tokenize(segText);
    if (!raw.length) return NOTHING_READ;
    // no Index node is held between segments: the compiled nodes may be bounded here
    this.matcher.bound();
    // context triggers are looked for only where a word heads a main term (mentionsIn computes them) or
    // where a history or status code may be written (status.ts)
    const ctx: { scopes?: ContextHit[] } = {};
    const found = this.mentionsIn(segText, raw, ed, ctx);
    const maybeStatus = this.status.worthReading(segText);
    if (!found.length && !maybeStatus) return NOTHING_READ;
    const scopes = ctx.scopes ?? this.ctx.scopes(raw, { start: 0, end: segText.length }, segText);
    const statuses = maybeStatus
      ? this.status.read({ text: segText, tokens: raw, scopes, mentions: found, edition: ed })
      : NO_STATUS;
    const out: Array<Omit<NoteMention, 'section' | 'segment'>> = [];
    for (const m of found) {
      const context: ContextHit[] = [];
      let uncertainModifier = false;
      for (const sc of scopes) {
        // a word the mention used is uncertain, not the condition ("Gastroenteritis, likely viral")
        if (sc.category === 'uncertain' && sc.scope.start > m.headStart && sc.scope.start < m.span.end)
          uncertainModifier = true;
        if (sc.triggerSpan.start >= m.span.start && sc.triggerSpan.end <= m.span.end) continue;
        if (sc.scope.start <= m.headStart && m.headStart < sc.scope.end) context.push(sc);
      }
      // a run-on sentence of thousands of triggers ("history of … and history of …") keeps the nearest few
      if (context.length > MAX_CONTEXT) context.splice(0, context.length - MAX_CONTEXT);
      const mention: Omit<NoteMention, 'section' | 'segment'> = {
        span: m.span,
        text: segText.slice(m.span.start, m.span.end),
        candidates: m.candidates,
        context,
        abbreviation: m.abbreviation,
        linked: m.linked,
        related: m.related,
      };
      if (uncertainModifier) mention.uncertainModifier = true;
      out.push(mention);
    }
    return { mentions: out, statuses };
  }

  /** Mentions of one segment (raw tokens), overlaps resolved by score. */
  private mentionsIn(
    text: string,
    raw: Token[],
    ed: number,
    ctx: { scopes?: ContextHit[] },
  ): Array<{
    span: Span;
    headStart: number;
    candidates: CodeCandidate[];
    abbreviation?: NoteMention['abbreviation'];
    linked: Span[];
    related: string[];
  }> {
    const expanded = this.abbr.expand(raw, text);
    let tokens = expanded.tokens;
    const found = expanded.found;
    // "secondary to hypertension" is not "Hypertension, secondary": a connector's words are no modifier
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].norm !== 'secondary' || tokens[i + 1].norm !== 'to') continue;
      if (tokens === raw) tokens = raw.slice();
      tokens[i] = { ...tokens[i], norm: '' };
    }
    // group of each token: -1 real, else the abbreviation's index in `found`
    const n = tokens.length;
    if (this.scratch.group.length < n) this.scratch = scratchFor(n * 2);
    const { group, isHead, gapKind, costs, neg, sense } = this.scratch;
    const mainsOf = this.scratch.mainsOf;
    group.fill(-1, 0, n);
    {
      let f = 0;
      for (let i = 0; i < tokens.length; i++) {
        while (f < found.length && found[f].end <= tokens[i].start) f++;
        if (f < found.length && found[f].start === tokens[i].start && found[f].end === tokens[i].end) {
          if (!found[f].def.word) group[i] = f;
          else if (found[f].def.ownWordsOnly) group[i] = OWN_WORDS;
        }
      }
    }
    // a hard break between tokens: "(", ")", ":"; a comma is a hard break when the words after it name
    // another condition ("fever, chills"), else it costs 3 ("pneumonia, right lower lobe")
    isHead.fill(0, 0, n);
    let anyHead = false;
    for (let i = 0; i < n; i++) {
      mainsOf[i] = this.matcher.headsFor(tokens[i].norm);
      if (mainsOf[i]) {
        isHead[i] = 1;
        anyHead = true;
      }
    }
    // an abbreviation read from the Tabular ("COVID-19") is read in a segment without a main term too
    let tabularAbbr = false;
    for (const f of found) if (f.def.tabular) tabularAbbr = true;
    if (!anyHead && !tabularAbbr) return [];
    // word senses: "frozen section", "stress test" … head nothing
    sense.fill(0, 0, n);
    if (this.senses.mark(tokens, n, sense)) {
      anyHead = false;
      for (let i = 0; i < n; i++) {
        if (sense[i]) {
          mainsOf[i] = undefined;
          isHead[i] = 0;
        }
        if (isHead[i]) anyHead = true;
      }
      if (!anyHead && !tabularAbbr) return [];
    }
    // negation scopes, before matching: a negated modifier ("COPD, no exacerbation", "cystitis without
    // hematuria") is not documented, so no subterm uses it (it would upcode to J44.1, N30.01)
    const scopes = (ctx.scopes = this.ctx.scopes(raw, { start: 0, end: text.length }, text));
    neg.fill(0, 0, n);
    let negAt = 0;
    for (let si = 0; si < scopes.length; si++) {
      const sc = scopes[si];
      if (sc.category !== 'negated') continue;
      for (let i = 0; i < n; i++)
        if (neg[i] === 0 && tokens[i].start >= sc.scope.start && tokens[i].start < sc.scope.end) {
          neg[i] = si + 1;
          negAt++;
        }
    }
    // what separates token i from the one before: 0 nothing, 1 a comma, 2 "(", ")" or ":" (scanned, not sliced)
    gapKind.fill(0, 0, n);
    for (let i = 1; i < n; i++) {
      if (tokens[i - 1].start === tokens[i].start) continue; // inside one abbreviation
      for (let k = tokens[i - 1].end; k < tokens[i].start; k++) {
        const c = text.charCodeAt(k);
        if (c === 40 || c === 41 || c === 58) {
          gapKind[i] = 2;
          break;
        }
        if (c === 44) gapKind[i] = 1;
      }
    }
    costs.fill(0, 0, n);
    for (let i = 1; i < n; i++) {
      if (tokens[i - 1].start === tokens[i].start) continue;
      if (gapKind[i] === 2) costs[i] = 99;
      else if (gapKind[i] === 1) {
        let headAfter = false;
        for (let k = i; k < n && !headAfter; k++) {
          if (k > i && gapKind[k] === 1) break;
          headAfter = isHead[k] === 1;
        }
        let headBefore = false;
        for (let k = i - 1; k >= 0 && !headBefore; k--) {
          headBefore = isHead[k] === 1;
          if (k > 0 && gapKind[k] === 1) break;
        }
        // "Pneumonia, likely aspiration": the words after an uncertainty adverb specify the condition before
        costs[i] = headAfter && headBefore && !SPECIFYING.has(tokens[i].norm) ? 99 : 3;
      } else costs[i] = 1;
    }

    // the candidate and taken lists, the main term's positions and the words around a mention are reused from
    // segment to segment (nothing of them outlives this call)
    const cands = this.candList;
    cands.length = 0;
    // head words whose main terms all need more words ("Hypercalcemia, hypocalciuric, familial") but whose
    // word alone is a Tabular title ("E83.52 Hypercalcemia")
    let titleOnly: Array<{ head: number; cand: Omit<CodeCandidate, 'score'> }> | undefined;
    for (let h = 0; h < tokens.length; h++) {
      const mains = mainsOf[h];
      if (!mains) continue;
      const win = this.window(tokens, group, costs, h);
      win.neg = negAt ? neg : undefined;
      const before = cands.length;
      for (const main of mains) {
        // an acronym main term ("PRES", "PIN", "DISH") matches only that word written in capitals ("pre-op")
        if (main.acronym !== undefined && tokens[h].raw !== main.acronym) continue;
        for (const alt of main.alts) {
          if (alt[0] !== tokens[h].norm) continue;
          const pos = this.mainPos;
          pos.length = 0;
          pos.push(h);
          let ok = true;
          for (let k = 1; k < alt.length && ok; k++) {
            const core = win.core;
            const ai = core.find(alt[k]);
            if (ai < 0) ok = false;
            else {
              let near = core.val[core.first[ai]];
              for (let j = core.first[ai]; j >= 0; j = core.next[j])
                if (Math.abs(core.val[j] - h) < Math.abs(near - h)) near = core.val[j];
              pos.push(near);
            }
          }
          if (!ok) continue;
          const res = this.matcher.match(main, pos, win);
          if (!res.length) continue;
          const best = res[0];
          let s = Infinity;
          let e = -1;
          for (const p of best.core) {
            if (tokens[p].start < s) s = tokens[p].start;
            if (tokens[p].end > e) e = tokens[p].end;
          }
          // most mentions link no word: one shared empty list, never written (analyze copies it)
          let linked = NO_SPANS;
          for (const p of best.linked) {
            if (tokens[p].start >= e || tokens[p].end <= s) {
              if (linked === NO_SPANS) linked = [];
              linked.push({ start: tokens[p].start, end: tokens[p].end });
            }
          }
          const score = best.score - (this.matcher.isDefaultKind(main) ? 0.5 : 0);
          cands.push({ res, head: h, span: { start: s, end: e }, score, linked });
          break;
        }
      }
      if (cands.length === before && group[h] === -1) {
        const t = this.titles.exact(tokens[h].norm, ed);
        if (t) (titleOnly ??= []).push({ head: h, cand: t });
      }
    }
    // stable in-place sorts (Array.prototype.sort copies its array): same order as `sort`
    if (cands.length > 1) sortStable(cands, byScoreLengthStart);
    const taken = this.takenList;
    taken.length = 0;
    for (const c of cands) {
      let overlaps = false;
      for (const t of taken) if (c.span.start < t.span.end && t.span.start < c.span.end) overlaps = true;
      if (!overlaps) taken.push(c);
    }
    if (taken.length > 1) sortStable(taken, byStart);
    // heads that read a condition, not negated ("severe without psychotic features" names no other condition)
    const condHead = this.scratch.condHead;
    condHead.fill(0, 0, n);
    for (const c of cands) if (!negAt || neg[c.head] === 0) condHead[c.head] = 1;
    const out = [];
    for (const c of taken) {
      const g = group[c.head];
      const ab = g >= 0 ? found[g] : undefined;
      // the words around the mention rank a header's descendants (built only when needed)
      const around = this.around;
      around.tokens = tokens;
      around.head = c.head;
      around.words = undefined;
      around.neg = negAt ? neg : undefined;
      let candidates = this.titles.withTabular(
        this.candidates(c.res, ed, around),
        ab ? ab.def.phrase : text.slice(c.span.start, c.span.end),
        ed,
      );
      if (candidates.length && namedCancer(tokens, c.head, c.span, text))
        candidates = candidates.filter((x) => !UNSPECIFIED_PRIMARY.has(x.code));
      const related = this.matcher.related(c.res[0]);
      // "Type 2 myocardial infarction": a newer, more specific code whose every title word the clause writes
      candidates = withClauseTitle(
        candidates,
        {
          tokens,
          head: c.head,
          gapKind,
          neg: negAt ? neg : undefined,
          text,
          isHead: condHead,
          related,
        },
        this.codeSet,
        ed,
        this.clauseCache,
      );
      out.push({
        span: c.span,
        headStart: tokens[c.head].start,
        candidates,
        abbreviation: ab ? { text: text.slice(ab.start, ab.end), phrase: ab.def.phrase, note: ab.def.note } : undefined,
        linked: c.linked,
        related,
      });
    }
    // an abbreviation no main term read whose phrase is a whole Tabular title ("COVID-19" → U07.1, newer than
    // the Index)
    for (let f = 0; f < found.length; f++) {
      const def = found[f].def;
      if (def.word || !def.tabular) continue;
      const span = { start: found[f].start, end: found[f].end };
      if (out.some((o) => o.span.start < span.end && span.start < o.span.end)) continue;
      const t = this.titles.exact(def.tabular, ed);
      if (!t) continue;
      let head = 0;
      while (head < tokens.length && tokens[head].start < span.start) head++;
      (titleOnly ??= []).push({ head, cand: t });
    }
    if (titleOnly) {
      for (const { head, cand } of titleOnly) {
        const span = { start: tokens[head].start, end: tokens[head].end };
        if (out.some((o) => o.span.start < span.end && span.start < o.span.end)) continue;
        out.push({
          span,
          headStart: span.start,
          candidates: [{ ...cand, score: 1 }],
          abbreviation: undefined,
          linked: [],
          related: [],
        });
      }
      if (out.length > 1) sortStable(out, (a, b) => a.span.start - b.span.start);
    }
    return out;
  }

  /** per-token arrays of a segment, reused from segment to segment (grown when a segment is longer) */
  private scratch = scratchFor(256);
  private readonly candList: Cand[] = [];
  private readonly takenList: Cand[] = [];
  private readonly mainPos: number[] = [];
  private readonly around: Around = { tokens: [], head: 0, words: undefined, neg: undefined };
  /** the window's maps, reused for every head (a window lives only while its head is matched) */
  private readonly winCore = new WordPositions();
  private readonly winAll = new WordPositions();

  /** the one window object, reused for every head */
  private readonly win: Window = { core: this.winCore, all: this.winAll, head: 0, neg: undefined };

  private window(tokens: Token[], group: Int32Array, costs: Uint8Array, h: number): Window {
    const core = this.winCore.reset();
    const all = this.winAll.reset();
    const g = group[h];
    core.add(tokens[h].norm, h);
    all.add(tokens[h].norm, h);
    let d = 0;
    for (let i = h - 1; i >= 0; i--) {
      d += costs[i + 1];
      if (d > LEFT) break;
      if (group[i] === -1 || group[i] === g || (group[i] === OWN_WORDS && g === -1)) core.add(tokens[i].norm, i);
      all.add(tokens[i].norm, i);
    }
    d = 0;
    for (let i = h + 1; i < tokens.length; i++) {
      d += costs[i];
      if (d > RIGHT_LINKED) break;
      if (d <= RIGHT && (group[i] === -1 || group[i] === g || (group[i] === OWN_WORDS && g === -1)))
        core.add(tokens[i].norm, i);
      all.add(tokens[i].norm, i);
    }
    this.win.head = h;
    return this.win;
  }

  /** Ranked candidates of the Index paths, each checked against the edition. */
  private candidates(res: IndexPathResult[], ed: number, winWords: Around): CodeCandidate[] {
    const out: CodeCandidate[] = [];
    // a handful of codes: arrays, not sets (this runs for every mention)
    const seenIndex: string[] = [];
    for (const r of res) {
      if (out.length >= 6) break;
      const code = r.code!;
      if (seenIndex.includes(code)) continue; // a lower-ranked path to the same Index code adds nothing
      seenIndex.push(code);
      let base: string | undefined;
      for (const c of this.checked(code, ed, winWords)) {
        let dup = false;
        for (const o of out) if (o.code === c.code) dup = true;
        if (dup) continue;
        base ??= indexPathText(r);
        const cand: CodeCandidate = {
          code: c.code,
          title: c.title,
          billable: c.billable,
          path: c.path ? `${base} ${c.path}` : base,
          score: r.score,
        };
        if (c.note) cand.note = c.note;
        out.push(cand);
      }
    }
    return out;
  }

  /** Title words of a code, split into those after "without"/"not specified as" (absent by default) and the others. */
  private words(code: string, title: string): { plain: Set<string>; absent: Set<string> } {
    let w = this.titleWords.get(code);
    if (!w) this.titleWords.set(code, (w = titleWords(title)));
    return w;
  }

  /**
   * An Index code checked against an edition for search (`indexSearch.ts`): the same mapping as a note's
   * candidates, a header's billable codes ranked by the query's words.
   */
  indexCodeIn(indexCode: string, ed: number, queryWords: Iterable<string>): Array<Omit<CodeCandidate, 'score'>> {
    return this.checked(indexCode, ed, { tokens: [], head: 0, words: new Set(queryWords), neg: undefined });
  }

  /** Expands the abbreviations of a token list (search reads a query as the note reader reads a note). */
  expandAbbreviations(tokens: Token[]): Token[] {
    return this.abbr.expand(tokens).tokens;
  }

  /** An Index code ("I50.2-") in an edition: itself, its replacement, or its best billable descendants. */
  private checked(indexCode: string, ed: number, around: Around): Array<Omit<CodeCandidate, 'score'>> {
    const cache = (this.classCache[ed] ??= new Map());
    const fixed = cache.get(indexCode);
    let list: Array<Omit<CodeCandidate, 'score'>>;
    if (fixed) list = fixed;
    else {
      const raw = indexCode.replace(/[-.]+$/, '');
      const label = this.codeSet.editions[ed]?.label ?? '';
      const cl = this.codeSet.classify(raw, ed);
      list = [];
      switch (cl.kind) {
        case 'billable':
          list.push({ code: cl.code, title: cl.title, billable: true, path: '' });
          break;
        case 'header':
          for (const d of cl.billableDescendants) {
            list.push({
              code: d.code,
              title: d.title,
              billable: true,
              path: `(a header in ${label}) → Tabular: ${d.code} ${d.title}`,
              note: 'header',
            });
          }
          break;
        case 'needs-seventh': {
          const a = cl.choices.find((c) => c.char === 'A') ?? cl.choices[0];
          if (a)
            list.push({
              code: a.code,
              title: `${cl.title}, ${a.meaning}`,
              billable: true,
              path: `(needs a 7th character; ${a.char} = ${a.meaning})`,
              note: 'seventh',
            });
          break;
        }
        case 'needs-placeholder':
          for (const c of cl.corrected)
            list.push({ code: c.code, title: c.title, billable: true, path: '(placeholder X added)' });
          break;
        case 'deleted':
          for (const r of cl.replacements.slice(0, 3)) {
            list.push({
              code: r.code,
              title: r.title,
              billable: r.billable ?? true,
              path: `(not in ${label}: last in ${cl.lastEdition.label}) → ${r.code}`,
              note: `${cl.code} is not valid in ${label}; replaced by ${r.code}`,
            });
          }
          break;
        default:
          break; // not yet valid, invalid: no candidate
      }
      cache.set(indexCode, list);
    }
    if (list.length <= 1 || list[0].note !== 'header') return list;
    const winWords = aroundWords(around);
    // rank a header's billable descendants by the words of their titles found around the mention
    // matched words count 1, title words absent from the note -0.5 ("right", "3a"), "unspecified" +0.25
    const scored = list.map((c, i) => {
      let s = 0;
      const tw = this.words(c.code, c.title);
      const unsp = tw.plain.has('unspecified') ? 1 : 0;
      // tie-break: a title saying "unspecified" loses to one whose words are all in the note (CKD 3b)
      for (const w of tw.plain) {
        if (winWords.has(w)) s++;
        else if (w !== 'unspecified' && !STOPWORDS.has(w)) s -= 0.5;
      }
      // "without dyskinesia": the default when the note says nothing; a penalty when it says so
      for (const w of tw.absent) if (winWords.has(w)) s -= 1;
      if (tw.absent.size) s += 0.3;
      // an injury's 7th character: initial encounter (A) unless the note says subsequent or sequela; the
      // words of "initial encounter" are seldom written, so they must not lose to "sequela"
      s += seventhBonus(c.code, winWords);
      return { c, s, i, unsp };
    });
    sortStable(scored, byRank);
    return scored.slice(0, 3).map((x) => x.c);
  }
}

/** +3 for the 7th character (S00-T88) the note supports: S for "sequela", D for "subsequent", else A. */
function seventhBonus(code: string, winWords: Set<string>): number {
  if (!/^[ST]\d\d\.[0-9A-Z]{3}[A-Z]$/.test(code)) return 0;
  const seventh = code[code.length - 1];
  const want = winWords.has('sequela') || winWords.has('sequelae') ? 'S' : winWords.has('subsequent') ? 'D' : 'A';
  return seventh === want ? 3 : 0;
}

/** words after a comma that specify the condition before it ("Pneumonia, likely aspiration") */
const SPECIFYING = new Set(['likely', 'probably', 'possibly', 'presumably', 'suspected', 'presumed', 'most']);

/** "Malignant (primary) neoplasm, unspecified" and "Disseminated malignant neoplasm, unspecified". */
const UNSPECIFIED_PRIMARY = new Set(['C80.1', 'C80.0']);
/** words that may stand before "cancer" without naming it ("known cancer", "metastatic carcinoma") */
const CANCER_NEUTRAL = new Set(
  'a an the of with and or known malignant primary invasive metastatic history hx h o s p diagnosed new newly recurrent advanced stage treated untreated active widespread disseminated his her underlying'.split(
    ' ',
  ),
);
/**
 * A cancer named by a word before it that the Index did not read ("pancreatic cancer", "small cell
 * carcinoma", "renal cell carcinoma"): not C80.1, whatever the Index's bare entry says.
 */
function namedCancer(tokens: Token[], head: number, span: Span, text: string): boolean {
  for (let i = head - 1; i >= 0 && i >= head - 2; i--) {
    const t = tokens[i];
    if (t.end > span.start) continue;
    // a ",", ";", ":", "(" or ")" between the words ends the look-back (scanned, not sliced)
    let hard = false;
    for (let k = t.end; k < tokens[i + 1].start && !hard; k++) {
      const c = text.charCodeAt(k);
      hard = c === 44 || c === 59 || c === 58 || c === 40 || c === 41;
    }
    if (hard) break;
    const c0 = t.norm.charCodeAt(0);
    if (c0 >= 97 && c0 <= 122 && !CANCER_NEUTRAL.has(t.norm)) return true;
  }
  const next = tokens[head + 1];
  return !!next && next.norm === 'of' && span.end <= tokens[head].end && tokens[head + 2]?.norm !== 'unknown';
}

/** The tokens around a mention, and their words once needed. */
interface Around {
  tokens: Token[];
  head: number;
  words: Set<string> | undefined;
  /** negation scope of each token (see Window.neg): negated words do not rank the codes */
  neg: Int32Array | undefined;
}

/** units a number counts ("day 3", "x 2", "POD 1"), never a stage, grade or type */
const COUNTED = new Set(['day', 'hour', 'week', 'month', 'year', 'pod', 'hd', 'x', 'time', 'mg', 'unit', 'dose']);
const isDigitStart = (w: string) => w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57;

function aroundWords(a: Around): Set<string> {
  if (!a.words) {
    a.words = new Set<string>();
    for (let i = Math.max(0, a.head - LEFT); i < Math.min(a.tokens.length, a.head + RIGHT_LINKED); i++) {
      // "developed on day 3" is no stage 3: a number after a unit of time or count ranks nothing
      if (i > 0 && isDigitStart(a.tokens[i].norm) && COUNTED.has(a.tokens[i - 1].norm)) continue;
      if (!a.neg || a.neg[i] === 0 || a.neg[i] === a.neg[a.head]) a.words.add(a.tokens[i].norm);
    }
  }
  return a.words;
}

/** a mention found at a head word, before overlaps are resolved */
type Cand = { res: IndexPathResult[]; head: number; span: Span; score: number; linked: Span[] };
const NO_SPANS: Span[] = [];

type Scored = { score: number; span: Span };
const byScoreLengthStart = (a: Scored, b: Scored) =>
  b.score - a.score || b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start;
const byStart = (a: Scored, b: Scored) => a.span.start - b.span.start;
type Ranked = { s: number; unsp: number; i: number };
const byRank = (a: Ranked, b: Ranked) => b.s - a.s || a.unsp - b.unsp || a.i - b.i;

function shift(x: Span, d: number): Span {
  return { start: x.start + d, end: x.end + d };
}

function scratchFor(n: number) {
  return {
    group: new Int32Array(n),
    isHead: new Uint8Array(n),
    gapKind: new Uint8Array(n),
    costs: new Uint8Array(n),
    mainsOf: new Array<IndexNode[] | undefined>(n),
    neg: new Int32Array(n),
    sense: new Uint8Array(n),
    condHead: new Uint8Array(n),
  };
}

const readers = new WeakMap<IndexData, WeakMap<object, NoteReader>>();

/** The reader for a dataset, built once (tries and maps precomputed) and cached. */
export function noteReaderFor(index: IndexData, codeSet: NoteCodeSet): NoteReader {
  let m = readers.get(index);
  if (!m) readers.set(index, (m = new WeakMap()));
  let r = m.get(codeSet);
  if (!r) m.set(codeSet, (r = new NoteReader(index, codeSet)));
  return r;
}
