/**
 * Grade reports: one student (JSON, text, markdown, HTML, CSV) and a class (a folder of students) with a
 * table per student and per answer line (most missed first). Pure: results in, strings out.
 * The JSON schema is documented in docs/exercises.md ("JSON report").
 */
import type { Finding } from '../findings/types';
import { GRADE_SCHEMA_VERSION, type GradeResult, type KeyLineResult } from './grade';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'html' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'html', 'csv'];

export interface GradedStudent {
  /** the student's name: NAME.<student>.codes gives <student>; otherwise the file name */
  name: string;
  /** the file as the user gave it (relative path), for display */
  file: string;
  result: GradeResult;
}

export interface ReportMeta {
  /** the key file as given */
  keyFile: string;
  /** findings of the key-* rules and the key's syntax problems, as plain lines ("line 3: …") */
  keyFindings: Array<{ line: number; rule: string; severity: Finding['severity']; message: string }>;
}

export interface ClassLineSummary {
  keyLine: number;
  answers: string[];
  optional: boolean;
  exact: number;
  partial: number;
  missing: number;
  /** names of the students who missed the line entirely */
  missedBy: string[];
}

export interface ClassReport {
  schemaVersion: typeof GRADE_SCHEMA_VERSION;
  kind: 'class';
  key: string;
  keyFindings: ReportMeta['keyFindings'];
  students: Array<{
    name: string;
    file: string;
    percent: number;
    points: number;
    denominator: number;
    overEntry: boolean;
    principalCorrect: boolean;
    poa: { correct: number; checked: number };
    counts: GradeResult['counts'];
  }>;
  /** required key lines, most missed first (missing, then partial, then key order) */
  lines: ClassLineSummary[];
  /** class average of the percentages, 1 decimal */
  average: number;
  results: Array<{ name: string; file: string; result: GradeResult }>;
}

const verdictText = (k: KeyLineResult): string =>
  (k.verdict === 'partial' ? `partial (${k.partialKind})` : k.optional ? `${k.verdict} (optional)` : k.verdict) +
  (k.override ? `; override: credit ${k.override.previous.credit} → ${k.credit}` : '');

/** The audit trail: one line per overridden key line. */
function overrideLines(r: GradeResult): string[] {
  return r.keyLines
    .filter((k) => k.override)
    .map(
      (k) =>
        `key line ${k.keyLine} ${k.answers[0].code}: ${k.override!.previous.points} → ${k.points} of ${k.possible} points, by ${k.override!.by} on ${k.override!.date} (overrides file line ${k.override!.line}): ${k.override!.reason}`,
    );
}

const answersText = (k: KeyLineResult): string => k.answers.map((a) => a.code).join(' | ');

const pct = (n: number): string => `${n}%`;

// ---------------------------------------------------------------- one student

export function gradeJson(s: GradedStudent, meta: ReportMeta): string {
  return (
    JSON.stringify(
      {
        ...s.result,
        kind: 'grade',
        key: meta.keyFile,
        student: { name: s.name, file: s.file },
        keyFindings: meta.keyFindings,
      },
      null,
      2,
    ) + '\n'
  );
}

export function gradeText(s: GradedStudent, meta: ReportMeta): string {
  const r = s.result;
  const out: string[] = [];
  out.push(`Grade for ${s.name} (${s.file}) against ${meta.keyFile}`);
  out.push(
    `Codes: ${r.score.percent}% (${r.score.points} of ${r.score.denominator}${r.score.overEntry ? ', over-entry' : ''}) · principal ${r.principal.correct ? 'right' : 'wrong'} · POA ${r.poa.correct}/${r.poa.checked}`,
  );
  if (r.edition) out.push(`Edition: ${r.edition}${r.date ? ` (date of service ${r.date})` : ''}`);
  for (const p of r.problems) out.push(`note: ${p}`);
  for (const f of meta.keyFindings) out.push(`key line ${f.line}: ${f.severity}: ${f.message} [${f.rule}]`);
  out.push('');
  for (const line of r.reasons) out.push(`  ${line}`);
  const trail = overrideLines(r);
  if (trail.length) out.push('', 'Trainer overrides:', ...trail.map((l) => `  ${l}`));
  const rationales = r.keyLines.filter((k) => k.rationale);
  if (rationales.length) {
    out.push('', 'Rationale:');
    for (const k of rationales) out.push(`  ${k.answers[0].code}: ${k.rationale}`);
  }
  return out.join('\n') + '\n';
}

