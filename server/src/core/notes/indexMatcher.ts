/**
 * Phrase matching of note text against the ICD-10-CM Alphabetic Index (IndexData, FY2017).
 * Built once per dataset: main terms keyed by their words, every term's required words (title) and optional
 * words (parenthesised nonessential modifiers), children keyed by their first required word.
 *
 * A match starts at a head word (a main term's word) and descends into subterms whose required words all
 * occur in a window of nearby words; connector subterms ("with", "in", "due to") are descended freely and may
 * use words further right. "see" references are followed. Each result keeps the path that produced it.
 */
import type { IndexData, IndexTerm } from '../data';
import { words } from './text';

export interface IndexNode {
  term: IndexTerm;
  parent?: IndexNode;
  depth: number;
  /** alternatives of required words ("atrial or auricular" -> [["atrial"], ["auricular"]]) */
  alts: string[][];
  opt: string[];
  connector: boolean;
  /** the code the node gives (a Table of Neoplasms node: its column's cell), "|" alternatives kept */
  code?: string;
  /** the first code when the term gives two ("a|b") */
  code1?: string;
  /** manifestation code */
  mf?: string;
  /** the reference followed when the node has no code: its "see", or a "see also" into the Table of Neoplasms */
  ref?: string;
  /** "see also Table of Neoplasms" */
  tableAlso: boolean;
  /** has a "see" or "see also" */
  seeAny: boolean;
  /** children, compiled on first descent (undefined: not yet compiled) */
  kids?: IndexNode[];
  byWord?: Map<string, IndexNode[]>;
  connectors?: IndexNode[];
  /** the resolved "see" target (null: not resolvable), cached */
  see?: IndexNode | null;
  /** categories of every code in the subtree, cached */
  cats?: string[];
  /** how the node reads in a path, cached */
  label?: string;
  /** the whole path text when reached without "see" hops, cached */
  pathText?: string;
  /** "Index: <path text> → <code>" when reached without "see" hops, cached */
  indexPath?: string;
  /** Table of Neoplasms nodes: the column (0 malignant primary … 5 unspecified behavior) */
  behavior?: number;
  /** scratch: the last child loop that visited this node (dedupes without allocating) */
  mark?: number;
  /** a subterm that says the modifier is absent ("without aura", "not intractable"): its words must be negated */
  negTerm: boolean;
  /** a main term written as an acronym ("PRES", "PIN", "DISH"): only that word in capitals matches it */
  acronym?: string;
}

const NO_KIDS: IndexNode[] = [];
/**
 * Compiled nodes held at most (IndexMatcher.bound): a 10,000-line note of distinct lines compiles about 8,000,
 * typing 20 searches letter by letter about 9,000 (~700 bytes each); the Index has 77,199 terms.
 */
export const COMPILED_MAX = 16000;

/** The Table of Neoplasms' code columns, and the words of a "see Neoplasm, …" reference that pick each. */
export const NEOPLASM_COLUMNS = [
  'Malignant Primary',
  'Malignant Secondary',
  'Ca in situ',
  'Benign',
  'Uncertain Behavior',
  'Unspecified Behavior',
];
const NEOPLASM_REF: Array<[RegExp, number]> = [
  [/^secondary$/, 1],
  [/^malignant$/, 0],
  [/^(ca |carcinoma )?in situ$/, 2],
  [/^benign$/, 3],
  [/^uncertain( behavior)?$/, 4],
  [/^unspecified( behavior)?$/, 5],
];

const EMPTY: number[] = [];
const byScore = (a: IndexPathResult, b: IndexPathResult) => b.score - a.score || b.depth - a.depth;
/** A title without its parenthesised modifiers and "NEC" ("drug NEC" → "drug"), lower case. */
function bareTitle(t: string): string {
  return t
    .toLowerCase()
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+nec\b/g, '')
    .trim();
}

/** The main term a node is under. */
function rootOf(n: IndexNode): IndexNode {
  let r = n;
  while (r.parent) r = r.parent;
  return r;
}
/** Stable in-place sort: insertion sort for the short lists of one match (Array.sort copies), else sort. */
export function sortStable<T>(a: T[], cmp: (x: T, y: T) => number): void {
  if (a.length > 48) {
    a.sort(cmp);
    return;
  }
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && cmp(a[j], x) > 0) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}
/** words written with "neoplasm" that pick the Table of Neoplasms column, first found wins */
const NEOPLASM_WORDS: Array<[string, number]> = [
  ['secondary', 1],
  ['metastatic', 1],
  ['malignant', 0],
  ['situ', 2],
  ['benign', 3],
];

