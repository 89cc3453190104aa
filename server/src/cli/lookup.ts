/**
 * `coding-review lookup <code> [--date D] [--json]`: classification, title, hierarchy, notes, CC/MCC, HCC and
 * POA exemption of one ICD-10-CM code (or validity of an ICD-10-PCS code) for the edition of the date.
 */
import { defaultsFirst } from '../core/annotation/rules/context';
import type { CodeSet } from '../core/codeset/api';
import { describeValidity } from '../core/codeset/validity';
import type { Classification } from '../core/types';
import { chooseEdition, CliError, loadCodeSet, parseArgs, today } from './codeset-loader';

const USAGE = 'usage: coding-review lookup <code> [--date YYYY-MM-DD] [--json]';

function describe(cs: CodeSet, c: Classification): string[] {
  const refs = (xs: Array<{ code: string; title: string }>, max = 12) => {
    const lines = xs.slice(0, max).map((x) => `    ${x.code}  ${x.title}`);
    if (xs.length > max) lines.push(`    … and ${xs.length - max} more`);
    return lines;
  };
  switch (c.kind) {
    case 'billable':
      return [`${c.code}  ${c.title}`, 'billable: valid for reporting in this edition'];
    case 'header':
      return [
        `${c.code}  ${c.title}`,
        'header: not valid for reporting; use one of its billable codes:',
        // the defaults a coder reports when nothing more is documented first (E11.9), as the quick fixes
        ...refs(defaultsFirst(c.code, c.billableDescendants)),
      ];
    case 'needs-seventh':
      return [
        `${c.code}  ${c.title}`,
        'incomplete: needs a 7th character:',
        ...c.choices.map((x) => `    ${x.char}  ${x.code}  ${x.meaning}`),
      ];
    case 'needs-placeholder':
      return [
        `${c.code}`,
        'incomplete: needs placeholder X before the 7th character; did you mean:',
        ...refs(c.corrected),
      ];
    case 'deleted':
      return [
        `${c.code}  ${c.title}`,
        `deleted: valid until ${cs.editions[c.lastEdition.index]?.to ?? '?'} (last in ${c.lastEdition.label})`,
        ...(c.replacements.length ? ['  replaced by / use instead:', ...refs(c.replacements)] : []),
      ];
    case 'not-yet-valid':
      return [
        `${c.code}  ${c.title}`,
        `not yet valid: valid from ${cs.editions[c.firstEdition.index]?.from ?? '?'} (first in ${c.firstEdition.label})`,
        ...(c.suggestions.length ? ['  valid in this edition instead:', ...refs(c.suggestions)] : []),
      ];
    case 'invalid':
      return [
        `${c.code}`,
        'invalid: not an ICD-10-CM code in this edition',
        ...(c.suggestions.length ? ['  did you mean:', ...refs(c.suggestions)] : []),
      ];
  }
}

/** JSON-able report of a CM code */
export function lookupReport(cs: CodeSet, raw: string, ed: number) {
  const classification = cs.classify(raw, ed);
  const key = cs.normalize(raw);
  const known = key !== null && cs.row(key) !== undefined;
  const e = cs.editions[ed]!;
  return {
    query: raw,
    edition: { index: ed, id: e.id, label: e.label, from: e.from, to: e.to },
    classification,
    hierarchy: known ? cs.hierarchy(key, ed) : undefined,
    notes: known ? cs.notes(key, ed) : undefined,
    unspecified: known ? cs.unspecified(key, ed) : undefined,
    validity: known ? cs.validity(key) : undefined,
    ccMcc: known ? (cs.ccMcc(key) ?? null) : undefined,
    msdrg: known ? cs.msdrg(ed) : undefined,
    hcc: known ? cs.hcc(key) : undefined,
    poaExempt: known ? cs.poaExempt(key, ed) : undefined,
  };
}

function looksLikePcs(raw: string): boolean {
  const t = raw.trim().toUpperCase();
  return /^[0-9][0-9A-Z]{6}$/.test(t);
}

