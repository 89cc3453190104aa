/**
 * Rules linking a note and its `.codes` annotation file (docs/rules.md):
 * in the note: documented-not-coded; in the `.codes` file: evidence-not-found, unsupported-code,
 * negated-evidence, uncertain-diagnosis-outpatient, more-specific-code-documented. Pure.
 */
import { ALL_RULES } from '../suppression';
import type { AnnotationFile, CodeLine } from '../annotation/types';
import { codability } from '../evidence/codability';
import { findEvidenceAll } from '../evidence/phrase';
import { moreSpecificIn, supportFor, verdictsFor } from '../evidence/support';
import type { Finding } from '../findings/types';
import { presumedCombination } from './combinations';
import { NoteReader, type NoteAnalysis, type NoteCodeSet, type NoteMention } from './reader';
import type { StatusMention } from './status';
import { checkSuggestion, contentWords, type SuggestionCheck } from './suggest';

/** Status, history and external-cause codes are seldom written in words the Index reader links to them. */
const isSilentCode = (code: string) => /^[V-Z]/.test(code);

/** a candidate read from its main term alone ("Index: Thrombocytopenia → D69.6") */
const MAIN_TERM_ONLY = /^Index: [^,→]+ → [A-Z]\d/;
const INDEX_SOURCE = 'ICD-10-CM Alphabetic Index FY2017, codes checked against the edition in force';
const compact = (code: string) => code.replace('.', '').toUpperCase();
const category = (code: string) => compact(code).slice(0, 3);

export interface CodesCheckInput {
  codes: AnnotationFile;
  note: { text: string; analysis: NoteAnalysis; name: string };
  codeSet: NoteCodeSet;
}

const on = (f: AnnotationFile, line: CodeLine, rule: string) =>
  !f.disabled.includes(rule) &&
  !f.disabled.includes(ALL_RULES) &&
  !line.ignored.includes(rule) &&
  !line.ignored.includes(ALL_RULES);

/** The `.codes`-side rules. Spans are offsets in the `.codes` text. */
export function checkCodesAgainstNote({ codes, note, codeSet }: CodesCheckInput): Finding[] {
  const out: Finding[] = [];
  const ed = note.analysis.edition.index;
  for (const line of codes.lines) {
    if (line.kind !== 'dx' || !line.code) continue;
    const dotted = codeSet.display(line.code);
    const found = line.evidence ? findEvidenceAll(note.text, line.evidence.text) : [];
    const evidence = found[0];
    if (line.evidence && !evidence && on(codes, line, 'evidence-not-found')) {
      out.push({
        rule: 'evidence-not-found',
        severity: 'warning',
        span: line.evidence.span,
        message: `The evidence "${line.evidence.text}" for ${dotted} is not in ${note.name} (compared ignoring case and spacing). Quote the note's words, or correct the note link.`,
        code: dotted,
        data: { fix: 'none' },
        source: 'Clinical Coding Review: evidence must quote the linked note',
      });
    }
    const support = supportFor(line, note.analysis, found);
    if (!support.length) {
      if (!evidence && !isSilentCode(line.code) && on(codes, line, 'unsupported-code')) {
        out.push({
          rule: 'unsupported-code',
          severity: 'information',
          span: line.codeSpan,
          message:
            `Nothing in ${note.name} was found to support ${dotted} ${codeSet.title(line.code, ed) ?? ''}. Check the documentation (the note may be incomplete).`.replace(
              / {2}/g,
              ' ',
            ),
          code: dotted,
          source:
            "ICD-10-CM Official Guidelines I.A.19, III, IV: code assignment is based on the provider's documentation",
        });
      }
      continue;
    }
    const verdicts = verdictsFor(line, support, codes.setting, codeSet, ed);
    if (verdicts.some((v) => v.c.codable)) {
      // more specific code documented
      const u = codeSet.unspecified(line.code, ed);
      if (u.unspecified && on(codes, line, 'more-specific-code-documented')) {
        const hit = moreSpecificIn(line, verdicts);
        if (hit) {
          const { m, top } = hit;
          out.push({
            rule: 'more-specific-code-documented',
            severity: 'warning',
            span: line.codeSpan,
            message: `${dotted} is unspecified, but ${note.name} documents "${m.text}": ${top.code} ${top.title} (${top.path}).`,
            code: dotted,
            data: { fix: 'replace-code', candidates: [{ code: top.code, title: top.title, label: top.path }] },
            source: 'ICD-10-CM Official Guidelines I.B.18 (use of unspecified codes) and the Alphabetic Index',
          });
        }
      }
      continue;
    }
    const uncertain = verdicts.filter(
      (v) => v.m.context.some((h) => h.category === 'uncertain') && !v.c.codable && v.c.source,
    );
    if (uncertain.length === verdicts.length) {
      const v = uncertain[0];
      if (on(codes, line, 'uncertain-diagnosis-outpatient')) {
        out.push({
          rule: 'uncertain-diagnosis-outpatient',
          severity: 'warning',
          span: line.codeSpan,
          message: `${dotted} is supported only by an uncertain diagnosis in ${note.name}: "${v.m.text}" (${v.c.reason}).`,
          code: dotted,
          data: { fix: 'remove-line', line: line.line },
          source: v.c.source ?? 'ICD-10-CM Official Guidelines IV.H',
        });
      }
      continue;
    }
    if (on(codes, line, 'negated-evidence')) {
      const v = verdicts[0];
      out.push({
        rule: 'negated-evidence',
        severity: 'warning',
        span: line.codeSpan,
        message: `The only support for ${dotted} in ${note.name} is ${v.c.reason}: "${v.m.text}". Code only conditions the provider documents as present.`,
        code: dotted,
        data: { fix: 'remove-line', line: line.line },
        source: 'ICD-10-CM Official Guidelines III, IV.J (code conditions that exist at the time of the encounter)',
      });
    }
  }
  return out;
}

