/**
 * Loads the data artifacts that scripts/data/build-data.mjs writes (dist/data/*.json.gz, shapes in
 * ../core/data.ts). Node-only (fs, zlib): the core receives the loaded plain objects.
 * Every problem is a DataError whose message names the file and says what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CmShapeError, cmDataFromArtifact } from '../core/codeset/cmtable';
import { TabularShapeError, tabularFromArtifact } from '../core/codeset/tabtable';
import {
  DATA_FORMAT_VERSION,
  type CmArtifact,
  type CmData,
  type DataManifest,
  type ExtrasData,
  type IndexData,
  type PcsData,
  type PcsTablesData,
  type TabularArtifact,
  type TabularData,
} from '../core/data';

/** A missing, corrupt or out-of-date data artifact. `file` is the path concerned. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

export interface PartTypes {
  cm: CmData;
  tabular: TabularData;
  pcs: PcsData;
  extras: ExtrasData;
  /** the Alphabetic Index (note reading); never loaded by default */
  index: IndexData;
  /** the ICD-10-PCS Tables (axes and meanings): loadDataset's default (the CLI); the server loads it on first use */
  pcstables: PcsTablesData;
}
export type PartName = keyof PartTypes;

export const PART_FILES: { readonly [K in PartName]: string } = {
  cm: 'cm.json.gz',
  tabular: 'tabular.json.gz',
  pcs: 'pcs.json.gz',
  extras: 'extras.json.gz',
  index: 'index.json.gz',
  pcstables: 'pcs-tables.json.gz',
};

export interface Dataset {
  cm: CmData;
  tabular?: TabularData;
  pcs?: PcsData;
  extras?: ExtrasData;
  index?: IndexData;
  pcstables?: PcsTablesData;
  manifest: DataManifest;
  /** the folder the data came from */
  dir: string;
}

export interface LoadOptions {
  /** which optional parts to load besides cm (default: all that exist but the Index) */
  parts?: Array<Exclude<PartName, 'cm'>>;
  /** throw when one of `parts` is missing instead of leaving it undefined (default false) */
  requireAll?: boolean;
  /**
   * read the ICD-10-CM short titles (a 3 MB column) and the Tabular nodes' titles (`desc`, 2.3 MB) only when
   * first asked for (CmData.short/row, TabularData.node/codes), from the file again; the language server, which
   * shows neither, sets this (default false)
   */
  titlesOnDemand?: boolean;
}

const FIX = 'run `npm run data` (or `npm run build`) to build the data from the official files';

/**
 * The data folder: dist/data beside the bundle (dist/server.js, dist/cli.js live in dist/), or, when
 * running from sources (server/src/data/load.ts under tsx), the repo's dist/data.
 * CODING_REVIEW_DATA overrides both.
 */
export function defaultDataDir(): string {
  const env = process.env.CODING_REVIEW_DATA;
  if (env) return path.resolve(env);
  const here = __dirname;
  const bundled = path.join(here, 'data'); // dist/server.js, dist/cli.js -> dist/data
  const fromSources = path.resolve(here, '../../../dist/data'); // server/src/data -> <repo>/dist/data
  const primary = /[\\/]src[\\/]data$/.test(here) ? fromSources : bundled;
  const other = primary === bundled ? fromSources : bundled;
  // Prefer the expected place; fall back to the other one if only it has data; else name the expected one.
  if (existsSync(path.join(primary, 'manifest.json')) || !existsSync(path.join(other, 'manifest.json'))) return primary;
  return other;
}

/**
 * Reads a *.json.gz artifact. `fast` may read the gunzipped bytes without JSON.parse-ing them whole; it
 * returns undefined when it cannot, and the whole text is then parsed as JSON.
 */
function readJsonGz(file: string, fast?: (bytes: Buffer) => unknown): unknown {
  if (!existsSync(file)) throw new DataError(`data file ${file} is missing; ${FIX}`, file);
  let bytes: Buffer;
  try {
    bytes = gunzipWhole(readFileSync(file));
  } catch (e) {
    throw new DataError(`data file ${file} is corrupt (${(e as Error).message}); ${FIX}`, file);
  }
  try {
    const v = fast?.(bytes);
    if (v !== undefined) return v;
    // The build writes pure-ASCII JSON (non-ASCII as \u escapes), so latin1 decoding is exact and faster.
    return JSON.parse(bytes.toString('latin1'));
  } catch (e) {
    throw new DataError(`data file ${file} is not valid JSON (${(e as Error).message}); ${FIX}`, file);
  }
}

const CM_COLUMNS = ['codes', 'status', 'titles', 'shorts'] as const;
const TABULAR_COLUMNS = ['keys', 'descs', 'notes'] as const;

/**
 * cm.json.gz (format 2) and tabular.json.gz (format 3) end with their big string columns, which need no JSON
 * escape but for a rare non-ASCII letter (\u00e9): they are cut straight out of the bytes (no multi-MB string
 * for JSON.parse to copy again, no JSON.parse peak), and only the small head before them is parsed. A column
 * with an escape is parsed alone as a JSON string. Anything unexpected (other keys or order) returns
 * undefined, and the file is parsed as JSON like any other.
 */
