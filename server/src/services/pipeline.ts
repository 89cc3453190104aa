/**
 * The diagnostics pipeline: debounce per document, compute with every diagnostic provider, apply
 * the user's rule settings and suppression comments, drop results for stale versions, publish,
 * then send `clinicalCoding/status` and `clinicalCoding/diagnosticsPublished` (in that order).
 */
import { isSuppressedAt, suppressionsOf } from '../core/suppression';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsPublished, Status, type DiagnosticsPublishedParams, type StatusParams } from '../protocol';
import type { DocumentRequest, ServerContext } from './context';
import { SOURCE, toLspSeverity } from './convert';
import type { DocumentInfo } from './documents';
import type { RuleSeverity, Settings } from './settings';
import { Scheduler } from './scheduler';

/** Rules suppressed by comments (the one engine, core/suppression.ts); re-exported for the tests. */
export const suppressions = suppressionsOf;

/** Applies disabledRules, per-rule severities and suppression comments. Pure; exported for tests. */
export function applyRuleSettings(diags: Diagnostic[], settings: Settings, text: string): Diagnostic[] {
  const sup = suppressions(text);
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const rule = typeof d.code === 'string' ? d.code : undefined;
    if (rule) {
      if (settings.disabledRules.includes(rule) || isSuppressedAt(sup, rule, d.range.start.line)) continue;
      const sev: RuleSeverity | undefined = settings.severity[rule];
      if (sev === 'off') continue;
      if (sev) d.severity = toLspSeverity(sev);
    }
    out.push(d);
  }
  return out;
}

function limitDiagnostics(doc: TextDocument, info: DocumentInfo): Diagnostic[] {
  if (info.tooLarge) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        code: 'size-limit',
        source: SOURCE,
        message:
          `This file is ${info.tooLarge.sizeKB} KB, over the ${info.tooLarge.limitKB} KB limit ` +
          '(setting clinicalCoding.maxFileSizeKB), so it was not checked.',
      },
    ];
  }
  // annotation files: the parser reports each line over its own limit where it is (syntax-error), and reads
  // shorter lines in full, so a second message would be wrong; the setting applies to notes
  if (info.longLines.length > 0 && info.kind !== 'annotation') {
    const first = info.longLines[0];
    const n = info.longLines.length;
    return [
      {
        range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } },
        severity: DiagnosticSeverity.Information,
        code: 'size-limit',
        source: SOURCE,
        message:
          `${n === 1 ? 'This line is' : `${n} lines (the first is this one) are`} longer than the limit ` +
          '(setting clinicalCoding.maxLineLength) and not checked for codes.',
      },
    ];
  }
  void doc;
  return [];
}

export class DiagnosticsPipeline {
  private readonly scheduler: Scheduler;
  /** last published version per uri, so an older run never overwrites a newer one */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly ctx: ServerContext,
    delayMs: number,
  ) {
    this.scheduler = new Scheduler(delayMs);
  }

  schedule(uri: string, immediate = false): void {
    this.scheduler.schedule(uri, () => void this.run(uri), immediate);
  }

  close(uri: string): void {
    this.scheduler.cancel(uri);
    this.published.delete(uri);
    this.ctx.docs.forget(uri);
    this.ctx.settings.forget(uri);
    void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** request for features: the document's info with current settings */
  async request(doc: TextDocument): Promise<DocumentRequest> {
    const settings = await this.ctx.settings.get(doc.uri);
    this.ctx.logger.level = settings.trace;
    return { doc, settings, info: this.ctx.docs.info(doc, settings) };
  }

  status(info: DocumentInfo): StatusParams {
    const s: StatusParams = { uri: info.uri, ok: false, date: info.date || undefined, dateSource: info.dateSource };
    const ed = info.edition;
    if (!info.codeSet) s.message = this.ctx.data.error ?? 'ICD-10 data not loaded';
    else if (!ed && info.editionIndex !== undefined) {
      s.ok = true;
      s.edition = info.codeSet.editions[info.editionIndex]?.label;
    } else if (ed?.ok) {
      s.ok = true;
      s.edition = ed.label;
    } else if (ed) {
      s.edition = ed.nearest?.label;
      s.message = ed.message + (ed.nearest ? ` Checking against ${ed.nearest.label}.` : '');
    }
    return s;
  }

  private async run(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    try {
      const req = await this.request(doc);
      // a newer version arrived while settings were fetched: its own run will publish
      if (this.ctx.documents.get(uri)?.version !== version) return;
      const t0 = performance.now();
      let diags: Diagnostic[] = limitDiagnostics(doc, req.info);
      const timings: number[] = [];
      if (!req.info.tooLarge) {
        for (const p of this.ctx.providers.diagnostics) {
          const s = performance.now();
          try {
            diags.push(...p(req));
          } catch (e) {
            this.ctx.logger.error(`A diagnostics provider failed on ${uri}`, e);
          }
          timings.push(performance.now() - s);
        }
        diags = applyRuleSettings(diags, req.settings, req.info.text);
      }
      const elapsedMs = performance.now() - t0;
      const last = this.published.get(uri);
      if (last !== undefined && last > version) return;
      this.published.set(uri, version);
      await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics: diags });
      const note: DiagnosticsPublishedParams = { uri, version, count: diags.length, elapsedMs, timings };
      // status first: a client that awaits diagnosticsPublished has the status of that version too
      await this.ctx.connection.sendNotification(Status, this.status(req.info));
      await this.ctx.connection.sendNotification(DiagnosticsPublished, note);
      this.ctx.logger.trace(`checked ${uri} v${version}: ${diags.length} diagnostics in ${elapsedMs.toFixed(1)} ms`);
      this.ctx.logger.text(`text of ${uri} v${version}`, req.info.text); // only at trace "verbose" (PHI)
    } catch (e) {
      this.ctx.logger.error(`Checking ${uri} failed`, e);
    }
  }
}
