/**
 * Claim-edit attributes of a code (Medicare Code Editor style), DERIVED from the official code set: the Tabular's
 * chapter and block (section) titles and notes, and the edition's category/subcategory/code titles. No code list is
 * written here; the word patterns below are the derivation, documented in docs/rules.md ("Claim edits") and tested
 * on the real data (test/unit/claims-derivation.test.ts). Pure; results are cached per CodeSet and edition.
 */
import type { Ctx } from './context';
import { sectionOf } from './hierarchy';
import { tabNotes } from './tabtable';
import { display } from './normalize';

/** Where an attribute was read: "block N40-N53", "Chapter 15", "category Z3A", "code C50.011". */
export interface ClaimEvidence {
  /** the level: "Chapter 15", "block C51-C58", "Z3A", "C50.011" */
  from: string;
  /** the title (or note) that says so */
  text: string;
}

export interface SexAttribute extends ClaimEvidence {
  sex: 'F' | 'M';
  /** 'pregnancy': pregnancy, childbirth, puerperium wording (also a maternity age edit); 'organ': genital organs */
  kind: 'pregnancy' | 'organ';
}

export interface AgeAttribute extends ClaimEvidence {
  /** inclusive range in whole years */
  min: number;
  max: number;
  kind: 'newborn' | 'maternity' | 'tabular-age';
  /** the words for messages: "a newborn (perinatal) code", "a maternity code" … */
  label: string;
}

export interface ClaimAttributes {
  sex?: SexAttribute;
  age?: AgeAttribute;
  /** an "in diseases classified elsewhere" manifestation code (never principal/first-listed, Guidelines I.A.13) */
  manifestation?: ClaimEvidence;
  /** not acceptable as principal/first-listed: why (Tabular note, or a history code of Guidelines I.C.21.c.4) */
  notPrincipal?: ClaimEvidence & { kind: 'additional-only-note' | 'history' | 'code-first-note' };
}

/**
 * Maternity age range of the claim edit, inclusive. Not in the official files here: it is the range of the CMS
 * Medicare Code Editor's maternity edit as the issue states it (12–55); docs/rules.md says so.
 */
export const MATERNITY_AGE = { min: 12, max: 55 } as const;

// --- sex ------------------------------------------------------------------------------------------------
/** Pregnancy, childbirth and the puerperium wording: female, and a maternity age edit. */
const PREGNANCY =
  /\bpregnan(?:cy|cies|t)\b|\bpuerper(?:ium|al)\b|\bchildbirth\b|\bgestation(?:al)?\b|\bpostpartum\b|\bantenatal\b|\bobstetric(?:al)?\b|\bdelivery\b|\babortion\b|\bplacenta(?:l)?\b|\blactating\b/i;
/** Female genital organs and functions. */
const FEMALE_ORGAN =
  /\bfemale\b|\buter(?:us|ine|i)\b|\bovar(?:y|ies|ian)\b|\bfallopian\b|\bvagina(?:l)?\b|\bvulva(?:r)?\b|\bvulvovagin\w*|\bcervix\b|\bendometri\w*|\bmenstrua\w*|\bpremenstrual\b|\bmenopaus\w*|\bpostmenopaus\w*|\bgyn(?:a)?ecolog\w*/i;
/** Male genital organs and functions. ("\bmale\b" never matches inside "female".) */
const MALE_ORGAN =
  /\bmale\b|\bprostat\w*|\btest(?:is|es|icles?|icular)\b|\bpen(?:is|ile)\b|\bscrot(?:um|al)\b|\bepididym\w*|\bspermatic\b|\bseminal\b|\bvas deferens\b|\bhydrocele\b/i;
