/**
 * Sections of a clinical note, found from heading lines ("Assessment and Plan:", "DISCHARGE DIAGNOSES",
 * "HPI: 67-year-old …"). The heading list is configurable; each heading has a weight (how much a diagnosis
 * written under it counts: Discharge Diagnoses and Assessment more than Past Medical History) and, for
 * history sections, the context it gives every mention under it.
 */
import type { Span } from '../types';
import { afterLineEnd, nextLineEnd } from './text';

export interface HeadingDef {
  /** canonical name shown to the user */
  name: string;
  /** other spellings, compared case-insensitively, with "&" "/" "and" variants as written */
  aliases: string[];
  /** 0 (never a coded diagnosis: medications, family history) … 3 (discharge diagnoses) */
  weight: number;
  /** context given to every mention in the section */
  context?: 'historical' | 'family';
  /** true for the sections where the final diagnoses are listed (code lenses, documented-not-coded) */
  diagnostic?: boolean;
}

export const DEFAULT_HEADINGS: HeadingDef[] = [
  { name: 'Chief Complaint', aliases: ['CC', 'Reason for Visit', 'Presenting Complaint'], weight: 1 },
  {
    name: 'History of Present Illness',
    aliases: ['HPI', 'Present Illness', 'Interval History', 'Subjective'],
    weight: 1,
  },
  {
    name: 'Past Medical History',
    aliases: ['PMH', 'PMHx', 'Medical History', 'Past History', 'History'],
    weight: 0.5,
    context: 'historical',
  },
  { name: 'Past Surgical History', aliases: ['PSH', 'Surgical History'], weight: 0.5, context: 'historical' },
  { name: 'Family History', aliases: ['FH', 'FHx', 'Family Hx'], weight: 0, context: 'family' },
  { name: 'Social History', aliases: ['SH', 'Social Hx'], weight: 0.5 },
  {
    name: 'Medications',
    aliases: ['Meds', 'Home Medications', 'Current Medications', 'Discharge Medications', 'Medications on Admission'],
    weight: 0,
  },
  { name: 'Allergies', aliases: ['Allergy'], weight: 0 },
  { name: 'Review of Systems', aliases: ['ROS'], weight: 0.5 },
  {
    name: 'Physical Exam',
    aliases: ['Exam', 'Physical Examination', 'Objective', 'Vitals', 'Vital Signs', 'PE'],
    weight: 0.5,
  },
  { name: 'Labs', aliases: ['Laboratory', 'Lab Results', 'Laboratory Data', 'Pertinent Labs', 'Results'], weight: 0.5 },
  { name: 'Imaging', aliases: ['Radiology', 'Studies', 'Diagnostics'], weight: 0.5 },
  { name: 'Hospital Course', aliases: ['Brief Hospital Course', 'Course'], weight: 1 },
  { name: 'Procedures', aliases: ['Procedure', 'Procedures Performed', 'Operations', 'Operation'], weight: 1 },
  {
    name: 'Indications',
    aliases: [
      'Indication',
      'Indications for Procedure',
      'Indication for Procedure',
      'Indications for Surgery',
      'Indication for Surgery',
      'Indications for Operation',
      'Reason for Procedure',
      'Reason for Exam',
    ],
    weight: 1,
  },
  {
    name: 'Description of Procedure',
    aliases: [
      'Procedure in Detail',
      'Details of Procedure',
      'Description of Operation',
      'Operative Procedure',
      'Operative Technique',
      'Technique',
      'Procedure Description',
      'Operative Note',
      'Operative Report',
    ],
    weight: 1,
  },
  { name: 'Findings', aliases: ['Operative Findings', 'Intraoperative Findings', 'Finding'], weight: 0.5 },
  { name: 'Complications', aliases: ['Complication'], weight: 0.5 },
  { name: 'Anesthesia', aliases: ['Anesthetic', 'Type of Anesthesia'], weight: 0 },
  { name: 'Estimated Blood Loss', aliases: ['EBL', 'Blood Loss'], weight: 0 },
  { name: 'Specimens', aliases: ['Specimen', 'Specimens Removed', 'Pathology'], weight: 0.5 },
  {
    name: 'Operative Details',
    aliases: ['Drains', 'Fluids', 'Implants', 'Surgeon', 'Assistant', 'Assistants', 'Attending', 'Time Out'],
    weight: 0,
  },
  { name: 'Consent', aliases: ['Informed Consent', 'Risks and Benefits'], weight: 0 },
  { name: 'Assessment', aliases: ['Impression', 'Clinical Impression', 'Impressions'], weight: 2, diagnostic: true },
  { name: 'Plan', aliases: ['Recommendations', 'Disposition', 'Recommendation'], weight: 1.5 },
  {
    name: 'Discharge Instructions',
    aliases: [
      'Instructions',
      'Patient Instructions',
      'Follow-up',
      'Followup',
      'Follow-up Instructions',
      'Diet',
      'Activity',
      'Code Status',
      'Discharge Condition',
      'Condition on Discharge',
      'Condition at Discharge',
      'Condition',
    ],
    weight: 0.5,
  },
  {
    name: 'Assessment and Plan',
    aliases: ['A/P', 'A&P', 'Assessment/Plan', 'Assessment & Plan', 'Impression and Plan', 'Impression/Plan'],
    weight: 2,
    diagnostic: true,
  },
  {
    name: 'Discharge Diagnoses',
    aliases: [
      'Discharge Diagnosis',
      'Final Diagnoses',
      'Final Diagnosis',
      'Diagnoses',
      'Diagnosis',
      'Principal Diagnosis',
      'Secondary Diagnoses',
      'Secondary Diagnosis',
      'Discharge Dx',
      'Final Dx',
      'Diagnoses at Discharge',
      'Diagnosis at Discharge',
    ],
    weight: 3,
    diagnostic: true,
  },
  {
    name: 'Admission Diagnosis',
    aliases: ['Admitting Diagnosis', 'Admission Diagnoses', 'Admitting Diagnoses', 'Reason for Admission'],
    weight: 1.5,
  },
  {
    name: 'Postoperative Diagnosis',
    aliases: [
      'Postoperative Diagnoses',
      'Post-operative Diagnosis',
      'Post-operative Diagnoses',
      'Postop Diagnosis',
      'Postop Diagnoses',
      'Post-op Diagnosis',
      'Post-op Diagnoses',
      'Postoperative Dx',
      'Post-op Dx',
      'Postop Dx',
      'Postprocedure Diagnosis',
      'Post-procedure Diagnosis',
    ],
    weight: 3,
    diagnostic: true,
  },
  {
    name: 'Preoperative Diagnosis',
    aliases: [
      'Preoperative Diagnoses',
      'Pre-operative Diagnosis',
      'Pre-operative Diagnoses',
      'Preop Diagnosis',
      'Preop Diagnoses',
      'Pre-op Diagnosis',
      'Pre-op Diagnoses',
      'Preoperative Dx',
      'Pre-op Dx',
      'Preop Dx',
      'Preprocedure Diagnosis',
      'Pre-procedure Diagnosis',
    ],
    weight: 1.5,
  },
  { name: 'Problem List', aliases: ['Active Problems', 'Problems'], weight: 2, diagnostic: true },
];

