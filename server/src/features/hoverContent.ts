/**
 * The hover text for one code: plain structured markdown (a heading, then short labelled lines and
 * lists) that a screen reader reads in order. Most important first: what the code is and whether it
 * can be reported, then the edition and why, hierarchy, instructional notes with their sources,
 * 7th characters, CC/MCC and HCC with versions, POA exemption, replacements.
 */
import { describeValidity } from '../core/codeset/validity';
import { defaultsFirst } from '../core/annotation/rules/rule-context';
import { specificAlternatives } from '../core/annotation/rules/unspecified';
import type { CodeSet } from '../core/codeset/api';
import type { SourcedNote } from '../core/types';

const NOTE_LABELS: Record<SourcedNote['kind'], string> = {
  inclusionTerm: 'Inclusion terms',
  includes: 'Includes',
  excludes1: 'Excludes1',
  excludes2: 'Excludes2',
  codeFirst: 'Code first',
  useAdditionalCode: 'Use additional code',
  codeAlso: 'Code also',
  notes: 'Notes',
  sevenChrNote: '7th character note',
};
const NOTE_ORDER: SourcedNote['kind'][] = [
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'excludes1',
  'excludes2',
  'includes',
  'inclusionTerm',
  'notes',
  'sevenChrNote',
];
const MAX_PER_KIND = 8;

