/**
 * Reading the structure of a physician query as CDI specialists write it (docs/query-compliance.md):
 * Markdown headings or none — a heading line ("Clinical Indicators:", "**Options**", "CLINICAL INDICATORS"),
 * a lead-in line that ends with ":" or "?" before a list ("The record also shows:", "Please clarify the type
 * of heart failure:"), or a `Label: value` line whose label names a section ("Clinical indicators: BNP 1,250");
 * `Label: value` fields with or without a list mark; options as bullets, numbers, letters, checkboxes
 * ("[ ]", "☐", "( )", "___") or a plain list after a question. Pure and total.
 */
import type { Span } from '../types';
import { LineIndex } from '../text/positions';

export type SectionKind = 'details' | 'indicators' | 'question' | 'options' | 'response' | 'other';

export interface QuerySection {
  kind: SectionKind;
  heading: string;
  headingSpan: Span;
  /** from the end of the heading line to the next heading */
  body: Span;
  /** the heading is the question itself ("Please clarify …:", "Can the type … be clarified?") */
  question?: boolean;
}

export interface QueryField {
  label: string;
  value: string;
  span: Span;
  section: SectionKind | 'none';
}

export interface QueryOption {
  text: string;
  /** the whole list item */
  span: Span;
  /** [x] pre-selected */
  checked: boolean;
}

export interface ParsedQuery {
  title?: { text: string; span: Span };
  sections: QuerySection[];
  fields: QueryField[];
  options: QueryOption[];
}

export const MAX_TEXT = 200_000;

const INDICATORS =
  /indicator|clinical evidence|clinical findings|supporting|clinical information|clinical picture|pertinent findings|\brecord (?:also )?(?:shows|reflects|indicates|documents|notes|contains|includes)|\b(?:documentation|chart|labs?|results?) (?:also )?(?:shows?|reflects?|indicates?|include)|the following (?:clinical )?(?:findings|information|indicators|documentation|results)|findings (?:include|are)|noted in the (?:medical )?record|review of the (?:medical )?record/;
const ASKS =
  /\?\s*$|\bplease (?:clarify|specify|indicate|select|choose|advise|review)\b|\bwhich of the following\b|\bcan (?:the|this|you|a)\b|\bcould (?:the|you)\b|\bis (?:there|the)\b|\bwould you\b|\bclarif/;

export function sectionKind(heading: string): SectionKind {
  const h = heading.toLowerCase();
  if (/option|choice/.test(h)) return 'options';
  if (/response|reply|answer/.test(h)) return 'response';
  if (INDICATORS.test(h)) return 'indicators';
  if (/question|query/.test(h)) return 'question';
  if (/detail|identif|patient|encounter|header/.test(h)) return 'details';
  return 'other';
}

/** A list item: bullet, number or letter, and/or a checkbox. Groups: 1 prefix, 2 box, 3 box mark, 4 text. */
const ITEM =
  /^(\s*(?:[-*+\u2022\u25aa\u25e6\u2023]|\d{1,2}[.)]|[a-hA-H][.)]|\([a-hA-H0-9]\))?\s*)(\[([ xX\u2713\u2714]?)\]\s*|[\u2610\u25a1\u274f]\s*|[\u2611\u2612]\s*|\(\s?([xX]?)\s?\)\s+|_{2,}\s*)?(.*)$/;

function item(line: string): { prefix: string; box: string; checked: boolean; text: string } | undefined {
  const m = ITEM.exec(line);
  if (!m) return undefined;
  const mark = /\S/.test(m[1]);
  if (!mark && !m[2]) return undefined;
  if (!m[5] && !m[2]) return undefined;
  const box = m[2] ?? '';
  const checked = /[xX\u2713\u2714]/.test(m[3] ?? m[4] ?? '') || /[\u2611\u2612]/.test(box);
  return { prefix: m[1], box, checked, text: m[5] ?? '' };
}

/** A heading line without Markdown: "Clinical Indicators:", "**Options**", "CLINICAL INDICATORS". */
const FIELD_ONLY =
  /^(?:encounter|account|account number|visit|mrn|medical record number|date|query date|provider|attending|physician|to|from|author|query author|cdi specialist|queried by|patient|signature|topic|purpose|note|query type)\s*:$/i;

