/**
 * When documented-not-coded stays silent although a mention is codable (issue 11: a wrong suggestion costs more
 * than a missed one). The reader reached a code, but the words around it show that the code is not the one the
 * documentation supports and the reader cannot pick that one:
 *
 * - a generic word read alone ("injury" of "pressure injury", "dependence" of "nicotine dependence",
 *   "ischemic" of "ischemic stroke"): its Index code is a catch-all (T14.90XA, F19.20, I99.8, N28.9);
 * - a word another mention of the segment already uses as a subterm ("nephropathy" of "type 1 diabetes with
 *   nephropathy" -> E10.21): the combination code covers it (Official Guidelines I.A.15 "with");
 * - "diabetic" followed by a complication the reader read apart ("Diabetic ketoacidosis"): neither E11.9
 *   (without complications) nor the complication's own code (E87.2) is right; the combination (E1x.10) is;
 * - a diabetes code of type 2 (the default, OCG I.C.4.a.2) where the segment documents type 1;
 * - an unspecified code ("of unspecified site", "unspecified organism") when the words right after or before
 *   it specify what the reader did not read ("Primary osteoarthritis, right knee" is M17.11, not M19.91;
 *   "Obesity, class 3" is E66.813, not E66.9; "E. coli sepsis" is A41.51, not A41.9).
 *
 * Pure; tests: test/unit/notes-suggest.test.ts.
 */
import type { NoteAnalysis, NoteMention } from './reader';

/** Words that name no condition by themselves: read alone, their Index code is a catch-all. */
export const GENERIC_ALONE: readonly string[] = [
  'injury',
  'injuries',
  'ischemic',
  'ischemia',
  'dependence',
  'dependency',
  'nephropathy',
  'disease',
  'disorder',
  'lesion',
  'lesions',
  'abnormality',
  'complication',
  'complications',
  'fracture',
  'fractures',
];
const GENERIC = new Set(GENERIC_ALONE);

/** complications combinations.ts reads from the statement's words (the diabetes mention takes the combination) */
const COMBINED = /\b(?:kidney disease|nephropathy|ketoacidosis|DKA|poorly controlled|out of control)\b/i;
const TYPE_1 = /\b(?:type\s*(?:1|i|one)\b|t1dm\b|dm\s*(?:type\s*)?1\b|dm1\b|iddm\b|juvenile[- ]onset)/i;
const isDiabetes = (code: string) => /^E1[013]/.test(code);

