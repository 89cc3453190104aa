// Shared helpers for the data build: source files, zip members, fixed-width order files.
// Plain Node ESM; no TypeScript so the build runs before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

/** A problem with the source files or the build: printed as one clear line, exit code 2. */
export class SourceError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SourceError';
  }
}

/**
 * Reads source files below one folder and remembers the sha256 of each file read (for the manifest).
 * Paths are relative to the source folder, with forward slashes.
 */
export class Sources {
  constructor(dir) {
    this.dir = dir;
    /** @type {Record<string, string>} */
    this.hashes = {};
  }

  abs(rel) {
    return path.join(this.dir, rel);
  }

  exists(rel) {
    return existsSync(this.abs(rel));
  }

  /** Reads a file as bytes, recording its hash; a missing file is a SourceError naming it. */
  read(rel) {
    const p = this.abs(rel);
    if (!existsSync(p) || !statSync(p).isFile()) {
      throw new SourceError(
        `missing source file ${rel} (looked in ${this.dir}); see --source / ICD10_SOURCE or --download`,
      );
    }
    const buf = readFileSync(p);
    this.hashes[rel] = sha256(buf);
    return buf;
  }

  /** sha256 of a file without recording it (staleness checks). */
  hashOf(rel) {
    return sha256(readFileSync(this.abs(rel)));
  }

  text(rel) {
    return this.read(rel).toString('latin1');
  }

  /** Unzips a source zip (only the members `filter` accepts, by name) into { name: Uint8Array }. */
  zip(rel, filter = () => true) {
    const buf = this.read(rel);
    try {
      return unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), { filter: (f) => filter(f.name) });
    } catch (e) {
      throw new SourceError(`cannot unzip ${rel}: ${e.message} (the file may be truncated or not a zip)`);
    }
  }
}

export function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex');
}

/** The base name of a zip member ("2020 Code Descriptions/icd10cm_order_2020.txt" -> "icd10cm_order_2020.txt"). */
export function baseName(member) {
  return member.split('/').pop() ?? member;
}

/** Is this zip member the order file (not the order addenda, not a PDF)? Names differ by year. */
export function isOrderMember(member) {
  const b = baseName(member).toLowerCase();
  return b.endsWith('.txt') && b.includes('order') && !b.includes('addenda');
}

/**
 * Finds the single order-file member of an order zip. Throws a SourceError naming the zip when there is
 * none or more than one.
 */
export function orderMemberOf(files, zipRel) {
  const names = Object.keys(files).filter(isOrderMember);
  if (names.length !== 1) {
    throw new SourceError(
      `${zipRel}: expected exactly one order file member (*order*.txt, not addenda), found ${names.length ? names.join(', ') : 'none'}`,
    );
  }
  return names[0];
}

/**
 * Parses a CMS fixed-width order file (CM or PCS): order number cols 1-5, code 7-13, flag col 15,
 * short title 17-76, long title 78-end; CRLF or LF line endings.
 * Returns [{ order, code, flag, short, long }] in file order. Malformed lines are a SourceError.
 */
export function parseOrderFile(bytes, label) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const rows = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const code = line.slice(6, 13).trim();
    const flag = line[14];
    if (!/^\d{5}$/.test(line.slice(0, 5)) || !/^[A-Z0-9]{3,7}$/.test(code) || (flag !== '0' && flag !== '1')) {
      throw new SourceError(`${label} line ${lineNo}: not an order-file row: ${JSON.stringify(line.slice(0, 40))}`);
    }
    rows.push({
      order: Number(line.slice(0, 5)),
      code,
      flag: flag === '1' ? 1 : 0,
      short: line.slice(16, 76).trim(),
      long: line.slice(77).trim(),
    });
  }
  if (rows.length === 0) throw new SourceError(`${label}: empty order file`);
  return rows;
}

/** Parses a tab-separated text table with a header line. Returns rows of string cells (header excluded). */
export function parseTsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return { header: lines[0]?.split('\t') ?? [], rows: lines.slice(1).map((l) => l.split('\t')) };
}

/** Removes the dot and upper-cases a code ("b90.0" -> "B900"). */
export function undot(code) {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/**
 * Merges the code orders of several editions (oldest first) into one list: the newest edition's order;
 * a code missing from it goes right after the code that preceded it in the newest edition that had it
 * (chained, so runs of deleted codes stay together and a header's children still follow it).
 */
export function mergeOrders(orders) {
  const n = orders.length;
  const placed = new Set(orders[n - 1]);
  const after = new Map(); // anchor code ('' = start) -> codes inserted after it
  for (let ei = n - 2; ei >= 0; ei--) {
    let prev = '';
    for (const code of orders[ei]) {
      if (!placed.has(code)) {
        placed.add(code);
        const list = after.get(prev);
        if (list) list.push(code);
        else after.set(prev, [code]);
      }
      prev = code;
    }
  }
  const ordered = [];
  const emit = (code) => {
    if (code !== '') ordered.push(code);
    const list = after.get(code);
    if (list) for (const c of list) emit(c);
  };
  emit('');
  for (const code of orders[n - 1]) emit(code);
  return ordered;
}
