/**
 * CmData over the columnar cm artifact (format 2, ../data.ts CmArtifact): the columns stay as the few big
 * strings the loader made; codes and titles are sliced out on demand through offset arrays, and code -> row
 * is an open-addressing hash table in an Int32Array over the codes column. No per-code object is built
 * (a Map of 97,000 codes alone took 20-40 ms and 5 MB). Pure: no fs.
 */
import { columnOffsets, hashRange } from './columns';
import { CM_SEPARATOR, type CmArtifact, type CmCodeRow, type CmData, type EditionInfo } from '../data';

/** Thrown when the columns do not agree with each other; the loader turns it into a DataError. */
export class CmShapeError extends Error {}

function lineOffsets(text: string, count: number, column: string): Uint32Array {
  const o = columnOffsets(text, count);
  if (!o) throw new CmShapeError(`${column} do not match the ${count} codes`);
  return o;
}

class CmTable implements CmData {
  readonly formatVersion: number;
  readonly editions: EditionInfo[];
  readonly size: number;
  private readonly E: number;
  private readonly codesText: string;
  private readonly codeAt: Uint32Array;
  /** hash slot -> row + 1 (0: empty); its length is a power of two */
  private readonly slots: Int32Array;
  private readonly statusText: string;
  private readonly titles: string;
  private readonly titleAt: Uint32Array;
  private shortsText = '';
  private shortAt?: Uint32Array;
  /** reads the short-title column on first use (the language server never shows short titles) */
  private loadShorts?: () => string;
  private readonly old = new Map<number, Array<[number, number, string]>>();
  private allRows?: CmCodeRow[];