const UNSPECIFIED = /\bunspecified\b|\bunidentified\b/i;
const NO_WORD = new Set(
  'with without and or of the in to due nec nos other a an by for on as at from not elsewhere classified is are unspecified site part type'.split(
    ' ',
  ),
);
/** The content words of a text, lower case ("3" kept, "of" dropped). */
export function contentWords(s: string): string[] {
  return (s.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((w) => !NO_WORD.has(w) && (w.length > 1 || /\d/.test(w)))
    .map((w) => SAME_AS[w] ?? w);
}
/** words of notes written otherwise in Tabular titles */
const SAME_AS: Record<string, string> = {
  both: 'bilateral',
  bilat: 'bilateral',
  colon: 'large',
  colonic: 'large',
  rsv: 'syncytial',
};

/**
 * The words around the mention it did not read that name a kind its code's siblings have: after it (to the next
 * mention or the statement's end, its linked words aside) and the two words right before it (no punctuation
 * between). `siblingWords` gives the words of the other billable titles of the code's category.
 */
function specifiesMore(
  m: NoteMention,
  text: string,
  seg: { start: number; end: number },
  others: readonly NoteMention[],
  topTitle: string,
  siblingWords: ReadonlySet<string>,
): boolean {
  if (!siblingWords.size) return false;
  const own = new Set(contentWords(topTitle));
  let end = seg.end;
  for (const o of others) if (o.span.start >= m.span.end && o.span.start < end) end = o.span.start;
  let after = text.slice(m.span.end, end);
  for (const l of m.linked) if (l.start >= m.span.end) after = after.replace(text.slice(l.start, l.end), ' ');
  // a negated kind is not documented ("COPD without exacerbation", "no exacerbation")
  after = after.replace(/\b(?:without|no|not|negative for)\s+[A-Za-z0-9-]+/gi, ' ');
  let from = seg.start;
  for (const o of others) if (o.span.end <= m.span.start && o.span.end > from) from = o.span.end;
  // the last words before the mention, back to punctuation (a bounded slice: the pattern is anchored at its end)
  const near =
    /(?:^|[^A-Za-z0-9\s'-])([^,;:()]*)$/.exec(text.slice(Math.max(from, m.span.start - 60), m.span.start))?.[1] ?? '';
  // "acute" / "chronic" before the condition seldom pick a sibling the reader missed ("Acute otitis media, left ear")
  const before = contentWords(near)
    .slice(-2)
    .filter((w) => w !== 'acute' && w !== 'chronic');
  // the mention's own words too: "diverticulosis of colon" read, but its code says "part unspecified"
  return [...contentWords(after), ...before, ...contentWords(m.text)].some((w) => !own.has(w) && siblingWords.has(w));
}

const WORD_AT = new Map<string, RegExp>();

/** b follows a with only spaces between */
function adjacent(text: string, a: NoteMention, b: NoteMention): boolean {
  if (a.span.end > b.span.start) return false;
  for (let i = a.span.end; i < b.span.start; i++) if (!/\s/.test(text[i])) return false;
  return true;
}

/** pairs of code families that, in one statement, make one combination code the reader cannot pick */
const READ_APART: ReadonlyArray<[RegExp, RegExp]> = [[/^I63/, /^I6[56]/]];

export type Silence =
  | 'condition read twice'
  | 'specific code elsewhere'
  | 'generic word'
  | 'covered by a combination'
  | 'diabetic complication read apart'
  | 'diabetes type 1 documented'
  | 'specificity not read';

export interface SuggestionCheck {
  /** the code to suggest instead of the mention's top candidate (E10 for E11), or undefined */
  code?: string;
  /** why to stay silent, or undefined */
  silent?: Silence;
}

/** The mentions of an analysis by segment and by top candidate's category, built once per analysis. */
const indexes = new WeakMap<
  NoteAnalysis,
  { bySegment: Map<number, NoteMention[]>; byCategory: Map<string, Map<string, CodeUse>> }
>();
/** where a billable top code is read: its segments, and whether a context-free mention with a specific title has it */
interface CodeUse {
  segments: Set<number>;
  specific: boolean;
}
function indexOf(analysis: NoteAnalysis) {
  let idx = indexes.get(analysis);
  if (!idx) {
    idx = { bySegment: new Map(), byCategory: new Map() };
    for (const m of analysis.mentions) {
      const s = idx.bySegment.get(m.segment);
      if (s) s.push(m);
      else idx.bySegment.set(m.segment, [m]);
      const top = m.candidates[0];
      if (!top?.billable) continue;
      const c = top.code.slice(0, 3);
      let codes = idx.byCategory.get(c);
      if (!codes) idx.byCategory.set(c, (codes = new Map()));
      let use = codes.get(top.code);
      if (!use) codes.set(top.code, (use = { segments: new Set(), specific: false }));
      use.segments.add(m.segment);
      if (!use.specific && m.context.length === 0 && !UNSPECIFIED.test(top.title)) use.specific = true;
    }
    indexes.set(analysis, idx);
  }
  return idx;
}

/**
 * Whether documented-not-coded may suggest the mention's top candidate. `billable(code)` checks a code in the
 * edition in force (dotted in, title out; undefined when not billable).
 */
export function checkSuggestion(
  m: NoteMention,
  analysis: NoteAnalysis,
  text: string,
  billable: (code: string) => string | undefined,
  siblingWords: (code: string) => ReadonlySet<string> = () => new Set(),
): SuggestionCheck {
  const top = m.candidates[0];
  if (!top) return { silent: 'generic word' };
  const seg = analysis.segments[m.segment]?.span ?? m.span;
  const words = m.text.trim().toLowerCase().split(/\s+/);
  if (words.length === 1 && GENERIC.has(words[0])) return { silent: 'generic word' };
  const idx = indexOf(analysis);
  const others = (idx.bySegment.get(m.segment) ?? []).filter((o) => o !== m);
  // a word another mention used as its subterm
  // (not a CKD stage: E1x.22, I12, I13 "use additional code to identify the stage of chronic kidney disease")
  if (
    !/^N18/.test(top.code) &&
    others.some((o) => o.candidates[0] && o.linked.some((l) => l.start <= m.span.start && m.span.end <= l.end))
  )
    return { silent: 'covered by a combination' };
  // "diabetic kidney disease": the diabetes mention of the statement takes the combination (E11.22)
  if (/^N2[5-9]/.test(top.code) && others.some((o) => o.candidates[0] && isDiabetes(o.candidates[0].code)))
    return { silent: 'covered by a combination' };
  // "Diabetic ketoacidosis": the reader read "Diabetic" and "ketoacidosis" apart
  // (a CKD stage stays: the Tabular asks for it beside E1x.22)
  if (!/^N18/.test(top.code) && others.some((o) => /\bdiabetic$/i.test(o.text) && adjacent(text, o, m)))
    return { silent: 'diabetic complication read apart' };
  if (
    /\bdiabetic$/i.test(m.text) &&
    isDiabetes(top.code) &&
    !COMBINED.test(text.slice(seg.start, seg.end)) &&
    /\.9$/.test(top.code) &&
    others.some((o) => adjacent(text, m, o))
  )
    return { silent: 'diabetic complication read apart' };
  // type 1 documented in the segment: E11.x (the default type) becomes E10.x, or nothing
  if (/^E11/.test(top.code) && TYPE_1.test(text.slice(seg.start, seg.end))) {
    if (others.some((o) => o.candidates[0] && /^E10/.test(o.candidates[0].code)))
      return { silent: 'diabetes type 1 documented' };
    const e10 = 'E10' + top.code.slice(3);
    return billable(e10) !== undefined ? { code: e10 } : { silent: 'diabetes type 1 documented' };
  }
  const cat = top.code.slice(0, 3);
  if (UNSPECIFIED.test(top.title)) {
    // the same condition read twice in one statement with two codes ("Acute on chronic diastolic (HFpEF) heart
    // failure": I50.30 and I50.9): the reader could not pick; or a specific code of it elsewhere in the note
    // ("Anemia in chronic kidney disease. CKD stage 5."): that one is the code, not the unspecified one
    // (the distinct codes of the category, not its mentions: a long note repeats one code many times)
    const codes = [...(idx.byCategory.get(cat) ?? [])].filter(([code]) => code !== top.code);
    if (codes.some(([, use]) => use.segments.has(m.segment))) return { silent: 'condition read twice' };
    if (codes.some(([, use]) => use.specific)) return { silent: 'specific code elsewhere' };
  }
  // a stroke and the occlusion that caused it in one statement: the code is I63.- "due to occlusion" of the
  // named artery (I65-I66 are occlusions without infarction); the reader reads them apart
  for (const [a, b] of READ_APART) {
    const mine = a.test(top.code) ? b : b.test(top.code) ? a : undefined;
    if (mine && others.some((o) => o.candidates[0] && mine.test(o.candidates[0].code)))
      return { silent: 'condition read twice' };
  }
  // the code's title says "without X" where the statement documents X ("Benign prostatic hyperplasia with
  // lower urinary tract symptoms" is not N40.0)
  const without = /\bwithout ([a-z]+)/i.exec(top.title)?.[1]?.toLowerCase();
  if (without && !NO_WORD.has(without)) {
    const rest = text.slice(m.span.end, seg.end).toLowerCase();
    let re = WORD_AT.get(without);
    if (!re) WORD_AT.set(without, (re = new RegExp(`\\b${without}`)));
    const at = rest.search(re);
    if (at >= 0 && !/\b(?:without|no|not|negative for)\s+(?:\S+\s+){0,2}$/.test(rest.slice(0, at)))
      return { silent: 'specificity not read' };
  }
  // an unspecified code while the statement names a kind the reader did not read (", class 3", ", left
  // femoral vein", "E. coli sepsis", "Type 2 myocardial infarction"): the code the words support is a sibling
  if (UNSPECIFIED.test(top.title) && specifiesMore(m, text, seg, others, top.title, siblingWords(top.code)))
    return { silent: 'specificity not read' };
  return {};
}