/** Escapes text for a markdown table cell or paragraph. */
export function mdEscape(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

const codeCell = (c: { code: string; title?: string } | undefined): string =>
  c ? `\`${c.code}\`${c.title ? ` ${mdEscape(c.title)}` : ''}` : '—';

export function gradeMarkdown(s: GradedStudent, meta: ReportMeta): string {
  const r = s.result;
  const out: string[] = [];
  out.push(`# Grade: ${mdEscape(s.name)}`, '');
  out.push(`Answer: \`${s.file}\` · Key: \`${meta.keyFile}\`${r.edition ? ` · ${mdEscape(r.edition)}` : ''}`, '');
  out.push(
    `**Codes: ${pct(r.score.percent)}** (${r.score.points} of ${r.score.denominator} points${r.score.overEntry ? '; over-entry rule applied' : ''}) · ` +
      `**Principal: ${r.principal.correct ? 'right' : 'wrong'}** · **POA: ${r.poa.correct} of ${r.poa.checked}**`,
    '',
  );
  for (const p of r.problems) out.push(`> ${mdEscape(p)}`, '');
  if (meta.keyFindings.length) {
    out.push('Answer key problems:', '');
    for (const f of meta.keyFindings)
      out.push(`- line ${f.line}: ${f.severity}: ${mdEscape(f.message)} (\`${f.rule}\`)`);
    out.push('');
  }
  out.push('## Answer key lines', '');
  out.push('| Key line | Answer | Verdict | Student | Points | POA | Rationale |');
  out.push('|---:|---|---|---|---:|---|---|');
  for (const k of r.keyLines) {
    const student = k.student
      ? `line ${k.studentLine}: ${codeCell(k.student.title || k.verdict !== 'exact' ? k.student : { code: k.student.code })}`
      : '—';
    const poa = k.poa ? `${k.poa.correct ? '✓' : '✗'} key ${k.poa.key}, student ${k.poa.student ?? 'none'}` : '';
    out.push(
      `| ${k.keyLine} | ${k.answers.map(codeCell).join('<br>or ')}${k.principal ? ' **(principal)**' : ''} | ${verdictText(k)} | ${student} | ${k.points} / ${k.possible} | ${poa} | ${k.rationale ? mdEscape(k.rationale) : ''} |`,
    );
  }
  const others = r.studentLines.filter((x) => x.verdict !== 'matched');
  if (others.length) {
    out.push('', '## Other student lines', '');
    out.push('| Student line | Code | Verdict | Why |', '|---:|---|---|---|');
    for (const x of others)
      out.push(`| ${x.studentLine} | ${codeCell(x.code)} | ${x.verdict} | ${mdEscape(x.reason)} |`);
  }
  const trail = overrideLines(r);
  if (trail.length) {
    out.push('', '## Trainer overrides', '');
    for (const l of trail) out.push(`- ${mdEscape(l)}`);
  }
  out.push('', '## Every point explained', '');
  for (const line of r.reasons) out.push(`- ${mdEscape(line)}`);
  return out.join('\n') + '\n';
}

/** Escapes text for HTML element content and attribute values. */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const HTML_STYLE =
  'body{font-family:system-ui,sans-serif;margin:1.5rem;line-height:1.4}table{border-collapse:collapse;margin:1rem 0}' +
  'th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold}' +
  '.exact{background:#e6f4ea}.partial{background:#fff4ce}.missing,.extra{background:#fde7e9}code{font-weight:bold}';

function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${htmlEscape(title)}</title>\n<style>${HTML_STYLE}</style>\n</head>\n<body>\n<main>\n${body}</main>\n</body>\n</html>\n`;
}

const hCode = (c: { code: string; title?: string } | undefined): string =>
  c ? `<code>${htmlEscape(c.code)}</code>${c.title ? ` ${htmlEscape(c.title)}` : ''}` : '—';

function gradeHtmlSection(s: GradedStudent, meta: ReportMeta, level: number): string {
  const r = s.result;
  const h = `h${level}`;
  const out: string[] = [];
  out.push(`<${h}>Grade: ${htmlEscape(s.name)}</${h}>`);
  out.push(
    `<p>Answer: <code>${htmlEscape(s.file)}</code> · Key: <code>${htmlEscape(meta.keyFile)}</code>${r.edition ? ` · ${htmlEscape(r.edition)}` : ''}</p>`,
  );
  out.push(
    `<p><strong>Codes: ${r.score.percent}%</strong> (${r.score.points} of ${r.score.denominator} points${r.score.overEntry ? '; over-entry rule applied' : ''}) · <strong>Principal: ${r.principal.correct ? 'right' : 'wrong'}</strong> · <strong>POA: ${r.poa.correct} of ${r.poa.checked}</strong></p>`,
  );
  for (const p of r.problems) out.push(`<p role="note">${htmlEscape(p)}</p>`);
  out.push('<table>', `<caption>Answer key lines for ${htmlEscape(s.name)}</caption>`);
  out.push(
    '<thead><tr><th scope="col">Key line</th><th scope="col">Answer</th><th scope="col">Verdict</th><th scope="col">Student</th><th scope="col">Points</th><th scope="col">POA</th><th scope="col">Rationale</th></tr></thead>',
    '<tbody>',
  );
  for (const k of r.keyLines) {
    const poa = k.poa
      ? `${k.poa.correct ? 'right' : 'wrong'}: key ${k.poa.key}, student ${k.poa.student ?? 'none'}`
      : '';
    out.push(
      `<tr class="${k.verdict}"><th scope="row">${k.keyLine}</th><td>${k.answers.map(hCode).join('<br>or ')}${k.principal ? ' <strong>(principal)</strong>' : ''}</td><td>${htmlEscape(verdictText(k))}</td>` +
        `<td>${k.student ? `line ${k.studentLine}: ${hCode(k.student)}` : '—'}</td><td>${k.points} / ${k.possible}</td><td>${htmlEscape(poa)}</td><td>${htmlEscape(k.rationale ?? '')}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  const others = r.studentLines.filter((x) => x.verdict !== 'matched');
  if (others.length) {
    out.push('<table>', `<caption>Other lines of ${htmlEscape(s.name)}</caption>`);
    out.push(
      '<thead><tr><th scope="col">Student line</th><th scope="col">Code</th><th scope="col">Verdict</th><th scope="col">Why</th></tr></thead>',
      '<tbody>',
    );
    for (const x of others)
      out.push(
        `<tr class="${x.verdict}"><th scope="row">${x.studentLine}</th><td>${hCode(x.code)}</td><td>${x.verdict}</td><td>${htmlEscape(x.reason)}</td></tr>`,
      );
    out.push('</tbody>', '</table>');
  }
  const sub = h === 'h1' ? 'h2' : 'h3';
  const trail = overrideLines(r);
  if (trail.length) {
    out.push(`<${sub}>Trainer overrides</${sub}>`, '<ul>');
    for (const l of trail) out.push(`<li>${htmlEscape(l)}</li>`);
    out.push('</ul>');
  }
  out.push(`<${sub}>Every point explained</${sub}>`, '<ul>');
  for (const line of r.reasons) out.push(`<li>${htmlEscape(line)}</li>`);
  out.push('</ul>');
  return out.join('\n') + '\n';
}

