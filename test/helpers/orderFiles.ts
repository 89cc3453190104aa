/**
 * Reads the official order files straight from the source zips (../shared/icd10 beside the repo, or
 * $ICD10_SOURCE), independently of the data build, so tests can compare the artifacts and the core
 * against the authority: a code is valid for reporting exactly when its order file flags it 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

const repoRoot = path.resolve(__dirname, '../..');

/** The official files' folder (same default and override as scripts/data/build-data.mjs). */
export const SOURCE_DIR = path.resolve(repoRoot, process.env.ICD10_SOURCE ?? '../shared/icd10');

export interface OrderRow {
  code: string;
  /** 1 = valid for reporting (billable), 0 = header */
  flag: 0 | 1;
  short: string;
  long: string;
}

/** The edition ids of cm/editions.tsv, in file order ("fy2016" … "fy2026"). */
export function cmEditionIds(): string[] {
  const file = path.join(SOURCE_DIR, 'cm/editions.tsv');
  if (!existsSync(file)) throw new Error(`official files not found: ${file} (set ICD10_SOURCE)`);
  return readFileSync(file, 'latin1')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split('\t')[0].trim())
    .filter((id) => id !== '');
}

function orderRowsOfZip(zipPath: string): OrderRow[] {
  if (!existsSync(zipPath)) throw new Error(`official file not found: ${zipPath} (set ICD10_SOURCE)`);
  const files = unzipSync(readFileSync(zipPath), {
    filter: (f) => {
      const base = (f.name.split('/').pop() ?? '').toLowerCase();
      return base.endsWith('.txt') && base.includes('order') && !base.includes('addenda');
    },
  });
  const names = Object.keys(files);
  if (names.length !== 1) throw new Error(`${zipPath}: expected one order file, found ${names.join(', ') || 'none'}`);
  const text = Buffer.from(files[names[0]]).toString('latin1');
  const rows: OrderRow[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    rows.push({
      code: line.slice(6, 13).trim(),
      flag: line[14] === '1' ? 1 : 0,
      short: line.slice(16, 76).trim(),
      long: line.slice(77).trim(),
    });
  }
  return rows;
}

/** The rows of an ICD-10-CM edition's order file (edition id as in cm/editions.tsv, e.g. "fy2024-april"). */
export function cmOrderRows(editionId: string): OrderRow[] {
  return orderRowsOfZip(path.join(SOURCE_DIR, 'cm', editionId, 'code-descriptions.zip'));
}

/** The rows of an ICD-10-PCS order file ("fy2024" … "fy2026"). */
export function pcsOrderRows(editionId: string): OrderRow[] {
  return orderRowsOfZip(path.join(SOURCE_DIR, 'pcs', editionId, 'order.zip'));
}
