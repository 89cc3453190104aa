/**
 * The code browser: a tree view of the code set for the edition of the active file (ICD-10-CM chapters →
 * blocks → categories → codes, with billable/header icons, and the ICD-10-PCS Tables), searchable, with
 * "Insert at cursor" and "Copy code". The data comes from the server (clinicalCoding/codeTree, codeTreePath).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { request, runningClient, type CodeTreeNode } from './protocol';

const CODE_BROWSER_VIEW = 'clinicalCoding.codeBrowser';

export interface CodeBrowserShown {
  /** the search shown ('' when none) */
  query: string;
  /** labels of the items just listed under `parent` */
  labels: string[];
  /** their kinds (`chapter`, `block`, `header`, `billable`, `pcs-code` …) and the icons shown for them */
  kinds: string[];
  icons: string[];
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

const iconId = (n: CodeTreeNode): string => ICONS[n.kind] ?? 'circle-outline';

/** the icon of a node: billable codes (and complete PCS codes) in the "passed" colour, headers as folders */
function iconOf(n: CodeTreeNode): vscode.ThemeIcon {
  const billable = n.kind === 'billable' || n.kind === 'pcs-code';
  return new vscode.ThemeIcon(iconId(n), billable ? new vscode.ThemeColor('testing.iconPassed') : undefined);
}

/** What the test API sees of the code browser (the e2e tests wait on these instead of sleeping). */
export interface CodeBrowserEvents {
  shown: vscode.EventEmitter<CodeBrowserShown>;
  /** the node ids selected in the view */
  selected: vscode.EventEmitter<string[]>;
}

/** What the extension keeps of the code browser. */
export interface CodeBrowserHandle {
  /** lists everything again (the server (re)started) */
  refresh(): void;
  /** the node ids selected now */
  selection(): string[];
}

class CodeTreeProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** the document whose date picks the edition */
  uri: string | undefined;
  edition: string | undefined;
  message: string | undefined;
  /** the message says the edition is not the one of a date of service (shown above the tree) */
  warning = false;
  filter: { query: string; hits: CodeTreeNode[]; instructions: string[] } | undefined;
  /** each parent's children, listed once until the next refresh (VS Code and find() share one request) */
  private readonly listed = new Map<string, Promise<Item[]>>();

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly shown: vscode.EventEmitter<CodeBrowserShown>,
    private readonly onEdition: () => void,
    private readonly onStarting: () => void,
  ) {}

  refresh(): void {
    this.listed.clear();
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
    t.iconPath = iconOf(n);
    // read out (and found by the e2e screenshots) as "I50.23, Acute on chronic …, billable"
    t.accessibilityInformation = {
      label: [n.label, n.description, status === 'header' ? 'header, not billable' : status].filter(Boolean).join(', '),
    };
    if (n.code) t.contextValue = it.result ? 'clinicalCodingCode.result' : 'clinicalCodingCode';
    if (n.kind === 'results') t.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    return t;
  }

  getParent(it: Item): Item | undefined {
    return it.parent;
  }

  async getChildren(it?: Item): Promise<Item[]> {
    if (it?.node.kind !== 'results' && !this.getClient()?.isRunning()) {
      // listed again when the server runs (CodeBrowserHandle.refresh)
      if (!it) this.onStarting();
      return [];
    }
    const k = it ? this.key(it) : '';
    let p = this.listed.get(k);
    if (!p) {
      p = this.list(it);
      this.listed.set(k, p);
      p.catch(() => this.listed.delete(k));
    }
    const items = await p;
    // every listing is told (the e2e tests wait on it), a cached one too
    this.shown.fire({
      query: this.filter?.query ?? '',
      labels: items.map((x) => x.node.label),
      kinds: items.map((x) => x.node.kind),
      icons: items.map((x) => iconId(x.node)),
      parent: it ? it.node.id : '',
      edition: this.edition,
    });
    return items;
  }

  private async list(it: Item | undefined): Promise<Item[]> {
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
      const r = await request(this.getClient()!, 'clinicalCoding/codeTree', { node: it?.node.id, uri: this.uri });
      if (!it) {
        const changed = r.edition !== this.edition || r.message !== this.message || !!r.warning !== this.warning;
        this.edition = r.edition;
        this.message = r.message;
        this.warning = !!r.warning;
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
  events: CodeBrowserEvents,
): CodeBrowserHandle {
  const provider = new CodeTreeProvider(
    getClient,
    events.shown,
    () => {
      view.description = provider.edition;
      // above the tree only when the edition is not that of the file's date of service; else the title says it
      view.message =
        provider.message && (provider.warning || !provider.edition)
          ? `Edition: ${provider.edition ?? '?'} — ${provider.message}`
          : undefined;
    },
    () => {
      view.message = 'The language server is starting…';
    },
  );
  const view: vscode.TreeView<Item> = vscode.window.createTreeView(CODE_BROWSER_VIEW, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const selectedIds = (): string[] => view.selection.map((it) => it.node.id);
  context.subscriptions.push(view.onDidChangeSelection(() => events.selected.fire(selectedIds())));
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
    const it = (arg as Item | undefined) ?? view.selection[0];
    return it?.node.code;
  };

  const reveal = async (code: string, pcs: boolean): Promise<boolean> => {
    const client = getClient();
    if (!client?.isRunning()) return false;
    const r = await request(client, 'clinicalCoding/codeTreePath', { code, pcs, uri: provider.uri });
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
    const client = runningClient(getClient);
    if (!client) return;
    const query =
      typeof arg === 'string'
        ? arg
        : await vscode.window.showInputBox({
            title: 'Search the code browser',
            prompt: 'Words (congestive heart failure, CHF) or a code (I50.2); the Alphabetic Index is searched first',
            value: provider.filter?.query,
          });
    if (!query?.trim()) return;
    const r = await request(client, 'clinicalCoding/search', { query, uri: provider.uri, limit: 50 });
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
    if (results) await view.reveal(results, { select: true, focus: true, expand: true });
  });
  reg('clinicalCoding.codeBrowser.clearSearch', () => {
    provider.filter = undefined;
    void vscode.commands.executeCommand('setContext', 'clinicalCoding.codeBrowser.filtered', false);
    provider.refresh();
  });
  reg('clinicalCoding.codeBrowser.refresh', () => provider.refresh());
  // the code's place in the hierarchy (chapter → block → category → …); a string argument is a code
  reg('clinicalCoding.codeBrowser.reveal', async (arg?: unknown, pcs?: unknown) => {
    const it = typeof arg === 'string' ? undefined : ((arg as Item | undefined) ?? view.selection[0]);
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
  return {
    refresh: () => {
      view.message = undefined;
      provider.edition = undefined;
      provider.refresh();
    },
    selection: selectedIds,
  };
}
