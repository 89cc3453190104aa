/**
 * Encounters for the batch mode (`coding-review check --jsonl`): every example `.codes` file (answer keys
 * excluded) with the text of the note its `note:` header names, as JSONL input objects. Synthetic data only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const EXAMPLES = path.resolve(__dirname, '../../examples');

export interface Encounter {
  id: string;
  codes: string;
  note?: string;
  /** the example file it came from (not part of the JSONL input) */
  file: string;
}

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every example encounter, in a stable order. */
export function exampleEncounters(): Encounter[] {
  return walk(EXAMPLES, [])
    .filter((f) => f.endsWith('.codes') && !f.endsWith('.key.codes'))
    .map((file) => {
      const codes = readFileSync(file, 'utf8');
      const noteName = /^note:\s*(\S+)/m.exec(codes)?.[1];
      const notePath = noteName ? path.resolve(path.dirname(file), noteName) : undefined;
      const note = notePath && existsSync(notePath) ? readFileSync(notePath, 'utf8') : undefined;
      const id = path.relative(EXAMPLES, file).split(path.sep).join('/');
      return { id, codes, ...(note !== undefined ? { note } : {}), file };
    });
}

/** JSONL text of encounters (the `file` field left out), `times` copies with distinct ids. */
export function toJsonl(encounters: readonly Encounter[], times = 1, withNotes = true): string {
  const lines: string[] = [];
  for (let t = 0; t < times; t++) {
    for (const e of encounters) {
      const o: Record<string, string> = { id: times > 1 ? `${e.id}#${t}` : e.id, codes: e.codes };
      if (withNotes && e.note !== undefined) o.note = e.note;
      lines.push(JSON.stringify(o));
    }
  }
  return lines.join('\n') + '\n';
}
