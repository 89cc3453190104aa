/* global fetch, AbortSignal */
// `--download`: fetches the official files listed in scripts/data/sources.json into a cache folder laid out
// like ../shared/icd10, so the normal build can read them. Only used when asked for; the project makes no
// other network connection. Any failure stops with a SourceError before the build writes anything.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { SourceError, baseName, sha256 } from './lib.mjs';

const OFFLINE_HINT =
  'no network? copy the official files (layout in docs/data-format.md) into a folder and run `npm run data -- --source DIR`';

async function fetchBytes(url, timeoutMs) {
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(e);
    throw new SourceError(`cannot download ${url}: ${cause}; ${OFFLINE_HINT}`);
  }
  if (!res.ok)
    throw new SourceError(
      `cannot download ${url}: HTTP ${res.status}; the address in scripts/data/sources.json may have moved`,
    );
  return Buffer.from(await res.arrayBuffer());
}

/** Downloads every file of the sources list not already cached; returns the folder to build from. */
export async function download({ root, cacheDir, log, sourcesFile }) {
  const specFile = sourcesFile ? path.resolve(root, sourcesFile) : path.join(root, 'scripts/data/sources.json');
  let spec;
  try {
    spec = JSON.parse(readFileSync(specFile, 'utf8'));
  } catch (e) {
    throw new SourceError(`cannot read the download list ${specFile}: ${e.message}`);
  }
  if (!Array.isArray(spec.files) || !Array.isArray(spec.cmEditions)) {
    throw new SourceError(`${specFile}: expected "files" and "cmEditions" lists`);
  }
  const timeoutMs = spec.timeoutMs ?? 120000;
  mkdirSync(cacheDir, { recursive: true });
  for (const f of spec.files) {
    const dest = path.join(cacheDir, f.path);
    if (existsSync(dest) && (!f.sha256 || sha256(readFileSync(dest)) === f.sha256)) {
      log(`download: ${f.path} (cached)`);
      continue;
    }
    log(`download: ${f.path} <- ${f.url}`);
    let bytes = await fetchBytes(f.url, timeoutMs);
    if (f.extract) {
      const re = new RegExp(f.extract, 'i');
      let files;
      try {
        files = unzipSync(new Uint8Array(bytes), { filter: (m) => re.test(baseName(m.name)) });
      } catch (e) {
        throw new SourceError(`${f.url}: not a zip (${e.message})`);
      }
      const names = Object.keys(files);
      if (names.length !== 1)
        throw new SourceError(`${f.url}: expected one member matching /${f.extract}/, found ${names.length}`);
      bytes = Buffer.from(files[names[0]]);
    }
    if (f.sha256 && sha256(bytes) !== f.sha256) {
      log(
        `download: warning: ${f.path} differs from the file this project was tested with (sha256 ${sha256(bytes).slice(0, 12)}…)`,
      );
    }
    mkdirSync(path.dirname(dest), { recursive: true });
    const part = `${dest}.part-${process.pid}`;
    try {
      writeFileSync(part, bytes);
      renameSync(part, dest);
    } finally {
      rmSync(part, { force: true });
    }
  }
  // cm/editions.tsv describes which edition covers which dates (not a CMS file): written from the list.
  const tsv = [
    'folder\tcode_set\teffective_from\teffective_to',
    ...spec.cmEditions.map((e) => `${e.id}\t${e.label}\t${e.from}\t${e.to}`),
  ];
  mkdirSync(path.join(cacheDir, 'cm'), { recursive: true });
  writeFileSync(path.join(cacheDir, 'cm/editions.tsv'), tsv.join('\n') + '\n');
  return cacheDir;
}