/** Markdown-escaped text (hover and completion documentation). */
export function esc(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export interface HoverInput {
  /** normalised, no dot */
  code: string;
  edition: number;
  editionOk: boolean;
  /** e.g. "2026-03-14 from the date: header of this file" */
  dateWhy: string;
  /** the "no edition covers …" message when !editionOk */
  editionMessage?: string;
}

export function cmHoverMarkdown(cs: CodeSet, h: HoverInput): string {
  const c = cs.classify(h.code, h.edition);
  const shown = cs.display(c.code);
  const ed = cs.editions[h.edition];
  const title = 'title' in c ? c.title : cs.title(c.code, h.edition);
  const out: string[] = [];
  out.push(`### ${esc(shown)}${title ? ` — ${esc(title)}` : ''}`);
  const status: Record<typeof c.kind, string> = {
    billable: 'Billable: valid for reporting.',
    header: 'Header: not valid for reporting; use one of its billable codes.',
    'needs-seventh': 'Incomplete: needs a 7th character.',
    'needs-placeholder': 'Incomplete: needs the placeholder X before its 7th character.',
    deleted: 'Not in this edition: deleted.',
    'not-yet-valid': 'Not in this edition: not yet valid.',
    invalid: 'Not an ICD-10-CM code.',
  };
  out.push('', `**Status:** ${status[c.kind]}`);
  out.push(
    '',
    `**Edition:** ${esc(ed?.label ?? '?')}${ed ? ` (${ed.from} to ${ed.to})` : ''}, chosen by the date of service ${esc(h.dateWhy)}.` +
      (h.editionOk ? '' : ` ${esc(h.editionMessage ?? '')}`),
  );
  if (ed?.derivation) out.push('', `_Mid-year edition derived by the data build: ${esc(ed.derivation)}._`);
  const periods = c.kind === 'invalid' || c.kind === 'needs-placeholder' ? [] : cs.validity(c.code);
  if (periods.length) {
    const newest = cs.editions[cs.editions.length - 1]?.to;
    out.push('', '**Valid:**', ...describeValidity(periods, newest).map((l) => `- ${esc(l)}`));
  }
  if (c.kind === 'invalid') {
    if (c.suggestions.length) {
      out.push('', '**Did you mean:**', ...c.suggestions.slice(0, 5).map((s) => `- ${s.code} — ${esc(s.title)}`));
    }
    return out.join('\n');
  }
  const hier = cs.hierarchy(c.code, h.edition);
  const path: string[] = [];
  if (hier.chapter) {
    const range = hier.chapter.desc.includes(hier.chapter.range) ? '' : ` (${esc(hier.chapter.range)})`;
    path.push(`Chapter ${hier.chapter.num}${range} ${esc(hier.chapter.desc)}`);
  }
  if (hier.block)
    path.push(
      hier.block.desc.includes(hier.block.id) ? esc(hier.block.desc) : `${esc(hier.block.id)} ${esc(hier.block.desc)}`,
    );
  for (const a of hier.ancestors) path.push(`${esc(a.code)} ${esc(a.title)}`);
  if (path.length) out.push('', '**Where it sits:** ' + path.join(' → '));

  if (c.kind === 'header' && c.billableDescendants.length) {
    const n = c.billableDescendants.length;
    out.push(
      '',
      `**Billable codes under it (${n}):**`,
      // the defaults a coder reports when nothing more is documented first (E11.9), as the quick fixes
      ...defaultsFirst(c.code, c.billableDescendants)
        .slice(0, 6)
        .map((d) => `- ${d.code} — ${esc(d.title)}`),
    );
    if (n > 6) out.push(`- … and ${n - 6} more`);
  }
  if (c.kind === 'billable') out.push(...unspecifiedHover(cs, c.code, h.edition));
  if (c.kind === 'needs-placeholder') {
    out.push('', '**Use:**', ...c.corrected.map((d) => `- ${d.code} — ${esc(d.title)}`));
  }
  if (c.kind === 'deleted') {
    out.push('', `Last valid in ${esc(c.lastEdition.label)}, until ${cs.editions[c.lastEdition.index]?.to ?? '?'}.`);
    if (c.replacements.length) {
      out.push('', '**Replaced by:**', ...c.replacements.slice(0, 8).map((r) => `- ${r.code} — ${esc(r.title)}`));
    }
  }
  if (c.kind === 'not-yet-valid') {
    out.push(
      '',
      `First valid in ${esc(c.firstEdition.label)}, from ${cs.editions[c.firstEdition.index]?.from ?? '?'}.`,
    );
  }

  const sevenths = c.kind === 'needs-seventh' ? c.choices : cs.seventhCharacters(c.code, h.edition);
  if (sevenths.length) {
    out.push('', '**7th characters:**', ...sevenths.map((s) => `- ${esc(s.char)} — ${esc(s.meaning)}`));
  }

  const notes = cs.notes(c.code, h.edition);
  const tab = notes.tabularYear ? `FY${notes.tabularYear}` : 'the';
  if (notes.provenance) out.push('', `_Tabular notes: ${esc(notes.provenance)}._`);
  for (const r of notes.removed ?? []) {
    out.push(
      '',
      `_Not applied: the FY${notes.tabularYear ?? '?'} ${esc(r.kind)} note at ${esc(r.from)} "${esc(r.text)}" (deleted from ${r.effective}: ${esc(r.source)})._`,
    );
  }
  const byKind = new Map<SourcedNote['kind'], SourcedNote[]>();
  for (const n of notes.notes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  if (!notes.hasNode) {
    out.push('', `**Tabular notes:** no Tabular notes for this code in the ${tab} Tabular (it has no entry there).`);
  }
  if (notes.notes.length) {
    out.push('', `**Tabular notes** (${tab} Tabular):`);
    for (const kind of NOTE_ORDER) {
      const list = byKind.get(kind);
      if (!list?.length) continue;
      out.push(`- ${NOTE_LABELS[kind]}:`);
      for (const n of list.slice(0, MAX_PER_KIND)) {
        out.push(`  - ${esc(n.text)} _(at ${esc(n.from)}${n.inherited ? ', inherited' : ''})_`);
      }
      if (list.length > MAX_PER_KIND) out.push(`  - … and ${list.length - MAX_PER_KIND} more`);
    }
  } else if (notes.hasNode) {
    out.push('', `**Tabular notes:** none for this code or its ancestors in the ${tab} Tabular.`);
  }

  const facts: string[] = [];
  const cc = cs.ccMcc(c.code);
  const drg = cs.msdrg(h.edition);
  const drgV = `${drg.version}${drg.from ? `, discharges ${drg.from} to ${drg.to}` : ''}`;
  facts.push(cc ? `- ${cc.level} (${esc(drgV)})` : `- Neither CC nor MCC (${esc(drgV)})`);
  if (drg.caution) facts.push(`  - Caution: ${esc(drg.caution)}`);
  const hccs = cs.hcc(c.code);
  for (const x of hccs) facts.push(`- ${esc(x.model)}: HCC ${x.hcc} ${esc(x.label)}`);
  if (!hccs.length) facts.push('- No payment HCC (CMS-HCC V28)');
  const poa = cs.poaExempt(c.code, h.edition);
  if (poa.exempt) facts.push(`- POA-exempt${poa.list ? ` (${esc(poa.list)})` : ''}`);
  out.push('', '**Severity and risk:**', ...facts);
  return out.join('\n');
}

export function pcsHoverMarkdown(cs: CodeSet, code: string, date: string | undefined): string {
  const p = cs.classifyPcs(code, date);
  const out = [`### ${esc(p.code)} (ICD-10-PCS)${p.title ? ` — ${esc(p.title)}` : ''}`];
  const status: Record<typeof p.kind, string> = {
    valid: 'Valid procedure code.',
    header: 'Table header: not a complete procedure code.',
    invalid: 'Not an ICD-10-PCS code.',
    deleted: 'Not in this edition: deleted.',
    'not-yet-valid': 'Not in this edition: not yet valid.',
  };
  const axes = pcsAxesMarkdown(cs, code, date);
  // a valid code: its characters first (the hover shows about 250 pixels before it scrolls), then its status
  if (p.kind === 'valid') out.push('', ...axes);
  out.push('', `**Status:** ${status[p.kind]}`);
  if (p.edition) out.push('', `**Edition:** ${esc(p.edition.label)}${date ? ` for ${date}` : ''}.`);
  if (p.message) out.push('', esc(p.message));
  if (p.suggestions.length) {
    out.push('', '**Did you mean:**', ...p.suggestions.slice(0, 5).map((s) => `- ${s.code} — ${esc(s.title)}`));
  }
  if (p.kind !== 'valid') out.push('', ...axes);
  return out.join('\n');
}

/** Each character's axis and meaning from the ICD-10-PCS Tables of the date (or why they cannot be shown). */
export function pcsAxesMarkdown(cs: CodeSet, code: string, date: string | undefined): string[] {
  const x = cs.explainPcs(code, date);
  if (!x.tables) return [`_${esc(x.message ?? 'The ICD-10-PCS Tables are not available.')}_`];
  // the source in the table's header: no caption line above it
  const out = [`| # | Axis | Character | Meaning (${esc(x.tables.label)}) |`, '|---|---|---|---|'];
  for (const c of x.chars) out.push(`| ${c.pos} | ${esc(c.axis)} | ${c.char} | ${esc(c.meaning)} |`);
  if (x.invalidAt) {
    const a = x.invalidAt;
    out.push(`| ${a.pos} | ${esc(a.axis)} | **${esc(a.char)}** | not allowed here |`);
    const allowed = a.allowed.slice(0, 12).map((o) => `${o.char} ${esc(o.meaning)}`);
    out.push(
      '',
      `Character ${a.pos} (${esc(a.axis)}) may be: ${allowed.join('; ')}${a.allowed.length > 12 ? `; … (${a.allowed.length} in all)` : ''}.`,
    );
  }
  if (x.table?.definition) out.push('', `_${esc(x.chars[2]?.meaning ?? x.table.code)}_: ${esc(x.table.definition)}`);
  return out;
}

/**
 * The detail of an unspecified-code finding (its message stays short): the more specific codes of the same
 * condition, as the quick fixes offer them (core/annotation/rules/unspecified.ts).
 */
function unspecifiedHover(cs: CodeSet, code: string, edition: number): string[] {
  const alt = specificAlternatives(cs, code, edition);
  if (!alt.length) return [];
  const u = cs.unspecified(code, edition);
  const shown = alt.slice(0, 8).map((a) => `- ${a.code} — ${esc(a.title)}`);
  if (alt.length > 8) shown.push(`- … and ${alt.length - 8} more (quick fixes)`);
  return [
    '',
    `**Unspecified** (${esc(u.reason ?? 'title says "unspecified"')}). More specific codes, if the documentation supports one (${alt.length}):`,
    ...shown,
  ];
}
