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
    aliases: ['Exam', 'Physical Examination', 'Objective', 'Vitals', 'Vital Signs'],
    weight: 0.5,
  },
  { name: 'Labs', aliases: ['Laboratory', 'Lab Results', 'Laboratory Data', 'Pertinent Labs', 'Results'], weight: 0.5 },
  { name: 'Imaging', aliases: ['Radiology', 'Studies', 'Diagnostics'], weight: 0.5 },
  { name: 'Hospital Course', aliases: ['Brief Hospital Course', 'Course'], weight: 1 },
  { name: 'Procedures', aliases: ['Procedure', 'Procedures Performed', 'Operations', 'Operation'], weight: 1 },
  { name: 'Assessment', aliases: ['Impression', 'Clinical Impression'], weight: 2, diagnostic: true },
  { name: 'Plan', aliases: ['Recommendations', 'Disposition'], weight: 1.5 },
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
    ],
    weight: 3,
    diagnostic: true,
  },
  { name: 'Admission Diagnosis', aliases: ['Admitting Diagnosis', 'Reason for Admission'], weight: 1.5 },
  {
    name: 'Postoperative Diagnosis',
    aliases: ['Post-operative Diagnosis', 'Postop Diagnosis'],
    weight: 3,
    diagnostic: true,
  },
  { name: 'Preoperative Diagnosis', aliases: ['Pre-operative Diagnosis', 'Preop Diagnosis'], weight: 1.5 },
  { name: 'Problem List', aliases: ['Active Problems', 'Problems'], weight: 2, diagnostic: true },
];

export interface Section {
  name: string;
  weight: number;
  context?: 'historical' | 'family';
  diagnostic: boolean;
  /** the heading words as written */
  headingSpan: Span;
  /** the body: from after the heading (and its colon) to the next heading */
  body: Span;
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
  // heading at line start (optional "#"s or "**"), then ":" (content may follow) or end of line
  const re = new RegExp(`^[ \\t]*(?:#+[ \\t]*|\\*\\*)?(${escaped.join('|')})(?:\\*\\*)?[ \\t]*(:|$)`, 'i');
  return (line) => {
    const m = re.exec(line);
    if (!m) return undefined;
    // a bare heading without a colon must be the whole line
    if (m[2] !== ':' && line.trim().replace(/[#*]/g, '').trim().length !== m[1].length) return undefined;
    const def = names.get(norm(m[1]));
    return def ? { def, len: m[0].length, nameAt: m[0].indexOf(m[1]), nameLen: m[1].length } : undefined;
  };
}

/** Finds the sections of a note. Text before the first heading belongs to no section. */
export function findSections(text: string, defs: readonly HeadingDef[] = DEFAULT_HEADINGS): Section[] {
  const match = headingMatcher(defs);
  const out: Section[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = nextLineEnd(text, lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const h = line.length < 200 ? match(line) : undefined;
    if (h) {
      const prev = out[out.length - 1];
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
    }
    lineStart = afterLineEnd(text, lineEnd);
  }
  return out;
}
