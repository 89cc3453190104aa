/**
 * In-memory index over CmData: code -> row, tabular position, per-edition status, descendants, parents,
 * categories. Built once per CodeSet; pure.
 */
import type { CmCodeRow, CmData } from '../data';
import type { CodeRef } from '../types';
import { display } from './normalize';

export class CmIndex {
  readonly rows: readonly CmCodeRow[];
  readonly editionCount: number;
  private readonly pos = new Map<string, number>();
  private byCategory?: Map<string, number[]>;
  private sortedKeys?: string[];
  private sortedPos?: Int32Array;

  constructor(readonly data: CmData) {
    this.rows = data.codes;
    this.editionCount = data.editions.length;
    for (let i = 0; i < this.rows.length; i++) this.pos.set(this.rows[i]!.code, i);
  }

  row(key: string): CmCodeRow | undefined {
    const i = this.pos.get(key);
    return i === undefined ? undefined : this.rows[i];
  }

  position(key: string): number | undefined {
    return this.pos.get(key);
  }

  /** 'B' | 'H' | '-' for a key in an edition */
  status(key: string, ed: number): string {
    const r = this.row(key);
    return r ? (r.status[ed] ?? '-') : '-';
  }

  valid(key: string, ed: number): boolean {
    return this.status(key, ed) !== '-';
  }

  billable(key: string, ed: number): boolean {
    return this.status(key, ed) === 'B';
  }

  /** long title in force for the edition (falls back to the newest title) */
  title(row: CmCodeRow, ed?: number): string {
    if (ed !== undefined && row.oldTitles) {
      for (const [a, b, t] of row.oldTitles) if (ed >= a && ed <= b) return t;
    }
    return row.title;
  }

  ref(key: string, ed?: number): CodeRef {
    const r = this.row(key);
    return {
      code: display(key),
      title: r ? this.title(r, ed) : '',
      billable: ed !== undefined ? this.billable(key, ed) : undefined,
    };
  }

  /** row indexes of the descendants of key (codes that start with it), any edition, tabular order */
  descendantIdx(key: string): number[] {
    const out: number[] = [];
    const start = this.pos.get(key);
    if (start !== undefined) {
      for (let i = start + 1; i < this.rows.length; i++) {
        const c = this.rows[i]!.code;
        if (!c.startsWith(key)) break;
        out.push(i);
      }
      return out;
    }
    // not a code itself: fall back to the sorted key list
    for (const k of this.keysWithPrefix(key)) out.push(this.pos.get(k)!);
    return out.sort((a, b) => a - b);
  }

  billableDescendants(key: string, ed: number): CodeRef[] {
    const out: CodeRef[] = [];
    for (const i of this.descendantIdx(key)) {
      const r = this.rows[i]!;
      if (r.status[ed] === 'B') out.push({ code: display(r.code), title: this.title(r, ed), billable: true });
    }
    return out;
  }

  /** the nearest proper prefix of key that is a code in the edition (or in any edition when ed is undefined) */
  parent(key: string, ed?: number): string | undefined {
    for (let n = key.length - 1; n >= 3; n--) {
      const p = key.slice(0, n);
      const r = this.row(p);
      if (r && (ed === undefined || r.status[ed] !== '-')) return p;
    }
    return undefined;
  }

  /** codes (keys) of each category (first 3 characters), built lazily */
  category(cat: string): readonly number[] {
    if (!this.byCategory) {
      const m = new Map<string, number[]>();
      for (let i = 0; i < this.rows.length; i++) {
        const c = this.rows[i]!.code.slice(0, 3);
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

  /** sorted keys and their row positions, built lazily */
  private sorted(): { keys: string[]; pos: Int32Array } {
    if (!this.sortedKeys) {
      const order = this.rows.map((_, i) => i).sort((a, b) => (this.rows[a]!.code < this.rows[b]!.code ? -1 : 1));
      this.sortedKeys = order.map((i) => this.rows[i]!.code);
      this.sortedPos = Int32Array.from(order);
    }
    return { keys: this.sortedKeys, pos: this.sortedPos! };
  }

  /** row positions of every key starting with prefix, in key order */
  positionsWithPrefix(prefix: string): Int32Array {
    const { keys, pos } = this.sorted();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < keys.length && keys[end]!.startsWith(prefix)) end++;
    return pos.subarray(lo, end);
  }

  /** every key starting with prefix, sorted */
  keysWithPrefix(prefix: string): string[] {
    return Array.from(this.positionsWithPrefix(prefix), (p) => this.rows[p]!.code);
  }

  /** index of the last edition before ed where key existed, or -1 */
  lastBefore(key: string, ed: number): number {
    const r = this.row(key);
    if (!r) return -1;
    for (let i = ed - 1; i >= 0; i--) if (r.status[i] !== '-') return i;
    return -1;
  }

  /** index of the first edition after ed where key exists, or -1 */
  firstAfter(key: string, ed: number): number {
    const r = this.row(key);
    if (!r) return -1;
    for (let i = ed + 1; i < r.status.length; i++) if (r.status[i] !== '-') return i;
    return -1;
  }
}
