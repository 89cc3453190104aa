/**
 * Rules from the Tabular List's instructional notes: excludes1-conflict, code-first, use-additional-code.
 * Notes come from codeSet.notes (the code's own and its ancestors'); code references inside a note are read
 * with codeSet.codesInNote and matched with codeSet.matchesRef.
 */
import type { SourcedNote } from '../../types';
import { actionableItems, type NoteItem } from './companions';
import { described, guidelineSource, PAIRWISE_LIMIT, rankCandidates, type DxEntry, type RuleContext } from './context';

const KIND_LABEL: Partial<Record<SourcedNote['kind'], string>> = {
  excludes1: 'Excludes1',
  codeFirst: 'Code first',
  useAdditionalCode: 'Use additional code',
};

function tabularSource(ctx: RuleContext, note: SourcedNote, guideline: string): string {
  return `Tabular List FY${ctx.codeSet.tabularYear ?? '?'}: ${KIND_LABEL[note.kind] ?? note.kind} at ${note.from}; ${guideline}`;
}

interface NoteRefs {
  note: SourcedNote;
  refs: string[];
}

function notesOfKind(
  ctx: RuleContext,
  e: DxEntry,
  kind: SourcedNote['kind'],
  cache: Map<string, SourcedNote[]>,
): NoteRefs[] {
  let all = cache.get(e.line.code);
  if (!all) {
    all = ctx.codeSet.notes(e.line.code, ctx.edition).notes;
    cache.set(e.line.code, all);
  }
  return all
    .filter((n) => n.kind === kind)
    .map((note) => ({ note, refs: ctx.codeSet.codesInNote(note.text) }))
    .filter((n) => n.refs.length > 0 || kind === 'codeFirst');
}

/** "I50.2" or "E11", not a section ("I10-I16") or "Chapter 19" */
const isCodeLevel = (from: string): boolean => /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/.test(from);

function matchesAny(ctx: RuleContext, code: string, refs: readonly string[]): string | undefined {
  return refs.find((r) => ctx.codeSet.matchesRef(code, r));
}