/** Words that never count as required in a title. */
const STOP = new Set(
  'with without and or of the in to due nec nos other a an by for on as at from not elsewhere classified is are following'.split(
    ' ',
  ),
);

/** Main terms too generic to be a diagnosis on their own (documented in docs/notes.md). */
export const GENERIC_MAIN_TERMS = new Set(
  [
    'history',
    'status',
    'admission',
    'examination',
    'encounter',
    'follow-up',
    'problem',
    'complaint',
    'use',
    'care',
    'test',
    'observation',
    'findings',
    'screening',
    'counseling',
    'plan',
    'present',
    'normal',
    'presence',
    'visit',
    'evaluation',
    'prophylactic',
    'aftercare',
    'long-term',
    'patient',
    'person',
    'procedure',
    'therapy',
    'treatment',
    'family',
    'left',
    'right',
    'change',
    'condition',
    'state',
    'type',
    'case',
    'contact',
    'exposure',
    'feeding',
    'fitting',
    'issue',
    'lack',
    'level',
    'life',
    'male',
    'female',
    'man',
    'old',
    'late',
    'post',
    'prescription',
    'reaction',
    'regular',
    'removal',
    'replacement',
    'request',
    'response',
    'result',
    'risk',
    'sequelae',
    'stable',
    'stage',
    'support',
    'surgery',
    'transplant',
    'unknown',
    'unspecified',
    'vaccination',
    'well',
    'work',
    'active',
    'acute',
    'chronic',
    'positive',
    'high',
    'low',
    'long',
    'short',
    'multiple',
    'mass',
    'fall',
    'late',
    'living',
    'medication',
    'dose',
    'drug',
    'diet',
    'dialysis',
    'infusion',
    'injection',
    'insertion',
    'monitoring',
    'nursing',
    'recurrent',
    'recovery',
    'rest',
    'return',
    'sleep',
    'tissue',
    'tear',

    'new',
    'born',
    'birth',
    'good',
    'mild',
    'moderate',
    'severe',
  ].map((w) => w),
);

function paren(m: string | undefined): { req: string; opt: string } {
  if (!m) return { req: '', opt: '' };
  const opt = (m.match(/\([^)]*\)/g) ?? []).join(' ');
  const req = m.replace(/\([^)]*\)/g, ' ');
  return { req, opt };
}

const content = (s: string) => words(s).filter((w) => !STOP.has(w));

/**
 * Main terms written "X, kind" whose kind is the default when a note writes X alone: "Fracture, traumatic" is the
 * Index's fracture by site (the other fracture main terms name their kind: pathological, nontraumatic …).
 */
const DEFAULT_KIND = new Map([['fracture', 'traumatic']]);

export function compileAlts(t: IndexTerm, main: boolean): { alts: string[][]; opt: string[] } {
  const { req, opt } = paren(t.m);
  const optWords = content(opt.replace(/see also[^)]*/gi, ''));
  if (main) {
    const segs = t.t.split(/,\s*/);
    const first = content(segs[0]);
    const variants: string[][] = [first];
    const extra: string[] = [];
    const optDefault: string[] = [];
    for (const seg of segs.slice(1)) {
      const w = content(seg);
      if (w.length === 1 && first.length && w[0].slice(0, 4) === first[0].slice(0, 4)) variants.push(w);
      // "Fracture, traumatic": the Index's fracture by site, the kind a fracture has unless written otherwise
      // (pathological, nontraumatic, stress …: those main terms keep their word required)
      else if (DEFAULT_KIND.get(first.join(' ')) === seg.trim().toLowerCase()) optDefault.push(...w);
      else extra.push(...w);
    }
    const r = content(req);
    return {
      alts: variants.filter((v) => v.length).map((v) => [...v, ...extra, ...r]),
      opt: [...optWords, ...optDefault],
    };
  }
  // subterm: commas and " or " separate alternatives ("abdomen, abdominal", "atrial or auricular")
  // " or " separates alternatives ("atrial or auricular"); a comma does when both sides are forms of one
  // word ("abdomen, abdominal"), otherwise it is an inverted phrase ("tubotympanic, chronic")
  const reqWords = content(req);
  const alts: string[][] = [];
  for (const orPart of t.t.split(/\s+or\s+/)) {
    const segs = orPart.split(/,\s*/).map(content);
    const first = segs[0];
    const merged = [...first];
    for (const w of segs.slice(1)) {
      // "abdomen, abdominal", "femur, femoral": forms of one word share their first three letters
      if (w.length === 1 && first.length === 1 && w[0].slice(0, 3) === first[0].slice(0, 3))
        alts.push([...w, ...reqWords]);
      else merged.push(...w);
    }
    alts.push([...merged, ...reqWords]);
  }
  // "lumbar region", "cervical region": "region" is how the Index names a site, not a word a note must write
  const out = alts
    .filter((a) => a.length)
    .map((a) => (a.length > 1 && a.includes('region') ? a.filter((w) => w !== 'region') : a));
  return { alts: out, opt: optWords };
}

