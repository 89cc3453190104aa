/**
 * TabularData over the columnar tabular artifact (format 3, ../data.ts TabularArtifact): the 45,000 code nodes
 * stay in three column strings; a node (its desc and notes) is made on demand from them, and key -> node is an
 * open-addressing hash table in an Int32Array over the keys column. Parsing the format-2 object of every node
 * with JSON.parse built ~120,000 objects and arrays (11 MB of heap, and a loading peak V8 kept). Pure: no fs.
 */
import {
  CM_SEPARATOR,
  TABULAR_ITEM_SEPARATOR,
  TABULAR_NOTE_KINDS,
  type CodeNotes,
  type NoteChange,
  type TabularArtifact,
  type TabularChapter,
  type TabularData,
  type TabularNode,
  type TabularSection,
} from '../data';
import { columnOffsets, hashRange } from './columns';

/** Thrown when the columns do not agree with each other; the loader turns it into a DataError. */
export class TabularShapeError extends Error {}

type Kind = keyof CodeNotes;
const KINDS = Object.keys(TABULAR_NOTE_KINDS) as Kind[];
/** char code of a kind letter -> kind */
const KIND_OF = new Map<number, Kind>(KINDS.map((k) => [TABULAR_NOTE_KINDS[k].charCodeAt(0), k]));

function offsets(text: string, count: number, column: string): Uint32Array {
  const o = columnOffsets(text, count);
  if (!o) throw new TabularShapeError(`${column} do not match the ${count} nodes`);
  return o;
}

class TabularTable implements TabularData {
  readonly formatVersion: number;
  readonly year: number;
  readonly chapters: TabularChapter[];
  readonly sections: TabularSection[];
  readonly noteChanges?: NoteChange[];
  readonly size: number;
  private readonly keys: string;
  private readonly keyAt: Uint32Array;
  /** hash slot -> row + 1 (0: empty); its length is a power of two */
  private readonly slots: Int32Array;
  private descs = '';
  private descAt?: Uint32Array;
  /** reads the descs column on first use (the language server never shows the Tabular's titles) */
  private loadDescs?: () => string;
  private readonly notesText: string;
  private readonly notesAt: Uint32Array;
  private all?: Record<string, TabularNode>;

