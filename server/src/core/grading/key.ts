/**
 * Answer keys (`NAME.key.codes`): the annotation format plus the key additions of docs/exercises.md —
 * accepted alternatives `I50.23 | I50.43`, the bare word `optional` (or `optional=yes`), `weight=N` and
 * `rationale="…"` — and the `key-*` rules. Pure: text in, plain results out.
 */
import type { CodeSet } from '../codeset/api';
import { parseAnnotation } from '../annotation/parse';
import type { AnnotationFile, CodeLine, Finding } from '../annotation/types';
import { registerRules, type RuleInfo } from '../annotation/rules/registry';
import type { Span } from '../types';

/** The part of the code-set core that grading and the key rules use (tests pass a small fake). */
export type GradingCodeSet = Pick<
  CodeSet,
  'editions' | 'display' | 'editionFor' | 'title' | 'classify' | 'notes' | 'codesInNote' | 'matchesRef'
> &
  Partial<Pick<CodeSet, 'classifyPcs' | 'seventhCharacters'>>;

const HEADER_LIKE = /^\s*[A-Za-z][A-Za-z0-9_-]*[ \t]*:/;
const CODE_CHARS = /[A-Za-z0-9.]/;

interface LineExtras {
  alternatives: Array<{ raw: string; code: string; span: Span }>;
  optional: boolean;
}

/**
 * Blanks the key-only syntax (`| CODE` alternatives and the bare word `optional`) with spaces of the same
 * length, so that the ordinary parser reads the rest with unchanged offsets. Exported for the checker,
 * which may want to read a key without reporting `|` as a syntax error.
 */
