/**
 * Validity of each code for the edition in force: invalid-code, non-billable-code, missing-seventh-character,
 * missing-placeholder, code-not-in-edition (ICD-10-CM) and invalid-pcs-code (ICD-10-PCS).
 */
import type { Classification, CodeRef, Suggestion } from '../../types';
import {
  described,
  editionSource,
  guidelineSource,
  listRefs,
  rankCandidates,
  type DxEntry,
  type RuleContext,
} from './context';

/** Candidates shown in quick fixes (a header may have thousands of descendants). */
const MAX_CANDIDATES = 25;

const refOf = (s: CodeRef | Suggestion): { code: string; title: string } => ({ code: s.code, title: s.title });

/** For a deleted 7-character code, replacements with the same 7th character (same encounter type) first. Stable. */
function sameSeventhFirst<T extends { code: string }>(code: string, list: readonly T[]): T[] {
  const bare = code.replace('.', '');
  if (bare.length !== 7) return [...list];
  const last = bare[6];
  const same = (c: string) => c.replace('.', '').length === 7 && c.endsWith(last);
  return [...list.filter((r) => same(r.code)), ...list.filter((r) => !same(r.code))];
}

/**
 * " It was billable until 2020-12-31 (ICD-10-CM FY2021)." when a header was billable in an earlier edition:
 * the last day of the last edition that flagged it 1 (mid-year editions make that the real date).
 */
function wasBillable(ctx: RuleContext, code: string): string {
  const status = ctx.codeSet.row(code)?.status;
  if (!status) return '';
  for (let i = ctx.edition - 1; i >= 0; i--) {
    const e = ctx.codeSet.editions[i];
    if (status[i] === 'B') return ` It was billable until ${e ? `${e.to} (${e.label})` : `edition ${i}`}.`;
  }
  return '';
}

