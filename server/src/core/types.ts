/**
 * Result types shared across the core. Everything here is plain data: offsets, not LSP ranges;
 * no vscode, no fs, no clock.
 */

/** A half-open character range [start, end) in a document's text (UTF-16 offsets). */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A code reference for display and quick fixes. `code` is dotted for display ("I50.23"). */
export interface CodeRef {
  code: string;
  title: string;
  billable?: boolean;
}

/** Result of picking the edition for a date of service. */
export type EditionResult =
  | { ok: true; index: number; id: string; label: string; from: string; to: string }
  | {
      ok: false;
      /** e.g. "No ICD-10-CM edition covers 2026-11-02; FY2026 (to 2026-09-30) is the newest available." */
      message: string;
      /** the nearest edition, which callers MAY use if they say so */
      nearest?: { index: number; id: string; label: string };
    };

/** Why a suggestion was made, for ranking and for the user. */
export type SuggestionReason =
  | 'edit-distance'
  | 'o-zero-confusion'
  | 'i-one-confusion'
  | 'dot-position'
  | 'header-of-valid'
  | 'prefix'
  | 'replacement'
  | 'billable-child';

export interface Suggestion extends CodeRef {
  reason: SuggestionReason;
  /** lower is better */
  rank: number;
}

export interface SeventhCharChoice {
  char: string;
  meaning: string;
  /** the full dotted code with this 7th character, e.g. "S72.001A" */
  code: string;
}

/** Classification of one normalised code for one edition. */
export type Classification =
  | { kind: 'billable'; code: string; title: string }
  | {
      kind: 'header';
      code: string;
      title: string;
      /** billable descendants in tabular order, most likely first is not implied */
      billableDescendants: CodeRef[];
    }
  | {
      /** valid stem that needs a 7th character (possibly after X placeholders) */
      kind: 'needs-seventh';
      code: string;
      title: string;
      choices: SeventhCharChoice[];
    }
  | {
      /** a code that needs placeholder X padding before its 7th character */
      kind: 'needs-placeholder';
      code: string;
      /** the corrected dotted code(s), e.g. ["T36.0X1A"] */
      corrected: CodeRef[];
    }
  | {
      /** valid in an earlier edition, absent from this one */
      kind: 'deleted';
      code: string;
      title: string;
      lastEdition: { index: number; label: string };
      replacements: Suggestion[];
    }
  | {
      /** valid only in a later edition */
      kind: 'not-yet-valid';
      code: string;
      title: string;
      firstEdition: { index: number; label: string };
      suggestions: Suggestion[];
    }
  | { kind: 'invalid'; code: string; suggestions: Suggestion[] };

/** A note attached to a code, tagged with where it came from. */
export interface SourcedNote {
  kind:
    | 'inclusionTerm'
    | 'includes'
    | 'excludes1'
    | 'excludes2'
    | 'codeFirst'
    | 'useAdditionalCode'
    | 'codeAlso'
    | 'notes'
    | 'sevenChrNote';
  text: string;
  /** the dotted code, section id or "Chapter N" that carries the note */
  from: string;
  /** true when `from` is an ancestor, not the code itself */
  inherited: boolean;
}