export async function runLookup(args: string[]): Promise<number> {
  try {
    const a = parseArgs(args, false);
    if (a.positional.length !== 1) throw new CliError(`lookup takes exactly one code\n${USAGE}`);
    const raw = a.positional[0]!;
    const cs = loadCodeSet();
    const date = a.date ?? today();
    if (looksLikePcs(raw)) {
      if (cs.pcsEditions.length === 0) throw new CliError('ICD-10-PCS data is not loaded; run `npm run data`.');
      const r = cs.pcsEditions.length ? cs.classifyPcs(raw, date) : undefined;
      if (a.json) process.stdout.write(JSON.stringify({ query: raw, date, pcs: r }, null, 2) + '\n');
      else {
        process.stdout.write(
          `${r!.code}${r!.title ? '  ' + r!.title : ''}\n${r!.kind} (${r!.edition?.label ?? 'ICD-10-PCS'})\n`,
        );
        if (r!.message) process.stdout.write(r!.message + '\n');
        for (const s of r!.suggestions) process.stdout.write(`    ${s.code}  ${s.title}\n`);
      }
      return 0;
    }
    const choice = chooseEdition(cs, a.date);
    const ed = choice.index;
    const rep = lookupReport(cs, raw, ed);
    if (a.json) {
      const note = choice.note ? { note: choice.note } : {};
      process.stdout.write(JSON.stringify({ ...rep, date, ...note }, null, 2) + '\n');
      return 0;
    }
    if (choice.note) process.stderr.write(`coding-review lookup: note: ${choice.note}\n`);
    const when = choice.note ? `newest edition; no edition covers today, ${date}` : `date of service ${date}`;
    const out: string[] = [
      `${rep.edition.label}, ${rep.edition.from} to ${rep.edition.to} (${when})`,
      ...describe(cs, rep.classification),
    ];
    if (rep.validity) {
      const newest = cs.editions[cs.editions.length - 1]?.to;
      if (rep.validity.length === 0) out.push('valid: in no edition');
      for (const line of describeValidity(rep.validity, newest)) out.push(`valid: ${line}`);
    }
    const h = rep.hierarchy;
    if (h) {
      if (h.chapter) out.push(`chapter ${h.chapter.num}: ${h.chapter.desc}`);
      if (h.block) out.push(`block ${h.block.id}: ${h.block.desc}`);
      for (const anc of h.ancestors) out.push(`  in ${anc.code}  ${anc.title}`);
      if (h.children.length) out.push(`children: ${h.children.map((c) => c.code).join(', ')}`);
    }
    if (rep.unspecified?.unspecified) {
      out.push(
        `unspecified (${rep.unspecified.reason}); more specific: ${rep.unspecified.specificSiblings
          .slice(0, 8)
          .map((s) => s.code)
          .join(', ')}`,
      );
    }
    if (rep.msdrg) {
      const v = `${rep.msdrg.version}${rep.msdrg.from ? `, discharges ${rep.msdrg.from} to ${rep.msdrg.to}` : ''}`;
      out.push(rep.ccMcc ? `${rep.ccMcc.level} (${v})` : `neither CC nor MCC (${v})`);
      if (rep.msdrg.caution) out.push(`  caution: ${rep.msdrg.caution}`);
    }
    for (const h2 of rep.hcc ?? []) out.push(`${h2.model} HCC ${h2.hcc}: ${h2.label}`);
    if (rep.poaExempt?.exempt) out.push(`POA exempt (${rep.poaExempt.list})`);
    if (rep.notes) {
      if (rep.notes.provenance) out.push(`Tabular notes: ${rep.notes.provenance}`);
      if (!rep.notes.hasNode && rep.notes.tabularYear !== undefined) {
        out.push(`no node in the FY${rep.notes.tabularYear} Tabular (the newest available): no notes of its own`);
      }
      for (const n of rep.notes.notes) out.push(`  ${n.kind}${n.inherited ? ` (from ${n.from})` : ''}: ${n.text}`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`coding-review lookup: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
