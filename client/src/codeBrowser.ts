/**
 * The code browser: a tree view of the code set for the edition of the active file (ICD-10-CM chapters →
 * blocks → categories → codes, with billable/header icons, and the ICD-10-PCS Tables), searchable, with
 * "Insert at cursor" and "Copy code". The data comes from the server (clinicalCoding/codeTree, codeTreePath).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CodeTree,
  CodeTreePath,
  Search,
  type CodeTreeNode,
  type CodeTreePathResult,
  type CodeTreeResult,
  type SearchResult,
} from './protocol';

export const CODE_BROWSER_VIEW = 'clinicalCoding.codeBrowser';

export interface CodeBrowserShown {
  /** the search shown ('' when none) */
  query: string;
  /** labels of the items just listed under `parent` */
  labels: string[];
  /** the id of the node whose children were listed ('' for the roots) */
  parent: string;
  edition?: string;
}

interface Item {
  node: CodeTreeNode;
  parent?: Item;
  /** listed under the search results (the same code may also be in the hierarchy) */
  result: boolean;
}

const ICONS: Record<string, string> = {
  root: 'library',
  results: 'search',
  chapter: 'book',
  block: 'symbol-namespace',
  header: 'symbol-folder',
  billable: 'pass',
  'pcs-axis': 'symbol-field',
  'pcs-table': 'table',
  'pcs-code': 'pass',
  info: 'info',
};

class CodeTreeProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** the document whose date picks the edition */
  uri: string | undefined;
  edition: string | undefined;
  message: string | undefined;
  filter: { query: string; hits: CodeTreeNode[]; instructions: string[] } | undefined;
  private byKey = new Map<string, Item>();

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly shown: vscode.EventEmitter<CodeBrowserShown>,
    private readonly onEdition: () => void,
  ) {}

  refresh(): void {
    this.byKey.clear();
    this.changed.fire(undefined);
  }

  private key(it: Item): string {
    return (it.result ? 'result/' : '') + it.node.id;
  }

  getTreeItem(it: Item): vscode.TreeItem {
    const n = it.node;
    const t = new vscode.TreeItem(
      n.label,
      n.leaf ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
    );
    t.id = this.key(it);
    const status = n.kind === 'billable' || n.kind === 'pcs-code' ? 'billable' : n.kind === 'header' ? 'header' : '';
    t.description = n.description;
    t.tooltip = `${n.label}${n.description ? ` — ${n.description}` : ''}${
      status === 'billable'
        ? '\nBillable (valid for reporting)'
        : status === 'header'
          ? '\nHeader: not valid for reporting'
          : ''
    }`;
    t.iconPath = new vscode.ThemeIcon(
      ICONS[n.kind] ?? 'circle-outline',
      status === 'billable' ? new vscode.ThemeColor('testing.iconPassed') : undefined,
    );
    if (n.code) t.contextValue = it.result ? 'clinicalCodingCode.result' : 'clinicalCodingCode';
    if (n.kind === 'results') t.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    return t;
  }

  getParent(it: Item): Item | undefined {
    return it.parent;
  }

  async getChildren(it?: Item): Promise<Item[]> {
    const parentId = it ? it.node.id : '';
    let items: Item[];
    if (it?.node.kind === 'results') {
      const f = this.filter;
      items = [
        ...(f?.instructions ?? []).map((text): Item => ({
          node: { id: `info:${text}`, label: text, kind: 'info', leaf: true },
          parent: it,
          result: true,
        })),
        ...(f?.hits ?? []).map((node): Item => ({ node, parent: it, result: true })),
      ];
    } else {
      const client = this.getClient();
      if (!client?.isRunning()) return [];
      const r = await client.sendRequest<CodeTreeResult>(CodeTree, { node: it?.node.id, uri: this.uri });
      if (!it) {
        const changed = r.edition !== this.edition || r.message !== this.message;
        this.edition = r.edition;
        this.message = r.message;
        if (changed) this.onEdition();
      }
      items = r.nodes.map((node): Item => ({ node, parent: it, result: it?.result ?? false }));
      if (!it && this.filter) {
        const n = this.filter.hits.length;
        items.unshift({
          node: {
            id: 'results',
            label: `Search: ${this.filter.query}`,
            description: `${n} result${n === 1 ? '' : 's'}`,
            kind: 'results',
            leaf: false,
          },
          result: false,
        });
      }
    }
    for (const x of items) this.byKey.set(this.key(x), x);
    this.shown.fire({
      query: this.filter?.query ?? '',
      labels: items.map((x) => x.node.label),
      parent: parentId,
      edition: this.edition,
    });
    return items;
  }

  /** the item of a node id under a parent, listing the parent's children if needed */
  async find(parent: Item | undefined, id: string, result = false): Promise<Item | undefined> {
    const kids = await this.getChildren(parent);
    return kids.find((k) => k.node.id === id && k.result === result);
  }
}