function keyFindingsHtml(meta: ReportMeta): string {
  if (!meta.keyFindings.length) return '';
  return (
    '<p>Answer key problems:</p>\n<ul>\n' +
    meta.keyFindings
      .map(
        (f) => `<li>line ${f.line}: ${f.severity}: ${htmlEscape(f.message)} (<code>${htmlEscape(f.rule)}</code>)</li>`,
      )
      .join('\n') +
    '\n</ul>\n'
  );
}

export function gradeHtml(s: GradedStudent, meta: ReportMeta): string {
  return htmlPage(`Grade: ${s.name}`, keyFindingsHtml(meta) + gradeHtmlSection(s, meta, 1));
}

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

export function renderGrade(format: ReportFormat, s: GradedStudent, meta: ReportMeta): string {
  switch (format) {
    case 'json':
      return gradeJson(s, meta);
    case 'markdown':
      return gradeMarkdown(s, meta);
    case 'html':
      return gradeHtml(s, meta);
    case 'csv':
      return gradeCsv(s);
    default:
      return gradeText(s, meta);
  }
}

// ---------------------------------------------------------------- a class

export function classReport(students: GradedStudent[], meta: ReportMeta): ClassReport {
  const sorted = [...students].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : 1));
  const first = sorted[0]?.result.keyLines ?? [];
  const lines: ClassLineSummary[] = first
    .filter((k) => !k.optional)
    .map((k) => {
      const idx = first.indexOf(k);
      const of = (v: string): GradedStudent[] => sorted.filter((s) => s.result.keyLines[idx]?.verdict === v);
      return {
        keyLine: k.keyLine,
        answers: k.answers.map((a) => a.code),
        optional: k.optional,
        exact: of('exact').length,
        partial: of('partial').length,
        missing: of('missing').length,
        missedBy: of('missing').map((s) => s.name),
      };
    })
    .sort((a, b) => b.missing - a.missing || b.partial - a.partial || a.keyLine - b.keyLine);
  const avg = sorted.length ? sorted.reduce((t, s) => t + s.result.score.percent, 0) / sorted.length : 0;
  return {
    schemaVersion: GRADE_SCHEMA_VERSION,
    kind: 'class',
    key: meta.keyFile,
    keyFindings: meta.keyFindings,
    students: sorted.map((s) => ({
      name: s.name,
      file: s.file,
      percent: s.result.score.percent,
      points: s.result.score.points,
      denominator: s.result.score.denominator,
      overEntry: s.result.score.overEntry,
      principalCorrect: s.result.principal.correct,
      poa: { correct: s.result.poa.correct, checked: s.result.poa.checked },
      counts: s.result.counts,
    })),
    lines,
    average: Math.round(avg * 10) / 10,
    results: sorted.map((s) => ({ name: s.name, file: s.file, result: s.result })),
  };
}

