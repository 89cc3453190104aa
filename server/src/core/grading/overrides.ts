/**
 * Trainer overrides (docs/exercises.md, "Trainer overrides"): a tab-separated file `NAME.overrides.tsv` beside
 * the key. Each row changes the credit of one answer-key line for one student (or every student) and says who,
 * when and why; the grade shows the previous and the new credit, so the file is the audit trail. Pure.
 */

export interface Override {
  /** the student's name as in the reports, or '*' for every student */
  student: string;
  /** the key line's written answer, normalised (no dot, upper case) */
  answer: string;
  /** new credit, 0–1 (share of the line's weight) */
  credit: number;
  by: string;
  /** YYYY-MM-DD, written by the trainer */
  date: string;
  reason: string;
  /** 1-based line in the overrides file */
  line: number;
}

export interface OverridesFile {
  overrides: Override[];
  problems: Array<{ line: number; message: string }>;
}

export const OVERRIDE_COLUMNS = ['student', 'answer', 'credit', 'by', 'date', 'reason'] as const;

/** Reads an overrides file; bad rows are reported (with their line) and skipped, never guessed. */
export function parseOverrides(text: string): OverridesFile {
  const out: OverridesFile = { overrides: [], problems: [] };
  const lines = text.split(/\r\n|\r|\n/);
  let header: string[] | undefined;
  lines.forEach((raw, i) => {
    const n = i + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      const missing = OVERRIDE_COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length) {
        out.problems.push({
          line: n,
          message: `The first row must name the tab-separated columns ${OVERRIDE_COLUMNS.join(', ')}; missing: ${missing.join(', ')}.`,
        });
        header = [];
      }
      return;
    }
    if (!header.length) return;
    const get = (c: (typeof OVERRIDE_COLUMNS)[number]): string => cells[header!.indexOf(c)] ?? '';
    const student = get('student');
    const answer = get('answer').replace(/\./g, '').toUpperCase();
    const creditText = get('credit').toLowerCase();
    const credit =
      creditText === 'exact' || creditText === 'full'
        ? 1
        : creditText === 'none' || creditText === 'missing'
          ? 0
          : /^\d+(\.\d+)?$/.test(creditText)
            ? Number(creditText)
            : NaN;
    const by = get('by');
    const date = get('date');
    const reason = get('reason');
    const bad: string[] = [];
    if (!student) bad.push('no student (a name, or * for every student)');
    if (!/^[A-Z0-9]{3,7}$/.test(answer)) bad.push(`'${get('answer')}' is not a code of the key`);
    if (!(credit >= 0 && credit <= 1))
      bad.push(`credit '${get('credit')}' is not a number from 0 to 1 (or exact, none)`);
    if (!by) bad.push('no trainer in "by"');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) bad.push(`date '${date}' is not YYYY-MM-DD`);
    if (!reason) bad.push('no reason');
    if (bad.length) out.problems.push({ line: n, message: `Override not applied: ${bad.join('; ')}.` });
    else out.overrides.push({ student, answer, credit, by, date, reason, line: n });
  });
  return out;
}