const NO_WORDS: string[] = [];

/**
 * The first word of each of a main term's alternatives, in order: `compileAlts(t, true).alts.map((a) => a[0])`
 * without building the alternatives (the reader's build keys every main term by them; the modifiers, the
 * words after the first and the alternatives themselves are compiled when the term is first read).
 */
export function mainHeadWords(t: IndexTerm): string[] {
  const segs = t.t.split(/,\s*/);
  const first = content(segs[0]);
  if (!first.length) return NO_WORDS;
  const out = [first[0]];
  const p = first[0].slice(0, 4);
  for (let k = 1; k < segs.length; k++) {
    const w = content(segs[k]);
    if (w.length === 1 && w[0].slice(0, 4) === p) out.push(w[0]);
  }
  return out;
}

/** The code of a term; in a Table of Neoplasms column tree, that column's cell ("-": none). */
function codeOf(t: IndexTerm, behavior: number | undefined): string | undefined {
  if (behavior === undefined) return t.c;
  const c = t.cells?.[behavior];
  return c && c !== '-' ? c : undefined;
}

/** Every field set, in one order: the matcher's hot loop sees one object shape. */
function makeNode(t: IndexTerm, parent: IndexNode | undefined, depth: number, behavior?: number): IndexNode {
  const { alts, opt } = compileAlts(t, depth === 0);
  const code = codeOf(t, behavior);
  return {
    term: t,
    parent,
    depth,
    alts,
    opt,
    connector: alts.length === 0,
    code,
    code1: code === undefined ? undefined : code.includes('|') ? code.split('|')[0] : code,
    mf: t.mf,
    ref: t.see ?? (t.also && /^neoplasm\b/i.test(t.also) ? t.also : undefined),
    tableAlso: t.also === 'Table of Neoplasms',
    seeAny: !!(t.see || t.also),
    kids: undefined,
    byWord: undefined,
    connectors: undefined,
    see: undefined,
    cats: undefined,
    label: undefined,
    pathText: undefined,
    indexPath: undefined,
    behavior,
    mark: 0,
    negTerm: depth > 0 && /^(?:without|no|not)\b/i.test(t.t),
    acronym: depth === 0 ? acronymOf(t.t) : undefined,
  };
}

/** The first word of a main term when it is written in capitals ("PRES (posterior …)" -> "PRES"). */
function acronymOf(title: string): string | undefined {
  const m = /^([A-Z][A-Z0-9]+)(?![a-z])/.exec(title);
  return m && /[A-Z].*[A-Z]/.test(m[1]) ? m[1] : undefined;
}

/** One step of a path: the node, the step before it, and the "see" reference that led to it, if any. */
export interface PathStep {
  node: IndexNode;
  up?: PathStep;
  see?: string;
}

export interface IndexPathResult {
  /** the last step (the node giving the code); walk `up` for the path */
  step: PathStep;
  depth: number;
  score: number;
  /** positions (into the window token list) of the words used, outside connectors (the best result only) */
  core: number[];
  /** positions used beneath connectors ("with …") (the best result only) */
  linked: number[];
  code?: string;
  manif?: string;
}

/** The steps of a result from the main term down. */
export function stepsOf(r: IndexPathResult): PathStep[] {
  const out: PathStep[] = [];
  for (let st: PathStep | undefined = r.step; st; st = st.up) out.push(st);
  return out.reverse();
}

/**
 * A small word -> positions map (a window holds a dozen words: arrays beat a Map here), flat and reused from
 * window to window (`reset`), so a note's tens of thousands of windows allocate nothing. The positions of word
 * `i` are a linked list in insertion order: `for (let j = first[i]; j >= 0; j = next[j]) val[j]`.
 */
