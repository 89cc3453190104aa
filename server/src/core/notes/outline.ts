/**
 * Section headings of a clinical note, for the outline (document symbols). Pure.
 * A heading is a Markdown heading ("## Assessment"), or a line starting with a capitalised label
 * followed by a colon ("HISTORY OF PRESENT ILLNESS:", "Assessment and plan:"), at most 60 characters.
 */
import type { Span } from '../types';

export interface NoteSection {
  title: string;
  /** the heading itself */
  headingSpan: Span;
  /** from the heading to just before the next heading (or the end) */
  span: Span;
  line: number;
}

const MD = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const LABEL = /^\s*([A-Z][A-Za-z0-9 /&()'-]{1,58}[A-Za-z)]):(?:\s|$)/;

export function findSections(text: string): NoteSection[] {
  const sections: NoteSection[] = [];
  let offset = 0;
  let line = 0;
  // each piece keeps its line end (LF, CRLF or CR)
  for (const raw of text.split(/(?<=\n|\r(?!\n))/)) {
    const lineText = raw.replace(/\r?\n$|\r$/, '');
    const md = MD.exec(lineText);
    const label = md ? undefined : LABEL.exec(lineText);
    const title = md ? md[2] : label ? label[1] : undefined;
    // a label line counts when it is mostly a heading: upper case, or nothing much after the colon
    const isHeading =
      title !== undefined &&
      (md !== null || title === title.toUpperCase() || lineText.trim().length <= title.length + 1);
    if (isHeading && title) {
      const start = offset + lineText.indexOf(md ? md[0] : label![1]);
      sections.push({
        title: title.trim(),
        headingSpan: { start, end: offset + lineText.length },
        span: { start, end: text.length },
        line,
      });
      if (sections.length > 1) sections[sections.length - 2].span.end = Math.max(start - 1, 0);
    }
    offset += raw.length;
    line++;
  }
  return sections;
}

/** A "Date of service: 2026-03-14" / "Discharge date: 03/14/2026" line in a note, as an ISO date. */
export function findNoteDate(text: string): { date: string; line: number } | undefined {
  const re =
    /^[ \t]*(?:date of service|dos|discharge date|date of discharge|admission date|date)[ \t]*:\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})/gim;
  let best: { date: string; line: number; prio: number } | undefined;
  let counted = 0;
  let lineNo = 0;
  for (const m of text.matchAll(re)) {
    const label = m[0].toLowerCase();
    const prio = label.includes('discharge') ? 0 : label.includes('service') || label.includes('dos') ? 1 : 2;
    let date = m[1];
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date);
    if (us) date = `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
    if (best && prio >= best.prio) continue;
    // line number counted incrementally from the previous match (linear, not a split of the prefix per match)
    for (; counted < m.index; counted++) {
      const c = text.charCodeAt(counted);
      if (c === 10 || (c === 13 && text.charCodeAt(counted + 1) !== 10)) lineNo++;
    }
    best = { date, line: lineNo, prio };
  }
  return best ? { date: best.date, line: best.line } : undefined;
}
