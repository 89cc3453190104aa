// Tabular note changes after the FY2021 Tabular (docs/tabular-note-changes.tsv, a versioned table in the repo:
// each row names the addendum PDF page or guideline section it comes from). The build checks every row
// against the parsed FY2021 Tabular, so a row can only remove a note that is there, word for word.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceError, undot } from './lib.mjs';

export const NOTE_CHANGES = 'docs/tabular-note-changes.tsv';
const KINDS = new Set(['excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso']);

/** [{ node, kind, action, effective, text, source }] checked against `codes` and `sections` of the Tabular. */
export function readNoteChanges(root, codes, sections) {
  const file = path.join(root, NOTE_CHANGES);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out = [];
  let header = null;
  lines.forEach((line, i) => {
    if (line.startsWith('#') || line.trim() === '') return;
    const cells = line.split('\t');
    if (!header) {
      header = cells;
      return;
    }
    const r = Object.fromEntries(header.map((h, k) => [h, (cells[k] ?? '').trim()]));
    const where = `${NOTE_CHANGES} line ${i + 1}`;
    if (!/^\d{4}-\d\d-\d\d$/.test(r.effective) || !KINDS.has(r.kind) || r.action !== 'delete' || !r.text || !r.source) {
      throw new SourceError(`${where}: cannot read ${JSON.stringify(line)}`);
    }
    const isSection = /^[A-Z]\d[0-9A-Z]-[A-Z]\d[0-9A-Z]$/.test(r.node);
    const node = isSection ? r.node : undot(r.node);
    const notes = isSection ? sections.find((s) => s.id === node)?.notes : codes[node];
    if (!(notes?.[r.kind] ?? []).includes(r.text)) {
      throw new SourceError(`${where}: the FY2021 Tabular has no ${r.kind} note "${r.text}" at ${r.node}`);
    }
    out.push({ node, kind: r.kind, action: 'delete', effective: r.effective, text: r.text, source: r.source });
  });
  return out.sort((a, b) => a.effective.localeCompare(b.effective));
}
