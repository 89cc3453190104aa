/**
 * Search as a coder searches: the Alphabetic Index first (main term → subterms → code, "see" followed, the
 * abbreviations the note reader knows), then the Tabular's titles and inclusion terms (codeSet.search).
 * It reuses the note reader's Index (the matcher's lazily compiled nodes) and its edition check of FY2017
 * Index codes, so no second copy of the Index is loaded. Ranking and rules: docs/codeset.md "Search".
 */
import type { SearchHit } from '../codeset/api';
import { isCodeQuery } from '../codeset/search';
import { GENERIC_MAIN_TERMS, indexPathText, type IndexNode, type PathStep } from './indexMatcher';
import type { NoteReader } from './reader';
import { tokenize, type Token } from './text';

/** Words a query may carry that name no Index term of their own. */
const STOP = new Set(['of', 'the', 'a', 'an', 'and', 'with', 'without', 'in', 'to', 'due', 'for', 'on', 'or', 'by']);

export interface IndexSearchResult {
  hits: SearchHit[];
  /** Index instructions without a code ("Urosepsis - code to condition"), to show as they are */
  instructions: string[];
}

/** One query word: its forms (the word, and the words of a codeless main term's "see"/"see also"). */
interface QWord {
  forms: string[];
  /** the last word of the query may be a prefix being typed */
  prefix: boolean;
}

interface Found {
  code: string;
  manif?: string;
  step: PathStep;
  /** bit set of the query words the path uses */
  used: number;
  /** every word matched as a whole word (none as a prefix) */
  exact: boolean;
  /** stepped through a subterm without a query word */
  free: boolean;
  qualMiss: number;
  covered: number;
  unmatched: number;
  depth: number;
  hops: number;
  order: number;
}

const MAX_RESULTS = 400;
/** main-term qualifiers that are the default sense, so a query without them loses nothing (docs/codeset.md) */
const DEFAULT_QUALIFIERS = new Set(['traumatic']);
/**
 * Under a generic main term ("History", "Status"), a subterm the query has no word for may be stepped through
 * once per path ("history of breast cancer": History, personal (of), …); "family" must be written.
 */
const NO_FREE_STEP = new Set(['family']);

function wordMatches(q: QWord, w: string): 0 | 1 | 2 {
  for (const f of q.forms) if (f === w) return 2;
  if (q.prefix && q.forms[0].length >= 3 && w.startsWith(q.forms[0])) return 1;
  return 0;
}

/** where a path stands: query words used (bit set), those matched only as a prefix, and its score parts */
interface State {
  used: number;
  pre: number;
  covered: number;
  unmatched: number;
  depth: number;
  hops: number;
  /** a subterm without a query word was stepped through */
  free: boolean;
  /** words of the main term's own qualifier the query lacks ("Fracture, pathological" for "hip fracture") */
  qualMiss: number;
}

class Walker {
  readonly found: Found[] = [];
  readonly instructions = new Set<string>();
  private order = 0;
  constructor(
    private readonly reader: NoteReader,
    private readonly q: QWord[],
  ) {}

  /** a node's words (best required alternative, then nonessential modifiers) applied to a state */
  cover(node: IndexNode, s: State, firstWord?: number): { next: State; gain: number } {
    let best: State | undefined;
    let bestScore = -Infinity;
    let bestGain = 0;
    for (const alt of node.alts) {
      let used = s.used;
      let pre = s.pre;
      let gain = 0;
      let unmatched = 0;
      for (let a = 0; a < alt.length; a++) {
        const w = alt[a];
        let hit = false;
        for (let i = 0; i < this.q.length; i++) {
          if (used & (1 << i)) continue;
          if (a === 0 && firstWord !== undefined && i !== firstWord) continue;
          const m = wordMatches(this.q[i], w);
          if (!m) continue;
          used |= 1 << i;
          if (m === 1) pre |= 1 << i;
          gain += m === 2 ? 1 : 0.8;
          hit = true;
          break;
        }
        if (!hit) {
          if (a === 0 && firstWord !== undefined) {
            unmatched = 99;
            break;
          }
          // "Fracture, traumatic" is the Index's fracture when the query does not say pathological, stress …
          if (!DEFAULT_QUALIFIERS.has(w)) unmatched++;
        }
      }
      const score = gain - unmatched * 0.5;
      if (score > bestScore) {
        bestScore = score;
        bestGain = gain;
        best = { ...s, used, pre, covered: s.covered + gain, unmatched: s.unmatched + unmatched };
      }
    }
    const next = best ?? { ...s };
    for (const w of node.opt) {
      for (let i = 0; i < this.q.length; i++) {
        if (next.used & (1 << i)) continue;
        if (wordMatches(this.q[i], w) === 2) {
          next.used |= 1 << i;
          next.covered += 0.9;
          bestGain += 0.9;
          break;
        }
      }
    }
    return { next, gain: bestGain };
  }

