/**
 * CSV grade reports (core/grading/report.ts): a row per key line and per other student line, and a class table
 * (a row per student, a column per required key line). Cells a spreadsheet would run as formulas are defused.
 */
import { answersText, type ClassReport, type GradedStudent } from './report-model';

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula gets a leading '. */
export function csvCell(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvRow = (cells: Array<string | number | boolean | undefined>): string => cells.map(csvCell).join(',');

export function gradeCsv(s: GradedStudent): string {
  const r = s.result;
  const rows = [
    csvRow([
      'student',
      'keyLine',
      'answers',
      'principal',
      'optional',
      'verdict',
      'partialKind',
      'studentLine',
      'studentCode',
      'points',
      'possible',
      'poaCorrect',
      'reason',
    ]),
  ];
  for (const k of r.keyLines)
    rows.push(
      csvRow([
        s.name,
        k.keyLine,
        answersText(k),
        k.principal,
        k.optional,
        k.verdict,
        k.partialKind,
        k.studentLine,
        k.student?.code,
        k.points,
        k.possible,
        k.poa?.correct,
        k.reason,
      ]),
    );
  for (const x of r.studentLines)
    if (x.verdict !== 'matched')
      rows.push(
        csvRow([
          s.name,
          undefined,
          undefined,
          undefined,
          undefined,
          x.verdict,
          undefined,
          x.studentLine,
          x.code.code,
          0,
          0,
          undefined,
          x.reason,
        ]),
      );
  return rows.join('\r\n') + '\r\n';
}

/** One row per student, one column per required key line (its verdict), then a "missing" totals row. */
export function classCsv(c: ClassReport): string {
  const keyCols = [...c.lines].sort((a, b) => a.keyLine - b.keyLine);
  const rows = [
    csvRow([
      'student',
      'file',
      'percent',
      'points',
      'denominator',
      'overEntry',
      'principalCorrect',
      'poaCorrect',
      'poaChecked',
      ...keyCols.map((l) => `line ${l.keyLine} ${l.answers.join(' | ')}`),
    ]),
  ];
  for (const s of c.results) {
    const r = s.result;
    const byLine = new Map(r.keyLines.map((k) => [k.keyLine, k]));
    rows.push(
      csvRow([
        s.name,
        s.file,
        r.score.percent,
        r.score.points,
        r.score.denominator,
        r.score.overEntry,
        r.principal.correct,
        r.poa.correct,
        r.poa.checked,
        ...keyCols.map((l) => {
          const k = byLine.get(l.keyLine);
          return k ? (k.verdict === 'partial' ? `partial:${k.partialKind}` : k.verdict) : '';
        }),
      ]),
    );
  }
  rows.push(csvRow(['missing (count)', '', '', '', '', '', '', '', '', ...keyCols.map((l) => l.missing)]));
  return rows.join('\r\n') + '\r\n';
}