export function registerCodeBrowser(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  isOurs: (doc: vscode.TextDocument) => boolean,
  shown: vscode.EventEmitter<CodeBrowserShown>,
): void {
  const provider = new CodeTreeProvider(getClient, shown, () => {
    if (view) view.description = provider.edition;
    if (view) view.message = provider.message ? `Edition: ${provider.edition ?? '?'} — ${provider.message}` : undefined;
  });
  const view: vscode.TreeView<Item> = vscode.window.createTreeView(CODE_BROWSER_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  const follow = (e: vscode.TextEditor | undefined) => {
    const uri = e && isOurs(e.document) ? e.document.uri.toString() : undefined;
    if (uri && uri !== provider.uri) {
      provider.uri = uri;
      provider.refresh();
    }
  };
  follow(vscode.window.activeTextEditor);
  context.subscriptions.push(view, vscode.window.onDidChangeActiveTextEditor(follow));

  const codeOf = (arg: unknown): string | undefined => {
    const it = (arg as Item | undefined) ?? view?.selection[0];
    return it?.node.code;
  };

  const reveal = async (code: string, pcs: boolean): Promise<boolean> => {
    const client = getClient();
    if (!client?.isRunning() || !view) return false;
    const r = await client.sendRequest<CodeTreePathResult>(CodeTreePath, { code, pcs, uri: provider.uri });
    let item: Item | undefined;
    for (const id of r.path) {
      const next = await provider.find(item, id);
      if (!next) break;
      item = next;
    }
    if (!item || item.node.id !== r.path[r.path.length - 1]) return false;
    await view.reveal(item, { select: true, focus: true, expand: !item.node.leaf });
    return true;
  };

  // An optional string argument (a keybinding's `args`, a test) is the query; else an input box asks.
  reg('clinicalCoding.codeBrowser.search', async (arg?: unknown) => {
    const client = getClient();
    if (!client?.isRunning()) {
      void vscode.window.showWarningMessage('Clinical Coding: the language server is not running.');
      return;
    }
    const query =
      typeof arg === 'string'
        ? arg
        : await vscode.window.showInputBox({
            title: 'Search the code browser',
            prompt: 'Words (congestive heart failure, CHF) or a code (I50.2); the Alphabetic Index is searched first',
            value: provider.filter?.query,
          });
    if (!query?.trim()) return;
    const r = await client.sendRequest<SearchResult>(Search, { query, uri: provider.uri, limit: 50 });
    provider.filter = {
      query: query.trim(),
      instructions: r.instructions ?? [],
      hits: r.items.map((i) => ({
        id: `cm:${i.code}`,
        label: i.code,
        description: i.path ? `${i.title} — ${i.path}` : i.title,
        kind: i.billable ? 'billable' : 'header',
        code: i.code,
        leaf: i.billable,
      })),
    };
    void vscode.commands.executeCommand('setContext', 'clinicalCoding.codeBrowser.filtered', true);
    provider.refresh();
    // show the results: the view opens with the results node expanded and selected
    const results = await provider.find(undefined, 'results');
    if (results && view) await view.reveal(results, { select: true, focus: true, expand: true });
  });
  reg('clinicalCoding.codeBrowser.clearSearch', () => {
    provider.filter = undefined;
    void vscode.commands.executeCommand('setContext', 'clinicalCoding.codeBrowser.filtered', false);
    provider.refresh();
  });
  reg('clinicalCoding.codeBrowser.refresh', () => provider.refresh());
  // the code's place in the hierarchy (chapter → block → category → …); a string argument is a code
  reg('clinicalCoding.codeBrowser.reveal', async (arg?: unknown, pcs?: unknown) => {
    const it = typeof arg === 'string' ? undefined : ((arg as Item | undefined) ?? view?.selection[0]);
    const code = typeof arg === 'string' ? arg : it?.node.code;
    if (!code) return false;
    // a string argument is ICD-10-CM unless the second argument says PCS (or it is 7 characters from a digit)
    const isPcs = it ? it.node.kind === 'pcs-code' : pcs === true || /^[0-9][0-9A-HJ-NP-Z]{6}$/.test(code);
    const ok = await reveal(code, isPcs);
    if (!ok)
      void vscode.window.showInformationMessage(
        `${code} is not in the code browser for ${provider.edition ?? 'this edition'}.`,
      );
    return ok;
  });
  reg('clinicalCoding.codeBrowser.insertCode', async (arg?: unknown) => {
    const code = codeOf(arg);
    if (!code) return;
    const target = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!target) {
      await vscode.env.clipboard.writeText(code);
      void vscode.window.showInformationMessage(`No editor open: ${code} copied to the clipboard.`);
      return;
    }
    await target.edit((b) => target.selections.forEach((s) => b.replace(s, code)));
  });
  reg('clinicalCoding.codeBrowser.copyCode', async (arg?: unknown) => {
    const code = codeOf(arg);
    if (!code) return;
    await vscode.env.clipboard.writeText(code);
    void vscode.window.setStatusBarMessage(`${code} copied`, 3000);
  });
}
