/** `coding-review check` on physician queries (*.query.md) and notes (query opportunities): the built dist/cli.js. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const cli = path.join(ROOT, 'dist/cli.js');

interface J {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
}

function json(args: string[]): { code: number | null; list: J[] } {
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, list: JSON.parse(r.stdout) as J[] };
}

describe('cli: check on queries and notes', function () {
  this.timeout(60_000);
  before(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs\` first`);
  });

  it('reports a query-opportunity in every CDI example note, at the vague mention', () => {
    const r = json(['examples/cdi']);
    assert.equal(r.code, 0);
    const notes = r.list
      .filter((f) => f.rule === 'query-opportunity')
      .map((f) => [path.basename(f.file), f.line, f.column, f.severity]);
    assert.deepEqual(notes, [
      ['anemia.note', 14, 1, 'information'],
      ['diabetes.note', 13, 1, 'information'],
      ['electrolytes.note', 13, 1, 'information'],
      ['encephalopathy.note', 16, 1, 'information'],
      ['heart-failure.note', 20, 4, 'information'],
      ['kidney.note', 14, 1, 'information'],
      ['malnutrition.note', 13, 1, 'information'],
      ['obesity.note', 13, 1, 'information'],
      ['pneumonia.note', 16, 1, 'information'],
      ['pressure-injury.note', 14, 1, 'information'],
      ['respiratory-failure.note', 19, 1, 'information'],
      ['sepsis.note', 19, 4, 'information'],
    ]);
  });

  it('checks every non-compliant query and finds nothing in the golden drafts', () => {
    const bad = json(['test/fixtures/cdi/noncompliant']);
    assert.equal(bad.code, 0, 'query findings are warnings');
    const files = new Set(bad.list.map((f) => path.basename(f.file)));
    assert.equal(files.size, 10);
    assert.ok(bad.list.every((f) => f.rule.startsWith('query-') && f.severity === 'warning'));
    const good = json(['test/fixtures/cdi/golden', 'test/fixtures/cdi/compliant']);
    assert.deepEqual(good.list, []);
  });
});