  visit(step: PathStep, s: State): void {
    if (this.found.length >= MAX_RESULTS) return;
    const node = step.node;
    const m = this.reader.matcher;
    if (node.code1) {
      this.found.push({
        code: node.code1,
        manif: node.mf,
        step,
        used: s.used,
        exact: s.pre === 0,
        qualMiss: s.qualMiss,
        free: s.free,
        covered: s.covered,
        unmatched: s.unmatched,
        depth: s.depth,
        hops: s.hops,
        order: this.order++,
      });
    } else if (s.hops < 2 && node.ref) {
      const target = m.seeOf(node);
      if (target && target !== node) {
        // the reference's own words ("Disease, Alzheimer's") may carry query words
        const c = this.cover(target, { ...s, unmatched: 0 });
        this.visit(
          { node: target, up: step, see: node.ref },
          { ...c.next, unmatched: s.unmatched, depth: s.depth + 1, hops: s.hops + 1 },
        );
      }
    } else if (s.depth === 0 && /code to condition|see condition/i.test(`${node.term.t} ${node.term.see ?? ''}`)) {
      this.instructions.add(`Index: ${node.term.t}${node.term.see ? ` — see ${node.term.see}` : ''}`);
    }
    if (s.depth > 6 || s.used === (1 << this.q.length) - 1) return;
    this.kids(node, step, s, true);
  }

  private kids(node: IndexNode, step: PathStep, s: State, connectors: boolean): void {
    for (const k of this.reader.matcher.kidsOf(node)) {
      if (k.connector) {
        // "with", "in (due to)": descended freely, a result beneath must use a word of its own
        if (connectors) this.kids(k, { node: k, up: step, see: undefined }, { ...s, depth: s.depth + 1 }, false);
        continue;
      }
      const c = this.cover(k, s);
      if (c.gain > 0) this.visit({ node: k, up: step, see: undefined }, { ...c.next, depth: s.depth + 1 });
      else if (
        !s.free &&
        node.depth === 0 &&
        GENERIC_MAIN_TERMS.has(node.term.t.split(',')[0].trim().toLowerCase()) &&
        !NO_FREE_STEP.has(k.term.t.toLowerCase()) &&
        k.alts.length
      )
        this.visit(
          { node: k, up: step, see: undefined },
          { ...s, unmatched: s.unmatched + k.alts[0].length, depth: s.depth + 1, free: true },
        );
    }
  }
}

/** The query's words as the note reader reads them (abbreviations expanded, light stemming), stop words out. */
function queryWords(reader: NoteReader, query: string): QWord[] {
  const raw: Token[] = tokenize(query);
  const toks = reader.expandAbbreviations(raw);
  const typing = !/\s$/.test(query);
  const out: QWord[] = [];
  for (let i = 0; i < toks.length && out.length < 12; i++) {
    const t = toks[i];
    if (STOP.has(t.norm)) continue;
    // a word typed, not the expansion of an abbreviation, may be a prefix while it is the query's last
    const isLast =
      i === toks.length - 1 &&
      raw.length > 0 &&
      t.end === raw[raw.length - 1].end &&
      t.start === raw[raw.length - 1].start;
    const forms = [t.norm];
    // a codeless main term that refers elsewhere names a synonym: "Cancer — see also Neoplasm, malignant"
    for (const main of reader.matcher.searchHeads(t.norm)) {
      if (main.code1 || main.term.t.includes(',') || main.alts[0]?.length !== 1) continue;
      const ref = main.term.see ?? main.term.also;
      if (!ref || /^(condition|specified)/i.test(ref)) continue;
      for (const w of tokenize(ref.replace(/\bby site\b/gi, '')))
        if (!STOP.has(w.norm) && !forms.includes(w.norm)) forms.push(w.norm);
    }
    out.push({ forms, prefix: typing && isLast && t.raw.toLowerCase() === t.lower });
  }
  return out;
}

const SEVENTH_RANK: Array<[RegExp, number]> = [
  [/, subsequent encounter\b/i, 40],
  [/, sequela$/i, 50],
];

