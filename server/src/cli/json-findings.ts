/** Findings (offsets) as the CLI's JSON shapes: 1-based lines and columns, shared by check and --jsonl. */
import type { Finding } from '../core/findings/types';
import { LineIndex } from '../core/text/positions';
import type { Severity } from '../core/types';

export interface PositionedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  code?: string;
  source: string;
}

export function positionFindings(text: string, findings: readonly Finding[]): PositionedFinding[] {
  if (!findings.length) return [];
  const idx = new LineIndex(text);
  return findings.map((f) => {
    const s = idx.positionAt(f.span.start);
    const e = idx.positionAt(f.span.end);
    const j: PositionedFinding = {
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      severity: f.severity,
      rule: f.rule,
      message: f.message,
      source: f.source,
    };
    if (f.code) j.code = f.code;
    return j;
  });
}