/** A title about the newborn or fetus ("Newborn affected by maternal …"): its pregnancy/organ words are not the patient's. */
const NEWBORN_CONTEXT = /\bnewborns?\b|\bneonatal\b|\bfetus\b|\bfetal\b|\binfants?\b|\bliveborn\b|\bperinatal\b/i;
/** Titles whose sex words are not the patient's sex: a relative's history, or an intersex condition. */
const SEX_VETO = /\bfamily history\b|\bperpetrator\b|hermaphrodit|\bindeterminate sex\b|\bsex chromosome\b/i;
/** Words a title negates ("Galactorrhea not associated with childbirth", "Omphalitis not of newborn"): removed first. */
const NEGATED = /\b(?:not|to avoid)(?: (?:associated with|due to|related to|of|in))? (?:the )?[a-z]+/gi;
/** History wording: the sex stays, the maternity age edit does not ("Personal history of gestational diabetes"). */
const HISTORY = /\bhistory\b/i;

// --- age ------------------------------------------------------------------------------------------------
/**
 * A title naming the newborn as the patient. "Neonatal" outside chapter 16 names a type of disease ("Neonatal
 * adrenoleukodystrophy"), and a title that also names the child ("newborn, infant and child") is not newborn-only.
 */
const NEWBORN = /\bnewborns?\b|\bliveborn\b|\bperinatal\b/i;
const CHILD = /\bchild(?:ren)?\b/i;
/** "BMI adult codes are for use for persons 20 years of age or older"; "… pediatric codes … 2-19 years of age." */
const AGE_NOTE = /\b([a-z]+) codes are for use for persons (\d{1,3})(?:\s*-\s*(\d{1,3}))? years of age( or older)?/i;

// --- principal ------------------------------------------------------------------------------------------
/** "Anemia in chronic kidney disease" sits under D63 "Anemia in chronic diseases classified elsewhere". */
const MANIFESTATION = /\bin\b(?:(?!\bas the cause of\b).)*\b(?:diseases?|conditions?) classified elsewhere\b/i;
/** Tabular notes saying a code is only an additional (supplementary, secondary) code. */
const ADDITIONAL_ONLY =
  /\bfor use as (?:supplementary or )?(?:an )?additional codes?\b|\bintended for use as an additional code\b|\bnot to be used for single-condition coding\b/i;
/** History Z codes (Guidelines I.C.21.c.4): "Personal history of …", "Family history of …", "History of falling". */
const HISTORY_TITLE = /^(?:personal history|family history|history) of\b/i;

interface Level {
  from: string;
  text: string;
  notes?: string[];
  codeFirst?: string[];
}

/** The levels of a code, most general first: chapter, block, then category … the code itself (edition titles). */
function levels(ctx: Ctx, key: string, ed: number): Level[] {
  const out: Level[] = [];
  const cat = key.slice(0, 3);
  const tab = ctx.tabular;
  if (tab) {
    const ch = tab.chapters.find((c) => c.first <= cat && cat <= c.last);
    if (ch) out.push({ from: `Chapter ${ch.num}`, text: ch.desc, notes: ch.notes?.notes });
    const sec = sectionOf(ctx, cat);
    if (sec) out.push({ from: `block ${sec.id}`, text: sec.desc, notes: sec.notes?.notes });
  }
  for (let n = 3; n <= key.length; n++) {
    const p = key.slice(0, n);
    const r = ctx.idx.position(p);
    if (r === undefined) continue;
    const node = tab ? tabNotes(tab, p) : undefined;
    out.push({ from: display(p), text: ctx.idx.titleAt(r, ed), notes: node?.notes, codeFirst: node?.codeFirst });
  }
  return out;
}

const plain = (t: string): string => t.replace(NEGATED, ' ');

function sexOfLevel(l: Level, newbornChapter: boolean): { sex: 'F' | 'M'; kind: SexAttribute['kind'] } | undefined {
  const t = plain(l.text);
  if (NEWBORN_CONTEXT.test(t)) return undefined;
  // chapter 16 is for newborn records only: its pregnancy/delivery words are the mother's ("Meconium passage during delivery")
  const preg = !newbornChapter && PREGNANCY.test(t);
  const f = preg || FEMALE_ORGAN.test(t);
  const m = MALE_ORGAN.test(t);
  if (f && m) return undefined; // "male factor infertility in female patient": not one sex
  if (f) return { sex: 'F', kind: preg ? 'pregnancy' : 'organ' };
  if (m) return { sex: 'M', kind: 'organ' };
  return undefined;
}