export interface NoteCheckInput {
  text: string;
  analysis: NoteAnalysis;
  /** the linked annotation file, when there is one */
  codes?: AnnotationFile;
  /** its base name, for messages and the add-code fix */
  codesName?: string;
  codeSet: NoteCodeSet;
  /** the reader, to re-read "X, site" as "X of site" where the site was not read (optional) */
  reader?: NoteReader;
}

const siblingCache = new WeakMap<NoteCodeSet, Map<string, ReadonlySet<string>>>();
/** The content words of the billable titles of a code's category in an edition (cached per code set). */
export function siblingWords(codeSet: NoteCodeSet, code: string, ed: number): ReadonlySet<string> {
  let byCat = siblingCache.get(codeSet);
  if (!byCat) siblingCache.set(codeSet, (byCat = new Map()));
  const key = `${ed}:${category(code)}`;
  let set = byCat.get(key);
  if (!set) {
    const cl = codeSet.classify(category(code), ed);
    const titles = cl.kind === 'header' ? cl.billableDescendants.map((d) => d.title) : [];
    set = new Set(titles.flatMap((t) => contentWords(t)));
    byCat.set(key, set);
  }
  return set;
}

/**
 * "X, site" read as "X of site" (the reader's comma costs keep a site after a comma apart): the candidate of the
 * re-read phrase when it is billable, says nothing is unspecified and names a word of the site; else undefined.
 */
function rereadWithSite(
  reader: NoteReader,
  m: NoteMention,
  analysis: NoteAnalysis,
  text: string,
): NoteMention['candidates'][number] | undefined {
  const seg = analysis.segments[m.segment]?.span;
  if (!seg) return undefined;
  const site = /^,\s*([A-Za-z][A-Za-z -]{2,40}?)\s*(?:[,.;]|$)/.exec(text.slice(m.span.end, seg.end))?.[1];
  if (!site) return undefined;
  const phrase = `${m.text} of ${site}`;
  const read = reader.analyze(phrase, { edition: analysis.edition.index });
  let best: NoteMention | undefined;
  for (const x of read.mentions) if (!best || x.span.end - x.span.start > best.span.end - best.span.start) best = x;
  const top = best?.candidates[0];
  if (!best || !top?.billable || best.context.length || /\bunspecified\b|\bunidentified\b/i.test(top.title))
    return undefined;
  const title = new Set(contentWords(top.title));
  if (!contentWords(site).some((w) => title.has(w))) return undefined;
  return { ...top, path: `${top.path} (read as "${phrase}")` };
}

/** The title of a billable code in an edition, else undefined. */
function billableTitle(codeSet: NoteCodeSet, code: string, ed: number): string | undefined {
  const cl = codeSet.classify(compact(code), ed);
  return cl.kind === 'billable' ? cl.title : undefined;
}

