/**
 * Status bar item: the code-set edition used for the active file. A warning icon and text (not only
 * colour) when no edition covers the file's date of service or the data did not load.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { request, type StatusParams } from './protocol';
import type { StatusSnapshot } from './testApi';

export class EditionStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subs: vscode.Disposable[] = [];
  private shown: string | undefined; // the uri shown, undefined when hidden
  private readonly rendered = new vscode.EventEmitter<StatusSnapshot>();
  /** Fires after the item is drawn or hidden (observed by the e2e tests through the test API). */
  readonly onDidRender = this.rendered.event;

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly isOurs: (doc: vscode.TextDocument) => boolean,
  ) {
    this.item = vscode.window.createStatusBarItem('clinicalCoding.edition', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Clinical Coding: code-set edition';
    this.item.command = 'clinicalCoding.showEditions';
    this.subs.push(vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()));
  }

  update(s: StatusParams): void {
    this.byUri.set(s.uri, s);
    if (vscode.window.activeTextEditor?.document.uri.toString() === s.uri) this.render(s);
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.isOurs(doc)) return this.hide();
    const uri = doc.uri.toString();
    const cached = this.byUri.get(uri);
    if (cached) return this.render(cached);
    const client = this.getClient();
    if (!client?.isRunning()) return;
    try {
      this.render(await request(client, 'clinicalCoding/documentStatus', { uri }));
    } catch {
      this.hide();
    }
  }

  private render(s: StatusParams): void {
    const warn = !s.ok;
    // Warning: the nearest edition is used (date outside every edition), or none (data not loaded).
    this.item.text = !warn
      ? `$(book) ${s.edition ?? ''}`
      : s.edition
        ? `$(warning) ${s.edition} (nearest)`
        : '$(warning) ICD-10: no edition';
    const lines = [
      s.edition ? `Code-set edition: ${s.edition}` : 'No code-set edition',
      s.date ? `Date of service: ${s.date}${s.dateSource ? ` (from ${s.dateSource})` : ''}` : '',
      s.message ? `Warning: ${s.message}` : '',
      'Click to show all editions.',
    ].filter(Boolean);
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = { label: lines.join('. '), role: 'button' };
    this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.shown = s.uri;
    this.rendered.fire(this.snapshot());
  }

  private hide(): void {
    this.item.hide();
    this.shown = undefined;
    this.rendered.fire(this.snapshot());
  }

  snapshot(): StatusSnapshot {
    const tooltip = this.item.tooltip;
    return {
      uri: this.shown,
      visible: this.shown !== undefined,
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      warning: this.item.backgroundColor !== undefined,
    };
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  dispose(): void {
    this.item.dispose();
    this.rendered.dispose();
    this.subs.forEach((s) => s.dispose());
  }
}
