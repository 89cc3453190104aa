/**
 * Reading clinical notes in the editor (docs/notes.md): hover on diagnosis mentions (candidates, Index path,
 * context trigger and scope), code lenses on diagnosis-section lines, the quick fix of documented-not-coded
 * (it edits the linked annotation file), go to definition from an annotation line to its evidence in the note,
 * references from a note mention to the annotation lines, and re-checking a note when its annotation file
 * changes (and back). The diagnostics themselves are core/review.ts (features/diagnostics.ts); which file
 * goes with which is core/linking.ts (ctx.linker); the reader and analyses are services/noteReading.ts.
 */
import {
  CodeActionKind,
  MarkupKind,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type DefinitionParams,
  type HoverParams,
  type Location,
  type ReferenceParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixData } from '../core/findings/types';
import { isKeyFile } from '../core/grading/review';
import { isAnnotationUri } from '../core/linking';
import { categories, codability } from '../core/evidence/codability';
import type { NoteMention } from '../core/evidence/mention';
import { findEvidence } from '../core/evidence/phrase';
import { supportFor } from '../core/evidence/support';
import type { NoteAnalysis, NoteReader } from '../core/notes/reader';
import type { StatusMention } from '../core/notes/status';
import type { DocumentRequest, ServerContext } from '../services/serverContext';
import { SOURCE } from '../services/convert';

/** A note's analysis (with the date of service of core/linking.ts) and its linked annotation file. */
function noteAnalysis(
  ctx: ServerContext,
  req: DocumentRequest,
): { reader: NoteReader; analysis: NoteAnalysis; codes: DocumentRequest['info']['codes'] } | undefined {
  if (req.info.kind !== 'note' || req.info.tooLarge) return undefined;
  const reader = ctx.notes.reader(req.info.codeSet);
  if (!reader) return undefined;
  const analysis = ctx.notes.analyze(reader, { uri: req.doc.uri, text: req.info.text }, req.info.date);
  return { reader, codes: req.info.codes, analysis };
}

function mentionAt(a: NoteAnalysis, offset: number): NoteMention | undefined {
  return a.mentions.find((m) => m.span.start <= offset && offset <= m.span.end);
}

export function hoverMarkdown(
  m: NoteMention,
  a: NoteAnalysis,
  setting: 'inpatient' | 'outpatient' | undefined,
  text: string,
): string {
  const section = m.section >= 0 ? a.sections[m.section].name : 'no section';
  const out = [`**${m.text}** — diagnosis mention (${section}; ${a.edition.label})`];
  if (m.abbreviation)
    out.push(
      `Abbreviation **${m.abbreviation.text}** read as "${m.abbreviation.phrase}"${m.abbreviation.note ? ` (${m.abbreviation.note})` : ''}.`,
    );
  if (m.candidates.length) {
    out.push('Candidate codes:');
    for (const c of m.candidates.slice(0, 5))
      out.push(`- \`${c.code}\` ${c.title}${c.billable ? '' : ' (not billable)'}  \n  ${c.path}`);
  } else out.push(`No code valid in ${a.edition.label} was found for it.`);
  const cats = categories(m);
  if (cats.length) {
    out.push('Context:');
    for (const h of m.context) {
      out.push(
        `- ${h.category}: trigger "${h.trigger}"${h.fromSection ? ' (section)' : ''}, scope "${text.slice(h.scope.start, h.scope.end).slice(0, 120)}"`,
      );
    }
  } else out.push('Context: affirmed (no negation, uncertainty, history, hypothesis or family trigger).');
  const c = codability(m, setting);
  out.push(
    `Codable${setting ? ` (${setting})` : ''}: ${c.codable ? 'yes' : 'no'} — ${c.reason}${c.source ? ` (${c.source})` : ''}.`,
  );
  return out.join('\n\n');
}

/** "**History of falls** — history or status code: Z91.81 History of falling (Index: …)". */
export function statusMarkdown(st: StatusMention, a: NoteAnalysis): string {
  const section = st.section >= 0 ? a.sections[st.section].name : 'no section';
  const c = st.candidate;
  return [
    `**${st.text}** — ${st.kind} (${section}; ${a.edition.label})`,
    `History or status code: \`${c.code}\` ${c.title}  \n  ${c.path}`,
  ].join('\n\n');
}

