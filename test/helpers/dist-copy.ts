/**
 * A temp copy of the built bundles (dist/server.js, dist/cli.js) with a data folder that is missing or
 * broken in a chosen way, so tests can run the shipped programs as a user with bad data would.
 * The bundles find their data in dist/data beside them (defaultDataDir); CODING_REVIEW_DATA is removed
 * from the environment given to the children (see `env`).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const ROOT = path.resolve(__dirname, '../..');

export type Breakage =
  | 'missing-dir' // no dist/data at all
  | 'empty-dir' // dist/data exists, empty
  | 'cm-not-gzip' // cm.json.gz is not gzip
  | 'cm-truncated' // cm.json.gz cut in half
  | 'cm-bad-json' // valid gzip of invalid JSON
  | 'cm-wrong-version' // valid JSON with another format version
  | 'manifest-bad-json' // manifest.json is not JSON
  | 'no-index'; // only the Alphabetic Index artifact is missing

export interface DistCopy {
  dir: string;
  server: string;
  cli: string;
  data: string;
  /** environment for the children: without CODING_REVIEW_DATA */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

export function distCopy(breakage: Breakage): DistCopy {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ccr-dist-${breakage}-`));
  const dist = path.join(dir, 'dist');
  mkdirSync(dist);
  for (const f of ['server.js', 'cli.js']) copyFileSync(path.join(ROOT, 'dist', f), path.join(dist, f));
  const data = path.join(dist, 'data');
  if (breakage !== 'missing-dir') {
    mkdirSync(data);
    if (breakage !== 'empty-dir') {
      for (const f of readdirSync(path.join(ROOT, 'dist/data')))
        copyFileSync(path.join(ROOT, 'dist/data', f), path.join(data, f));
    }
  }
  const cm = path.join(data, 'cm.json.gz');
  switch (breakage) {
    case 'cm-not-gzip':
      writeFileSync(cm, 'this is not gzip');
      break;
    case 'cm-truncated': {
      const b = readFileSync(cm);
      writeFileSync(cm, b.subarray(0, b.length >> 1));
      break;
    }
    case 'cm-bad-json':
      writeFileSync(cm, gzipSync('{"formatVersion": 1, "editions": ['));
      break;
    case 'cm-wrong-version':
      writeFileSync(cm, gzipSync(JSON.stringify({ formatVersion: 999, editions: [], codes: [] })));
      break;
    case 'manifest-bad-json':
      writeFileSync(path.join(data, 'manifest.json'), '{ not json');
      break;
    case 'no-index':
      rmSync(path.join(data, 'index.json.gz'));
      break;
    default:
      break;
  }
  const env = { ...process.env };
  delete env.CODING_REVIEW_DATA;
  return {
    dir,
    server: path.join(dist, 'server.js'),
    cli: path.join(dist, 'cli.js'),
    data,
    env,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
