/**
 * The extension manifest's contributions agree with the code: commands registered, languages'
 * configuration files present, settings schema matching what the server reads, Workspace Trust.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/services/settings';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;
const clientDir = path.join(root, 'client/src');
const clientSource = readdirSync(clientDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(path.join(clientDir, f), 'utf8'))
  .join('\n');
/** command ids registered by commands.ts (reg('id', …)) */
const registered = [...readFileSync(path.join(clientDir, 'commands.ts'), 'utf8').matchAll(/reg\('([^']+)'/g)].map(
  (m) => m[1],
);
const contributed: string[] = c.commands.map((x: { command: string }) => x.command);

describe('extension manifest', () => {
  it('runs dist/client.js on VS Code ^1.100.0, activated by both languages', () => {
    assert.equal(pkg.main, './dist/client.js');
    assert.equal(pkg.engines.vscode, '^1.100.0');
    for (const l of ['clinical-note', 'code-annotation']) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`));
  });

  it('every contributed command is named in the client, and every command of commands.ts is contributed', () => {
    for (const id of contributed) assert.ok(clientSource.includes(`'${id}'`), id);
    for (const id of registered) assert.ok(contributed.includes(id), id);
  });

  it('menus, keybindings and walkthrough links name real commands', () => {
    const known = new Set(contributed);
    const used = [
      ...Object.values(c.menus as Record<string, Array<{ command: string }>>)
        .flat()
        .map((m) => m.command),
      ...c.keybindings.map((k: { command: string }) => k.command),
      ...c.walkthroughs.flatMap((w: { steps: Array<{ description: string }> }) =>
        w.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])),
      ),
    ];
    for (const id of used) assert.ok(known.has(id) || id.startsWith('workbench.'), id);
  });

  it('the code browser: every contributed view is created in the client, and view menus name a contributed view', () => {
    const views: string[] = Object.values(c.views as Record<string, Array<{ id: string }>>)
      .flat()
      .map((v) => v.id);
    assert.ok(views.includes('clinicalCoding.codeBrowser'));
    // in its own activity-bar container (full height, not squeezed under the Explorer's file tree)
    const containers = (c.viewsContainers.activitybar as Array<{ id: string; icon: string }>).map((x) => x.id);
    for (const container of Object.keys(c.views as object)) assert.ok(containers.includes(container), container);
    assert.deepEqual(
      (c.views.clinicalCoding as Array<{ id: string }>).map((v) => v.id),
      ['clinicalCoding.codeBrowser'],
    );
    const browser = readFileSync(path.join(clientDir, 'codeBrowser.ts'), 'utf8');
    for (const id of views) assert.ok(browser.includes(`'${id}'`), `createTreeView of ${id}`);
    for (const menu of ['view/title', 'view/item/context']) {
      for (const m of c.menus[menu] as Array<{ command: string; when: string }>) {
        const view = /view == ([\w.]+)/.exec(m.when)?.[1];
        assert.ok(view && views.includes(view), `${menu} ${m.command}: ${m.when}`);
      }
    }
    // commands that need a tree item are hidden from the palette
    const hidden = (c.menus.commandPalette as Array<{ command: string; when: string }>)
      .filter((m) => m.when === 'false')
      .map((m) => m.command);
    for (const id of ['insertCode', 'copyCode', 'reveal'])
      assert.ok(hidden.includes(`clinicalCoding.codeBrowser.${id}`), id);
  });

  const files: Array<[string, string]> = [
    ...c.languages
      .filter((l: { configuration?: string }) => l.configuration)
      .map((l: { id: string; configuration: string }): [string, string] => [l.id, l.configuration]),
    ...c.walkthroughs.flatMap((w: { steps: Array<{ id: string; media: { markdown: string } }> }) =>
      w.steps.map((s): [string, string] => [s.id, s.media.markdown]),
    ),
  ];
  for (const [id, file] of files) {
    it(`${id}: ${file} exists${file.endsWith('.json') ? ' and is JSON' : ''}`, () => {
      const p = path.join(root, file);
      assert.ok(existsSync(p));
      if (file.endsWith('.json')) JSON.parse(readFileSync(p, 'utf8'));
    });
  }

  it('languages: *.note is clinical-note, *.codes is code-annotation, # comments in annotation files', () => {
    const byId = Object.fromEntries(
      c.languages.map((l: { id: string; extensions?: string[] }) => [l.id, l.extensions]),
    );
    assert.deepEqual(byId['clinical-note'], ['.note']);
    assert.deepEqual(byId['code-annotation'], ['.codes']);
    const conf = JSON.parse(readFileSync(path.join(root, 'language-configuration/code-annotation.json'), 'utf8'));
    assert.equal(conf.comments.lineComment, '#');
  });

  const settings: Array<[string, unknown, string]> = [
    ['defaultSetting', DEFAULT_SETTINGS.defaultSetting, 'resource'],
    ['defaultDateOfService', DEFAULT_SETTINGS.defaultDateOfService, 'resource'],
    ['severity', DEFAULT_SETTINGS.severity, 'resource'],
    ['disabledRules', DEFAULT_SETTINGS.disabledRules, 'resource'],
    ['notePatterns', DEFAULT_SETTINGS.notePatterns, 'resource'],
    ['maxFileSizeKB', DEFAULT_SETTINGS.maxFileSizeKB, 'resource'],
    ['maxLineLength', DEFAULT_SETTINGS.maxLineLength, 'resource'],
    ['trace.server', DEFAULT_SETTINGS.trace, 'window'],
  ];
  for (const [key, def, scope] of settings) {
    it(`clinicalCoding.${key}: default ${JSON.stringify(def)}, scope ${scope}`, () => {
      const p = c.configuration.properties[`clinicalCoding.${key}`];
      assert.deepEqual(p.default, def);
      assert.equal(p.scope, scope);
      assert.ok(p.markdownDescription || p.description);
    });
  }

  it('Workspace Trust: limited support, every workspace-scoped setting of the server restricted', () => {
    const t = pkg.capabilities.untrustedWorkspaces;
    assert.equal(t.supported, 'limited');
    const resource = settings.filter(([, , s]) => s === 'resource').map(([k]) => `clinicalCoding.${k}`);
    assert.deepEqual(
      resource.filter((k) => !t.restrictedConfigurations.includes(k)),
      [],
    );
    assert.ok(!t.restrictedConfigurations.includes('clinicalCoding.trace.server'));
  });

  it('packages with vsce without dependencies', () => {
    assert.match(pkg.scripts.package, /^vsce package --no-dependencies\b/);
    assert.equal(pkg.scripts['vscode:prepublish'], 'node scripts/build.mjs');
  });
});
