/** The note reader's public surface (pure core). */
export { Abbreviations, DEFAULT_ABBREVIATIONS, type AbbreviationDef } from './abbreviations';
export { ContextMatcher, TRIGGERS, type ContextCategory, type ContextHit } from './contextMatcher';
export { IndexMatcher, GENERIC_MAIN_TERMS } from './indexMatcher';
export { categories, codability, CONFIRMED_ONLY, type Codability } from '../evidence/codability';
export { findEvidence, findEvidenceAll } from '../evidence/phrase';
export { supportFor } from '../evidence/support';
export {
  NoteReader,
  noteReaderFor,
  type CodeCandidate,
  type NoteAnalysis,
  type NoteCodeSet,
  type NoteMention,
} from './reader';
export { checkCodesAgainstNote, checkNote, checkNoteAgainstCodes } from './rules';
export { DEFAULT_HEADINGS, findSections, type HeadingDef, type Section } from './sections';