export function blankKeySyntax(text: string): {
  text: string;
  extras: Map<number, LineExtras>;
  problems: Array<{ message: string; span: Span }>;
} {
  const out = text.split('');
  const extras = new Map<number, LineExtras>();
  const problems: Array<{ message: string; span: Span }> = [];
  let lineNo = 0;
  let ls = 0;
  const blank = (s: number, e: number): void => {
    for (let i = s; i < e; i++) out[i] = ' ';
  };
  const handleLine = (s: number, e: number): void => {
    const lineText = text.slice(s, e);
    if (HEADER_LIKE.test(lineText)) return;
    const ex: LineExtras = { alternatives: [], optional: false };
    let inQuote = false;
    let i = s;
    // skip the first token (the code, or `px` then the code)
    while (i < e && /\s/.test(text[i])) i++;
    while (i < e && !/[\s|#"]/.test(text[i])) i++;
    while (i < e) {
      const c = text[i];
      if (c === '"') inQuote = !inQuote;
      else if (!inQuote && c === '#') break;
      else if (!inQuote && c === '|') {
        const bar = i;
        let j = i + 1;
        while (j < e && (text[j] === ' ' || text[j] === '\t')) j++;
        const cs = j;
        while (j < e && CODE_CHARS.test(text[j])) j++;
        if (j === cs) {
          problems.push({
            message: '`|` needs an alternative code after it, e.g. `I50.23 | I50.43`.',
            span: { start: bar, end: bar + 1 },
          });
          blank(bar, bar + 1);
          i = bar + 1;
          continue;
        }
        const raw = text.slice(cs, j);
        ex.alternatives.push({ raw, code: raw.replace(/\./g, '').toUpperCase(), span: { start: cs, end: j } });
        blank(bar, j);
        i = j;
        continue;
      } else if (!inQuote && /[A-Za-z]/.test(c) && (i === s || /\s/.test(text[i - 1]))) {
        let j = i;
        while (j < e && !/[\s#"]/.test(text[j])) j++;
        if (text.slice(i, j).toLowerCase() === 'optional') {
          ex.optional = true;
          blank(i, j);
        }
        i = j;
        continue;
      }
      i++;
    }
    if (ex.alternatives.length || ex.optional) extras.set(lineNo, ex);
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c === 10 || c === 13 || c === -1) {
      handleLine(ls, i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      ls = i + 1;
      lineNo++;
    }
  }
  return { text: out.join(''), extras, problems };
}

const TRUE_WORDS = new Set(['yes', 'true', 'y', '1']);
const FALSE_WORDS = new Set(['no', 'false', 'n', '0']);

/** Parses an answer key: the ordinary parser plus alternatives, `optional`, and checked `weight=`. */
export function parseKeyAnnotation(text: string): AnnotationFile {
  if (typeof text !== 'string') return parseAnnotation(text);
  const pre = blankKeySyntax(text);
  const file = parseAnnotation(pre.text);
  for (const p of pre.problems) file.problems.push({ ...p, severity: 'error', rule: 'syntax-error' });
  for (const line of file.lines) {
    const ex = pre.extras.get(line.line);
    if (ex) {
      if (ex.alternatives.length) line.alternatives = ex.alternatives;
      if (ex.optional) line.optional = true;
    }
    const opt = line.attributes['optional'];
    if (opt) {
      const v = opt.value.toLowerCase();
      if (TRUE_WORDS.has(v)) line.optional = true;
      else if (!FALSE_WORDS.has(v))
        file.problems.push({
          message: `optional=${opt.value}: write optional=yes or optional=no (or just the word optional).`,
          span: opt.span,
          severity: 'error',
          rule: 'syntax-error',
        });
    }
    const w = line.attributes['weight'];
    if (w && parseWeight(w.value) === undefined)
      file.problems.push({
        message: `weight=${w.value}: a weight is a positive number up to 100, e.g. weight=2 or weight=0.5.`,
        span: w.span,
        severity: 'error',
        rule: 'syntax-error',
      });
  }
  return file;
}

/** A line's weight (default 1); undefined when the attribute is not a positive number ≤ 100. */
export function parseWeight(value: string | undefined): number | undefined {
  if (value === undefined) return 1;
  if (!/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n > 0 && n <= 100 ? n : undefined;
}

export function lineWeight(line: CodeLine): number {
  return parseWeight(line.attributes['weight']?.value) ?? 1;
}

/** Every accepted code of a key line, the written one first (normalised, no dots). */
export function answersOf(line: CodeLine): string[] {
  const all = [line.code, ...(line.alternatives ?? []).map((a) => a.code)];
  return all.filter((c, i) => all.indexOf(c) === i);
}

/** Answer spans: the code's span, then each alternative's. */
function answerSpans(line: CodeLine): Array<{ code: string; span: Span }> {
  return [
    { code: line.code, span: line.codeSpan },
    ...(line.alternatives ?? []).map((a) => ({ code: a.code, span: a.span })),
  ];
}

export interface KeyCheckOptions {
  /** date of service to check validity against when the key has no `date:` header */
  date?: string;
  /**
   * Note support, when note reading is available: undefined = cannot tell; otherwise whether the note
   * supports the code and the words that do.
   */
  supportedByNote?: (line: CodeLine) => { supported: boolean; why?: string } | undefined;
  /** the note's file name, for messages */
  noteName?: string;
}

/** Metadata of the key-* rules (docs/exercises.md), registered with the rule registry for SARIF and docs. */
export const KEY_RULES: readonly RuleInfo[] = [
  {
    id: 'key-invalid-answer',
    severity: 'error',
    summary: 'An accepted alternative of an answer-key line is not valid for the exercise date.',
    source: 'CMS order files (ICD-10-CM, ICD-10-PCS); docs/exercises.md',
  },
  {
    id: 'key-no-principal',
    severity: 'error',
    summary: 'The answer key has no principal (first-listed) diagnosis, or it is optional.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-no-date',
    severity: 'warning',
    summary: 'The answer key has no usable date of service, so its answers were checked against another edition.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-excludes1',
    severity: 'warning',
    summary: 'An accepted alternative is forbidden together with another line of the key by an Excludes1 note.',
    source: 'Tabular List Excludes1 notes; Official Guidelines I.A.12.a',
  },
  {
    id: 'key-alternatives',
    severity: 'warning',
    summary: 'An alternative is not in the same category as the answer and no rationale says why.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-duplicate-answer',
    severity: 'warning',
    summary: 'The same code is an answer on two key lines.',
    source: 'docs/exercises.md',
  },
  {
    id: 'key-unsupported',
    severity: 'information',
    summary: 'Note reading finds no support in the note for an answer.',
    source: 'note reading',
  },
];
registerRules(KEY_RULES);

/** The `key-*` rules (docs/exercises.md). Spans index into the key's text. */
export function checkKey(key: AnnotationFile, codeSet: GradingCodeSet, options: KeyCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  const dx = key.lines.filter((l) => l.kind === 'dx');
  const date = key.date ?? options.date;
  let edition = codeSet.editions.length - 1;
  let editionLabel = codeSet.editions[edition]?.label ?? 'the newest edition';
  if (!date) {
    out.push({
      rule: 'key-no-date',
      severity: 'warning',
      span: { start: 0, end: 0 },
      message: `The answer key has no 'date:' header, so its answers were checked against ${editionLabel}. Add the exercise's date of service.`,
      source: 'docs/exercises.md',
    });
  } else {
    const ed = codeSet.editionFor(date);
    if (ed.ok) {
      edition = ed.index;
      editionLabel = ed.label;
    } else {
      out.push({
        rule: 'key-no-date',
        severity: 'warning',
        span: key.headers.find((h) => h.key === 'date')?.valueSpan ?? { start: 0, end: 0 },
        message: `${ed.message} The answers were checked against ${ed.nearest?.label ?? editionLabel}.`,
        source: 'docs/exercises.md',
      });
      if (ed.nearest) {
        edition = ed.nearest.index;
        editionLabel = ed.nearest.label;
      }
    }
  }

  // key-no-principal
  if (dx.length === 0)
    out.push({
      rule: 'key-no-principal',
      severity: 'error',
      span: { start: 0, end: 0 },
      message: 'The answer key has no diagnosis line, so it has no principal (first-listed) diagnosis.',
      source: 'docs/exercises.md',
    });
  else if (dx[0].optional)
    out.push({
      rule: 'key-no-principal',
      severity: 'error',
      span: dx[0].codeSpan,
      message: `The first diagnosis ${codeSet.display(dx[0].code)} is the principal and cannot be optional; move an optional code below the principal.`,
      code: codeSet.display(dx[0].code),
      source: 'docs/exercises.md',
    });

  // key-invalid-answer: the alternatives (the written code gets the ordinary annotation rules)
  for (const line of key.lines) {
    for (const a of answerSpans(line).slice(1)) {
      const shown = codeSet.display(a.code);
      if (line.kind === 'px') {
        if (!codeSet.classifyPcs) continue;
        const c = codeSet.classifyPcs(a.code, date);
        if (c.kind !== 'valid')
          out.push({
            rule: 'key-invalid-answer',
            severity: 'error',
            span: a.span,
            message: `Answer ${a.code} is not a valid ICD-10-PCS code for ${date ?? 'the newest edition'} (${c.kind}${c.message ? `: ${c.message}` : ''}).`,
            code: a.code,
            source: c.edition?.label ?? 'ICD-10-PCS order file',
          });
        continue;
      }
      const c = codeSet.classify(a.code, edition);
      if (c.kind === 'billable') continue;
      const why: Record<string, string> = {
        header: 'a header, not billable: the answer must be a billable code',
        'needs-seventh': 'incomplete: it needs a 7th character',
        'needs-placeholder': 'incomplete: it needs placeholder X characters',
        deleted: 'deleted before this date',
        'not-yet-valid': 'not yet valid on this date',
        invalid: 'not an ICD-10-CM code',
      };
      out.push({
        rule: 'key-invalid-answer',
        severity: 'error',
        span: a.span,
        message: `Answer ${shown} is ${why[c.kind] ?? c.kind} in ${editionLabel}.`,
        code: shown,
        source: `CMS order file, ${editionLabel}`,
      });
    }
  }

  // key-duplicate-answer
  const seen = new Map<string, CodeLine>();
  for (const line of key.lines)
    for (const a of answerSpans(line)) {
      const k = `${line.kind}:${a.code}`;
      const first = seen.get(k);
      const shown = line.kind === 'px' ? a.code : codeSet.display(a.code);
      if (first && first !== line)
        out.push({
          rule: 'key-duplicate-answer',
          severity: 'warning',
          span: a.span,
          message: `${shown} is already an answer on line ${first.line + 1}; one student code can match only one key line.`,
          code: shown,
          source: 'docs/exercises.md',
        });
      else if (!first) seen.set(k, line);
    }

  // key-alternatives
  for (const line of key.lines)
    for (const alt of line.alternatives ?? []) {
      if (alt.code.slice(0, 3) === line.code.slice(0, 3) || line.attributes['rationale']) continue;
      out.push({
        rule: 'key-alternatives',
        severity: 'warning',
        span: alt.span,
        message: `Alternative ${codeSet.display(alt.code)} is not in the same category as ${codeSet.display(line.code)}; add rationale="…" saying why both are accepted.`,
        code: codeSet.display(alt.code),
        source: 'docs/exercises.md',
      });
    }

  // key-excludes1 (between answers of different lines, at least one an alternative: two written codes get
  // the ordinary excludes1-conflict rule)
  const reported = new Set<string>();
  for (const a of dx)
    for (const ca of answersOf(a)) {
      const notes = codeSet.notes(ca, edition).notes.filter((n) => n.kind === 'excludes1');
      for (const n of notes)
        for (const ref of codeSet.codesInNote(n.text))
          for (const b of dx) {
            if (b === a) continue;
            const pair = [a.line, b.line].sort((x, y) => x - y).join('-');
            if (reported.has(pair)) continue;
            const cb = answersOf(b).find((c) => codeSet.matchesRef(c, ref) && (c !== b.code || ca !== a.code));
            if (!cb) continue;
            reported.add(pair);
            out.push({
              rule: 'key-excludes1',
              severity: 'warning',
              span: answerSpans(b).find((x) => x.code === cb)?.span ?? b.codeSpan,
              message: `${codeSet.display(cb)} (line ${b.line + 1}) and ${codeSet.display(ca)} (line ${a.line + 1}) should not be coded together: Excludes1 at ${n.from}: "${n.text}".`,
              code: codeSet.display(cb),
              source: `Tabular FY${codeSet.notes(ca).tabularYear ?? '?'}: Excludes1 at ${n.from}; Official Guidelines I.A.12.a`,
            });
          }
    }

  // key-unsupported (only when note reading can tell)
  if (options.supportedByNote)
    for (const line of dx) {
      const r = options.supportedByNote(line);
      if (r && !r.supported)
        out.push({
          rule: 'key-unsupported',
          severity: 'information',
          span: line.codeSpan,
          message: `Nothing in ${options.noteName ?? 'the note'} was found to support ${codeSet.display(line.code)} (${codeSet.title(line.code, edition) ?? 'no title'})${r.why ? `: ${r.why}` : ''}. Check that the note documents this answer, or quote its words as the line's evidence.`,
          code: codeSet.display(line.code),
          source: 'note reading (Alphabetic Index)',
        });
    }
  return out;
}