/**
 * Body-system words written as sub-headings inside an assessment ("CV: CAD s/p stent", "RENAL: AKI"): an
 * unknown heading made of one of them does not end a diagnostic section.
 */
const SYSTEM_SUBHEADINGS = new Set(
  (
    'cv cardiovascular cardiac cardiology heart pulmonary pulm resp respiratory lungs renal nephrology gi gastrointestinal ' +
    'neuro neurology neurologic id infectious disease heme hematology heme/onc onc oncology endo endocrine fen ' +
    'fen/gi gu psych psychiatry msk musculoskeletal derm dermatology skin vascular ppx prophylaxis dispo ' +
    'general constitutional heent eyes ears neck chest abdomen extremities'
  ).split(' '),
);
// two-word system names
for (const w of ['infectious disease', 'heme onc', 'fen gi']) SYSTEM_SUBHEADINGS.add(w);

export interface Section {
  name: string;
  weight: number;
  context?: 'historical' | 'family';
  diagnostic: boolean;
  /** the heading words as written */
  headingSpan: Span;
  /** the body: from after the heading (and its colon) to the next heading */
  body: Span;
  /** set when a later diagnostic section says "Same" and this section's list stands for it */
  inheritedBy?: string;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Compiles a heading list into a matcher for one line: returns the def and the heading's length. */
export function headingMatcher(
  defs: readonly HeadingDef[],
): (line: string) => { def: HeadingDef; len: number; nameAt: number; nameLen: number } | undefined {
  const names = new Map<string, HeadingDef>();
  for (const d of defs) for (const n of [d.name, ...d.aliases]) names.set(norm(n), d);
  const sorted = [...names.keys()].sort((a, b) => b.length - a.length);
  const escaped = sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'));
  // heading at line start (optional "#"s or "**"), then ":" (content may follow; a parenthesis may come before
  // it: "PROBLEM LIST (carried forward from prior note):") or end of line
  const re = new RegExp(
    `^[ \\t]*(?:#+[ \\t]*|\\*\\*)?(${escaped.join('|')})(?:\\*\\*)?((?:[ \\t]*\\([^)\\n]{0,60}\\))?[ \\t]*:|[ \\t]*$)`,
    'i',
  );
  return (line) => {
    const m = re.exec(line);
    if (!m) return undefined;
    // a bare heading without a colon must be the whole line
    if (!m[2].endsWith(':') && line.trim().replace(/[#*]/g, '').trim().length !== m[1].length) return undefined;
    const def = names.get(norm(m[1]));
    return def ? { def, len: m[0].length, nameAt: m[0].indexOf(m[1]), nameLen: m[1].length } : undefined;
  };
}

export interface SectionOptions {
  /**
   * True when an unknown heading's words name a condition ("CHF: stable", "PNEUMONIA: on ceftriaxone"): such a
   * line is a problem in a list, not a heading (the reader passes its abbreviation and Index test).
   */
  namesCondition?: (heading: string) => boolean;
}

/**
 * An unknown heading at line start: upper-case words and a colon ("INDICATIONS FOR SURGERY: …",
 * "ESTIMATED BLOOD LOSS: 50 mL"), or Title-case words and a colon that ends the line, or two or more
 * Title-case words and a colon ("Operative Findings: …"). Group 1: the words.
 */
const UNKNOWN_HEADING =
  /^[ \t]*(?:#+[ \t]*|\*\*)?([A-Za-z][A-Za-z0-9'/&,()-]*(?:[ \t]+[A-Za-z0-9][A-Za-z0-9'/&,()-]*){0,5})(?:\*\*)?[ \t]*:(?!\/)/;
/** "Same", "Same as above", "Same as preoperative diagnosis", "Unchanged": the diagnosis above is repeated. */
const SAME_AS =
  /^[\s.:-]*(?:same|unchanged|identical)(?:\s+as\s+(?:above|the\s+)?(?:pre-?\s?op(?:erative)?|pre-?procedure|admission|admitting)?(?:\s+diagnos[ie]s)?)?[\s.]*$/i;

function unknownHeading(line: string): { words: string; len: number; nameAt: number } | undefined {
  const m = UNKNOWN_HEADING.exec(line);
  if (!m) return undefined;
  const words = m[1].replace(/[,(]+$/, '');
  const letters = words.replace(/[^A-Za-z]/g, '');
  if (letters.length < 2) return undefined;
  const rest = line.slice(m[0].length).trim();
  const upper = letters === letters.toUpperCase();
  const ws = words.split(/[ \t]+/);
  const titled = ws.every((w) => !/^[a-z]/.test(w) || /^(?:of|and|for|in|on|the|to|at|with|or)$/.test(w));
  // upper case: any; Title case: alone on its line, or two words or more
  if (!upper && !(titled && (rest === '' || ws.length >= 2))) return undefined;
  return { words, len: m[0].length, nameAt: m[0].indexOf(m[1]) };
}

/**
 * Finds the sections of a note. Text before the first heading belongs to no section. A known heading starts
 * its section; an unknown heading (upper-case `WORDS:`, a Title-case heading line) ends the section above and
 * starts a section of its own (weight 0.5, never diagnostic), unless its words name a condition or a body
 * system inside an assessment. "POSTOPERATIVE DIAGNOSIS: Same." makes the preoperative list the diagnostic one.
 */
export function findSections(
  text: string,
  defs: readonly HeadingDef[] = DEFAULT_HEADINGS,
  opts: SectionOptions = {},
): Section[] {
  const match = headingMatcher(defs);
  const out: Section[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = nextLineEnd(text, lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const h = match(line);
    const prev = out[out.length - 1];
    if (h) {
      if (prev) prev.body.end = lineStart;
      const nameStart = lineStart + h.nameAt;
      const nameEnd = nameStart + h.nameLen;
      out.push({
        name: h.def.name,
        weight: h.def.weight,
        context: h.def.context,
        diagnostic: !!h.def.diagnostic,
        headingSpan: { start: nameStart, end: nameEnd },
        body: { start: lineStart + h.len, end: text.length },
      });
    } else {
      const u = unknownHeading(line);
      if (u && endsSection(u.words, prev, opts)) {
        if (prev) prev.body.end = lineStart;
        const nameStart = lineStart + u.nameAt;
        out.push({
          name: u.words,
          weight: 0.5,
          diagnostic: false,
          headingSpan: { start: nameStart, end: nameStart + u.words.length },
          body: { start: lineStart + u.len, end: text.length },
        });
      }
    }
    lineStart = afterLineEnd(text, lineEnd);
  }
  // "POSTOPERATIVE DIAGNOSIS: Same." / "Discharge diagnoses: same as admission": the list above is the final one
  for (let i = 1; i < out.length; i++) {
    const s = out[i];
    if (!s.diagnostic || !SAME_AS.test(text.slice(s.body.start, s.body.end))) continue;
    for (let j = i - 1; j >= 0; j--) {
      const p = out[j];
      if (p.name === 'Preoperative Diagnosis' || p.name === 'Admission Diagnosis') {
        p.diagnostic = true;
        p.weight = s.weight;
        p.inheritedBy = s.name;
        break;
      }
    }
  }
  return out;
}

function endsSection(words: string, prev: Section | undefined, opts: SectionOptions): boolean {
  if (!prev) return !opts.namesCondition?.(words);
  const w = norm(words).replace(/[/&-]/g, ' ').replace(/\s+/g, ' ');
  // a body-system sub-heading inside an assessment, a family member inside Family History
  if (prev.diagnostic && (SYSTEM_SUBHEADINGS.has(w) || SYSTEM_SUBHEADINGS.has(norm(words)))) return false;
  if (prev.context && !w.includes(' ')) return false;
  return !opts.namesCondition?.(words);
}
