/**
 * Index over CmData (columnar, ./cmtable.ts): code -> row position, per-edition status, descendants, parents,
 * categories. Built once per CodeSet; pure.
 */
import type { CmCodeRow, CmData } from '../data';
import type { CodeRef } from '../types';
import { display } from './normalize';

export class CmIndex {
  readonly editionCount: number;
  /** number of rows */
  readonly size: number;
  private byCategory?: Map<string, number[]>;
  private sortedPos?: Int32Array;

  constructor(readonly cm: CmData) {
    this.size = cm.size;
    this.editionCount = cm.editions.length;
  }

  /** the row of key as an object (made on each call), or undefined */
  row(key: string): CmCodeRow | undefined {
    const i = this.cm.indexOf(key);
    return i === undefined ? undefined : this.cm.row(i);
  }

  has(key: string): boolean {
    return this.cm.indexOf(key) !== undefined;
  }

  position(key: string): number | undefined {
    return this.cm.indexOf(key);
  }

  /** the code of row i */
  code(i: number): string {
    return this.cm.code(i);
  }

  /** 'B' | 'H' | '-' of row i in an edition */
  statusAt(i: number, ed: number): string {
    return String.fromCharCode(this.cm.statusCode(i, ed));
  }

  /** 'B' | 'H' | '-' for a key in an edition */
  status(key: string, ed: number): string {
    const i = this.cm.indexOf(key);
    return i === undefined ? '-' : this.statusAt(i, ed);
  }

  valid(key: string, ed: number): boolean {
    const i = this.cm.indexOf(key);
    return i !== undefined && this.cm.statusCode(i, ed) !== 45;
  }

  billable(key: string, ed: number): boolean {
    const i = this.cm.indexOf(key);
    return i !== undefined && this.cm.statusCode(i, ed) === 66;
  }

  /** long title of row i in force for the edition (falls back to the newest title) */
  titleAt(i: number, ed?: number): string {
    if (ed !== undefined) {
      const old = this.cm.oldTitles(i);
      if (old) for (const [a, b, t] of old) if (ed >= a && ed <= b) return t;
    }
    return this.cm.title(i);
  }

  /** long title in force for the edition (falls back to the newest title) */
  title(row: CmCodeRow, ed?: number): string {
    if (ed !== undefined && row.oldTitles) {
      for (const [a, b, t] of row.oldTitles) if (ed >= a && ed <= b) return t;
    }
    return row.title;
  }

  ref(key: string, ed?: number): CodeRef {
    const i = this.cm.indexOf(key);
    return {
      code: display(key),
      title: i === undefined ? '' : this.titleAt(i, ed),
      billable: ed !== undefined ? this.billable(key, ed) : undefined,
    };
  }

  /** row indexes of the descendants of key (codes that start with it), any edition, tabular order */
  descendantIdx(key: string): number[] {
    const out: number[] = [];
    const start = this.cm.indexOf(key);
    if (start !== undefined) {
      for (let i = start + 1; i < this.size; i++) {
        const c = this.cm.code(i);
        if (!c.startsWith(key)) break;
        out.push(i);
      }
      return out;
    }
    // not a code itself: fall back to the sorted key list
    for (const p of this.positionsWithPrefix(key)) out.push(p);
    return out.sort((a, b) => a - b);
  }

  billableDescendants(key: string, ed: number): CodeRef[] {
    const out: CodeRef[] = [];
    for (const i of this.descendantIdx(key)) {
      if (this.cm.statusCode(i, ed) === 66)
        out.push({ code: display(this.cm.code(i)), title: this.titleAt(i, ed), billable: true });
    }
    return out;
  }

  /** the nearest proper prefix of key that is a code in the edition (or in any edition when ed is undefined) */
  parent(key: string, ed?: number): string | undefined {
    for (let n = key.length - 1; n >= 3; n--) {
      const p = key.slice(0, n);
      const i = this.cm.indexOf(p);
      if (i !== undefined && (ed === undefined || this.cm.statusCode(i, ed) !== 45)) return p;
    }
    return undefined;
  }

  /** codes (keys) of each category (first 3 characters), built lazily */
  category(cat: string): readonly number[] {
    if (!this.byCategory) {
      const m = new Map<string, number[]>();
      for (let i = 0; i < this.size; i++) {
        const c = this.cm.code(i).slice(0, 3);
        let a = m.get(c);
        if (!a) m.set(c, (a = []));
        a.push(i);
      }
      this.byCategory = m;
    }
    return this.byCategory.get(cat) ?? [];
  }

  categories(): Iterable<string> {
    this.category('');
    return this.byCategory!.keys();
  }

  /** row positions in code order, built lazily (the codes themselves stay in the columnar table) */
  private sorted(): Int32Array {
    if (!this.sortedPos) {
      const cm = this.cm;
      const keys: string[] = new Array(this.size);
      for (let i = 0; i < this.size; i++) keys[i] = cm.code(i);
      // code units order, as `<` compares (codes are unique); the tabular order is nearly sorted already,
      // so the merge sort does about one comparison per code
      this.sortedPos = Int32Array.from(keys.keys()).sort((x, y) => (keys[x]! < keys[y]! ? -1 : 1));
    }
    return this.sortedPos;
  }

  /** the first index of the sorted positions whose code is >= key */
  private lowerBound(pos: Int32Array, key: string): number {
    let lo = 0;
    let hi = pos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cm.code(pos[mid]!) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** row positions of every key starting with prefix, in key order */
  positionsWithPrefix(prefix: string): Int32Array {
    const pos = this.sorted();
    // every code starting with prefix sorts before prefix + U+FFFF, and every other code after it
    return pos.subarray(this.lowerBound(pos, prefix), this.lowerBound(pos, prefix + '\uffff'));
  }

  /** every key starting with prefix, sorted */
  keysWithPrefix(prefix: string): string[] {
    return Array.from(this.positionsWithPrefix(prefix), (p) => this.cm.code(p));
  }

  /** index of the last edition before ed where key existed, or -1 */
  lastBefore(key: string, ed: number): number {
    const r = this.cm.indexOf(key);
    if (r === undefined) return -1;
    for (let i = ed - 1; i >= 0; i--) if (this.cm.statusCode(r, i) !== 45) return i;
    return -1;
  }

  /** index of the first edition after ed where key exists, or -1 */
  firstAfter(key: string, ed: number): number {
    const r = this.cm.indexOf(key);
    if (r === undefined) return -1;
    for (let i = ed + 1; i < this.editionCount; i++) if (this.cm.statusCode(r, i) !== 45) return i;
    return -1;
  }
}
