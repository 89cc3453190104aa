// Runs inside the VS Code extension host (bundled by test/e2e/run.mjs to out/e2e/suite/index.js).
// Loads every *.e2e.js beside it into mocha, writes a spec-like report to E2E_RESULT_FILE (read and
// printed by run.mjs), and, when E2E_SHOTS_IPC is set, stages the workbench for screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { stageScreenshots } from './screens';

export async function run(): Promise<void> {
  // mocha is resolved from the repository's node_modules (out/e2e/suite/ is inside the repo).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof import('mocha');
  const lines: string[] = [];
  const out = (s: string): void => {
    lines.push(s);
    console.log(s);
  };
  // Screenshots first, while only the example shown is open (the tests add their own documents).
  // Not a test: a failure here is reported but does not fail the run.
  if (process.env.E2E_SHOTS_IPC) {
    try {
      await stageScreenshots(process.env.E2E_SHOTS_IPC);
    } catch (e) {
      console.log(`(screenshots: ${String(e)})`);
    }
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: class {} as never });
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.e2e.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('suite', (s) => s.title && out(`${'  '.repeat(depth(s))}${s.title}`));
    runner.on('pass', (t) => {
      passed++;
      out(`${'  '.repeat(depth(t.parent))}  ✔ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      failed++;
      out(`${'  '.repeat(depth(t.parent))}  ✘ ${failed}) ${t.title}`);
      failures.push(
        `  ${failed}) ${t.fullTitle()}:\n     ${String(err?.stack ?? err)
          .split('\n')
          .slice(0, 12)
          .join('\n     ')}`,
      );
    });
  });
  out('');
  out(`  ${passed} passing (${Date.now() - started} ms)`);
  if (failed > 0) {
    out(`  ${failed} failing`);
    out('');
    for (const f of failures) out(f);
  }
  if (process.env.E2E_RESULT_FILE) fs.writeFileSync(process.env.E2E_RESULT_FILE, lines.join('\n') + '\n');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  if (failed > 0) throw new Error(`${failed} e2e test(s) failed`);
}

function depth(s: { parent?: unknown } | undefined): number {
  let d = 0;
  let p = s as { parent?: unknown; root?: boolean } | undefined;
  while (p && !p.root) {
    d++;
    p = p.parent as typeof p;
  }
  return Math.max(0, d - 1);
}