export function checkTabularNotes(ctx: RuleContext): void {
  // Only billable first occurrences: a header, an incomplete or a repeated line already has its own finding.
  const dx = ctx.dx.filter((e) => e.primary).slice(0, PAIRWISE_LIMIT);
  const cache = new Map<string, SourcedNote[]>();

  // excludes1-conflict: one finding per unordered pair, on the later-listed code.
  const reported = new Set<string>();
  for (const a of dx) {
    for (const { note, refs } of notesOfKind(ctx, a, 'excludes1', cache)) {
      for (const b of dx) {
        if (b === a || b.line.code === a.line.code) continue;
        const ref = matchesAny(ctx, b.line.code, refs);
        if (!ref) continue;
        const key = [a.line.code, b.line.code].sort().join('|');
        if (reported.has(key)) continue;
        reported.add(key);
        const [first, later] = a.line.line < b.line.line ? [a, b] : [b, a];
        ctx.report(later.line, {
          rule: 'excludes1-conflict',
          span: later.line.codeSpan,
          code: later.dotted,
          source: tabularSource(ctx, note, guidelineSource(ctx, 'I.A.12.a')),
          message:
            `${described(later.dotted, later.title)} and ${described(first.dotted, first.title)} should not be reported together: ` +
            `the Excludes1 note at ${note.from} says "${note.text}". Keep the one the documentation supports ` +
            `(both only when the conditions are unrelated, Guidelines I.A.12.a exception).`,
          data: { fix: 'remove-line', line: later.line.line },
        });
      }
    }
  }

  // code-first: "code first" codes listed before their etiology. manifestation-principal: a manifestation code
  // ("in diseases classified elsewhere", the code's or its category's title; core/codeset/claims.ts) as principal or
  // first-listed is a claim edit (error), whether or not its etiology is listed.
  for (const a of dx) {
    const notes = notesOfKind(ctx, a, 'codeFirst', cache);
    const manifestation = ctx.codeSet.claimAttributes(a.line.code, ctx.edition).manifestation;
    let etiology: { entry: DxEntry; note: NoteRefs } | undefined;
    for (const n of notes) {
      const e = dx.find((b) => b !== a && b.line.code !== a.line.code && matchesAny(ctx, b.line.code, n.refs));
      if (e && (!etiology || e.line.line < etiology.entry.line.line)) etiology = { entry: e, note: n };
    }
    const principal = a.line.dxIndex === 0;
    if (principal && manifestation) {
      const n = etiology?.note ?? notes.find((x) => !/if applicable/i.test(x.note.text)) ?? notes[0];
      const et = etiology?.entry;
      const listed =
        ctx.file.setting === 'outpatient' ? 'listed first (first-listed diagnosis)' : 'listed as principal diagnosis';
      // when the code's own title is the evidence, it is quoted once (as the evidence), not also as its description
      const ownTitle = manifestation.from === a.dotted;
      ctx.report(a.line, {
        rule: 'manifestation-principal',
        span: a.line.codeSpan,
        code: a.dotted,
        source:
          `${ctx.editionLabel} title of ${manifestation.from} "${manifestation.text}"` +
          (n
            ? `; ${tabularSource(ctx, n.note, guidelineSource(ctx, 'I.A.13'))}`
            : `; ${guidelineSource(ctx, 'I.A.13')}`) +
          '; Medicare Code Editor: manifestation code as principal diagnosis',
        message:
          `${ownTitle ? a.dotted : described(a.dotted, a.title)} is ${listed}, but it is a manifestation code ` +
          `(${ownTitle ? 'its title' : manifestation.from} says "${manifestation.text}"): ` +
          '"in diseases classified elsewhere" codes are never principal or first-listed. ' +
          (n
            ? `The Tabular at ${n.note.from} says "Code first ${et ? n.note.text : leadIn(notes, n.note.from)}". `
            : '') +
          (et
            ? `Sequence ${described(et.dotted, et.title)} first.`
            : 'List the underlying condition first, then this code.'),
        data: et ? { fix: 'move-after', line: a.line.line, afterLine: et.line.line } : { fix: 'none' },
      });
    } else if (etiology && etiology.entry.line.line > a.line.line) {
      const et = etiology.entry;
      ctx.report(a.line, {
        rule: 'code-first',
        span: a.line.codeSpan,
        code: a.dotted,
        source: tabularSource(ctx, etiology.note.note, guidelineSource(ctx, 'I.A.13')),
        message:
          `${described(a.dotted, a.title)} is listed ${principal ? 'as principal diagnosis' : 'before its etiology'}, but the Tabular at ` +
          `${etiology.note.note.from} says "Code first ${etiology.note.note.text}". Sequence ${described(et.dotted, et.title)} before it.`,
        data: { fix: 'move-after', line: a.line.line, afterLine: et.line.line },
      });
    }
    // Without the etiology listed, a principal code with a "code first" note that is not a manifestation is not
    // flagged: many notes are conditional (e.g. I50's "heart failure complicating abortion").
  }

  // use-additional-code: a reminder when none of the companions a note group names is listed. The Tabular splits
  // one note into a lead-in ("code to identify:") and items; the items at one level form one group.
  for (const a of dx) {
    // Only notes of the code and its category/subcategories: section and chapter notes ("retained foreign body, if
    // applicable") are optional and would flag nearly every code.
    const all = cache.get(a.line.code) ?? ctx.codeSet.notes(a.line.code, ctx.edition).notes;
    cache.set(a.line.code, all);
    const groups = new Map<string, { items: NoteItem[]; refs: string[]; note: SourcedNote }>();
    for (const note of all) {
      if (note.kind !== 'useAdditionalCode' || !isCodeLevel(note.from)) continue;
      const g = groups.get(note.from) ?? { items: [], refs: [], note };
      const refs = ctx.codeSet.codesInNote(note.text);
      g.items.push({ text: note.text, refs });
      g.refs.push(...refs);
      groups.set(note.from, g);
    }
    const others = ctx.dx.filter((b) => b !== a).map((b) => b.line.code);
    // the items a coder can act on (./companions.ts): not optional notes, not what the linked note says is absent
    const missing = [...groups.values()]
      .filter((g) => g.refs.length > 0 && !others.some((c) => matchesAny(ctx, c, g.refs)))
      .map((g) => {
        const items = actionableItems(g.items, ctx.note?.text, (c, r) => ctx.codeSet.matchesRef(c, r), a.title);
        return { ...g, texts: items.map((i) => i.text), refs: items.flatMap((i) => i.refs) };
      })
      .filter((g) => g.refs.length > 0);
    if (missing.length === 0) continue;
    const candidates = rankCandidates(
      ctx,
      a.line,
      companionCandidates(
        ctx,
        missing.flatMap((g) => g.refs),
      ),
    );
    const quote = missing.map((g) => `at ${g.note.from}: "Use additional ${joinNote(g.texts)}"`).join('; ');
    ctx.report(a.line, {
      rule: 'use-additional-code',
      span: a.line.codeSpan,
      code: a.dotted,
      source: tabularSource(ctx, missing[0].note, guidelineSource(ctx, 'I.A.13')),
      message: `${described(a.dotted, a.title)}: the Tabular says ${quote}. None of these codes is listed; add the one the documentation supports.`,
      data: { fix: 'insert-code', afterLine: a.line.line, candidates },
    });
  }
}

/** A "code first" note of one level, the lead-in and its first items: "underlying disease, such as: …; …". */
function leadIn(notes: readonly NoteRefs[], from: string): string {
  const items = notes.filter((x) => x.note.from === from).map((x) => x.note.text);
  return joinNote(items.slice(0, 5)) + (items.length > 5 ? '; …' : '');
}

/** "code to identify control using: insulin (Z79.4); oral antidiabetic drugs (Z79.84)" */
function joinNote(texts: readonly string[]): string {
  let out = '';
  for (const t of texts) {
    if (!out) out = t;
    else out += out.endsWith(':') ? ` ${t}` : `; ${t}`;
  }
  return out;
}

/** Billable codes a "use additional code" fix can offer: referenced billable codes, or the billable codes under a small header. */
function companionCandidates(ctx: RuleContext, refs: readonly string[]): Array<{ code: string; title: string }> {
  const out: Array<{ code: string; title: string }> = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (ref.includes('-')) continue; // a range of categories: too broad to offer
    const cls = ctx.codeSet.classify(ref, ctx.edition);
    const add = (code: string, title: string) => {
      if (!seen.has(code) && out.length < 25) {
        seen.add(code);
        out.push({ code, title });
      }
    };
    if (cls.kind === 'billable') add(cls.code, cls.title);
    else if (cls.kind === 'header' && cls.billableDescendants.length <= 10)
      for (const d of cls.billableDescendants) add(d.code, d.title);
  }
  return out;
}
