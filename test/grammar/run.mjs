// Grammar tests: scope assertions in test/grammar/*.test.codes and *.test.note, checked against
// syntaxes/*.tmLanguage.json with vscode-tmgrammar-test. Counts each assertion line as one test and
// ends with `grammar: N passed, N failed` (read by scripts/test.mjs).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'test/grammar');
const files = readdirSync(dir).filter((f) => /\.test\.(codes|note)$/.test(f));
const grammars = readdirSync(path.join(root, 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json'));

let passed = 0;
let failed = 0;
for (const f of files) {
  const text = readFileSync(path.join(dir, f), 'utf8').split(/\r?\n/);
  // The first line is `<comment token> SYNTAX TEST "<scope>"`; assertion lines are that token
  // followed by `^` or `<-` markers.
  const token = text[0].split(' SYNTAX TEST')[0];
  const esc = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assertion = new RegExp(`^${esc}\\s*(\\^|<-)`);
  const total = text.filter((l) => assertion.test(l)).length;
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/vscode-tmgrammar-test'),
    [...grammars.flatMap((g) => ['-g', path.join('syntaxes', g)]), path.join('test/grammar', f)],
    { cwd: root, encoding: 'utf8' },
  );
  const out = `${r.stdout}${r.stderr}`;
  // Each failed assertion is reported with its position: "at [file:line:col:col]".
  const failures = [...out.matchAll(/^\s*at \[/gm)].length || (r.status === 0 ? 0 : 1);
  failed += failures;
  passed += Math.max(0, total - failures);
  console.log(`${r.status === 0 ? '✔' : '✘'} ${f}: ${total} assertions, ${failures} failed`);
  if (r.status !== 0) console.log(out.trim());
}
if (files.length === 0) {
  console.log('no grammar tests found');
  failed += 1;
}
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
