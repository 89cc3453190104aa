#!/usr/bin/env node
// The data build (`npm run data`): reads the official CMS/NCHS files and writes the git-ignored
// artifacts of server/src/core/data.ts to dist/data/ (see docs/data-format.md).
//
// Usage: node scripts/data/build-data.mjs [options]        (npm run data -- [options])
//   --source DIR   the official files (default ../shared/icd10 beside the repo, or $ICD10_SOURCE);
//                  a relative DIR is resolved against the repo root
//   --out DIR      where the artifacts go (default dist/data)
//   --only a,b     build only these parts (cm, tabular, pcs, extras, index); the manifest keeps the others
//   --if-stale     do nothing when the artifacts are up to date (same format version, same source
//                  hashes, build scripts not newer than the manifest)
//   --download     fetch the official files listed in scripts/data/sources.json (or --sources FILE)
//                  into a cache folder (dist/source-cache, or --cache DIR) and build from there.
//                  Never done by default; without a network it fails and writes nothing.
//   --quiet        print nothing but errors
// Exit codes: 0 ok, 2 missing/corrupt sources or bad usage, 1 unexpected failure.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SourceError, Sources } from './lib.mjs';
import { cmPart } from './part-cm.mjs';
import { tabularPart } from './part-tabular.mjs';
import { pcsPart } from './part-pcs.mjs';
import { extrasPart } from './part-extras.mjs';
import { indexPart } from './index-part.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** The artifacts' format version: the same file server/src/core/data.ts imports (DATA_FORMAT_VERSION). */
export const FORMAT_VERSION = createRequire(import.meta.url)(
  '../../server/src/core/data-format.json',
).dataFormatVersion;

/**
 * The parts of the build, in order. Each: { name, artifact, inputs(src) -> source paths,
 * build(src, ctx) -> { data, summary: string[] } }. To add a part, import it and append it here.
 */
export const parts = [cmPart, tabularPart, pcsPart, extrasPart, indexPart];

function parseArgs(argv) {
  const opts = {
    ifStale: false,
    download: false,
    quiet: false,
    only: null,
    source: null,
    out: null,
    cache: null,
    sources: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new SourceError(`${a} needs a value`);
      return v;
    };
    if (a === '--if-stale') opts.ifStale = true;
    else if (a === '--download') opts.download = true;
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--source') opts.source = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--cache') opts.cache = value();
    else if (a === '--sources') opts.sources = value();
    else if (a === '--only')
      opts.only = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--help' || a === '-h') {
      const head = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      const end = head.findIndex((l) => l.startsWith('import'));
      console.log(
        head
          .slice(1, end)
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n'),
      );
      process.exit(0);
    } else throw new SourceError(`unknown argument ${a} (try --help)`);
  }
  return opts;
}

