/**
 * Reading clinical notes in the editor (issue 4): hover on diagnosis mentions (candidates, Index path,
 * context trigger and scope), code lenses on diagnosis-section lines, documented-not-coded diagnostics in
 * notes with a quick fix that edits the linked annotation file, evidence rules in `.codes` files, go to
 * definition from an annotation line to its evidence in the note, references from a note mention to the
 * annotation lines. A note and its `.codes` file are linked by the `note:` header, else by the same base
 * name; editing either re-checks the other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  MarkupKind,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type Location,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LinkedNote } from '../core/annotation/check';
import { parseAnnotation } from '../core/annotation/parse';
import { isSuppressed, noteNotFound } from '../core/annotation/rules/note-link';
import type { AnnotationFile, FixData } from '../core/annotation/types';
import type { CodeSet } from '../core/codeset/api';
import { isKeyFile } from '../core/grading/review';
import {
  categories,
  codability,
  noteReaderFor,
  type NoteAnalysis,
  type NoteMention,
  type NoteReader,
} from '../core/notes/reader';
import { checkCodesAgainstNote, checkNoteAgainstCodes, findEvidence, supportFor } from '../core/notes/rules';
import { defaultDataDir, loadPart } from '../data/load';
import type { DocumentRequest, ServerContext } from '../services/context';
import { findingToDiagnostic, SOURCE } from '../services/convert';

const MAX_LINKED_BYTES = 2 * 1024 * 1024;

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

const baseOf = (uri: string) => uri.replace(/\.[^./]*$/, '');

export class NoteLinks {
  private readerCache: { cs: CodeSet; reader: NoteReader | undefined } | undefined;
  private readonly analyses = new Map<
    string,
    { text: string; date: string; edition: number; analysis: NoteAnalysis }
  >();

  constructor(private readonly ctx: ServerContext) {}

  /** The note reader (Alphabetic Index loaded once); undefined when the index data is missing. */
  reader(cs: CodeSet | undefined): NoteReader | undefined {
    if (!cs) return undefined;
    if (this.readerCache?.cs === cs) return this.readerCache.reader;
    let reader: NoteReader | undefined;
    try {
      reader = noteReaderFor(loadPart(this.ctx.data.dir ?? defaultDataDir(), 'index'), cs);
    } catch (e) {
      this.ctx.logger.error('Note reading is off: the Alphabetic Index data could not be loaded', e);
    }
    this.readerCache = { cs, reader };
    return reader;
  }

  /** Text of a document: the open version, else the file on disk (small files only). */
  textOf(uri: string): string | undefined {
    const open = this.ctx.documents.get(uri);
    if (open) return open.getText();
    const p = uriToPath(uri);
    if (!p || !existsSync(p)) return undefined;
    try {
      if (!statSync(p).isFile() || statSync(p).size > MAX_LINKED_BYTES) return undefined;
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The note an annotation file codes: its `note:` header (relative to the file), else the same base name. */
  noteFor(codesUri: string, file: AnnotationFile): { uri: string; text: string } | undefined {
    const uris: string[] = [];
    if (file.note) {
      try {
        uris.push(new URL(file.note, codesUri).toString());
      } catch {
        /* not a URL-able path */
      }
    } else {
      const base = baseOf(codesUri);
      for (const d of this.ctx.documents.all())
        if (d.uri !== codesUri && baseOf(d.uri) === base && !/\.codes$/i.test(d.uri)) uris.push(d.uri);
      uris.push(`${base}.note`, `${base}.txt`);
    }
    for (const uri of uris) {
      const text = this.textOf(uri);
      if (text !== undefined) return { uri, text };
    }
    return undefined;
  }

  /** The annotation file of a note: an open or sibling `.codes` whose `note:` names it, else the same base name. */
  codesFor(noteUri: string): { uri: string; text: string; file: AnnotationFile } | undefined {
    const candidates = new Map<string, string>();
    for (const d of this.ctx.documents.all())
      if (/\.codes$/i.test(d.uri) && !isKeyFile(d.uri)) candidates.set(d.uri, d.getText());
    const p = uriToPath(noteUri);
    if (p) {
      try {
        // a folder with very many annotation files: only the first 200 are looked at (same base name always)
        const base = path.basename(p).replace(/\.[^.]*$/, '');
        const names = readdirSync(path.dirname(p)).filter((f) => /\.codes$/i.test(f));
        const picked =
          names.length > 200 ? [...names.filter((f) => f.startsWith(base)), ...names.slice(0, 200)] : names;
        for (const f of picked) {
          const uri = pathToFileURL(path.join(path.dirname(p), f)).toString();
          if (/\.codes$/i.test(f) && !isKeyFile(uri) && !candidates.has(uri)) {
            const t = this.textOf(uri);
            if (t !== undefined) candidates.set(uri, t);
          }
        }
      } catch {
        /* folder not readable */
      }
    }
    let sameName: { uri: string; text: string; file: AnnotationFile } | undefined;
    for (const [uri, text] of candidates) {
      const file = parseAnnotation(text);
      if (file.note) {
        let target: string | undefined;
        try {
          target = new URL(file.note, uri).toString();
        } catch {
          target = undefined;
        }
        if (target === noteUri) return { uri, text, file };
      } else if (baseOf(uri) === baseOf(noteUri)) sameName = { uri, text, file };
    }
    return sameName;
  }

  analysis(reader: NoteReader, uri: string, text: string, date: string): NoteAnalysis {
    const hit = this.analyses.get(uri);
    const edition = reader.edition({ date: date || undefined }).index;
    if (hit && hit.text === text && hit.date === date && hit.edition === edition) return hit.analysis;
    const analysis = reader.analyze(text, { date: date || undefined });
    this.analyses.set(uri, { text, date, edition, analysis });
    if (this.analyses.size > 50) this.analyses.delete(this.analyses.keys().next().value!);
    return analysis;
  }

  forget(uri: string): void {
    this.analyses.delete(uri);
  }
}

const fileName = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

/** One NoteLinks per server (the Index reader and the analyses are shared by the providers). */
const linksByServer = new WeakMap<ServerContext, NoteLinks>();
function linksFor(ctx: ServerContext): NoteLinks {
  let l = linksByServer.get(ctx);
  if (!l) linksByServer.set(ctx, (l = new NoteLinks(ctx)));
  return l;
}

/**
 * The linked note of an annotation file, read (for the annotation checks' quick-fix candidate order), or
 * undefined when there is none or no Index data. The analysis is cached, so the evidence rules reuse it.
 */
export function linkedNoteFor(ctx: ServerContext, req: DocumentRequest): LinkedNote | undefined {
  const file = req.info.annotation;
  if (req.info.kind !== 'annotation' || !file || !req.info.codeSet || isKeyFile(req.doc.uri)) return undefined;
  const links = linksFor(ctx);
  const note = links.noteFor(req.doc.uri, file);
  const reader = note ? links.reader(req.info.codeSet) : undefined;
  if (!note || !reader) return undefined;
  return {
    name: fileName(note.uri),
    text: note.text,
    analysis: links.analysis(reader, note.uri, note.text, file.date ?? req.info.date),
  };
}

/** The note's analysis with the date of the linked annotation file (else the note's own date). */
function noteAnalysis(links: NoteLinks, req: DocumentRequest) {
  if (req.info.kind !== 'note') return undefined;
  const reader = links.reader(req.info.codeSet);
  if (!reader) return undefined;
  const codes = links.codesFor(req.doc.uri);
  const date = codes?.file.date ?? req.info.date;
  return { reader, codes, analysis: links.analysis(reader, req.doc.uri, req.info.text, date) };
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

export function register(ctx: ServerContext): void {
  const links = linksFor(ctx);

  ctx.providers.diagnostics.push((req) => {
    const out: Diagnostic[] = [];
    if (req.info.kind === 'note') {
      const n = noteAnalysis(links, req);
      if (!n?.codes) return out;
      for (const f of checkNoteAgainstCodes({
        text: req.info.text,
        analysis: n.analysis,
        codes: n.codes.file,
        codesName: fileName(n.codes.uri),
        codeSet: n.reader.codeSet,
      })) {
        out.push(findingToDiagnostic(req.doc, f));
      }
    } else if (req.info.kind === 'annotation' && req.info.annotation && !isKeyFile(req.doc.uri)) {
      const file = req.info.annotation;
      // the Index is loaded only when there is a note to read
      const note = req.info.codeSet ? links.noteFor(req.doc.uri, file) : undefined;
      if (!note && file.note && req.info.codeSet && uriToPath(req.doc.uri)) {
        // a `note:` header naming no readable file (as `coding-review check` reports it)
        const f = noteNotFound(file, 'was not found beside this file (or is larger than 2 MB)');
        if (f && !isSuppressed(file, f)) out.push(findingToDiagnostic(req.doc, f));
      }
      const reader = note ? links.reader(req.info.codeSet) : undefined;
      if (!reader || !note) return out;
      const analysis = links.analysis(reader, note.uri, note.text, file.date ?? req.info.date);
      for (const f of checkCodesAgainstNote({
        codes: file,
        note: { text: note.text, analysis, name: fileName(note.uri) },
        codeSet: reader.codeSet,
      })) {
        if (!isSuppressed(file, f)) out.push(findingToDiagnostic(req.doc, f));
      }
    }
    return out;
  });

  ctx.providers.hover.push((req, params) => {
    const n = noteAnalysis(links, req);
    if (!n) return undefined;
    const m = mentionAt(n.analysis, req.doc.offsetAt(params.position));
    if (!m) return undefined;
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: hoverMarkdown(m, n.analysis, n.codes?.file.setting, req.info.text),
      },
      range: { start: req.doc.positionAt(m.span.start), end: req.doc.positionAt(m.span.end) },
    };
  });

  ctx.codeActionKinds.add(CodeActionKind.QuickFix);
  ctx.providers.codeActions.push((req, params) => {
    const out: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const data = d.data as FixData | undefined;
      if (d.source !== SOURCE || d.code !== 'documented-not-coded' || data?.fix !== 'add-code') continue;
      const codes = links.codesFor(req.doc.uri);
      if (!codes) continue;
      const cdoc = TextDocument.create(codes.uri, 'code-annotation', 0, codes.text);
      const end = cdoc.positionAt(codes.text.length);
      const evidence = req.doc.getText(d.range).replace(/"/g, "'").replace(/\s+/g, ' ');
      const line = `${data.code}${codes.file.setting === 'inpatient' ? '  POA=Y' : ''}  "${evidence}"`;
      const newText = codes.text.length === 0 || codes.text.endsWith('\n') ? `${line}\n` : `\n${line}\n`;
      out.push({
        title: `Add ${data.code} to ${fileName(codes.uri)}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [codes.uri]: [{ range: { start: end, end }, newText }] } },
      });
    }
    return out;
  });

  // go to definition: annotation line -> its evidence (or the supporting mentions) in the note
  ctx.connection.onDefinition(async (params) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const req = await ctx.request(doc);
    const file = req.info.annotation;
    if (req.info.kind !== 'annotation' || !file) return null;
    const line = file.lines.find((l) => l.line === params.position.line && l.kind === 'dx');
    const note = line ? links.noteFor(doc.uri, file) : undefined;
    const reader = note ? links.reader(req.info.codeSet) : undefined;
    if (!line || !reader || !note) return null;
    const ndoc = TextDocument.create(note.uri, 'clinical-note', 0, note.text);
    const loc = (s: { start: number; end: number }): Location => ({
      uri: note.uri,
      range: { start: ndoc.positionAt(s.start), end: ndoc.positionAt(s.end) },
    });
    const ev = line.evidence ? findEvidence(note.text, line.evidence.text) : undefined;
    if (ev) return [loc(ev)];
    const analysis = links.analysis(reader, note.uri, note.text, file.date ?? req.info.date);
    const support = supportFor(line, analysis, undefined);
    return support.length ? support.map((m) => loc(m.span)) : null;
  });

  // references: note mention -> the annotation lines coding it
  ctx.connection.onReferences(async (params) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const req = await ctx.request(doc);
    const n = noteAnalysis(links, req);
    if (!n?.codes) return [];
    const m = mentionAt(n.analysis, doc.offsetAt(params.position));
    if (!m) return [];
    const cdoc = TextDocument.create(n.codes.uri, 'code-annotation', 0, n.codes.text);
    const cats = new Set(m.candidates.slice(0, 6).map((c) => c.code.replace('.', '').slice(0, 3)));
    const out: Location[] = [];
    for (const l of n.codes.file.lines) {
      if (l.kind !== 'dx') continue;
      const ev = l.evidence ? findEvidence(req.info.text, l.evidence.text) : undefined;
      const byEvidence = ev && ev.start < m.span.end && m.span.start < ev.end;
      if (byEvidence || cats.has(l.code.slice(0, 3))) {
        out.push({
          uri: n.codes.uri,
          range: { start: cdoc.positionAt(l.codeSpan.start), end: cdoc.positionAt(l.codeSpan.end) },
        });
      }
    }
    return out;
  });

  // code lenses on the diagnosis-section lines of a note: the top candidate and whether it is coded
  ctx.connection.onCodeLens(async (params) => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const req = await ctx.request(doc);
    const n = noteAnalysis(links, req);
    if (!n) return [];
    const coded = new Set((n.codes?.file.lines ?? []).filter((l) => l.kind === 'dx').map((l) => l.code.slice(0, 3)));
    const lenses: CodeLens[] = [];
    for (const m of n.analysis.mentions) {
      const s = m.section >= 0 ? n.analysis.sections[m.section] : undefined;
      const top = m.candidates[0];
      if (!s?.diagnostic || !top) continue;
      const c = codability(m, n.codes?.file.setting);
      const status = !c.codable
        ? `not coded: ${c.reason}`
        : n.codes
          ? coded.has(top.code.replace('.', '').slice(0, 3))
            ? `coded in ${fileName(n.codes.uri)}`
            : `not in ${fileName(n.codes.uri)}`
          : 'no annotation file';
      const pos = doc.positionAt(m.span.start);
      lenses.push({
        range: { start: pos, end: pos },
        command: { title: `${top.code} ${top.title} — ${status}`, command: '' },
      });
    }
    return lenses;
  });

  // editing either file re-checks the other
  ctx.documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (/\.codes$/i.test(uri)) {
      const file = parseAnnotation(e.document.getText());
      const note = links.noteFor(uri, file);
      if (note && ctx.documents.get(note.uri)) ctx.recheck(note.uri);
    } else {
      links.forget(uri);
      for (const d of ctx.documents.all()) {
        if (!/\.codes$/i.test(d.uri) || isKeyFile(d.uri)) continue;
        const note = links.noteFor(d.uri, parseAnnotation(d.getText()));
        if (note?.uri === uri) ctx.recheck(d.uri);
      }
    }
  });
}

/** The server's note reader (its Alphabetic Index, loaded once), for the Index search; undefined without Index data. */
export function noteReaderOf(ctx: ServerContext, cs: CodeSet | undefined): NoteReader | undefined {
  return linksFor(ctx).reader(cs);
}