function columnReader(
  columns: readonly string[],
  skip?: string,
): (bytes: Buffer) => Record<string, unknown> | undefined {
  return (bytes) => {
    const first = Buffer.from(`,"${columns[0]}":"`, 'latin1');
    const at = bytes.indexOf(first);
    if (at < 0) return undefined;
    let head: unknown;
    try {
      head = JSON.parse(bytes.toString('latin1', 0, at) + '}');
    } catch {
      return undefined;
    }
    if (!isObj(head)) return undefined;
    let p = at;
    for (const name of columns) {
      const key = `,"${name}":"`;
      if (bytes.toString('latin1', p, p + key.length) !== key || name in head) return undefined;
      const start = p + key.length;
      let end = bytes.indexOf(0x22 /* " */, start);
      let escaped = false;
      // a quote preceded by an odd number of backslashes is inside the string
      for (;;) {
        if (end < 0) return undefined;
        let k = end - 1;
        while (k >= start && bytes[k] === 0x5c /* \ */) k--;
        if ((end - 1 - k) % 2 === 0) break;
        escaped = true;
        end = bytes.indexOf(0x22, end + 1);
      }
      const bs = escaped ? start : bytes.indexOf(0x5c /* \\ */, start);
      const raw = bs >= 0 && bs < end ? bytes.toString('latin1', start - 1, end + 1) : undefined;
      if (name === skip)
        head[name] = ''; // checked, not kept
      else head[name] = raw === undefined ? bytes.toString('latin1', start, end) : (JSON.parse(raw) as string);
      p = end + 1;
    }
    return bytes.toString('latin1', p).trim() === '}' ? head : undefined;
  };
}
const readCmColumns = columnReader(CM_COLUMNS);
const readCmColumnsButShorts = columnReader(CM_COLUMNS, 'shorts');
const readTabularColumns = columnReader(TABULAR_COLUMNS);
const readTabularColumnsButDescs = columnReader(TABULAR_COLUMNS, 'descs');

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkVersion(v: Record<string, unknown>, file: string): void {
  if (v.formatVersion !== DATA_FORMAT_VERSION) {
    throw new DataError(
      `data file ${file} has format version ${String(v.formatVersion)}, this program reads version ${DATA_FORMAT_VERSION}; ${FIX}`,
      file,
    );
  }
}

function shapeError(file: string, what: string): DataError {
  return new DataError(`data file ${file} has an unexpected shape (${what}); ${FIX}`, file);
}

/** Basic shape checks per part: cheap (first/last rows), not a full schema validation. */
const validators: { [K in PartName]: (v: Record<string, unknown>, file: string) => void } = {
  cm(v, file) {
    // format 2: columns (CmArtifact); cmDataFromArtifact checks that they agree with each other
    const eds = v.editions;
    if (!Array.isArray(eds) || eds.length === 0) throw shapeError(file, 'no editions');
    if (typeof v.codes !== 'string' || v.codes.length === 0 || typeof v.count !== 'number' || v.count < 1) {
      throw shapeError(file, 'no codes');
    }
    for (const k of ['status', 'titles', 'shorts'] as const) {
      if (typeof v[k] !== 'string') throw shapeError(file, `no ${k} column`);
    }
    if (!Array.isArray(v.oldTitles)) throw shapeError(file, 'no oldTitles');
  },
  tabular(v, file) {
    // format 3: columns (TabularArtifact); tabularFromArtifact checks that they agree with each other
    if (!Array.isArray(v.chapters) || !Array.isArray(v.sections) || typeof v.count !== 'number' || v.count < 1) {
      throw shapeError(file, 'chapters/sections/count');
    }
    for (const k of TABULAR_COLUMNS) {
      if (typeof v[k] !== 'string') throw shapeError(file, `no ${k} column`);
    }
  },
  pcs(v, file) {
    if (!Array.isArray(v.editions) || !Array.isArray(v.codes) || v.codes.length === 0) {
      throw shapeError(file, 'editions/codes');
    }
    const row = v.codes[0] as unknown;
    if (!isObj(row) || typeof row.status !== 'string' || row.status.length !== v.editions.length) {
      throw shapeError(file, 'status strings must have one character per PCS edition');
    }
  },
  extras(v, file) {
    if (!isObj(v.poaExempt) || !isObj(v.msdrg) || !isObj(v.hcc) || !Array.isArray(v.conversion)) {
      throw shapeError(file, 'poaExempt/msdrg/hcc/conversion');
    }
  },
  index(v, file) {
    if (!Array.isArray(v.terms) || v.terms.length === 0) throw shapeError(file, 'no Index terms');
  },
  pcstables(v, file) {
    if (!Array.isArray(v.editions) || v.editions.length === 0) throw shapeError(file, 'no PCS tables editions');
    for (const e of v.editions as unknown[]) {
      if (!isObj(e) || !Array.isArray(e.tables) || !Array.isArray(e.labels) || typeof e.fiscalYear !== 'number')
        throw shapeError(file, 'an edition without fiscalYear/labels/tables');
    }
  },
};