function readManifest(outDir) {
  try {
    return JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** Why the artifacts of `selected` need a rebuild, or null when they are up to date. */
function staleReason(outDir, selected, src) {
  const manifest = readManifest(outDir);
  if (!manifest) return 'no manifest';
  if (manifest.formatVersion !== FORMAT_VERSION) return `format version ${manifest.formatVersion} -> ${FORMAT_VERSION}`;
  const builtMs = statSync(path.join(outDir, 'manifest.json')).mtimeMs;
  for (const f of readdirSync(here)) {
    if (f.endsWith('.mjs') || f.endsWith('.json')) {
      if (statSync(path.join(here, f)).mtimeMs > builtMs) return `scripts/data/${f} changed`;
    }
  }
  // repo files the build reads besides the official ones (a versioned table in docs/)
  for (const rel of ['docs/tabular-note-changes.tsv']) {
    const p = path.join(root, rel);
    if (existsSync(p) && statSync(p).mtimeMs > builtMs) return `${rel} changed`;
  }
  for (const part of selected) {
    const art = path.join(outDir, part.artifact);
    if (!existsSync(art)) return `${part.artifact} missing`;
    if (manifest.artifacts?.[part.artifact] !== statSync(art).size) return `${part.artifact} size differs`;
    for (const rel of part.inputs(src)) {
      if (!src.exists(rel)) return `source ${rel} missing`; // the build will then say so clearly
      if (manifest.sources?.[rel] !== src.hashOf(rel)) return `source ${rel} changed`;
    }
  }
  return null;
}

/**
 * JSON with every non-ASCII character written as a \\uXXXX escape, so the artifact is pure ASCII and
 * the loader can decode it as latin1 (faster than UTF-8 decoding; same text).
 */
export function asciiJson(data) {
  return JSON.stringify(data).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function fmtSize(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} kB`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = opts.quiet ? () => {} : (...a) => console.log(...a);
  const outDir = path.resolve(root, opts.out ?? 'dist/data');

  let sourceDir = path.resolve(root, opts.source ?? process.env.ICD10_SOURCE ?? '../shared/icd10');
  if (opts.download) {
    const { download } = await import('./download.mjs');
    const cacheDir = path.resolve(root, opts.cache ?? 'dist/source-cache');
    sourceDir = await download({ root, cacheDir, log, sourcesFile: opts.sources });
  }
  if (!existsSync(sourceDir)) {
    // `npm run build` runs with --if-stale: artifacts already built (e.g. copied in) are kept when the
    // official files are not on this machine, rather than failing the whole build.
    const m = opts.ifStale && !opts.download ? readManifest(outDir) : null;
    const selectedNow = opts.only ? parts.filter((p) => opts.only.includes(p.name)) : parts;
    if (
      m &&
      m.formatVersion === FORMAT_VERSION &&
      selectedNow.every((p) => existsSync(path.join(outDir, p.artifact)))
    ) {
      log(
        `data: the official files are not at ${sourceDir}; keeping the existing artifacts in ${path.relative(root, outDir) || outDir}`,
      );
      return;
    }
    throw new SourceError(
      `the official ICD-10 files are not at ${sourceDir}. Put them there (see docs/data-format.md), ` +
        `pass --source DIR or set ICD10_SOURCE, or run with --download to fetch them from CMS/NCHS`,
    );
  }

  const known = new Map(parts.map((p) => [p.name, p]));
  for (const n of opts.only ?? []) {
    if (!known.has(n)) throw new SourceError(`--only: unknown part "${n}" (parts: ${[...known.keys()].join(', ')})`);
  }
  const selected = opts.only ? parts.filter((p) => opts.only.includes(p.name)) : parts;
  const src = new Sources(sourceDir);

  if (opts.ifStale) {
    const reason = staleReason(outDir, selected, src);
    if (!reason) {
      log(`data: ${path.relative(root, outDir) || outDir} is up to date`);
      return;
    }
    log(`data: rebuilding (${reason})`);
  }

  mkdirSync(outDir, { recursive: true });
  const temps = [];
  const artifacts = {};
  const t0 = performance.now();
  try {
    for (const part of selected) {
      const t = performance.now();
      const { data, summary } = await part.build(src, { formatVersion: FORMAT_VERSION, root });
      const gz = gzipSync(Buffer.from(asciiJson(data), 'latin1'), { level: 9 });
      const tmp = path.join(outDir, `${part.artifact}.tmp-${process.pid}`);
      writeFileSync(tmp, gz);
      temps.push([tmp, path.join(outDir, part.artifact)]);
      artifacts[part.artifact] = gz.length;
      log(`[${part.name}] ${part.artifact}: ${fmtSize(gz.length)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      for (const line of summary) log(`  ${line}`);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, final] of temps) renameSync(tmp, final);

  // The manifest covers every artifact present: keep the entries of parts not rebuilt this time.
  const old = readManifest(outDir);
  const keep = old && old.formatVersion === FORMAT_VERSION && opts.only;
  const manifest = {
    formatVersion: FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    source: sourceDir,
    sources: { ...(keep ? old.sources : {}), ...src.hashes },
    artifacts: { ...(keep ? old.artifacts : {}), ...artifacts },
  };
  const mtmp = path.join(outDir, `manifest.json.tmp-${process.pid}`);
  writeFileSync(mtmp, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(mtmp, path.join(outDir, 'manifest.json'));
  const total = Object.values(manifest.artifacts).reduce((a, b) => a + b, 0);
  log(
    `data: ${Object.keys(manifest.artifacts).length} artifacts, ${fmtSize(total)} in total, ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${path.relative(root, outDir) || outDir}`,
  );
}

main().catch((e) => {
  if (e instanceof SourceError) {
    console.error(`data build: ${e.message}`);
    process.exit(2);
  }
  console.error('data build failed:', e);
  process.exit(1);
});
