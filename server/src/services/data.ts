/**
 * Loads the data artifacts and builds the code set once, on first use. A failure is kept (not
 * retried on every keystroke), reported once to the user, and every feature degrades gracefully:
 * `codeSet()` returns undefined and `error` says why.
 */
import { createCodeSet } from '../core/codeset/codeset';
import type { CodeSet } from '../core/codeset/api';
import { DataError, defaultDataDir, hasPart, loadDataset, loadPart } from '../data/load';
import type { Logger } from './logger';

export class DataService {
  private loaded = false;
  private set: CodeSet | undefined;
  error: string | undefined;
  dir: string | undefined;
  loadMs = 0;

  constructor(
    private readonly logger: Logger,
    private readonly onError: (message: string) => void,
    dir?: string,
  ) {
    this.dir = dir;
  }

  codeSet(): CodeSet | undefined {
    if (!this.loaded) this.load();
    return this.set;
  }

  /** the PCS part, on first use; a problem is logged and reported once, and PCS checks then say it is missing */
  private loadPcs(dir: string) {
    if (!hasPart(dir, 'pcs')) return undefined;
    try {
      const t0 = performance.now();
      const pcs = loadPart(dir, 'pcs');
      this.logger.info(`Loaded ICD-10-PCS data in ${(performance.now() - t0).toFixed(0)} ms`);
      return pcs;
    } catch (e) {
      const why = e instanceof DataError ? e.message : `could not load the ICD-10-PCS data: ${(e as Error).message}`;
      this.logger.error('PCS data load failed', e);
      this.onError(`Clinical Coding Review: ${why}. ICD-10-PCS procedure codes cannot be checked.`);
      return undefined;
    }
  }

  /** the ICD-10-PCS Tables, on the first PCS hover or completion; without them PCS checks use the order file */
  private loadPcsTables(dir: string) {
    if (!hasPart(dir, 'pcstables')) return undefined;
    try {
      const t0 = performance.now();
      const t = loadPart(dir, 'pcstables');
      this.logger.info(`Loaded the ICD-10-PCS Tables in ${(performance.now() - t0).toFixed(0)} ms`);
      return t;
    } catch (e) {
      this.logger.error('PCS Tables load failed', e);
      this.onError(
        `Clinical Coding Review: ${e instanceof DataError ? e.message : (e as Error).message}. ICD-10-PCS codes are checked against the order file only.`,
      );
      return undefined;
    }
  }

  private load(): void {
    this.loaded = true;
    const t0 = performance.now();
    try {
      this.dir ??= defaultDataDir();
      const dir = this.dir;
      // ICD-10-PCS (~28 MB in memory) is loaded on the first PCS question (a `px` line, a PCS hover), not here
      // short titles and the Tabular's titles (5 MB) are never shown by the server: read if something asks
      const ds = loadDataset(dir, { parts: ['tabular', 'extras'], titlesOnDemand: true });
      this.set = createCodeSet({ ...ds, pcs: () => this.loadPcs(dir), pcstables: () => this.loadPcsTables(dir) });
      this.loadMs = performance.now() - t0;
      this.logger.info(`Loaded ICD-10 data from ${this.dir} in ${this.loadMs.toFixed(0)} ms`);
    } catch (e) {
      const why = e instanceof DataError ? e.message : `could not load the ICD-10 data: ${(e as Error).message}`;
      this.error = why;
      this.logger.error('Data load failed', e);
      this.onError(
        `Clinical Coding Review: ${why}. Syntax checks and the outline still work; code checks, hover and completion need the data.`,
      );
    }
  }
}