export class WordPositions {
  /** words[0 .. size) are the window's distinct words, in insertion order */
  readonly words: string[] = [];
  size = 0;
  first = new Int32Array(32);
  private last = new Int32Array(32);
  next = new Int32Array(64);
  val = new Int32Array(64);
  private count = 0;
  reset(): this {
    this.size = 0;
    this.count = 0;
    return this;
  }
  /** index of `w` among the words, -1 when absent */
  find(w: string): number {
    for (let i = 0; i < this.size; i++) if (this.words[i] === w) return i;
    return -1;
  }
  add(w: string, p: number): void {
    if (this.count === this.val.length) {
      this.val = grow(this.val);
      this.next = grow(this.next);
    }
    const j = this.count++;
    this.val[j] = p;
    this.next[j] = -1;
    const i = this.find(w);
    if (i >= 0) {
      this.next[this.last[i]] = j;
      this.last[i] = j;
      return;
    }
    if (this.size === this.first.length) {
      this.first = grow(this.first);
      this.last = grow(this.last);
    }
    const n = this.size++;
    this.words[n] = w;
    this.first[n] = j;
    this.last[n] = j;
  }
  /** positions of `w` in insertion order (allocates: tests and tools) */
  get(w: string): number[] | undefined {
    const i = this.find(w);
    if (i < 0) return undefined;
    const out: number[] = [];
    for (let j = this.first[i]; j >= 0; j = this.next[j]) out.push(this.val[j]);
    return out;
  }
  has(w: string): boolean {
    return this.find(w) >= 0;
  }
  /** the largest position held */
  max(): number {
    let m = -1;
    for (let j = 0; j < this.count; j++) if (this.val[j] > m) m = this.val[j];
    return m;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export interface Window {
  /** word -> positions in the token list, usable by the main term and its direct subterms */
  core: WordPositions;
  /** word -> positions, including words beyond the core (other abbreviations), for connector subterms */
  all: WordPositions;
  /** position of the head token */
  head: number;
  /**
   * per token position: 0, or the number of the negation scope it is in ("no exacerbation", "without
   * hematuria"). A subterm may use a negated word only when it says so ("without aura"), or when the head is in
   * the same scope; a plain subterm never does (a negated modifier is not documented: it never upcodes).
   */
  neg?: Int32Array;
}

export class IndexMatcher {
  readonly year: number;
  /** head word -> main term nodes, materialised on the word's first lookup */
  private readonly mains = new Map<string, IndexNode[]>();
  /** head word -> indices (into `terms`) of the main terms it starts, one per alternative */
  private readonly mainKeys = new Map<string, number[]>();
  /** head word -> the generic main terms ("History", "Status", "Fall") the note reader never starts at; search uses them */
  private readonly genericKeys = new Map<string, number[]>();
  /** every head word, sorted (for word-prefix search), built on first use */
  private sortedHeads: string[] | undefined;
  /** lower-case first comma segment of a main term -> its index, for "see" references */
  private readonly mainByTitle = new Map<string, number>();
  private readonly terms: IndexTerm[];
  private readonly mainNodes: Array<IndexNode | undefined>;
  readonly termCount: number;

  constructor(data: IndexData) {
    this.year = data.year;
    this.terms = data.terms;
    this.mainNodes = new Array<IndexNode | undefined>(data.terms.length);
    // only the main terms' head words are computed here (they key the matcher); a main term's node is built
    // the first time its head word is read, its subterms the first time a match descends into it (a note
    // touches a few hundred of the Index's ~77,000 terms)
    let count = 0;
    const countAll = (t: IndexTerm) => {
      count++;
      if (t.s) for (const c of t.s) countAll(c);
    };
    for (let i = 0; i < data.terms.length; i++) {
      const t = data.terms[i];
      countAll(t);
      const first = t.t.split(',')[0].trim().toLowerCase();
      // "see Fracture, femur, neck" is a reference into "Fracture, traumatic" (DEFAULT_KIND), not "Fracture, burst"
      const second = t.t.split(',')[1]?.trim().toLowerCase();
      const isDefault = second !== undefined && DEFAULT_KIND.get(first) === second;
      if (isDefault) this.defaultKind.add(t);
      // a main term without a comma ("Leiomyoma") takes its word from one with ("Leiomyoma, leiomyomatosis")
      if (!this.mainByTitle.has(first) || isDefault || (second === undefined && !DEFAULT_KIND.has(first)))
        this.mainByTitle.set(first, i);
      // "see Dependence, drug, nicotine" names the main term "Dependence (on) (syndrome)" without its modifiers
      const bare = first.replace(/\s*\([^)]*\)/g, '').trim();
      if (bare !== first && !this.mainByTitle.has(bare)) this.mainByTitle.set(bare, i);
      const keys = GENERIC_MAIN_TERMS.has(first) ? this.genericKeys : this.mainKeys;
      for (const key of mainHeadWords(t)) {
        // key by the first word of the alternative: cheap and selective
        const l = keys.get(key);
        if (l) l.push(i);
        else keys.set(key, [i]);
      }
    }
    // the Table of Neoplasms as six trees, one per column, reached by "see Neoplasm, malignant, by site" …
    // (the same terms, each node reading its column's cell)
    this.neoplasm = data.neoplasm;
    this.rootNeoplasm();
    this.termCount = count;
  }

  private readonly neoplasm: IndexTerm | undefined;

  private rootNeoplasm(): void {
    if (!this.neoplasm) return;
    for (let k = 0; k < 6; k++) this.neoplasmRoots.push(makeNode(this.neoplasm, undefined, 0, k));
    this.compiled += 6;
  }

  /** nodes compiled since the last `bound` reset */
  private compiled = 0;
  /** the bound of `bound` (tests set a small one) */
  maxCompiled = COMPILED_MAX;

  /** How many Index nodes are compiled and held (main terms, subterms, Table of Neoplasms nodes). */
  get compiledNodes(): number {
    return this.compiled;
  }

  /**
   * Forgets every compiled node when more than `maxCompiled` are held; they are compiled again, identically, when
   * next read. A note touches a few thousand nodes, but the search's walks (a word typed letter by letter)
   * would otherwise compile the whole Index over a session (77,199 nodes, about 50 MB). Call only where
   * no node is held (before a search, before a segment is read).
   */
  bound(): void {
    if (this.compiled <= this.maxCompiled) return;
    this.compiled = 0;
    this.mains.clear();
    this.mainNodes.fill(undefined);
    this.neoplasmRoots.length = 0;
    this.rootNeoplasm();
  }

  /** The node of main term `i`, built on first use. */
  private mainNode(i: number): IndexNode {
    let n = this.mainNodes[i];
    if (!n) {
      n = this.mainNodes[i] = makeNode(this.terms[i], undefined, 0);
      this.compiled++;
    }
    return n;
  }

  /** A node's children, compiled on first use. */
  kidsOf(node: IndexNode): IndexNode[] {
    if (node.kids) return node.kids;
    const t = node.term;
    if (!t.s) return (node.kids = NO_KIDS);
    const kids: IndexNode[] = [];
    this.compiled += t.s.length;
    for (const c of t.s) {
      const k = makeNode(c, node, node.depth + 1, node.behavior);
      kids.push(k);
      if (k.connector) (node.connectors ??= []).push(k);
      else {
        node.byWord ??= new Map();
        for (let i = 0; i < k.alts.length; i++) {
          const w = k.alts[i][0];
          let dup = false;
          for (let j = 0; j < i && !dup; j++) dup = k.alts[j][0] === w;
          if (dup) continue;
          const l = node.byWord.get(w);
          if (l) l.push(k);
          else node.byWord.set(w, [k]);
        }
      }
    }
    return (node.kids = kids);
  }

  private readonly neoplasmRoots: IndexNode[] = [];
  private usedScratch = new Uint8Array(64);
  private markCounter = 0;

  /**
   * A main term that is the default kind of its word ("Fracture, traumatic"): a match through it loses a tie to
   * a main term the note names ("Colles' fracture", "Fracture, pathological").
   */
  isDefaultKind(main: IndexNode): boolean {
    return this.defaultKind.has(main.term);
  }
  /** the main terms of DEFAULT_KIND ("Fracture, traumatic"), found once at build (a match asks for every head) */
  private readonly defaultKind = new Set<IndexTerm>();

  /** Main terms whose head word is `word`. */
  headsFor(word: string): IndexNode[] | undefined {
    // most words of a note head no main term: one lookup for them
    const idx = this.mainKeys.get(word);
    if (!idx) return undefined;
    const hit = this.mains.get(word);
    if (hit) return hit;
    const nodes: IndexNode[] = [];
    for (const i of idx) nodes.push(this.mainNode(i));
    this.mains.set(word, nodes);
    return nodes;
  }

  /** Main terms whose head word is `word`, the generic ones included (search: "history of …", "status post …"). */
  searchHeads(word: string): IndexNode[] {
    const out = [...(this.headsFor(word) ?? [])];
    for (const i of this.genericKeys.get(word) ?? []) {
      const n = this.mainNode(i);
      if (!out.includes(n)) out.push(n);
    }
    return out;
  }

  /** Head words starting with `prefix` (a word being typed), at most `max`. */
  headsWithPrefix(prefix: string, max = 20): string[] {
    this.sortedHeads ??= [...new Set([...this.mainKeys.keys(), ...this.genericKeys.keys()])].sort();
    const a = this.sortedHeads;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < a.length && out.length < max && a[i].startsWith(prefix); i++) out.push(a[i]);
    return out;
  }

