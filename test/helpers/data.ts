/**
 * Shared test helper: the real data artifacts (dist/data), loaded once per test process.
 * When they are missing, the error says to run `npm run data`.
 */
import path from 'node:path';
import { loadDataset, loadPart, type Dataset, type PartName, type PartTypes } from '../../server/src/data/load';

/** The repo's dist/data (or $CODING_REVIEW_DATA). */
export const DATA_DIR = process.env.CODING_REVIEW_DATA
  ? path.resolve(process.env.CODING_REVIEW_DATA)
  : path.resolve(__dirname, '../../dist/data');

let cached: Dataset | undefined;

/** cm + every optional part present in dist/data, cached. Throws a clear error when the data is not built. */
export function getDataset(): Dataset {
  if (!cached) {
    try {
      cached = loadDataset(DATA_DIR);
    } catch (e) {
      throw new Error(`test data not available: ${(e as Error).message}\n(run \`npm run data\` first)`);
    }
  }
  return cached;
}

/** One part that a test needs; a clear error when it is missing (never a silent skip). */
export function getPart<K extends PartName>(part: K): PartTypes[K] {
  const ds = getDataset();
  const v = part === 'cm' ? ds.cm : ds[part as Exclude<PartName, 'cm'>];
  if (v) return v as PartTypes[K];
  try {
    return loadPart(DATA_DIR, part);
  } catch (e) {
    throw new Error(`test data part "${part}" not available: ${(e as Error).message}`);
  }
}
