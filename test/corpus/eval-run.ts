/**
 * Runs the product on the evaluation corpus (test/eval) through its public core API, as the CLI and the editor
 * do: `checkNote` against an empty annotation file of the note's setting and date (documented-not-coded),
 * `findQueryOpportunities` with the note's edition (query-opportunity), and the reader's context on each
 * sentence of the negation set. Scoring is in eval-score.ts; definitions in test/eval/README.md.
 */
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { findQueryOpportunities } from '../../server/src/core/cdi/opportunities';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { categories } from '../../server/src/core/evidence/codability';
import { ContextMatcher } from '../../server/src/core/notes/contextMatcher';
import type { NoteReader } from '../../server/src/core/notes/reader';
import { checkNote } from '../../server/src/core/notes/rules';
import { tokenize } from '../../server/src/core/notes/text';
import { LineIndex } from '../../server/src/core/text/positions';
import type { EvalNote, NegSentence, NegStatus } from './eval-gold';
import { scoreCdi, scoreDnc, scoreNegation, statusOf, type CdiScore, type DncScore, type NegScore, type Prediction } from './eval-score';

export interface NoteRun {
  note: EvalNote;
  dnc: Prediction[];
  cdi: Array<{ topic: string; line: number; text: string }>;
}

export function runNotes(reader: NoteReader, codeSet: CodeSet, notes: EvalNote[]): NoteRun[] {
  return notes.map((note) => {
    const codes = parseAnnotation(`setting: ${note.setting}\ndate: ${note.date}\n`);
    const lines = new LineIndex(note.text);
    const { findings } = checkNote(reader, note.text, { codes, codesName: 'eval.codes', date: note.date });
    const dnc = findings
      .filter((f) => f.rule === 'documented-not-coded' && f.code)
      .map((f) => ({
        code: f.code!,
        line: lines.positionAt(f.span.start).line + 1,
        text: note.text.slice(f.span.start, f.span.end),
      }));
    const r = codeSet.editionFor(note.date);
    const edition = r.ok ? r.index : (r.nearest?.index ?? codeSet.editions.length - 1);
    const cdi = findQueryOpportunities(note.text, codeSet, edition)
      .filter((f) => f.rule === 'query-opportunity')
      .map((f) => ({
        topic: f.data && 'topic' in f.data ? String(f.data.topic) : '?',
        line: lines.positionAt(f.span.start).line + 1,
        text: note.text.slice(f.span.start, f.span.end),
      }));
    return { note, dnc, cdi };
  });
}

export interface NegRun {
  s: NegSentence;
  predicted: NegStatus;
  /** how the status was read: from the reader's mention of the target, or the context scopes over it */
  via: 'mention' | 'scopes';
}

const matcher = new ContextMatcher();

/**
 * The status the reader gives the target phrase: the context of the reader's mention that overlaps the target
 * (the most overlap); when the reader finds no mention there (a phrase outside the Index), the reader's
 * ConText scopes of the target's segment that cover the target (a trigger inside the target does not count).
 */
export function negationStatus(reader: NoteReader, s: NegSentence): NegRun {
  const a = reader.analyze(s.sentence);
  const t = { start: s.start, end: s.start + s.target.length };
  let best: (typeof a.mentions)[number] | undefined;
  let bestOv = 0;
  for (const m of a.mentions) {
    const ov = Math.min(t.end, m.span.end) - Math.max(t.start, m.span.start);
    if (ov > bestOv) {
      bestOv = ov;
      best = m;
    }
  }
  if (best) return { s, predicted: statusOf(categories(best)), via: 'mention' };
  const seg = a.segments.find((g) => g.span.start <= t.start && t.start < g.span.end);
  const from = seg?.span.start ?? 0;
  const segText = s.sentence.slice(from, seg?.span.end ?? s.sentence.length);
  const hits = matcher.scopes(tokenize(segText), { start: 0, end: segText.length }, segText);
  const ts = t.start - from;
  const te = t.end - from;
  const cats = hits
    .filter((h) => h.scope.start < te && ts < h.scope.end && !(h.triggerSpan.start >= ts && h.triggerSpan.end <= te))
    .map((h) => h.category);
  return { s, predicted: statusOf(cats), via: 'scopes' };
}

export interface CorpusResult {
  notes: number;
  byKind: Record<string, DncScore>;
  /** notes per kind */
  kinds: Record<string, number>;
  dnc: DncScore;
  cdi: CdiScore;
  neg: NegScore;
  negRuns: NegRun[];
  ms: number;
}

