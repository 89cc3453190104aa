/**
 * Pure scoring for the evaluation corpus (definitions in test/eval/README.md): documented-not-coded at
 * condition level (same ICD-10-CM category) and code level (exact code), query-opportunity per topic, and
 * the negation/uncertainty status table. No I/O: tests feed tiny hand-made examples.
 */
import type { EvalNote, NegStatus } from './eval-gold';
import { NEG_STATUSES } from './eval-gold';

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** precision/recall/F1 from counts; an empty denominator reads 1 (nothing to get wrong), F1 from those. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** "E11.22" -> "E11" */
export const categoryOf = (code: string): string => code.replace('.', '').slice(0, 3).toUpperCase();
const bare = (code: string): string => code.replace('.', '').toUpperCase();

/** One documented-not-coded suggestion, as the rule reported it. */
export interface Prediction {
  code: string;
  /** 1-based line in the note */
  line: number;
  text: string;
}

/** Gold codes in the rule's scope: signs and symptoms (R00-R99) are left to the coder by design (docs/rules.md). */
export const inScope = (codes: string[]): boolean => !codes.every((c) => c.toUpperCase().startsWith('R'));

export interface DncScore {
  predictions: number;
  gold: number;
  condition: Prf;
  code: Prf;
  /** wrong suggestions (not even the right category), and right-category suggestions with a wrong code */
  falsePositives: Array<Prediction & { note: string; level: 'condition' | 'code'; trap?: string }>;
  missed: Array<{ note: string; codes: string[]; condition: string }>;
  trapHits: number;
}

type NoteGold = Pick<EvalNote, 'name' | 'dx' | 'traps'>;

/**
 * Scores the suggestions of a set of notes. Precision: a suggestion is right at code level when its code is
 * one of the note's gold codes, at condition level when its category is the category of one of them (or one of their `also:` categories).
 * Recall: a gold diagnosis (in scope) is found at code level when one of its acceptable codes was suggested,
 * at condition level when a suggestion is in the category of one of them.
 */
export function scoreDnc(notes: Array<{ gold: NoteGold; predictions: Prediction[] }>): DncScore {
  let cTp = 0;
  let kTp = 0;
  let preds = 0;
  let gold = 0;
  let cFound = 0;
  let kFound = 0;
  let trapHits = 0;
  const falsePositives: DncScore['falsePositives'] = [];
  const missed: DncScore['missed'] = [];
  for (const { gold: g, predictions } of notes) {
    const scoped = g.dx.filter((d) => inScope(d.codes));
    const codes = new Set(g.dx.flatMap((d) => d.codes.map(bare)));
    const cats = new Set(g.dx.flatMap((d) => [...d.codes.map(categoryOf), ...(d.also ?? [])]));
    for (const p of predictions) {
      preds++;
      const trap = g.traps.find((t) => bare(p.code).startsWith(bare(t.code)));
      if (trap) trapHits++;
      const trapText = trap ? `${trap.why}: "${trap.text}"` : undefined;
      if (codes.has(bare(p.code))) {
        kTp++;
        cTp++;
      } else if (cats.has(categoryOf(p.code))) {
        cTp++;
        falsePositives.push({ ...p, note: g.name, level: 'code', trap: trapText });
      } else falsePositives.push({ ...p, note: g.name, level: 'condition', trap: trapText });
    }
    const pc = new Set(predictions.map((p) => bare(p.code)));
    const pk = new Set(predictions.map((p) => categoryOf(p.code)));
    for (const d of scoped) {
      gold++;
      const k = d.codes.some((c) => pc.has(bare(c)));
      const c = d.codes.some((x) => pk.has(categoryOf(x))) || (d.also ?? []).some((x) => pk.has(x));
      if (k) kFound++;
      if (c) cFound++;
      if (!k) missed.push({ note: g.name, codes: d.codes, condition: d.condition });
    }
  }
  return {
    predictions: preds,
    gold,
    condition: prf(cTp, preds - cTp, gold - cFound),
    code: prf(kTp, preds - kTp, gold - kFound),
    falsePositives,
    missed,
    trapHits,
  };
}

export interface CdiScore extends Prf {
  falsePositives: Array<{ note: string; topic: string; line: number; text: string }>;
  missed: Array<{ note: string; topic: string }>;
}

/** query-opportunity: per note and topic; the gold `cdi … yes` lines are exhaustive (any other topic is wrong). */
export function scoreCdi(
  notes: Array<{ gold: Pick<EvalNote, 'name' | 'cdi'>; predicted: Array<{ topic: string; line: number; text: string }> }>,
): CdiScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePositives: CdiScore['falsePositives'] = [];
  const missed: CdiScore['missed'] = [];
  for (const { gold, predicted } of notes) {
    const yes = new Set(gold.cdi.filter((c) => c.expected).map((c) => c.topic));
    const seen = new Set<string>();
    for (const p of predicted) {
      if (seen.has(p.topic)) continue;
      seen.add(p.topic);
      if (yes.has(p.topic)) tp++;
      else {
        fp++;
        falsePositives.push({ note: gold.name, ...p });
      }
    }
    for (const t of yes)
      if (!seen.has(t)) {
        fn++;
        missed.push({ note: gold.name, topic: t });
      }
  }
  return { ...prf(tp, fp, fn), falsePositives, missed };
}

/** The single status of a set of context categories: negated > family > hypothetical > uncertain > historical. */
export function statusOf(categories: readonly string[]): NegStatus {
  for (const s of ['negated', 'family', 'hypothetical', 'uncertain', 'historical'] as const)
    if (categories.includes(s)) return s;
  return 'affirmed';
}

export interface NegScore {
  total: number;
  accuracy: number;
  perStatus: Record<NegStatus, Prf>;
  macroF1: number;
  confusion: Record<NegStatus, Record<NegStatus, number>>;
}

/** The status table: one row per gold status (precision, recall, F1 of predicting that status). */
export function scoreNegation(pairs: Array<{ gold: NegStatus; predicted: NegStatus }>): NegScore {
  const confusion = Object.fromEntries(
    NEG_STATUSES.map((g) => [g, Object.fromEntries(NEG_STATUSES.map((p) => [p, 0]))]),
  ) as NegScore['confusion'];
  let right = 0;
  for (const { gold, predicted } of pairs) {
    confusion[gold][predicted]++;
    if (gold === predicted) right++;
  }
  const perStatus = {} as NegScore['perStatus'];
  for (const s of NEG_STATUSES) {
    const tp = confusion[s][s];
    const fn = NEG_STATUSES.reduce((a, p) => a + (p === s ? 0 : confusion[s][p]), 0);
    const fp = NEG_STATUSES.reduce((a, g) => a + (g === s ? 0 : confusion[g][s]), 0);
    perStatus[s] = prf(tp, fp, fn);
  }
  const present = NEG_STATUSES.filter((s) => perStatus[s].tp + perStatus[s].fn > 0);
  const macroF1 = present.length ? present.reduce((a, s) => a + perStatus[s].f1, 0) / present.length : 1;
  return { total: pairs.length, accuracy: pairs.length ? right / pairs.length : 1, perStatus, macroF1, confusion };
}
