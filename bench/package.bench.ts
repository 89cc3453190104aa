/**
 * VSIX size: packages the extension (npm run package, via scripts/e2e/package-vsix.mjs) to a temp file and
 * reports its size against the 15 MB budget.
 */
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
    if (!r.ok || !existsSync(out)) throw new Error(`npm run package failed:\n${r.log}`);
    return [{ figure: 'VSIX size (npm run package)', value: statSync(out).size / 1048576, unit: 'MB', budget: 15 }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
