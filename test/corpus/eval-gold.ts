/**
 * Reads the evaluation corpus (test/eval, format in test/eval/README.md): each note `notes/NAME.note` with a
 * sidecar `notes/NAME.gold.tsv` (kind, setting, date; `dx` lines = the codes a coder reports, `not` lines =
 * trap mentions that must not be suggested, `cdi` lines = query-opportunity topics), and the negation /
 * uncertainty sentence set `negation.tsv`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface GoldDx {
  /** acceptable codes (dotted), the preferred first */
  codes: string[];
  condition: string;
  /** further categories that name the same condition for condition-level scoring ("also:I10" for I11.0) */
  also: string[];
  line: number;
}

export interface GoldTrap {
  /** a code (exact) or a category / code prefix ("T69", "C80.1") that must not be suggested */
  code: string;
  text: string;
  why: string;
  line: number;
}

export interface GoldCdi {
  topic: string;
  expected: boolean;
  why: string;
}

export interface EvalNote {
  name: string;
  kind: string;
  setting: 'inpatient' | 'outpatient';
  date: string;
  text: string;
  dx: GoldDx[];
  traps: GoldTrap[];
  cdi: GoldCdi[];
}

export const EVAL_DIR = path.resolve(__dirname, '../eval');
/** held-out notes and sentences (issue 11): written before the reader was run on them, never used for tuning */
export const HELDOUT_DIR = path.join(EVAL_DIR, 'heldout');
const CODE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const PREFIX = /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{0,4})$/;

/** Parses one gold sidecar; throws with file and line on any malformed line (the corpus must be exact). */
export function parseGoldTsv(source: string, file: string): Omit<EvalNote, 'name' | 'text'> {
  const meta: Record<string, string> = {};
  const dx: GoldDx[] = [];
  const traps: GoldTrap[] = [];
  const cdi: GoldCdi[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const f = raw.split('\t').map((s) => s.trim());
    const bad = (why: string) => new Error(`${file}:${line}: ${why}: ${JSON.stringify(raw)}`);
    switch (f[0]) {
      case 'kind':
      case 'setting':
      case 'date':
        if (!f[1]) throw bad('missing value');
        meta[f[0]] = f[1];
        break;
      case 'dx': {
        const codes = (f[1] ?? '').split('/').map((c) => c.trim()).filter(Boolean);
        if (!codes.length || !codes.every((c) => CODE.test(c))) throw bad('dx needs dotted codes separated by /');
        if (!f[2]) throw bad('dx needs the condition text');
        const also: string[] = [];
        for (const extra of f.slice(3).filter(Boolean)) {
          const m = /^also:([A-Z0-9,]+)$/.exec(extra);
          if (!m) throw bad('the 4th column of dx is also:CAT,CAT (categories of the same condition)');
          also.push(...m[1].split(',').filter(Boolean));
        }
        if (!also.every((c) => /^[A-Z][0-9][0-9A-Z]$/.test(c))) throw bad('also: takes 3-character categories');
        dx.push({ codes, condition: f[2], also, line });
        break;
      }
      case 'not':
        if (!f[1] || !PREFIX.test(f[1])) throw bad('not needs a code or category');
        if (!f[2] || !f[3]) throw bad('not needs the text and why');
        traps.push({ code: f[1], text: f[2], why: f[3], line });
        break;
      case 'cdi':
        if (!f[1] || (f[2] !== 'yes' && f[2] !== 'no')) throw bad('cdi needs a topic and yes|no');
        cdi.push({ topic: f[1], expected: f[2] === 'yes', why: f[3] ?? '' });
        break;
      default:
        throw bad('unknown line type (kind, setting, date, dx, not, cdi)');
    }
  });
  if (!meta.kind) throw new Error(`${file}: no kind line`);
  if (meta.setting !== 'inpatient' && meta.setting !== 'outpatient')
    throw new Error(`${file}: setting must be inpatient or outpatient`);
  if (!/^\d{4}-\d\d-\d\d$/.test(meta.date ?? '')) throw new Error(`${file}: date must be YYYY-MM-DD`);
  return { kind: meta.kind, setting: meta.setting, date: meta.date, dx, traps, cdi };
}

export function loadEvalNotes(dir = path.join(EVAL_DIR, 'notes')): EvalNote[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.note'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.note'.length);
      const goldFile = path.join(dir, `${name}.gold.tsv`);
      if (!existsSync(goldFile)) throw new Error(`${f}: no ${name}.gold.tsv beside it`);
      const gold = parseGoldTsv(readFileSync(goldFile, 'utf8'), `${name}.gold.tsv`);
      return { name, text: readFileSync(path.join(dir, f), 'utf8'), ...gold };
    });
}

export type NegStatus = 'affirmed' | 'negated' | 'uncertain' | 'historical' | 'hypothetical' | 'family';
export const NEG_STATUSES: NegStatus[] = ['affirmed', 'negated', 'uncertain', 'historical', 'hypothetical', 'family'];

export interface NegSentence {
  id: string;
  sentence: string;
  target: string;
  status: NegStatus;
  /** offset of the target in the sentence */
  start: number;
}

/** negation.tsv: `id <TAB> status <TAB> target <TAB> sentence`; the target must occur in the sentence. */
export function parseNegationTsv(source: string, file = 'negation.tsv'): NegSentence[] {
  const out: NegSentence[] = [];
  const ids = new Set<string>();
  source.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    const [id, status, target, sentence] = raw.split('\t');
    const bad = (why: string) => new Error(`${file}:${i + 1}: ${why}`);
    if (!id || !status || !target || !sentence) throw bad('needs id, status, target, sentence (tab-separated)');
    if (!NEG_STATUSES.includes(status as NegStatus)) throw bad(`unknown status "${status}"`);
    if (ids.has(id)) throw bad(`duplicate id ${id}`);
    ids.add(id);
    const start = sentence.toLowerCase().indexOf(target.toLowerCase());
    if (start < 0) throw bad(`target "${target}" not in the sentence`);
    out.push({ id, sentence, target, status: status as NegStatus, start });
  });
  return out;
}

export function loadNegationSet(file = path.join(EVAL_DIR, 'negation.tsv')): NegSentence[] {
  return existsSync(file) ? parseNegationTsv(readFileSync(file, 'utf8')) : [];
}
