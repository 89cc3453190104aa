// Packages the extension to `outFile` for the e2e run and `npm run try`: `npm run package -- --out FILE`
// when the manifest has that script (if it writes its .vsix somewhere else, the newest .vsix it wrote
// in the repo root or dist/ is copied), else `vsce package --no-dependencies`.
// Returns { ok, log }.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export function packageVsix(root, outFile) {
  rmSync(outFile, { force: true });
  const started = Date.now();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const r = pkg.scripts?.package
    ? spawnSync('npm', ['run', '--silent', 'package', '--', '--out', outFile], { cwd: root, encoding: 'utf8' })
    : spawnSync(
        path.join(root, 'node_modules/.bin/vsce'),
        ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile],
        { cwd: root, encoding: 'utf8' },
      );
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) return { ok: false, log };
  if (!existsSync(outFile)) {
    const fresh = ['.', 'dist']
      .flatMap((d) => {
        const dir = path.join(root, d);
        return existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f)) : [];
      })
      .filter((f) => f.endsWith('.vsix') && statSync(f).mtimeMs >= started - 1000)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    if (fresh.length === 0) return { ok: false, log: `${log}\nno .vsix was written` };
    copyFileSync(fresh[0], outFile);
  }
  return { ok: true, log };
}
