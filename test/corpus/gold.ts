/**
 * Reads the gold-annotated corpus (test/corpus/notes/*.txt, format in test/corpus/README.md):
 * a header ("setting: inpatient", "date: …", "type: …", "specialty: …"), a line "---", then the note with
 * each diagnosis mention marked [[words|CODE/ALT|context,context]].
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ContextCategory } from '../../server/src/core/notes/contextMatcher';

export interface GoldMention {
  start: number;
  end: number;
  text: string;
  /** acceptable codes, the preferred first (dotted) */
  codes: string[];
  context: ContextCategory[];
}

export interface GoldNote {
  file: string;
  setting: 'inpatient' | 'outpatient';
  date: string;
  type: string;
  specialty: string;
  text: string;
  mentions: GoldMention[];
}

const CATS = new Set(['negated', 'uncertain', 'historical', 'hypothetical', 'family']);

export function parseGold(source: string, file: string): GoldNote {
  const sep = source.indexOf('\n---\n');
  if (sep < 0) throw new Error(`${file}: no "---" line after the header`);
  const header: Record<string, string> = {};
  for (const line of source.slice(0, sep).split('\n')) {
    const m = /^(\w+):\s*(.*)$/.exec(line.trim());
    if (m) header[m[1]] = m[2];
  }
  const body = source.slice(sep + 5);
  let text = '';
  const mentions: GoldMention[] = [];
  const re = /\[\[([^|\]]+)\|([^|\]]*)(?:\|([^\]]*))?\]\]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    text += body.slice(last, m.index);
    const start = text.length;
    text += m[1];
    const context = (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const c of context) if (!CATS.has(c)) throw new Error(`${file}: unknown context "${c}" in ${m[0]}`);
    mentions.push({
      start,
      end: text.length,
      text: m[1],
      codes: m[2].split('/').map((s) => s.trim()).filter(Boolean),
      context: context as ContextCategory[],
    });
    last = re.lastIndex;
  }
  text += body.slice(last);
  if (text.includes('[[')) throw new Error(`${file}: unbalanced [[ markup`);
  const setting = header.setting;
  if (setting !== 'inpatient' && setting !== 'outpatient') throw new Error(`${file}: setting must be inpatient or outpatient`);
  if (!/^\d{4}-\d\d-\d\d$/.test(header.date ?? '')) throw new Error(`${file}: date must be YYYY-MM-DD`);
  return { file, setting, date: header.date, type: header.type ?? '', specialty: header.specialty ?? '', text, mentions };
}

export const CORPUS_DIR = path.join(__dirname, 'notes');

export function loadCorpus(dir = CORPUS_DIR): GoldNote[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseGold(readFileSync(path.join(dir, f), 'utf8'), f));
}
