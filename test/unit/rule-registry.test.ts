/**
 * The rule registry (server/src/core/findings/registry.ts) is the one explicit list of rule ids: every id a finding
 * can carry is in it (the type `Finding['rule']` is the registry's `RuleId`, and every rule id written in the
 * server's sources is one), each id is declared once, and docs/rules.md has exactly one line for each.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allRules, knownRuleIds, RULES, ruleInfo, type RuleId } from '../../server/src/core/findings/registry';
import type { Finding } from '../../server/src/core/findings/types';

const root = path.resolve(__dirname, '../..');

/**
 * Diagnostic codes of the language server that are not findings, so not rules: `size-limit` (services/pipeline.ts)
 * says the file itself was not checked; it is not suppressible and SARIF never sees it (docs/language-server.md).
 */
const SERVER_ONLY_CODES = new Set(['size-limit']);
const ids = RULES.map((r) => r.id);

/** Every .ts file under server/src. */
function sources(dir = path.join(root, 'server/src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The rows of the main table of docs/rules.md (the one whose header starts `| id`): [id, severity]. */
function docRows(): Array<[string, string]> {
  const lines = readFileSync(path.join(root, 'docs/rules.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\|\s*id\s*\|/.test(l));
  assert.ok(start >= 0, 'docs/rules.md has no `| id |` table');
  const rows: Array<[string, string]> = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    const cells = l.split('|').map((c) => c.trim());
    const id = /^`([a-z0-9-]+)`$/.exec(cells[1]);
    assert.ok(id, `docs/rules.md: a row without a rule id: ${l.slice(0, 60)}`);
    rows.push([id[1], cells[2]]);
  }
  return rows;
}

describe('rule registry: one explicit list', () => {
  it('declares every id once', () => {
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    assert.equal(knownRuleIds().size, ids.length);
    assert.deepEqual(
      allRules().map((r) => r.id),
      ids,
    );
    for (const r of RULES) assert.equal(ruleInfo(r.id), r);
    assert.equal(ruleInfo('not-a-rule'), undefined);
  });

  it('a finding can carry only a registry id (types)', () => {
    // compile-time: Finding['rule'] and RuleId are the same type, so a finding with any other id does not build
    const same: [Finding['rule']] extends [RuleId] ? ([RuleId] extends [Finding['rule']] ? true : false) : false = true;
    assert.equal(same, true);
  });

  it('every rule id written in server/src is in the registry', () => {
    const known = new Set<string>(ids);
    const unknown: string[] = [];
    let seen = 0;
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      // `rule: 'x'`, `rule === 'x'`, `rule !== 'x'`
      const re = /\brule\s*(?::|===|!==)\s*'([a-z0-9-]+)'/g;
      for (const m of text.matchAll(re)) {
        seen++;
        if (!known.has(m[1]) && !SERVER_ONLY_CODES.has(m[1])) unknown.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    assert.ok(seen > 40, `only ${seen} rule ids found in server/src: has the pattern gone stale?`);
    assert.deepEqual(unknown, []);
    for (const id of SERVER_ONLY_CODES) assert.equal(ruleInfo(id), undefined, id);
  });

  it('the rule lists of core/findings/rules are exactly the registry', () => {
    const dir = path.join(root, 'server/src/core/findings/rules');
    const listed = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*id: '([a-z0-9-]+)',$/gm)].map((m) => m[1]),
      );
    assert.deepEqual([...listed].sort(), [...ids].sort());
  });
});

describe('docs/rules.md: one line per registry id', () => {
  const rows = docRows();

  it('each id of the registry has exactly one line, and no line names an id outside it', () => {
    const documented = rows.map(([id]) => id);
    assert.deepEqual(
      documented.filter((id, i) => documented.indexOf(id) !== i),
      [],
      'ids with two lines',
    );
    assert.deepEqual(
      ids.filter((id) => !documented.includes(id)),
      [],
      'registry ids without a line in docs/rules.md',
    );
    assert.deepEqual(
      documented.filter((id) => !ids.includes(id as RuleId)),
      [],
      'docs/rules.md lines for ids not in the registry',
    );
  });

  it('each line gives the default severity of the registry', () => {
    for (const [id, severity] of rows) assert.equal(severity, ruleInfo(id)?.severity, id);
  });
});