/** Chapter 16, "Certain conditions originating in the perinatal period": for use on newborn records only. */
const isNewbornChapter = (ls: readonly Level[]): boolean =>
  ls[0]?.from.startsWith('Chapter') === true && NEWBORN.test(ls[0].text);
/** Chapter 15, "Pregnancy, childbirth and the puerperium": maternal records only. */
const isMaternalChapter = (ls: readonly Level[]): boolean =>
  ls[0]?.from.startsWith('Chapter') === true && PREGNANCY.test(ls[0].text);

function deriveSex(ls: readonly Level[]): SexAttribute | undefined {
  if (ls.some((l) => SEX_VETO.test(l.text))) return undefined;
  const newbornChapter = isNewbornChapter(ls);
  let found: SexAttribute | undefined;
  for (const l of ls) {
    const s = sexOfLevel(l, newbornChapter);
    if (!s) continue;
    if (found && found.sex !== s.sex) return undefined; // levels disagree: never guess
    // the most general level that says so is the evidence; a pregnancy word anywhere makes it a maternity code
    if (!found) found = { ...s, from: l.from, text: l.text };
    else if (s.kind === 'pregnancy' && found.kind !== 'pregnancy') found = { ...s, from: l.from, text: l.text };
  }
  return found;
}

function deriveAge(ls: readonly Level[], sex: SexAttribute | undefined): AgeAttribute | undefined {
  // 1. an age range in a Tabular note, applied to the codes below it whose title names the note's group
  for (let i = 0; i < ls.length; i++) {
    for (const note of ls[i].notes ?? []) {
      const m = AGE_NOTE.exec(note);
      if (!m) continue;
      const word = new RegExp(`\\b${m[1]}\\b`, 'i');
      const hit = ls.slice(i).find((l) => word.test(l.text));
      if (!hit) continue;
      const min = Number(m[2]);
      const max = m[3] ? Number(m[3]) : m[4] ? 124 : min;
      return { min, max, kind: 'tabular-age', label: `a ${m[1].toLowerCase()} code`, from: ls[i].from, text: note };
    }
  }
  const history = ls.some((l) => HISTORY.test(l.text));
  // 2. newborn: chapter 16 (the perinatal period) or a title naming the newborn (not the mother's record, not history)
  if (!history && sex?.kind !== 'pregnancy' && !isMaternalChapter(ls)) {
    const nb = ls.find((l) => {
      const t = plain(l.text);
      return NEWBORN.test(t) && !CHILD.test(t);
    });
    if (nb)
      return { min: 0, max: 0, kind: 'newborn', label: 'a newborn (perinatal) code', from: nb.from, text: nb.text };
  }
  // 3. maternity: chapter 15, and pregnancy/delivery Z codes (not history); elsewhere pregnancy words name a
  //    condition that outlives the pregnancy ("Urethral stricture due to childbirth", "Malignant neoplasm of placenta")
  const cat = ls[ls.length - 1]?.from ?? '';
  if (sex?.kind === 'pregnancy' && !history && (isMaternalChapter(ls) || cat.startsWith('Z'))) {
    return { ...MATERNITY_AGE, kind: 'maternity', label: 'a maternity code', from: sex.from, text: sex.text };
  }
  return undefined;
}

function deriveManifestation(ls: readonly Level[]): ClaimEvidence | undefined {
  // the most specific title that says so (D63.8's own; D63.1's category D63)
  const hit = [...ls]
    .reverse()
    .find((l) => !l.from.startsWith('Chapter') && !l.from.startsWith('block') && MANIFESTATION.test(l.text));
  return hit ? { from: hit.from, text: hit.text } : undefined;
}

