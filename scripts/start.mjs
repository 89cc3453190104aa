// npm start: the main job on the bundled examples. Builds what is missing (data artifacts from
// ../shared/icd10, bundles), then runs `coding-review check examples/`. The examples are meant to
// show findings, so exit code 1 (findings with errors) counts as success here; 2 (usage or data
// problem) does not.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 2;

if (run(['scripts/build.mjs']) !== 0) process.exit(2);
const extra = process.argv.slice(2);
const status = run(['dist/cli.js', 'check', ...(extra.length ? extra : ['examples/'])]);
process.exit(status === 2 ? 2 : 0);