export function evaluateCorpus(reader: NoteReader, codeSet: CodeSet, notes: EvalNote[], sentences: NegSentence[]): CorpusResult {
  const t0 = performance.now();
  const runs = runNotes(reader, codeSet, notes);
  const asDnc = (rs: NoteRun[]) => scoreDnc(rs.map((r) => ({ gold: r.note, predictions: r.dnc })));
  const byKind: Record<string, DncScore> = {};
  for (const kind of [...new Set(notes.map((n) => n.kind))].sort()) byKind[kind] = asDnc(runs.filter((r) => r.note.kind === kind));
  const kinds: Record<string, number> = {};
  for (const n of notes) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
  const negRuns = sentences.map((s) => negationStatus(reader, s));
  return {
    notes: notes.length,
    byKind,
    kinds,
    dnc: asDnc(runs),
    cdi: scoreCdi(runs.map((r) => ({ gold: r.note, predicted: r.cdi }))),
    neg: scoreNegation(negRuns.map((r) => ({ gold: r.s.status, predicted: r.predicted }))),
    negRuns,
    ms: performance.now() - t0,
  };
}

export const TARGETS = {
  conditionPrecision: 0.95,
  codePrecision: 0.9,
  recall: 0.85,
  cdiPrecision: 0.9,
  negationF1: 0.95,
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const mark = (x: number, t: number) => `${x >= t ? 'PASS' : 'MISS'} (target >= ${(t * 100).toFixed(0)}%)`;

/** The report, as lines. */
export function report(r: CorpusResult, verbose: boolean, title = 'Evaluation corpus (test/eval)'): string[] {
  const out: string[] = [];
  const d = r.dnc;
  out.push('');
  out.push(`${title}: ${r.notes} notes, ${d.gold} gold diagnoses in scope, ${r.neg.total} negation sentences (${r.ms.toFixed(0)} ms)`);
  out.push('documented-not-coded (empty .codes file; every suggestion scored):');
  out.push(`  suggestions ${d.predictions}, on trap mentions ${d.trapHits}`);
  out.push(`  condition-level precision ${pct(d.condition.precision)}  ${mark(d.condition.precision, TARGETS.conditionPrecision)}`);
  out.push(`  code-level precision      ${pct(d.code.precision)}  ${mark(d.code.precision, TARGETS.codePrecision)}`);
  out.push(`  condition-level recall    ${pct(d.condition.recall)}  ${mark(d.condition.recall, TARGETS.recall)}`);
  out.push(`  code-level recall         ${pct(d.code.recall)}  ${mark(d.code.recall, TARGETS.recall)}`);
  out.push('  by note kind            notes  sugg  cond-P  code-P  cond-R  code-R');
  for (const [kind, s] of Object.entries(r.byKind)) {
    out.push(
      `    ${kind.padEnd(22)} ${String(r.kinds[kind]).padStart(4)} ${String(s.predictions).padStart(5)}  ${pct(s.condition.precision)}  ${pct(s.code.precision)}  ${pct(s.condition.recall)}  ${pct(s.code.recall)}`,
    );
  }
  const c = r.cdi;
  out.push('query-opportunity (per note and topic):');
  out.push(`  precision ${pct(c.precision)}  ${mark(c.precision, TARGETS.cdiPrecision)}   recall ${pct(c.recall)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
  const n = r.neg;
  out.push(`negation/uncertainty (${n.total} sentences; status of the target phrase):`);
  out.push('  status        gold  precision  recall     F1');
  for (const [s, x] of Object.entries(n.perStatus))
    out.push(`  ${s.padEnd(12)} ${String(x.tp + x.fn).padStart(5)}  ${pct(x.precision)}     ${pct(x.recall)}  ${x.f1.toFixed(3)}`);
  out.push(`  accuracy ${pct(n.accuracy)}, macro F1 ${n.macroF1.toFixed(3)}`);
  out.push(`  negation F1 ${n.perStatus.negated.f1.toFixed(3)}  ${n.perStatus.negated.f1 >= TARGETS.negationF1 ? 'PASS' : 'MISS'} (target >= ${TARGETS.negationF1})`);
  const viaScopes = r.negRuns.filter((x) => x.via === 'scopes').length;
  out.push(`  (${r.negRuns.length - viaScopes} targets read from the reader's mention, ${viaScopes} from its context scopes: no mention there)`);
  if (verbose) {
    out.push('');
    out.push('documented-not-coded false positives (note:line code "text" — level):');
    for (const f of d.falsePositives)
      out.push(`  ${f.note}:${f.line} ${f.code} "${f.text}" — ${f.level === 'code' ? 'right category, wrong code' : 'wrong condition'}${f.trap ? ` [trap ${f.trap}]` : ''}`);
    out.push('documented-not-coded misses (gold code not suggested):');
    for (const m of d.missed) out.push(`  ${m.note}: ${m.codes.join('/')} ${m.condition}`);
    out.push('query-opportunity false positives:');
    for (const f of c.falsePositives) out.push(`  ${f.note}:${f.line} ${f.topic} "${f.text}"`);
    out.push('query-opportunity misses:');
    for (const m of c.missed) out.push(`  ${m.note}: ${m.topic}`);
    out.push('negation set errors (id gold -> predicted: sentence):');
    for (const x of r.negRuns)
      if (x.predicted !== x.s.status) out.push(`  ${x.s.id} ${x.s.status} -> ${x.predicted} [${x.s.target}] ${x.s.sentence}`);
  } else out.push('(npm run eval -- --verbose lists every false positive, miss and negation error)');
  return out;
}