  constructor(a: TabularArtifact, descs?: () => string) {
    this.formatVersion = a.formatVersion;
    this.year = a.year;
    this.chapters = a.chapters;
    this.sections = a.sections;
    if (a.noteChanges) this.noteChanges = a.noteChanges;
    const n = a.count;
    this.size = n;
    this.keys = a.keys;
    this.keyAt = offsets(a.keys, n, 'keys');
    if (descs) this.loadDescs = descs;
    else this.setDescs(a.descs);
    this.notesText = a.notes;
    this.notesAt = offsets(a.notes, n, 'notes');
    let cap = 1024;
    while (cap < n * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    const mask = cap - 1;
    const at = this.keyAt;
    for (let i = 0; i < n; i++) {
      let h = hashRange(a.keys, at[i]!, at[i + 1]! - 1) & mask;
      while (this.slots[h] !== 0) {
        // a key twice: the Tabular's later node wins, as in the format-2 object
        if (this.sameKey(this.slots[h]! - 1, a.keys, at[i]!, at[i + 1]! - 1)) break;
        h = (h + 1) & mask;
      }
      this.slots[h] = i + 1;
    }
  }

  private setDescs(text: string): void {
    this.descAt = offsets(text, this.size, 'descs');
    this.descs = text;
  }

  private desc(i: number): string {
    if (!this.descAt) {
      this.setDescs(this.loadDescs!());
      this.loadDescs = undefined;
    }
    return this.descs.slice(this.descAt![i]!, this.descAt![i + 1]! - 1);
  }

  private sameKey(j: number, s: string, a: number, b: number): boolean {
    const from = this.keyAt[j]!;
    if (this.keyAt[j + 1]! - 1 - from !== b - a) return false;
    for (let k = 0; k < b - a; k++) if (this.keys.charCodeAt(from + k) !== s.charCodeAt(a + k)) return false;
    return true;
  }

  private rowOf(key: string): number | undefined {
    const mask = this.slots.length - 1;
    let h = hashRange(key, 0, key.length) & mask;
    for (;;) {
      const j = this.slots[h]!;
      if (j === 0) return undefined;
      if (this.sameKey(j - 1, key, 0, key.length)) return j - 1;
      h = (h + 1) & mask;
    }
  }

  private key(i: number): string {
    return this.keys.slice(this.keyAt[i]!, this.keyAt[i + 1]! - 1);
  }

  private nodeAt(i: number): TabularNode {
    return this.fill<TabularNode>({ desc: this.desc(i) }, i);
  }

  /** adds row i's notes to node */
  private fill<T extends CodeNotes>(node: T, i: number): T {
    const t = this.notesText;
    const end = this.notesAt[i + 1]! - 1;
    let p = this.notesAt[i]!;
    while (p < end) {
      let q = t.indexOf(TABULAR_ITEM_SEPARATOR, p);
      if (q < 0 || q > end) q = end;
      const kind = KIND_OF.get(t.charCodeAt(p));
      if (kind === 'sevenChrDef') {
        (node.sevenChrDef ??= []).push({ char: t[p + 1]!, meaning: t.slice(p + 2, q) });
      } else if (kind) {
        (node[kind] ??= []).push(t.slice(p + 1, q));
      }
      p = q + 1;
    }
    return node;
  }

  node(key: string): TabularNode | undefined {
    const i = this.rowOf(key);
    return i === undefined ? undefined : this.nodeAt(i);
  }

  nodeNotes(key: string): CodeNotes | undefined {
    const i = this.rowOf(key);
    return i === undefined ? undefined : this.fill({}, i);
  }

  *inclusionTerms(): Iterable<[string, string[]]> {
    const t = this.notesText;
    const mark = TABULAR_NOTE_KINDS.inclusionTerm;
    for (let i = 0; i < this.size; i++) {
      const a = this.notesAt[i]!;
      const b = this.notesAt[i + 1]! - 1;
      // inclusion terms are stored first: a node has them when its entry starts with their letter
      if (b > a && t[a] === mark) yield [this.key(i), this.fill<CodeNotes>({}, i).inclusionTerm!];
    }
  }

  get codes(): Record<string, TabularNode> {
    if (!this.all) {
      const all: Record<string, TabularNode> = {};
      for (let i = 0; i < this.size; i++) all[this.key(i)] = this.nodeAt(i);
      this.all = all;
    }
    return this.all;
  }
}

/**
 * TabularData over a tabular artifact (format 3). Throws TabularShapeError when its columns disagree. With
 * `descs`, `a.descs` is ignored and the column is read through it when a node's desc is first asked for.
 */
export function tabularFromArtifact(a: TabularArtifact, descs?: () => string): TabularData {
  return new TabularTable(a, descs);
}

/**
 * The artifact of plain TabularData (the data build writes the same columns; tests round-trip through it).
 * Throws TabularShapeError when a text holds a separator or a 7th character is not one character.
 */
export function tabularArtifactFrom(
  t: Pick<TabularData, 'formatVersion' | 'year' | 'chapters' | 'sections' | 'codes'>,
): TabularArtifact {
  const keys: string[] = [];
  const descs: string[] = [];
  const notes: string[] = [];
  const check = (s: string) => {
    if (s.includes(CM_SEPARATOR) || s.includes(TABULAR_ITEM_SEPARATOR)) {
      throw new TabularShapeError(`"${CM_SEPARATOR}" or "${TABULAR_ITEM_SEPARATOR}" inside ${JSON.stringify(s)}`);
    }
    return s;
  };
  for (const key of Object.keys(t.codes)) {
    const node = t.codes[key]!;
    keys.push(check(key));
    descs.push(check(node.desc));
    const items: string[] = [];
    for (const kind of KINDS) {
      const letter = TABULAR_NOTE_KINDS[kind];
      if (kind === 'sevenChrDef') {
        for (const d of node.sevenChrDef ?? []) {
          if (d.char.length !== 1) throw new TabularShapeError(`7th character ${JSON.stringify(d.char)} of ${key}`);
          items.push(letter + check(d.char) + check(d.meaning));
        }
      } else {
        for (const text of node[kind] ?? []) items.push(letter + check(text));
      }
    }
    notes.push(items.join(TABULAR_ITEM_SEPARATOR));
  }
  return {
    formatVersion: t.formatVersion,
    year: t.year,
    chapters: t.chapters,
    sections: t.sections,
    count: keys.length,
    keys: keys.join(CM_SEPARATOR),
    descs: descs.join(CM_SEPARATOR),
    notes: notes.join(CM_SEPARATOR),
  };
}

const own = Object.prototype.hasOwnProperty;

/** The Tabular node of a key (no dot) — through the columns when loaded, else from a plain object. */
export function tabNode(t: TabularData, key: string): TabularNode | undefined {
  if (t.node) return t.node(key);
  return own.call(t.codes, key) ? t.codes[key] : undefined;
}

/** The notes of a key's node (no desc), undefined when the Tabular has no node for it. */
export function tabNotes(t: TabularData, key: string): CodeNotes | undefined {
  if (t.nodeNotes) return t.nodeNotes(key);
  return own.call(t.codes, key) ? t.codes[key] : undefined;
}

/** Every key with inclusion terms and its terms. */
export function inclusionTermsOf(t: TabularData): Iterable<[string, string[]]> {
  if (t.inclusionTerms) return t.inclusionTerms();
  const out: Array<[string, string[]]> = [];
  for (const key in t.codes) {
    const inc = t.codes[key]!.inclusionTerm;
    if (inc && inc.length > 0) out.push([key, inc]);
  }
  return out;
}