/** Classifies every dx line (fills ctx.dx) and reports the validity findings. */
export function classifyLines(ctx: RuleContext): void {
  const { codeSet, edition, editionLabel } = ctx;
  const source = editionSource(ctx);
  const when = ctx.date ? `for ${ctx.date} (${editionLabel})` : `in ${editionLabel}`;
  const billableSeen = new Set<string>();
  /** one classification per distinct code (a long file often repeats codes) */
  const memo = new Map<string, Classification>();
  for (const line of ctx.file.lines) {
    if (line.kind === 'px') {
      ctx.px.push(line);
      continue;
    }
    const normalized = codeSet.normalize(line.raw);
    const key = normalized ?? line.raw;
    let cls = memo.get(key);
    if (!cls) {
      cls = codeSet.classify(key, edition);
      memo.set(key, cls);
    }
    const dotted = normalized ?? line.raw;
    const entry: DxEntry = { line, dotted, cls, known: false, primary: false };
    ctx.dx.push(entry);
    const span = line.codeSpan;
    switch (cls.kind) {
      case 'billable':
        entry.known = true;
        entry.title = cls.title;
        entry.primary = !billableSeen.has(line.code);
        billableSeen.add(line.code);
        break;
      case 'header': {
        entry.known = true;
        entry.title = cls.title;
        const ranked = rankCandidates(ctx, line, cls.billableDescendants.map(refOf), {
          under: cls.code.replace('.', ''),
          evidenceAgainst: cls.title,
        }).slice(0, MAX_CANDIDATES);
        const n = cls.billableDescendants.length;
        ctx.report(line, {
          rule: 'non-billable-code',
          span,
          code: cls.code,
          source,
          message:
            `${described(cls.code, cls.title)} is a header, not a billable code ${when}: ` +
            (n > 0
              ? `it has ${n} more specific code${n === 1 ? '' : 's'} below it. Report the one the documentation supports, e.g. ${listRefs(ranked)}.`
              : 'report a more specific code.') +
            wasBillable(ctx, line.code),
          data: { fix: 'replace-code', candidates: ranked },
        });
        break;
      }
      case 'needs-seventh': {
        entry.known = true;
        entry.title = cls.title;
        const choices = rankCandidates(
          ctx,
          line,
          cls.choices.map((c) => ({
            code: c.code,
            title: codeSet.title(c.code, edition) ?? cls.title,
            label: `${c.char} - ${c.meaning}`,
          })),
        );
        ctx.report(line, {
          rule: 'missing-seventh-character',
          span,
          code: cls.code,
          source: `Tabular List FY${codeSet.tabularYear ?? '?'}: 7th characters; ${source}`,
          message:
            `${described(cls.code, cls.title)} needs a 7th character ${when}` +
            (choices.length
              ? `: ${cls.choices
                  .slice(0, 6)
                  .map((c) => `${c.char} (${c.meaning})`)
                  .join(
                    ', ',
                  )}${cls.choices.length > 6 ? ` and ${cls.choices.length - 6} more` : ''}. Add the one that fits this encounter, e.g. ${choices[0].code}.`
              : '. Add the 7th character that fits this encounter.'),
          data: { fix: 'replace-code', candidates: choices },
        });
        break;
      }
      case 'needs-placeholder': {
        ctx.report(line, {
          rule: 'missing-placeholder',
          span,
          code: cls.code,
          source: `${guidelineSource(ctx, 'I.A.4')}; ${source}`,
          message:
            `${line.raw} needs the placeholder X before its 7th character` +
            (cls.corrected.length ? `: write ${listRefs(cls.corrected)}.` : '.'),
          data: { fix: 'replace-code', candidates: cls.corrected.slice(0, MAX_CANDIDATES).map(refOf) },
        });
        break;
      }
      case 'deleted': {
        const repl = sameSeventhFirst(cls.code, cls.replacements).slice(0, MAX_CANDIDATES);
        ctx.report(line, {
          rule: 'code-not-in-edition',
          span,
          code: cls.code,
          source: `CMS ICD-10-CM order files: in ${cls.lastEdition.label}, not in ${editionLabel}; NCHS conversion table`,
          message:
            `${described(cls.code, cls.title)} is not valid ${when}: it was valid until ` +
            `${codeSet.editions[cls.lastEdition.index]?.to ?? '?'} (last in ${cls.lastEdition.label}). ` +
            (repl.length
              ? `It was replaced by ${listRefs(repl)}.`
              : 'Find the code that replaced it in the Tabular List.'),
          data: { fix: 'replace-code', candidates: repl.map(refOf) },
        });
        break;
      }
      case 'not-yet-valid': {
        const first = codeSet.editions[cls.firstEdition.index];
        const sugg = cls.suggestions.slice(0, MAX_CANDIDATES);
        ctx.report(line, {
          rule: 'code-not-in-edition',
          span,
          code: cls.code,
          source: `CMS ICD-10-CM order files: first in ${cls.firstEdition.label}, not in ${editionLabel}`,
          message:
            `${described(cls.code, cls.title)} is not valid ${when}: it was added ` +
            (first ? `${first.from} (${cls.firstEdition.label})` : `in ${cls.firstEdition.label}`) +
            '. ' +
            (sugg.length
              ? `For this date use ${listRefs(sugg)}.`
              : 'For this date use the code that was in force then, or check the date of service.'),
          data: { fix: 'replace-code', candidates: sugg.map(refOf) },
        });
        break;
      }
      case 'invalid': {
        const sugg = cls.suggestions.slice(0, MAX_CANDIDATES);
        const pcsHint =
          /^[0-9A-HJ-NP-Z]{7}$/i.test(line.code) && codeSet.classifyPcs(line.code, ctx.date).kind === 'valid'
            ? ` It is an ICD-10-PCS procedure code: write it as \`px ${line.code}\`.`
            : '';
        ctx.report(line, {
          rule: 'invalid-code',
          span,
          code: normalized ?? undefined,
          source,
          message:
            `${line.raw} is not an ICD-10-CM code ${when}.` +
            (pcsHint ||
              (sugg.length ? ` Did you mean ${listRefs(sugg)}?` : ' Check the code in the Tabular List or the Index.')),
          data: { fix: 'replace-code', candidates: sugg.map(refOf) },
        });
        break;
      }
    }
  }
}

/** invalid-pcs-code for every `px` line. */
export function checkPcs(ctx: RuleContext): void {
  for (const line of ctx.px) {
    const r = ctx.codeSet.classifyPcs(line.raw, ctx.date);
    if (r.kind === 'valid') continue;
    const ed = r.edition?.label ?? 'ICD-10-PCS';
    const what: Record<string, string> = {
      header: `${described(r.code, r.title)} is an ICD-10-PCS table, not a complete 7-character procedure code.`,
      invalid: `${line.raw} is not a valid ICD-10-PCS code in ${ed}.`,
      deleted: `${described(r.code, r.title)} is no longer valid in ${ed}.`,
      'not-yet-valid': `${described(r.code, r.title)} is not yet valid in ${ed}.`,
    };
    const sugg = r.suggestions.slice(0, MAX_CANDIDATES);
    ctx.report(line, {
      rule: 'invalid-pcs-code',
      span: line.codeSpan,
      code: r.code,
      source: `CMS ${ed.replace(/^ICD-10-PCS /, 'ICD-10-PCS order file ')}`,
      message:
        (r.message ?? what[r.kind]) +
        (sugg.length
          ? ` Did you mean ${listRefs(sugg)}?`
          : ' Build the code from the ICD-10-PCS tables (7 characters).'),
      data: { fix: 'replace-code', candidates: sugg.map(refOf) },
    });
  }
}