/** The note-side rule documented-not-coded (needs the linked `.codes` file). Spans are note offsets. */
export function checkNoteAgainstCodes({
  text,
  analysis,
  codes,
  codesName,
  codeSet,
  reader,
}: NoteCheckInput): Finding[] {
  if (!codes || !codesName || codes.disabled.includes('documented-not-coded') || codes.disabled.includes(ALL_RULES))
    return [];
  const coded = new Set(codes.lines.filter((l) => l.kind === 'dx' && l.code).map((l) => l.code.slice(0, 3)));
  const out: Finding[] = [];
  const reported = new Set<string>();
  // what the words around each mention say of its code (suggest.ts); a code the note shows more specific
  // somewhere is not suggested from another mention either
  const ed = analysis.edition.index;
  const checks = new Map<NoteMention, SuggestionCheck>();
  const unsure = new Set<string>();
  for (const m of analysis.mentions) {
    // only what could be suggested: a billable code in a diagnostic section
    if (!m.candidates[0]?.billable || !(m.section >= 0 && analysis.sections[m.section]?.diagnostic)) continue;
    const c = checkSuggestion(
      m,
      analysis,
      text,
      (x) => billableTitle(codeSet, x, ed),
      (x) => siblingWords(codeSet, x, ed),
    );
    checks.set(m, c);
    if ((c.silent === 'specificity not read' || c.silent === 'condition read twice') && m.candidates[0])
      unsure.add(m.candidates[0].code);
  }
  for (const m of analysis.mentions) {
    const section = m.section >= 0 ? analysis.sections[m.section] : undefined;
    if (!section?.diagnostic) continue;
    const top = m.candidates[0];
    if (!top || !top.billable || reported.has(top.code)) continue;
    // signs and symptoms (R00-R99) are often integral to a coded diagnosis (OCG I.B.4-5): left to the coder
    if (top.code.startsWith('R')) continue;
    // covered: a coded category among the candidates, or among the codes of the same Index entry (a
    // combination code such as I12.9 for "hypertension" with chronic kidney disease)
    if (m.candidates.slice(0, 3).some((c) => coded.has(category(c.code)))) continue;
    if (m.related?.some((c) => coded.has(c))) continue;
    const c = codability(m, codes.setting);
    if (!c.codable && !resolvedThisStay(m, section.weight, codes.setting)) continue;
    // an uncertain diagnosis is coded as established only when it is a final one (OCG II.H, III.C: "at the
    // time of discharge"): in a discharge or postoperative diagnosis list, not in a working assessment
    if (m.context.some((h) => h.category === 'uncertain') && section.weight < 3) continue;
    // "Thrombocytopenia, likely dilutional": the specific code rests on an uncertain word (OCG II.H, IV.H): the
    // main term's own code (D69.6), when the Index gives one, else nothing
    if (m.uncertainModifier && (codes.setting !== 'inpatient' || section.weight < 3)) {
      const plain = m.candidates.find((c) => c.billable && MAIN_TERM_ONLY.test(c.path));
      if (!plain || plain === top || reported.has(plain.code) || coded.has(category(plain.code))) continue;
      reported.add(plain.code);
      out.push(
        notCoded(
          m,
          section.name,
          codesName,
          { ...plain, path: `${plain.path}; the more specific kind is written as uncertain` },
          codes.setting === 'outpatient' ? 'IV.H, IV.J' : 'II.H, III',
        ),
      );
      continue;
    }
    // encounters for examination and screening (Z00-Z13) follow from the visit, not from a word of the note
    if (/^Z(?:0\d|1[0-3])/.test(top.code)) continue;
    // the words around show that the code is not the one documented and the reader cannot pick it (suggest.ts)
    const check = checks.get(m) ?? {};
    // "Primary osteoarthritis, right knee": the site after the comma, read as "… of right knee"
    const reread =
      check.silent === 'specificity not read' && reader ? rereadWithSite(reader, m, analysis, text) : undefined;
    if (!reread && (check.silent || unsure.has(top.code))) continue;
    const swapped = reread
      ? reread
      : check.code
        ? { ...top, code: check.code, title: billableTitle(codeSet, check.code, analysis.edition.index)! }
        : top;
    const read = swapped === top ? m : { ...m, candidates: [swapped, ...m.candidates.slice(1)] };
    // hypertension with heart failure or CKD, diabetes with CKD: the combination code, not I10 / E11.9
    const combo = presumedCombination(read, analysis, text, codeSet, codes.setting);
    if (combo === null) continue;
    const sugg = combo ? { ...swapped, code: combo.code, title: combo.title, path: combo.path } : swapped;
    if (combo && (coded.has(category(combo.code)) || reported.has(combo.code))) continue;
    reported.add(top.code);
    reported.add(sugg.code);
    out.push(notCoded(m, section.name, codesName, sugg, codes.setting === 'outpatient' ? 'IV.J' : 'III'));
  }
  // history and status codes written in a diagnostic section ("History of falls", "Long-term insulin use")
  for (const st of analysis.statuses) {
    const section = st.section >= 0 ? analysis.sections[st.section] : undefined;
    const c = st.candidate;
    if (!section?.diagnostic || reported.has(c.code) || coded.has(category(c.code))) continue;
    reported.add(c.code);
    out.push(notCoded(st, section.name, codesName, c, STATUS_GUIDELINE[st.kind]));
  }
  return withoutLessSpecific(out, codeSet, ed);
}