  /** The node a node's "see" (or "see also" into the Table of Neoplasms) leads to, if it can be followed. */
  seeOf(node: IndexNode): IndexNode | undefined {
    return node.ref ? this.seeTarget(node) : undefined;
  }

  /** Resolves an Index "see" reference ("Failure, heart, congestive") to a node. */
  resolveSee(ref: string, behavior?: number): IndexNode | undefined {
    let segs = ref.split(/,\s*/).map((s) => s.trim().toLowerCase().replace(/\s+/g, ' '));
    let node: IndexNode | undefined;
    if (segs[0] === 'neoplasm' && this.neoplasmRoots.length) {
      // "Neoplasm, malignant, by site" / "Neoplasm, by site, benign" / "Neoplasm, intestine, large" (in the table)
      let col = behavior;
      segs = segs.slice(1).filter((seg) => {
        const hit = NEOPLASM_REF.find(([re]) => re.test(seg));
        if (hit && col === undefined) col = hit[1];
        return !hit && seg !== 'by site';
      });
      if (col === undefined) return undefined;
      node = this.neoplasmRoots[col];
      if (!segs.length) return node;
    } else {
      const i = this.mainByTitle.get(segs[0]);
      node = i === undefined ? undefined : this.mainNode(i);
      segs = segs.slice(1);
    }
    if (!node) return undefined;
    for (const seg of segs) {
      if (seg === 'by site' || seg.startsWith('specified') || seg === 'condition') break;
      const cur: IndexNode = node;
      const next: IndexNode | undefined = this.kidsOf(cur).find(
        (k: IndexNode) =>
          k.term.t.toLowerCase() === seg ||
          `${k.term.t} ${k.term.m ?? ''}`.toLowerCase().trim() === seg ||
          k.term.t.toLowerCase().split(',')[0].trim() === seg ||
          // "see Dependence, drug, opioid" names the subterm "drug NEC"
          bareTitle(k.term.t) === seg,
      );
      if (!next) return undefined; // a reference we cannot follow exactly is not followed at all
      node = next;
    }
    return node;
  }

