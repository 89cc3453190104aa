/**
 * Markdown grade reports (core/grading/report.ts): one student, and a class. Every text from a file is escaped.
 */
import { overrideLines, pct, verdictText, type ClassReport, type GradedStudent, type ReportMeta } from './report-model';

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
