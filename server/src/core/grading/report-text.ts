/**
 * Plain-text grade reports (core/grading/report.ts): one student, and a class.
 */
import { overrideLines, type ClassReport, type GradedStudent, type ReportMeta } from './report-model';

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