/** One documented-not-coded finding: the words, their section, the code suggested and the guideline section. */
function notCoded(
  at: { span: NoteMention['span']; text: string },
  sectionName: string,
  codesName: string,
  c: { code: string; title: string; path: string },
  guideline: string,
): Finding {
  return {
    rule: 'documented-not-coded',
    severity: 'information',
    span: at.span,
    message: `"${at.text}" (${sectionName}) is documented but ${codesName} has no code for it. Suggested: ${c.code} ${c.title} (${c.path}).`,
    code: c.code,
    data: { fix: 'add-code', file: codesName, code: c.code, title: c.title },
    source: `ICD-10-CM Official Guidelines ${guideline}; ${INDEX_SOURCE}`,
  };
}

/**
 * "Atrial fibrillation" in the problem list and "Chronic atrial fibrillation" in the impression: the note
 * documents the condition more specifically, so the unspecified code (whose more specific siblings include
 * another suggestion) is not suggested (OCG I.B.18: an unspecified code only when nothing more is documented).
 */
function withoutLessSpecific(out: Finding[], codeSet: NoteCodeSet, ed: number): Finding[] {
  if (out.length < 2) return out;
  const codes = new Set(out.map((f) => f.code));
  const list = [...codes];
  return out.filter((f) => {
    const u = f.code ? codeSet.unspecified(compact(f.code), ed) : undefined;
    if (!u?.unspecified || !f.code) return true;
    // a sibling suggested, or a code of the same subcategory ("dementia" F03.90 beside "dementia with agitation"
    // F03.911)
    const sub = f.code.slice(0, -1);
    return (
      !u.specificSiblings.some((x) => x.code !== f.code && codes.has(x.code)) &&
      !list.some((c) => c !== f.code && !!c && c.length > f.code!.length && c.startsWith(sub))
    );
  });
}

/**
 * "Acute hypoxic respiratory failure, resolved" in a discharge (final) diagnosis list: treated and resolved during
 * the stay, so still reported for the inpatient encounter (OCG III: conditions that affect the care); in an
 * office assessment "resolved" means no longer present.
 */
function resolvedThisStay(m: NoteMention, weight: number, setting: string | undefined): boolean {
  return (
    setting === 'inpatient' &&
    weight >= 3 &&
    m.context.length > 0 &&
    m.context.every(
      (h) => h.category === 'historical' && !h.fromSection && /^(?:now\s+)?resolv(?:ed|ing)\b/i.test(h.trigger),
    )
  );
}

/** The Official Guidelines section that has each kind of status code reported. */
const STATUS_GUIDELINE: Record<StatusMention['kind'], string> = {
  'personal history': 'I.C.21.c.4 (history codes)',
  'family history': 'I.C.21.c.4 (history codes)',
  'long-term drug therapy': 'I.C.21.c.3 (status codes: long-term drug therapy)',
  'body mass index': 'I.B.14 and I.C.21.c.3 (BMI, with its associated diagnosis)',
  dependence: 'I.C.21.c.3 (status codes: dependence on a machine)',
};

export interface CheckNoteResult {
  analysis: NoteAnalysis;
  findings: Finding[];
}

/**
 * Reads a note and, when its annotation file is given, reports what is documented but not coded.
 * The date of service comes from the annotation file when present.
 */
export function checkNote(
  reader: NoteReader,
  text: string,
  opts: { codes?: AnnotationFile; codesName?: string; date?: string } = {},
): CheckNoteResult {
  const analysis = reader.analyze(text, { date: opts.codes?.date ?? opts.date });
  const findings = checkNoteAgainstCodes({
    text,
    analysis,
    codes: opts.codes,
    codesName: opts.codesName,
    codeSet: reader.codeSet,
    reader,
  });
  return { analysis, findings };
}