function deriveNotPrincipal(ls: readonly Level[], key: string): ClaimAttributes['notPrincipal'] {
  // chapter 20 (V00-Y99) has its own rule, external-cause-principal
  if (/^[VWXY]/.test(key)) return undefined;
  for (const l of ls) {
    const note = (l.notes ?? []).find((n) => ADDITIONAL_ONLY.test(n));
    if (note) return { kind: 'additional-only-note', from: l.from, text: note };
  }
  if (key.startsWith('Z')) {
    const h = ls.find(
      (l) => !l.from.startsWith('Chapter') && !l.from.startsWith('block') && HISTORY_TITLE.test(l.text),
    );
    if (h) return { kind: 'history', from: h.from, text: h.text };
    // a Z code whose Tabular says "Code first (codes)", unconditionally: the other code is sequenced before it
    for (const l of ls) {
      const cf = l.codeFirst ?? [];
      if (cf.length === 0 || cf.some((n) => IF_APPLICABLE.test(n))) continue;
      if (cf.some((n) => CODE_REF.test(n)))
        return { kind: 'code-first-note', from: l.from, text: `Code first ${joinItems(cf)}` };
    }
  }
  return undefined;
}

/** "underlying disorder such as: Alzheimer's disease (G30.-); autism …" (the Tabular splits a note into items) */
const joinItems = (items: readonly string[]): string =>
  items.reduce((out, t) => (!out ? t : out.endsWith(':') ? `${out} ${t}` : `${out}; ${t}`), '');

const IF_APPLICABLE = /\bif applicable\b/i;
/** a parenthesised code reference: "(O09-O9A)", "(C50.-)" */
const CODE_REF = /\([A-Z][0-9][0-9A-Z]/;

const cache = new WeakMap<Ctx, Map<string, ClaimAttributes>>();

/** The claim-edit attributes of a code (normalised key, no dot) in an edition. */
export function claimAttributesOf(ctx: Ctx, key: string, ed: number): ClaimAttributes {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  const k = `${ed}:${key}`;
  const hit = m.get(k);
  if (hit) return hit;
  const out: ClaimAttributes = {};
  if (ctx.idx.position(key) !== undefined) {
    const ls = levels(ctx, key, ed);
    const sex = deriveSex(ls);
    if (sex) out.sex = sex;
    const age = deriveAge(ls, sex);
    if (age) out.age = age;
    const man = deriveManifestation(ls);
    if (man) out.manifestation = man;
    const np = deriveNotPrincipal(ls, key);
    if (np) out.notPrincipal = np;
  }
  if (m.size > 5000) m.clear();
  m.set(k, out);
  return out;
}

// --- ICD-10-PCS -----------------------------------------------------------------------------------------
const PCS_FEMALE = /\bfemale reproductive\b|\bpregnancy\b|\bobstetric(?:s|al)?\b/i;
const PCS_MALE = /\bmale reproductive\b/i;

export interface PcsSexAttribute {
  sex: 'F' | 'M';
  /** "0U" */
  bodySystem: string;
  /** "Medical and Surgical, Female Reproductive System" */
  text: string;
  /** "ICD-10-PCS FY2026 Tables" */
  source: string;
}

/** Sex of a PCS code from its section and body-system labels (PCS Tables XML), when the data has them. */
export function pcsSexOf(ctx: Ctx, code: string): PcsSexAttribute | undefined {
  const bs = ctx.pcs?.bodySystems;
  if (!bs || code.length < 2) return undefined;
  const key = code.slice(0, 2).toUpperCase();
  const label = bs.labels[key];
  if (!label) return undefined;
  const text = `${label.section}, ${label.bodySystem}`;
  const f = PCS_FEMALE.test(text);
  const m = PCS_MALE.test(text);
  if (f === m) return undefined;
  return {
    sex: f ? 'F' : 'M',
    bodySystem: key,
    text,
    source: `ICD-10-PCS FY${bs.year} Tables (section and body system)`,
  };
}