function hover(ctx: ServerContext, req: DocumentRequest, params: HoverParams) {
  const n = noteAnalysis(ctx, req);
  if (!n) return undefined;
  const offset = req.doc.offsetAt(params.position);
  const m = mentionAt(n.analysis, offset);
  // "History of falls": the history code beside the condition mention it contains ("falls")
  const st = n.analysis.statuses.find((x) => x.span.start <= offset && offset <= x.span.end);
  if (!m && !st) return undefined;
  const parts: string[] = [];
  if (m) parts.push(hoverMarkdown(m, n.analysis, n.codes?.file.setting, req.info.text));
  if (st) parts.push(statusMarkdown(st, n.analysis));
  const span = m ?? st!;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: { start: req.doc.positionAt(span.span.start), end: req.doc.positionAt(span.span.end) },
  };
}

/** documented-not-coded → "Add N17.9 to discharge-summary.codes" (an edit of the linked annotation file). */
function addCodeActions(req: DocumentRequest, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  const codes = req.info.codes;
  if (!codes) return out;
  for (const d of params.context.diagnostics) {
    const data = d.data as FixData | undefined;
    if (d.source !== SOURCE || d.code !== 'documented-not-coded' || data?.fix !== 'add-code') continue;
    const cdoc = TextDocument.create(codes.uri, 'code-annotation', 0, codes.text);
    const end = cdoc.positionAt(codes.text.length);
    const evidence = req.doc.getText(d.range).replace(/"/g, "'").replace(/\s+/g, ' ');
    const line = `${data.code}${codes.file.setting === 'inpatient' ? '  POA=Y' : ''}  "${evidence}"`;
    const newText = codes.text.length === 0 || codes.text.endsWith('\n') ? `${line}\n` : `\n${line}\n`;
    out.push({
      title: `Add ${data.code} to ${codes.name}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [codes.uri]: [{ range: { start: end, end }, newText }] } },
    });
  }
  return out;
}

/** go to definition: annotation line → its evidence (or the supporting mentions) in the note */
async function definition(ctx: ServerContext, params: DefinitionParams): Promise<Location[] | null> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return null;
  const req = await ctx.request(doc);
  const file = req.info.annotation;
  if (req.info.kind !== 'annotation' || !file || isKeyFile(doc.uri)) return null;
  const line = file.lines.find((l) => l.line === params.position.line && l.kind === 'dx');
  const note = line ? ctx.notes.readableNote(doc.uri, file) : undefined;
  const reader = note ? ctx.notes.reader(req.info.codeSet) : undefined;
  if (!line || !reader || !note) return null;
  const ndoc = TextDocument.create(note.uri, 'clinical-note', 0, note.text);
  const loc = (s: { start: number; end: number }): Location => ({
    uri: note.uri,
    range: { start: ndoc.positionAt(s.start), end: ndoc.positionAt(s.end) },
  });
  const ev = line.evidence ? findEvidence(note.text, line.evidence.text) : undefined;
  if (ev) return [loc(ev)];
  const support = supportFor(line, ctx.notes.analyze(reader, note, req.info.date), undefined);
  return support.length ? support.map((m) => loc(m.span)) : null;
}

/** references: note mention → the annotation lines coding it */
async function references(ctx: ServerContext, params: ReferenceParams): Promise<Location[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const req = await ctx.request(doc);
  const n = noteAnalysis(ctx, req);
  if (!n?.codes) return [];
  const m = mentionAt(n.analysis, doc.offsetAt(params.position));
  if (!m) return [];
  const codes = n.codes;
  const cdoc = TextDocument.create(codes.uri, 'code-annotation', 0, codes.text);
  const cats = new Set(m.candidates.slice(0, 6).map((c) => c.code.replace('.', '').slice(0, 3)));
  const out: Location[] = [];
  for (const l of codes.file.lines) {
    if (l.kind !== 'dx') continue;
    const ev = l.evidence ? findEvidence(req.info.text, l.evidence.text) : undefined;
    const byEvidence = ev && ev.start < m.span.end && m.span.start < ev.end;
    if (byEvidence || cats.has(l.code.slice(0, 3)))
      out.push({
        uri: codes.uri,
        range: { start: cdoc.positionAt(l.codeSpan.start), end: cdoc.positionAt(l.codeSpan.end) },
      });
  }
  return out;
}

/** code lenses on the diagnosis-section lines of a note: the top candidate and whether it is coded */
async function codeLenses(ctx: ServerContext, params: CodeLensParams): Promise<CodeLens[]> {
  const doc = ctx.documents.get(params.textDocument.uri);
  if (!doc) return [];
  const req = await ctx.request(doc);
  const n = noteAnalysis(ctx, req);
  if (!n) return [];
  const coded = new Set((n.codes?.file.lines ?? []).filter((l) => l.kind === 'dx').map((l) => l.code.slice(0, 3)));
  const lenses: CodeLens[] = [];
  const codedness = (code: string) =>
    n.codes
      ? coded.has(code.replace('.', '').slice(0, 3))
        ? `coded in ${n.codes.name}`
        : `not in ${n.codes.name}`
      : 'no annotation file';
  // a history or status code ("History of falls" Z91.81) stands for the condition mention inside it ("falls")
  const statuses = n.analysis.statuses.filter((st) => n.analysis.sections[st.section]?.diagnostic);
  for (const st of statuses) {
    const pos = doc.positionAt(st.span.start);
    lenses.push({
      range: { start: pos, end: pos },
      command: {
        title: `${st.candidate.code} ${st.candidate.title} — ${st.kind}, ${codedness(st.candidate.code)}`,
        command: '',
      },
    });
  }
  for (const m of n.analysis.mentions) {
    const s = m.section >= 0 ? n.analysis.sections[m.section] : undefined;
    const top = m.candidates[0];
    if (!s?.diagnostic || !top) continue;
    if (statuses.some((st) => st.span.start <= m.span.start && m.span.end <= st.span.end)) continue;
    const c = codability(m, n.codes?.file.setting);
    const status = !c.codable ? `not coded: ${c.reason}` : codedness(top.code);
    const pos = doc.positionAt(m.span.start);
    lenses.push({
      range: { start: pos, end: pos },
      command: { title: `${top.code} ${top.title} — ${status}`, command: '' },
    });
  }
  return lenses;
}

/**
 * Editing either file re-checks the other. A changed annotation file can change the link and the date of
 * service of any note in its folder, so their cached document info is dropped.
 */
function recheckLinked(ctx: ServerContext, uri: string): void {
  ctx.notes.forget(uri);
  if (isAnnotationUri(uri)) {
    const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
    for (const d of ctx.documents.all()) {
      if (isAnnotationUri(d.uri) || !d.uri.startsWith(folder) || d.uri.slice(folder.length).includes('/')) continue;
      ctx.docs.forget(d.uri);
      ctx.recheck(d.uri);
    }
    return;
  }
  for (const d of ctx.documents.all()) {
    if (!isAnnotationUri(d.uri) || isKeyFile(d.uri)) continue;
    const note = ctx.notes.readableNote(d.uri, ctx.linker.annotation(d.uri, d.getText()));
    if (note?.uri === uri) ctx.recheck(d.uri);
  }
}

export function register(ctx: ServerContext): void {
  ctx.providers.hover.push((req, params) => hover(ctx, req, params));
  ctx.codeActionKinds.add(CodeActionKind.QuickFix);
  ctx.providers.codeActions.push((req, params) => (req.info.kind === 'note' ? addCodeActions(req, params) : []));
  ctx.connection.onDefinition((params) => definition(ctx, params));
  ctx.connection.onReferences((params) => references(ctx, params));
  ctx.connection.onCodeLens((params) => codeLenses(ctx, params));
  ctx.documents.onDidChangeContent((e) => recheckLinked(ctx, e.document.uri));
}