  constructor(a: CmArtifact, shorts?: () => string) {
    this.formatVersion = a.formatVersion;
    this.editions = a.editions;
    const n = a.count;
    this.size = n;
    this.E = a.editions.length;
    this.codesText = a.codes;
    this.codeAt = lineOffsets(a.codes, n, 'codes');
    if (a.status.length !== n * this.E) {
      throw new CmShapeError(`status strings must have one character per edition (${this.E}) for each of ${n} codes`);
    }
    let cap = 1024;
    while (cap < n * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    const mask = cap - 1;
    const at = this.codeAt;
    for (let i = 0; i < n; i++) {
      let h = hashRange(a.codes, at[i]!, at[i + 1]! - 1) & mask;
      while (this.slots[h] !== 0) {
        if (this.sameCode(this.slots[h]! - 1, a.codes, at[i]!, at[i + 1]! - 1)) {
          throw new CmShapeError(`code ${this.code(i)} appears twice`);
        }
        h = (h + 1) & mask;
      }
      this.slots[h] = i + 1;
    }
    this.statusText = a.status;
    this.titles = a.titles;
    this.titleAt = lineOffsets(a.titles, n, 'titles');
    if (shorts) this.loadShorts = shorts;
    else this.setShorts(a.shorts);
    for (const [row, first, last, title] of a.oldTitles) {
      let l = this.old.get(row);
      if (!l) this.old.set(row, (l = []));
      l.push([first, last, title]);
    }
  }

  private setShorts(text: string): void {
    this.shortAt = lineOffsets(text, this.size, 'short titles');
    this.shortsText = text;
  }

  /** row j's code equals s[a, b) */
  private sameCode(j: number, s: string, a: number, b: number): boolean {
    const from = this.codeAt[j]!;
    if (this.codeAt[j + 1]! - 1 - from !== b - a) return false;
    for (let k = 0; k < b - a; k++) if (this.codesText.charCodeAt(from + k) !== s.charCodeAt(a + k)) return false;
    return true;
  }

  indexOf(code: string): number | undefined {
    const mask = this.slots.length - 1;
    let h = hashRange(code, 0, code.length) & mask;
    for (;;) {
      const j = this.slots[h]!;
      if (j === 0) return undefined;
      if (this.sameCode(j - 1, code, 0, code.length)) return j - 1;
      h = (h + 1) & mask;
    }
  }

  code(i: number): string {
    return this.codesText.slice(this.codeAt[i]!, this.codeAt[i + 1]! - 1);
  }

  statusCode(i: number, ed: number): number {
    return ed >= 0 && ed < this.E ? this.statusText.charCodeAt(i * this.E + ed) : 45;
  }

  status(i: number): string {
    return this.statusText.slice(i * this.E, (i + 1) * this.E);
  }

  title(i: number): string {
    return this.titles.slice(this.titleAt[i]!, this.titleAt[i + 1]! - 1);
  }

  titlesColumn(): { text: string; start: Uint32Array } {
    return { text: this.titles, start: this.titleAt };
  }

  short(i: number): string {
    if (!this.shortAt) {
      this.setShorts(this.loadShorts!());
      this.loadShorts = undefined;
    }
    const at = this.shortAt!;
    const s = this.shortsText.slice(at[i]!, at[i + 1]! - 1);
    return s === '' ? this.title(i) : s;
  }

  oldTitles(i: number): Array<[number, number, string]> | undefined {
    return this.old.get(i);
  }

  row(i: number): CmCodeRow {
    const r = { code: this.code(i), status: this.status(i), title: this.title(i) } as CmCodeRow;
    if (this.shortAt) r.short = this.short(i);
    else {
      // short titles not read yet: only reading `short` reads them (rows are mostly made to test a code exists)
      Object.defineProperty(r, 'short', {
        get: () => this.short(i),
        set: (v: string) => Object.defineProperty(r, 'short', { value: v, enumerable: true, writable: true }),
        enumerable: true,
        configurable: true,
      });
    }
    const o = this.old.get(i);
    if (o) r.oldTitles = o.map((t) => [t[0], t[1], t[2]]);
    return r;
  }

  get codes(): readonly CmCodeRow[] {
    if (!this.allRows) {
      const rows: CmCodeRow[] = new Array(this.size);
      for (let i = 0; i < this.size; i++) rows[i] = this.row(i);
      this.allRows = rows;
    }
    return this.allRows;
  }
}

/**
 * CmData over a cm artifact (format 2 and later). Throws CmShapeError when its columns disagree. With `shorts`,
 * `a.shorts` is ignored and the short-title column is read through it on the first `short()` (or `row()`).
 */
export function cmDataFromArtifact(a: CmArtifact, shorts?: () => string): CmData {
  return new CmTable(a, shorts);
}

/** The artifact columns of rows (the data build writes these; tests build small CmData with cmDataFromRows). */
export function cmArtifactFromRows(
  formatVersion: number,
  editions: EditionInfo[],
  rows: ReadonlyArray<Pick<CmCodeRow, 'code' | 'status' | 'title'> & Partial<Pick<CmCodeRow, 'short' | 'oldTitles'>>>,
): CmArtifact {
  const oldTitles: CmArtifact['oldTitles'] = [];
  rows.forEach((r, i) => {
    for (const t of [r.code, r.title, r.short ?? '']) {
      if (t.includes(CM_SEPARATOR)) throw new CmShapeError(`"${CM_SEPARATOR}" inside ${JSON.stringify(t)}`);
    }
    for (const [a, b, t] of r.oldTitles ?? []) oldTitles.push([i, a, b, t]);
  });
  return {
    formatVersion,
    editions,
    count: rows.length,
    codes: rows.map((r) => r.code).join(CM_SEPARATOR),
    status: rows.map((r) => r.status).join(''),
    titles: rows.map((r) => r.title).join(CM_SEPARATOR),
    shorts: rows.map((r) => (r.short === undefined || r.short === r.title ? '' : r.short)).join(CM_SEPARATOR),
    oldTitles,
  };
}

/** CmData from row objects (small hand-made fixtures in tests). */
export function cmDataFromRows(
  formatVersion: number,
  editions: EditionInfo[],
  rows: ReadonlyArray<Pick<CmCodeRow, 'code' | 'status' | 'title'> & Partial<Pick<CmCodeRow, 'short' | 'oldTitles'>>>,
): CmData {
  return new CmTable(cmArtifactFromRows(formatVersion, editions, rows));
}