  /**
   * All Index paths of main term `main` (whose words were found around the head) within the window,
   * best first. `mainPos` are the positions used by the main term's own words.
   */
  match(main: IndexNode, mainPos: number[], win: Window): IndexPathResult[] {
    // the path is a chain of steps (shared, never copied); the word positions are mutable stacks copied only
    // when a result becomes the best so far: this runs for every head word of a note, so the descent is a
    // method over per-match state (no closure per call)
    const st = this.st;
    st.results = [];
    st.core = mainPos.slice();
    st.linked.length = 0;
    st.added.length = 0;
    st.best = undefined;
    st.win = win;
    // positions already used by the path: a reusable flag array (the window never exceeds the segment)
    const maxPos = Math.max(win.head, win.all.max());
    if (this.usedScratch.length <= maxPos) this.usedScratch = new Uint8Array(Math.max(64, (maxPos + 1) * 2));
    const used = this.usedScratch;
    used.fill(0, 0, maxPos + 1);
    for (const q of mainPos) used[q] = 1;
    let bonus = 0;
    for (const o of main.opt) if (win.core.has(o)) bonus += 0.25;
    this.visit({ node: main, up: undefined, see: undefined }, 0, mainPos.length + bonus, false, 0);
    const results = st.results;
    st.results = [];
    st.win = undefined;
    if (results.length > 1) sortStable(results, byScore);
    return results;
  }