/** Loads and checks one artifact. Throws DataError when missing, corrupt or of another format version. */
export function loadPart<K extends PartName>(
  dir: string,
  part: K,
  opts: Pick<LoadOptions, 'titlesOnDemand'> = {},
): PartTypes[K] {
  const file = path.join(dir, PART_FILES[part]);
  const lazyShorts = part === 'cm' && opts.titlesOnDemand === true;
  const lazyDescs = part === 'tabular' && opts.titlesOnDemand === true;
  const readers: { [P in PartName]?: (bytes: Buffer) => Record<string, unknown> | undefined } = {
    cm: lazyShorts ? readCmColumnsButShorts : readCmColumns,
    tabular: lazyDescs ? readTabularColumnsButDescs : readTabularColumns,
  };
  const v = readJsonGz(file, readers[part]);
  if (!isObj(v)) throw shapeError(file, 'not an object');
  checkVersion(v, file);
  validators[part](v, file);
  if (part === 'cm') {
    try {
      const shorts = lazyShorts ? () => column(file, readCmColumns, 'shorts') : undefined;
      return cmDataFromArtifact(v as unknown as CmArtifact, shorts) as PartTypes[K];
    } catch (e) {
      if (e instanceof CmShapeError) throw shapeError(file, e.message);
      throw e;
    }
  }
  if (part === 'tabular') {
    try {
      const descs = lazyDescs ? () => column(file, readTabularColumns, 'descs') : undefined;
      return tabularFromArtifact(v as unknown as TabularArtifact, descs) as PartTypes[K];
    } catch (e) {
      if (e instanceof TabularShapeError) throw shapeError(file, e.message);
      throw e;
    }
  }
  return v as unknown as PartTypes[K];
}

/** Largest output chunk asked of zlib (the artifacts are 1-13 MB decompressed). */
const MAX_CHUNK = 64 * 1024 * 1024;

/**
 * gunzip into one buffer of the final size: the gzip trailer's ISIZE (RFC 1952 section 2.3.1, the
 * input size mod 2^32) is the size zlib will produce, so asking for it as the chunk size avoids
 * zlib's default 16 KB chunks and the copy that joins them. In a fresh process that halves the
 * memory first touched, which is what the cold load of cm.json.gz spends its time on
 * (docs/performance.md, "Loading cm"). zlib checks ISIZE against what it produced, so a wrong
 * trailer throws as any corrupt stream does (loadPart says the file is corrupt).
 */
export function gunzipWhole(gz: Buffer): Buffer {
  const isize = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  const chunkSize = isize > 0 && isize < MAX_CHUNK ? Math.max(64, isize + 1) : undefined; // zlib: chunkSize >= 64
  return chunkSize === undefined ? gunzipSync(gz) : gunzipSync(gz, { chunkSize });
}

/** a column of an artifact, read again (titlesOnDemand) */
function column(file: string, reader: (bytes: Buffer) => Record<string, unknown> | undefined, name: string): string {
  const v = readJsonGz(file, reader);
  if (!isObj(v) || typeof v[name] !== 'string') throw shapeError(file, `no ${name} column`);
  checkVersion(v, file);
  return v[name];
}

/** Reads dist/data/manifest.json. */
export function loadManifest(dir: string): DataManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new DataError(`no data in ${dir} (manifest.json is missing); ${FIX}`, file);
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError(`data manifest ${file} is corrupt (${(e as Error).message}); ${FIX}`, file);
  }
  if (!isObj(v)) throw shapeError(file, 'not an object');
  checkVersion(v, file);
  return v as unknown as DataManifest;
}

/** True when the artifact of `part` exists in `dir` (without loading it). */
export function hasPart(dir: string, part: PartName): boolean {
  return existsSync(path.join(dir, PART_FILES[part]));
}

/**
 * Loads the manifest, cm (always) and the optional parts. An optional part that is absent is left
 * undefined unless `requireAll`; a part that is present but corrupt always throws.
 */
export function loadDataset(dir: string = defaultDataDir(), opts: LoadOptions = {}): Dataset {
  const manifest = loadManifest(dir);
  const ds: Dataset = { cm: loadPart(dir, 'cm', opts), manifest, dir };
  const wanted = opts.parts ?? (['tabular', 'pcs', 'extras', 'pcstables'] as const);
  for (const p of wanted) {
    if (!opts.requireAll && !hasPart(dir, p)) continue;
    // Assigning through a switch keeps the types exact without casts.
    switch (p) {
      case 'tabular':
        ds.tabular = loadPart(dir, 'tabular', opts);
        break;
      case 'pcs':
        ds.pcs = loadPart(dir, 'pcs');
        break;
      case 'extras':
        ds.extras = loadPart(dir, 'extras');
        break;
      case 'index':
        ds.index = loadPart(dir, 'index');
        break;
      case 'pcstables':
        ds.pcstables = loadPart(dir, 'pcstables');
        break;
    }
  }
  return ds;
}
