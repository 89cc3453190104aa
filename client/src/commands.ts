/** The palette commands. Every one works from the keyboard; none needs the mouse. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { companionOf, createAnnotationFor, type Companion } from './companion';
import { request, runningClient, type EditionsResult, type SearchResult } from './protocol';
import type { LookupShown } from './testApi';

interface CodePick extends vscode.QuickPickItem {
  code: string;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  restart: () => Promise<void>,
  output: vscode.LogOutputChannel,
  lookupShown?: vscode.EventEmitter<LookupShown>,
): void {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  // An optional string argument (a keybinding's `args`, or a test) fills in the query.
  reg('clinicalCoding.lookupCode', async (initial?: unknown) => {
    const client = runningClient(getClient);
    if (!client) return;
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString();
    const qp = vscode.window.createQuickPick<CodePick>();
    qp.placeholder = 'Type a code (I50.2) or words (acute on chronic systolic)';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    let seq = 0;
    const search = async (value: string): Promise<void> => {
      const mine = ++seq;
      if (!value.trim()) {
        qp.items = [];
        return;
      }
      qp.busy = true;
      try {
        const r = await request(client, 'clinicalCoding/search', { query: value, uri, limit: 100 });
        if (mine !== seq) return;
        qp.title = r.edition ? `ICD-10-CM codes, ${r.edition}` : 'ICD-10-CM codes';
        // the Index path ("Index: Failure, heart, congestive → I50.9") under the code; an Index term without a
        // code ("Urosepsis - code to condition") as an item that inserts nothing
        const detail = (i: SearchResult['items'][number]) =>
          [i.billable ? undefined : 'header: not billable', i.path, i.note].filter(Boolean).join(' · ') || undefined;
        qp.items = [
          ...(r.instructions ?? []).map((text) => ({
            label: '$(info) Alphabetic Index',
            description: text,
            detail: 'No code of its own: code the condition documented (query the provider if unclear)',
            code: '',
            alwaysShow: true,
          })),
          ...r.items.map((i) => ({
            label: i.code,
            description: i.title,
            detail: detail(i),
            code: i.code,
            alwaysShow: true,
          })),
        ];
      } catch (e) {
        output.appendLine(`lookup failed: ${(e as Error).message}`);
      } finally {
        if (mine === seq) qp.busy = false;
      }
    };
    qp.onDidChangeValue(search);
    // The workbench has shown results once it reports the active (first) item.
    qp.onDidChangeActive((active) => {
      if (active[0]) lookupShown?.fire({ query: qp.value, codes: qp.items.map((i) => i.code), active: active[0].code });
    });
    if (typeof initial === 'string' && initial.trim()) {
      qp.value = initial;
      void search(initial);
    }
    const picked = await new Promise<CodePick | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    if (!picked || !picked.code) return;
    const target = vscode.window.activeTextEditor;
    if (target) {
      await target.edit((b) => target.selections.forEach((s) => b.replace(s, picked.code)));
    } else {
      await vscode.env.clipboard.writeText(picked.code);
      void vscode.window.showInformationMessage(`${picked.code} copied to the clipboard.`);
    }
  });

  // Shows the editions in a quick pick (not awaited) and returns them, so scripts and tests can read them.
  reg('clinicalCoding.showEditions', async (): Promise<EditionsResult | undefined> => {
    const client = runningClient(getClient);
    if (!client) return undefined;
    const r = await request(client, 'clinicalCoding/editions', {});
    if (r.error) {
      void vscode.window.showErrorMessage(`Clinical Coding: ${r.error}`);
      return r;
    }
    const items: vscode.QuickPickItem[] = [
      { label: 'ICD-10-CM', kind: vscode.QuickPickItemKind.Separator },
      ...[...r.cm].reverse().map((e) => ({
        label: e.label,
        description: `${e.from} to ${e.to}`,
        detail: `${e.billable.toLocaleString('en-US')} billable of ${e.total.toLocaleString('en-US')} codes`,
      })),
      { label: 'ICD-10-PCS', kind: vscode.QuickPickItemKind.Separator },
      ...[...r.pcs].reverse().map((e) => ({ label: e.label, description: `${e.from} to ${e.to}` })),
    ];
    void vscode.window.showQuickPick(items, {
      title: `Code-set editions (Tabular notes from FY${r.tabularYear ?? '?'})`,
      placeHolder: 'The date of service picks the edition',
    });
    return r;
  });

  reg('clinicalCoding.restartServer', () => restart());

  /** The companion by the server's linking service; undefined (with a message) when it cannot be asked. */
  const companion = async (uri: vscode.Uri): Promise<Companion | undefined> => {
    const client = runningClient(getClient);
    if (!client) return undefined;
    try {
      return await companionOf(client, uri);
    } catch (e) {
      void vscode.window.showErrorMessage(`Clinical Coding: ${(e as Error).message}`);
      return undefined;
    }
  };

  reg('clinicalCoding.openAnnotationForNote', async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return;
    const found = await companion(doc.uri);
    if (!found) return;
    if (found.kind === 'note') {
      void vscode.window.showInformationMessage(
        'This is an annotation file: use "Open note for this annotation file".',
      );
      return;
    }
    let target = found.uri;
    if (!target) {
      const choice = await vscode.window.showInformationMessage(
        'No annotation file for this note yet.',
        'Create one beside it',
      );
      if (choice) target = await createAnnotationFor(doc.uri);
    }
    if (target) await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside });
  });

  reg('clinicalCoding.openNoteForAnnotation', async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return;
    const found = await companion(doc.uri);
    if (found?.uri) await vscode.window.showTextDocument(found.uri, { viewColumn: vscode.ViewColumn.Beside });
    else if (found) void vscode.window.showInformationMessage(found.message);
  });

  reg('clinicalCoding.openExample', async () => {
    const dir = vscode.Uri.joinPath(context.extensionUri, 'examples');
    const codes: string[] = [];
    const walk = async (rel: string, depth: number): Promise<void> => {
      let entries: Array<[string, vscode.FileType]> = [];
      try {
        entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(dir, rel));
      } catch {
        return; // no bundled examples
      }
      for (const [name, type] of entries) {
        const child = rel ? `${rel}/${name}` : name;
        if (type === vscode.FileType.Directory && depth < 3) await walk(child, depth + 1);
        else if (type === vscode.FileType.File && name.endsWith('.codes')) codes.push(child);
      }
    };
    await walk('', 0);
    codes.sort();
    if (!codes.length) {
      void vscode.window.showWarningMessage('No bundled examples found.');
      return;
    }
    const pick = await vscode.window.showQuickPick(codes, {
      placeHolder: 'Open an example encounter (synthetic note and its annotation file)',
    });
    if (!pick) return;
    const uri = vscode.Uri.joinPath(dir, pick);
    const doc = await vscode.workspace.openTextDocument(uri);
    const client = getClient();
    const found = client?.isRunning() ? await companionOf(client, uri).catch(() => undefined) : undefined;
    const note = found?.uri;
    if (note) await vscode.window.showTextDocument(note, { viewColumn: vscode.ViewColumn.One });
    await vscode.window.showTextDocument(doc, { viewColumn: note ? vscode.ViewColumn.Beside : vscode.ViewColumn.One });
  });
}
