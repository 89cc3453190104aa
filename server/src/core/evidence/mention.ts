/**
 * What the note reader (core/notes/reader.ts) says about one diagnosis mention: its words, its ranked candidate
 * codes and its ConText context. Plain data, defined here, below both core/notes (which produces it) and
 * core/annotation (which ranks quick fixes with it).
 */
import type { Span } from '../types';

export type ContextCategory = 'negated' | 'uncertain' | 'historical' | 'hypothetical' | 'family';

export interface ContextHit {
  category: ContextCategory;
  /** the trigger as written, or the section heading for section-wide context */
  trigger: string;
  triggerSpan: Span;
  /** the text the trigger governs */
  scope: Span;
  /** true when the context comes from the section (Family History, Past Medical History) */
  fromSection?: boolean;
}

export interface CodeCandidate {
  /** dotted ("I50.23") */
  code: string;
  title: string;
  billable: boolean;
  /** how the code was reached: "Index: Failure, heart, systolic, acute, and (on) chronic → I50.23" */
  path: string;
  score: number;
  /** what the edition check changed, e.g. "I21.3 was deleted after FY2021; replaced by …" */
  note?: string;
}

export interface NoteMention {
  /** the words of the diagnosis (abbreviation included) */
  span: Span;
  text: string;
  /** index into NoteAnalysis.sections, -1 before the first heading */
  section: number;
  segment: number;
  candidates: CodeCandidate[];
  context: ContextHit[];
  /** the abbreviation expanded for this mention */
  abbreviation?: { text: string; phrase: string; note?: string };
  /** spans of words matched beneath a connector ("with CKD 3b" of "DM2 with CKD 3b") */
  linked: Span[];
  /** categories of the codes under the same Index entry (combination codes), for coverage checks */
  related?: string[];
  /** a word of the mention is uncertain, not the condition ("Pneumonia, likely aspiration"): outpatient, silent */
  uncertainModifier?: boolean;
}

/** The mentions of a read note (a NoteAnalysis of core/notes/reader.ts has them, among others). */
export interface NoteMentions {
  mentions: NoteMention[];
  /** the edition the note was read in (an index into the code set's editions) */
  edition: { index: number };
}