  private readonly st: {
    results: IndexPathResult[];
    core: number[];
    linked: number[];
    added: number[];
    best: IndexPathResult | undefined;
    win: Window | undefined;
  } = { results: [], core: [], linked: [], added: [], best: undefined, win: undefined };

  /** per depth of the descent: two position arrays reused by `visit` */
  private readonly posPool: Array<[number[], number[]]> = [];

  private visit(step: PathStep, depth: number, score: number, underConnector: boolean, hops: number): void {
    const st = this.st;
    const win = st.win!;
    const { core, linked, added } = st;
    const used = this.usedScratch;
    const node = step.node;
    const code = node.code1;
    if (code) {
      const r: IndexPathResult = { step, depth, score, core: EMPTY, linked: EMPTY, code, manif: node.mf };
      const best = st.best;
      if (!best || score > best.score || (score === best.score && depth > best.depth)) {
        r.core = core.slice();
        r.linked = linked.slice();
        st.best = r;
      }
      st.results.push(r);
    } else if (hops < 3 && node.tableAlso && this.neoplasmRoots.length) {
      // "Neoplasm, neoplastic — see also Table of Neoplasms": the column from the words written with it
      const map = underConnector ? win.all : win.core;
      let col = 5;
      let at = -1;
      for (const [w, c] of NEOPLASM_WORDS) {
        const wi = map.find(w);
        if (wi < 0) continue;
        col = c;
        // the behaviour word is part of the mention ("Malignant neoplasm of …")
        at = map.val[map.first[wi]];
        break;
      }
      if (at >= 0) (underConnector ? linked : core).push(at);
      this.visit(
        { node: this.neoplasmRoots[col], up: step, see: 'Table of Neoplasms' },
        depth + 1,
        score,
        underConnector,
        hops + 1,
      );
      if (at >= 0) (underConnector ? linked : core).pop();
    } else if (hops < 3 && node.seeAny) {
      const target = node.ref ? this.seeTarget(node) : undefined;
      if (target && target !== node)
        // a reference to another main term costs 1; one inside the same main term, another name for a subterm
        // ("Fracture, hip — see Fracture, femur, neck"), half
        this.visit(
          { node: target, up: step, see: node.ref },
          depth + 1,
          score - (rootOf(target) === rootOf(node) ? 0.5 : 1),
          underConnector,
          hops + 1,
        );
    }
    if (depth > 7) return;
    if (!node.kids) this.kidsOf(node);
    const map = underConnector ? win.all : win.core;
    if (node.byWord) {
      const mark = ++this.markCounter;
      const keys = map.words;
      for (let wi = 0; wi < map.size; wi++) {
        const kids = node.byWord.get(keys[wi]);
        if (!kids) continue;
        for (const k of kids) {
          if (k.mark === mark) continue;
          k.mark = mark;
          // two reusable arrays per depth (the best alternative so far and the one being tried): no array
          // per alternative tried
          const pool = (this.posPool[depth] ??= [[], []]);
          // filled by index with a count (no `length` writes: a slow path in V8)
          let bestPos: number[] | undefined;
          let bestLen = 0;
          for (const alt of k.alts) {
            if (bestPos && alt.length <= bestLen) continue;
            const pos = bestPos === pool[0] ? pool[1] : pool[0];
            let len = 0;
            let ok = true;
            for (const aw of alt) {
              const ai = map.find(aw);
              if (ai < 0) {
                ok = false;
                break;
              }
              // nearest unused position to the head (among those the negation scopes allow)
              let p = -1;
              let any = -1;
              const f = map.first[ai];
              const neg = win.neg;
              for (let j = f; j >= 0; j = map.next[j]) {
                const q = map.val[j];
                if (neg !== undefined && (k.negTerm ? neg[q] === 0 : neg[q] !== 0 && neg[q] !== neg[win.head]))
                  continue;
                if (any < 0) any = q;
                if (!used[q] && (p < 0 || Math.abs(q - win.head) < Math.abs(p - win.head))) p = q;
              }
              if (any < 0 || (k.negTerm && neg === undefined)) {
                // "without aura" needs a negated "aura"; without negation scopes it never matches
                ok = false;
                break;
              }
              pos[len++] = p < 0 ? any : p;
            }
            if (ok) {
              bestPos = pos;
              bestLen = len;
            }
          }
          if (!bestPos) continue;
          let bonus = 0;
          for (const o of k.opt) if (map.has(o)) bonus += 0.25;
          const mark0 = added.length;
          for (let i = 0; i < bestLen; i++) {
            const q = bestPos[i];
            if (used[q]) continue;
            used[q] = 1;
            added.push(q);
          }
          const target = underConnector ? linked : core;
          for (let i = 0; i < bestLen; i++) target.push(bestPos[i]);
          this.visit({ node: k, up: step, see: undefined }, depth + 1, score + bestLen + bonus, underConnector, hops);
          for (let i = 0; i < bestLen; i++) target.pop();
          while (added.length > mark0) used[added.pop()!] = 0;
        }
      }
    }
    if (node.connectors)
      for (const k of node.connectors) this.visit({ node: k, up: step, see: undefined }, depth + 1, score, true, hops);
  }

