/**
 * HTML grade reports (core/grading/report.ts): one page per student, and a class page with a section per
 * student. Accessible tables (captions, scoped headers); every text from a file is escaped.
 */
import { overrideLines, verdictText, type ClassReport, type GradedStudent, type ReportMeta } from './report-model';

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