function plainHeading(line: string, nextIsItem: boolean): { text: string; question: boolean } | undefined {
  const t = line.trim();
  if (!t || t.length > 160 || FIELD_ONLY.test(t)) return undefined;
  const bold = /^\*\*([^*]{2,60}?):?\*\*:?$/.exec(t);
  if (bold) return { text: bold[1].trim(), question: false };
  if (/^[A-Z][A-Z /&()-]{3,50}$/.test(t) && t.split(/\s+/).length <= 6) return { text: t, question: false };
  const words = t.split(/\s+/).length;
  if (t.endsWith(':') && (words <= 6 || nextIsItem)) {
    const text = t.slice(0, -1).trim();
    return { text, question: ASKS.test(text.toLowerCase()) };
  }
  if (t.endsWith('?') && nextIsItem) return { text: t, question: true };
  return undefined;
}

/** Reads the structure of a query: headings, `Label: value` fields, list options. */
export function parseQuery(text: string): ParsedQuery {
  const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const lines = new LineIndex(src);
  const n = lines.starts.length;
  const lineAt = (i: number) => {
    const start = lines.starts[i];
    const next = i + 1 < n ? lines.starts[i + 1] : src.length;
    return { start, next, line: src.slice(start, next).replace(/[\r\n]+$/, '') };
  };
  const out: ParsedQuery = { sections: [], fields: [], options: [] };
  let current: QuerySection | undefined;
  const open = (s: QuerySection) => {
    if (current) current.body.end = s.headingSpan.start;
    current = s;
    out.sections.push(s);
  };
  for (let i = 0; i < n; i++) {
    const { start, next, line } = lineAt(i);
    const span = { start, end: start + line.length };
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      if (h[1].length === 1 && !out.title) {
        out.title = { text: h[2], span };
        continue;
      }
      open({ kind: sectionKind(h[2]), heading: h[2], headingSpan: span, body: { start: next, end: src.length } });
      continue;
    }
    const it = item(line);
    if (!it) {
      // the next non-blank line: does a list follow? (not asked for a blank line, which is no heading: a run of
      // blank lines is scanned once, by the line before it)
      let nextIsItem = false;
      if (/\S/.test(line)) {
        let j = i + 1;
        while (j < n && !/\S/.test(lineAt(j).line)) j++;
        nextIsItem = j < n && !!item(lineAt(j).line);
      }
      const ph = plainHeading(line, nextIsItem);
      if (ph) {
        let kind = sectionKind(ph.text);
        // a question before a list introduces the options, even when it names the indicators ("Based on these
        // clinical indicators, please clarify …:"); "The record also shows:" introduces indicators
        if (ph.question && !/^(?:options|response|details)$/.test(kind)) kind = nextIsItem ? 'options' : 'question';
        const hs = { start: start + line.indexOf(line.trim()), end: start + line.trimEnd().length };
        if (!out.title && !out.sections.length && kind === 'other' && /query/i.test(ph.text) && !ph.text.includes(':'))
          out.title = { text: ph.text, span: hs };
        else
          open({
            kind,
            heading: ph.text,
            headingSpan: hs,
            body: { start: next, end: src.length },
            question: ph.question,
          });
        continue;
      }
      // a plain line after a plain-list options section ends it ("Please document your response …")
      if (current?.kind === 'options' && current.question && /\S/.test(line)) {
        open({ kind: 'other', heading: '', headingSpan: { start, end: start }, body: { start, end: src.length } });
      }
    }
    const kind = current?.kind ?? 'none';
    if (it && kind === 'options') {
      out.options.push({ text: it.text.trim(), span, checked: it.checked });
      continue;
    }
    const body = it ? it.text : line;
    const offset = it ? start + it.prefix.length + it.box.length : start;
    const f = /^\s*\**([A-Za-z][A-Za-z /-]{0,30}?)\**\s*:\s*(.*)$/.exec(body);
    if (f && kind !== 'indicators' && kind !== 'question') {
      const label = f[1].trim();
      // "Clinical indicators: BNP 1,250 …" on one line: a section whose body starts after the label
      const k = sectionKind(label);
      if (!it && (k === 'indicators' || k === 'options' || k === 'question') && !/^(?:query|patient)/i.test(label)) {
        const vs = start + line.indexOf(':') + 1;
        open({ kind: k, heading: label, headingSpan: { start, end: vs - 1 }, body: { start: vs, end: src.length } });
        continue;
      }
      out.fields.push({ label, value: f[2].trim(), span: { start: offset, end: offset + body.length }, section: kind });
    }
  }
  // the empty marker sections that only end a plain option list carry no heading
  out.sections = out.sections.filter((s) => s.heading !== '' || s.kind !== 'other' || s.body.end > s.body.start);
  return out;
}