  /**
   * Categories (3 characters, no dot) of all codes beneath the entry a result went through first (the main
   * term when it has no subterm on the path): the combination codes a coder may have chosen instead.
   */
  related(r: IndexPathResult): string[] {
    // the second step from the main term (the main term itself when the path has one step), without
    // building the step list: this runs for every mention
    let st = r.step;
    while (st.up && st.up.up) st = st.up;
    const node = st.node;
    if (!node.cats) {
      const set = new Set<string>();
      const col = node.behavior;
      const walk = (n: IndexTerm) => {
        const code = codeOf(n, col);
        if (code) for (const c of code.split('|')) set.add(c.replace('.', '').slice(0, 3));
        if (n.s) for (const k of n.s) walk(k);
      };
      walk(node.term);
      node.cats = [...set];
    }
    return node.cats;
  }

  /** The node a "see" reference leads to, resolved once per node. */
  private seeTarget(node: IndexNode): IndexNode | undefined {
    if (node.see === undefined) {
      const ref = this.refOf(node)!;
      node.see = /^(condition|specified)/i.test(ref) ? null : (this.resolveSee(ref, node.behavior) ?? null);
    }
    return node.see ?? undefined;
  }

  /** The reference a node without a code leads to: its "see", or a "see also" into the Table of Neoplasms. */
  refOf(node: IndexNode): string | undefined {
    return node.ref;
  }
}

/** "Failure, heart, systolic, acute on chronic" style path text of a result. */
function labelOf(n: IndexNode): string {
  if (n.label === undefined) {
    // the main term by its first form ("Failure" of "Failure, failed"); a subterm with its modifiers when they
    // carry required words ("and (on) chronic (congestive)")
    const m = n.term.m && paren(n.term.m).req.trim() ? ` ${n.term.m}` : '';
    n.label =
      n.depth === 0 && n.behavior !== undefined
        ? `Table of Neoplasms (${NEOPLASM_COLUMNS[n.behavior]})`
        : n.depth === 0
          ? n.term.t.split(',')[0]
          : `${n.term.t}${m}`;
  }
  return n.label;
}

export function pathText(r: IndexPathResult): string {
  let hasSee = false;
  for (let st: PathStep | undefined = r.step; st; st = st.up) if (st.see) hasSee = true;
  if (!hasSee && r.step.node.pathText !== undefined) return r.step.node.pathText;
  const parts: string[] = [];
  for (const st of stepsOf(r)) {
    if (st.see) {
      const col = st.node.behavior !== undefined ? NEOPLASM_COLUMNS[st.node.behavior] : '';
      const table = !col ? '' : st.see === 'Table of Neoplasms' ? ` (${col})` : ` (Table of Neoplasms, ${col})`;
      parts[parts.length - 1] += ` → see ${st.see}${table}`;
    } else parts.push(labelOf(st.node));
  }
  const text = parts.join(', ');
  if (!hasSee) r.step.node.pathText = text;
  return text;
}

/** "Index: Failure, heart, systolic → I50.2-": a result's path and code, as a candidate's path begins. */
export function indexPathText(r: IndexPathResult): string {
  const node = r.step.node;
  let hasSee = false;
  for (let st: PathStep | undefined = r.step; st; st = st.up) if (st.see) hasSee = true;
  // the result's code is its node's first code (visit): cached on the node when no "see" is on the path
  if (!hasSee && node.indexPath !== undefined && r.code === node.code1) return node.indexPath;
  const text = `Index: ${pathText(r)} → ${r.code}`;
  if (!hasSee && r.code === node.code1) node.indexPath = text;
  return text;
}
