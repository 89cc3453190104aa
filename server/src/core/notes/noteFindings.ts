/**
 * Checks on code-shaped tokens in clinical notes: invalid-code, non-billable-code,
 * missing-seventh-character, missing-placeholder, unspecified-code, code-not-in-edition.
 * Pure: the code set and the edition are passed in.
 */
import type { FixData, Finding } from '../annotation/types';
import type { CodeSet } from '../codeset/api';
import type { CodeRef, Suggestion } from '../types';
import type { CodeToken } from './codeTokens';

const MAX_CANDIDATES = 12;

function list(refs: CodeRef[], n = 3): string {
  const shown = refs.slice(0, n).map((r) => `${r.code} (${r.title})`);
  return shown.join(', ') + (refs.length > n ? ` and ${refs.length - n} more` : '');
}

function candidates(refs: Array<CodeRef | Suggestion>, label?: (r: CodeRef) => string | undefined): FixData {
  return {
    fix: 'replace-code',
    candidates: refs.slice(0, MAX_CANDIDATES).map((r) => {
      const l = label?.(r);
      return l ? { code: r.code, title: r.title, label: l } : { code: r.code, title: r.title };
    }),
  };
}

export function checkNoteTokens(tokens: CodeToken[], codeSet: CodeSet, edition: number): Finding[] {
  const ed = codeSet.editions[edition];
  const orderSource = `CMS/NCHS order file, ${ed?.label ?? 'edition ' + edition}`;
  const gl = codeSet.guidelines(edition);
  const guideline = (section: string) =>
    gl.available
      ? `${gl.label} ${section}`
      : `Official Guidelines ${section} (as numbered in FY2024-FY2026; ${gl.label})`;
  const findings: Finding[] = [];
  for (const t of tokens) {
    const c = codeSet.classify(t.code, edition);
    const shown = codeSet.display(c.code);
    switch (c.kind) {
      case 'billable': {
        const u = codeSet.unspecified(c.code, edition);
        if (u.unspecified) {
          findings.push({
            rule: 'unspecified-code',
            severity: 'information',
            span: t.span,
            code: shown,
            message:
              `${shown} (${c.title}) is an unspecified code${u.reason ? ` (${u.reason})` : ''}.` +
              (u.specificSiblings.length
                ? ` If the documentation supports it, a more specific code: ${list(u.specificSiblings)}.`
                : ''),
            data: u.specificSiblings.length ? candidates(u.specificSiblings) : { fix: 'none' },
            source: `${orderSource}; ${guideline('I.B.18')} (use of unspecified codes)`,
          });
        }
        break;
      }
      case 'header':
        findings.push({
          rule: 'non-billable-code',
          severity: 'error',
          span: t.span,
          code: shown,
          message: `${shown} (${c.title}) is a header, not valid for reporting. Use one of its billable codes: ${list(c.billableDescendants)}.`,
          data: candidates(c.billableDescendants),
          source: `${orderSource} (flag 0 = header)`,
        });
        break;
      case 'needs-seventh':
        findings.push({
          rule: 'missing-seventh-character',
          severity: 'error',
          span: t.span,
          code: shown,
          message: `${shown} (${c.title}) needs a 7th character: ${c.choices.map((ch) => `${ch.char} ${ch.meaning}`).join('; ')}.`,
          data: {
            fix: 'replace-code',
            candidates: c.choices.map((ch) => ({ code: ch.code, title: c.title, label: `${ch.char}: ${ch.meaning}` })),
          },
          source: `Tabular FY${codeSet.tabularYear ?? '?'} 7th characters; ${orderSource}`,
        });
        break;
      case 'needs-placeholder':
        findings.push({
          rule: 'missing-placeholder',
          severity: 'error',
          span: t.span,
          code: shown,
          message: `${shown} needs the placeholder X before its 7th character: ${list(c.corrected)}.`,
          data: candidates(c.corrected, () => 'insert placeholder X'),
          source: `${guideline('I.A.4')} (placeholder character); ${orderSource}`,
        });
        break;
      case 'deleted':
        findings.push({
          rule: 'code-not-in-edition',
          severity: 'error',
          span: t.span,
          code: shown,
          message:
            `${shown} (${c.title}) is not in ${ed?.label ?? 'this edition'}; it was valid until ${codeSet.editions[c.lastEdition.index]?.to ?? '?'} (last in ${c.lastEdition.label}).` +
            (c.replacements.length ? ` Replaced by ${list(c.replacements)}.` : ''),
          data: c.replacements.length ? candidates(c.replacements) : { fix: 'none' },
          source: `${orderSource}; NCHS conversion table`,
        });
        break;
      case 'not-yet-valid':
        findings.push({
          rule: 'code-not-in-edition',
          severity: 'error',
          span: t.span,
          code: shown,
          message:
            `${shown} (${c.title}) is not yet valid in ${ed?.label ?? 'this edition'}; it was added ${codeSet.editions[c.firstEdition.index]?.from ?? '?'} (${c.firstEdition.label}).` +
            (c.suggestions.length ? ` For this date use ${list(c.suggestions)}.` : ''),
          data: c.suggestions.length ? candidates(c.suggestions) : { fix: 'none' },
          source: orderSource,
        });
        break;
      case 'invalid':
        findings.push({
          rule: 'invalid-code',
          severity: 'error',
          span: t.span,
          code: t.raw,
          message:
            `${t.raw} is not an ICD-10-CM code in ${ed?.label ?? 'this edition'}.` +
            (c.suggestions.length ? ` Did you mean ${list(c.suggestions)}?` : ''),
          data: c.suggestions.length ? candidates(c.suggestions) : { fix: 'none' },
          source: orderSource,
        });
        break;
    }
  }
  return findings;
}