/** Title hits re-ranked as a coder expects: billable first, an initial encounter before subsequent/sequela. */
function rankTitles(hits: SearchHit[]): SearchHit[] {
  const penalty = (h: SearchHit) => {
    for (const [re, p] of SEVENTH_RANK) if (re.test(h.title)) return p;
    return 0;
  };
  return hits
    .map((h, i) => ({ h, i, s: (h.billable ? 1000 : 0) + h.score - penalty(h) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.h);
}

/**
 * Index and Tabular search for an edition. A code-like query ("I50.2") is a code-prefix search. Otherwise the
 * Index paths that use every query word come first (fewest Index words the query lacks, fewest "see" hops,
 * the shallowest: the Index default), each code checked against the edition (a header gives its billable
 * codes ranked by the query's words, a deleted code its replacement, a 7th-character code its initial
 * encounter), then the title and inclusion-term hits, then Index paths that use only some of the words.
 */
export function searchWithIndex(
  reader: NoteReader,
  search: (query: string, ed: number, limit: number) => SearchHit[],
  query: string,
  ed: number,
  limit = 20,
): IndexSearchResult {
  const q = query.trim();
  if (!q) return { hits: [], instructions: [] };
  // a code prefix is answered by code (only a code-shaped query can give code-prefix hits)
  const code = isCodeQuery(q) ? search(q, ed, limit) : [];
  if (code.length && code[0].matched === 'code-prefix') return { hits: code, instructions: [] };
  // the walks below compile the Index nodes they visit: the matcher holds a bounded number of them
  reader.matcher.bound();
  const qw = queryWords(reader, query);
  // an abbreviation is searched in the titles by its words too ("UTI": urinary tract infection, not "utilities")
  const expanded = reader.expandAbbreviations(tokenize(q));
  const phrase = expanded.map((t) => t.raw).join(' ');
  const titles = search(phrase, ed, Math.max(limit * 3, 60));
  const walker = new Walker(reader, qw);
  const m = reader.matcher;
  if (qw.length && qw.length <= 12) {
    const seen = new Set<IndexNode>();
    for (let i = 0; i < qw.length; i++) {
      const heads = [...m.searchHeads(qw[i].forms[0])];
      if (qw[i].prefix) for (const w of m.headsWithPrefix(qw[i].forms[0], 8)) heads.push(...m.searchHeads(w));
      for (const main of heads) {
        if (seen.has(main)) continue;
        seen.add(main);
        // the head word is query word i; the main term's other words count like a subterm's
        const c = walker.cover(
          main,
          { used: 0, pre: 0, covered: 0, unmatched: 0, depth: 0, hops: 0, free: false, qualMiss: 0 },
          i,
        );
        if (c.next.unmatched >= 99 || !(c.next.used & (1 << i))) continue;
        walker.visit({ node: main, up: undefined, see: undefined }, { ...c.next, qualMiss: c.next.unmatched });
      }
    }
  }
  const need = qw.length;
  const all = (1 << need) - 1;
  // every word used, each exactly; else every word used, the last one as a prefix being typed
  const whole = walker.found.filter((f) => f.used === all && f.qualMiss === 0);
  const exact = whole.filter((f) => f.exact);
  const full = exact.length ? exact : whole;
  // a path through a main term whose qualifier the query lacks ("Fracture, pathological" for "hip fracture"):
  // after the titles; a path using only some of the words is never offered (a wrong code costs more trust)
  const partial = walker.found.filter((f) => f.used === all && f.qualMiss > 0 && f.exact);
  const rank = (a: Found, b: Found) =>
    b.covered - a.covered || a.unmatched - b.unmatched || a.hops - b.hops || a.depth - b.depth || a.order - b.order;
  full.sort(rank);
  partial.sort(rank);
  const allWords = qw.flatMap((w) => w.forms);
  const out: SearchHit[] = [];
  const have = new Set<string>();
  const add = (h: SearchHit) => {
    if (have.has(h.code) || out.length >= limit) return;
    have.add(h.code);
    out.push(h);
  };
  const fromIndex = (list: Found[]) => {
    for (const f of list) {
      if (out.length >= limit) break;
      const base = indexPathText({
        step: f.step,
        depth: f.depth,
        score: f.covered,
        core: [],
        linked: [],
        code: f.code,
      });
      const mf = f.manif ? ` [${f.manif}]` : '';
      for (const c of rankTitles(
        reader.indexCodeIn(f.code, ed, allWords).map((c, i) => ({ ...c, matched: 'index' as const, score: -i })),
      )) {
        const hit: SearchHit = {
          code: c.code,
          title: c.title,
          billable: c.billable,
          matched: 'index',
          path: `${base}${mf}${c.path ? ` ${c.path}` : ''}`,
          score: Math.round(f.covered * 100 - f.unmatched * 10),
        };
        if (c.note && c.note !== 'header' && c.note !== 'seventh') hit.note = c.note;
        add(hit);
        if (f.manif) {
          for (const mc of reader.indexCodeIn(f.manif, ed, allWords).slice(0, 1))
            add({
              code: mc.code,
              title: mc.title,
              billable: mc.billable,
              matched: 'index',
              path: `${base}${mf}`,
              note: `manifestation code: reported with ${c.code}, sequenced after it`,
              score: hit.score - 1,
            });
        }
      }
    }
  };
  fromIndex(full);
  for (const h of rankTitles(titles)) add(h);
  fromIndex(partial);
  return { hits: out, instructions: [...walker.instructions] };
}