export function classText(c: ClassReport): string {
  const out = [`Class report for ${c.key}: ${c.students.length} student(s), average ${c.average}%`];
  for (const f of c.keyFindings) out.push(`key line ${f.line}: ${f.severity}: ${f.message} [${f.rule}]`);
  out.push('', 'Students:');
  for (const s of c.students)
    out.push(
      `  ${s.name.padEnd(16)} ${String(s.percent).padStart(5)}%  principal ${s.principalCorrect ? 'right' : 'wrong'}  POA ${s.poa.correct}/${s.poa.checked}  exact ${s.counts.exact} partial ${s.counts.partial} missing ${s.counts.missing} extra ${s.counts.extra}  (${s.file})`,
    );
  out.push('', 'Answer lines, most missed first:');
  for (const l of c.lines)
    out.push(
      `  key line ${l.keyLine} ${l.answers.join(' | ')}: missing ${l.missing}, partial ${l.partial}, exact ${l.exact}${l.missedBy.length ? ` (missed by ${l.missedBy.join(', ')})` : ''}`,
    );
  return out.join('\n') + '\n';
}

export function classMarkdown(c: ClassReport): string {
  const out = [
    `# Class report: ${mdEscape(c.key)}`,
    '',
    `${c.students.length} student(s); average score ${c.average}%.`,
    '',
  ];
  if (c.keyFindings.length) {
    out.push('Answer key problems:', '');
    for (const f of c.keyFindings) out.push(`- line ${f.line}: ${f.severity}: ${mdEscape(f.message)} (\`${f.rule}\`)`);
    out.push('');
  }
  out.push('## Students', '', '| Student | Score | Principal | POA | Exact | Partial | Missing | Extra | File |');
  out.push('|---|---:|---|---:|---:|---:|---:|---:|---|');
  for (const s of c.students)
    out.push(
      `| ${mdEscape(s.name)} | ${s.percent}%${s.overEntry ? ' (over-entry)' : ''} | ${s.principalCorrect ? 'right' : 'wrong'} | ${s.poa.correct}/${s.poa.checked} | ${s.counts.exact} | ${s.counts.partial} | ${s.counts.missing} | ${s.counts.extra} | \`${s.file}\` |`,
    );
  out.push(
    '',
    '## Answer lines, most missed first',
    '',
    '| Key line | Answer | Missing | Partial | Exact | Missed by |',
  );
  out.push('|---:|---|---:|---:|---:|---|');
  for (const l of c.lines)
    out.push(
      `| ${l.keyLine} | ${l.answers.map((a) => `\`${a}\``).join(' or ')} | ${l.missing} | ${l.partial} | ${l.exact} | ${l.missedBy.map(mdEscape).join(', ')} |`,
    );
  return out.join('\n') + '\n';
}

export function classHtml(c: ClassReport, meta: ReportMeta): string {
  const out: string[] = [`<h1>Class report: ${htmlEscape(c.key)}</h1>`];
  out.push(`<p>${c.students.length} student(s); average score ${c.average}%.</p>`);
  out.push(keyFindingsHtml(meta));
  out.push('<table>', '<caption>Students</caption>');
  out.push(
    '<thead><tr>' +
      ['Student', 'Score', 'Principal', 'POA', 'Exact', 'Partial', 'Missing', 'Extra', 'File']
        .map((h) => `<th scope="col">${h}</th>`)
        .join('') +
      '</tr></thead>',
    '<tbody>',
  );
  for (const s of c.students)
    out.push(
      `<tr><th scope="row">${htmlEscape(s.name)}</th><td>${s.percent}%${s.overEntry ? ' (over-entry)' : ''}</td><td>${s.principalCorrect ? 'right' : 'wrong'}</td><td>${s.poa.correct}/${s.poa.checked}</td><td>${s.counts.exact}</td><td>${s.counts.partial}</td><td>${s.counts.missing}</td><td>${s.counts.extra}</td><td><code>${htmlEscape(s.file)}</code></td></tr>`,
    );
  out.push('</tbody>', '</table>');
  out.push('<table>', '<caption>Answer lines, most missed first</caption>');
  out.push(
    '<thead><tr>' +
      ['Key line', 'Answer', 'Missing', 'Partial', 'Exact', 'Missed by']
        .map((h) => `<th scope="col">${h}</th>`)
        .join('') +
      '</tr></thead>',
    '<tbody>',
  );
  for (const l of c.lines)
    out.push(
      `<tr><th scope="row">${l.keyLine}</th><td>${l.answers.map((a) => `<code>${htmlEscape(a)}</code>`).join(' or ')}</td><td>${l.missing}</td><td>${l.partial}</td><td>${l.exact}</td><td>${htmlEscape(l.missedBy.join(', '))}</td></tr>`,
    );
  out.push('</tbody>', '</table>');
  for (const r of c.results) out.push(gradeHtmlSection({ name: r.name, file: r.file, result: r.result }, meta, 2));
  return htmlPage(`Class report: ${c.key}`, out.join('\n') + '\n');
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

export function renderClass(format: ReportFormat, c: ClassReport, meta: ReportMeta): string {
  switch (format) {
    case 'json':
      return JSON.stringify(c, null, 2) + '\n';
    case 'markdown':
      return classMarkdown(c);
    case 'html':
      return classHtml(c, meta);
    case 'csv':
      return classCsv(c);
    default:
      return classText(c);
  }
}
