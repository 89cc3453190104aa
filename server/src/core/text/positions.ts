/**
 * Offset <-> line/column conversion for any text (LF, CRLF or CR line endings). Pure.
 * Lines and columns here are 0-based; callers add 1 for 1-based output (CLI, SARIF).
 * Columns count UTF-16 code units, like the offsets.
 */

export interface Position {
  line: number;
  character: number;
}

/** Offsets where each line starts. A CRLF pair ends one line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Converts offsets of one text to positions; build once per text, query many times. */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }
}

/** One-off conversion of an offset to a 0-based position. */
export function positionAt(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}
