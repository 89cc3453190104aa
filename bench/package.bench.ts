/**
 * VSIX size: packages the extension (npm run package, via scripts/e2e/package-vsix.mjs) to a temp file and
 * reports its size against the 15 MB budget. When `npm run package` fails for a reason that does not change
 * the contents (e.g. vsce cannot rewrite README image links without a repository URL), it packages with
 * vsce directly, giving placeholder base URLs, and says so in the figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function () {
  const root = path.resolve(__dirname, '..');
  // @ts-expect-error -- a plain .mjs module without types
  const { packageVsix } = (await import('../scripts/e2e/package-vsix.mjs')) as {
    packageVsix: (root: string, out: string) => { ok: boolean; log: string };
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ccr-vsix-'));
  try {
    const out = path.join(dir, 'clinical-coding-review.vsix');
    const r = packageVsix(root, out);
    let how = 'npm run package';
    if (!r.ok || !existsSync(out)) {
      const why = /ERROR\s+(.*)/.exec(r.log)?.[1]?.slice(0, 60) ?? 'failed';
      const v = spawnSync(
        path.join(root, 'node_modules/.bin/vsce'),
        [
          'package',
          '--no-dependencies',
          '--allow-missing-repository',
          '--skip-license',
          '--baseContentUrl',
          'https://example.invalid/',
          '--baseImagesUrl',
          'https://example.invalid/',
          '--out',
          out,
        ],
        { cwd: root, encoding: 'utf8' },
      );
      if (v.status !== 0) throw new Error(`packaging failed:\n${r.log}\n${v.stdout}${v.stderr}`);
      how = `vsce with placeholder base URLs; npm run package: "${why}…"`;
    }
    return [{ figure: `VSIX size (${how})`, value: statSync(out).size / 1048576, unit: 'MB', budget: 15 }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
