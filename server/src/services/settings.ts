/**
 * Settings per resource (`clinicalCoding.*`), fetched with workspace/configuration and cached until
 * didChangeConfiguration. Values are validated; anything malformed falls back to the default.
 */
import type { Connection } from 'vscode-languageserver';
import type { Severity } from '../core/types';
import type { TraceLevel } from './logger';

export type RuleSeverity = Severity | 'off';

export interface Settings {
  defaultSetting: 'inpatient' | 'outpatient';
  /** YYYY-MM-DD or '' */
  defaultDateOfService: string;
  severity: Record<string, RuleSeverity>;
  disabledRules: string[];
  notePatterns: string[];
  maxFileSizeKB: number;
  maxLineLength: number;
  trace: TraceLevel;
}

export const DEFAULT_SETTINGS: Settings = {
  defaultSetting: 'inpatient',
  defaultDateOfService: '',
  severity: {},
  disabledRules: [],
  notePatterns: [],
  maxFileSizeKB: 1024,
  maxLineLength: 5000,
  trace: 'off',
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Validates a raw `clinicalCoding` configuration object. Pure; exported for tests. */
export function parseSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, severity: {}, disabledRules: [], notePatterns: [] };
  if (typeof raw !== 'object' || raw === null) return s;
  const r = raw as Record<string, unknown>;
  if (r.defaultSetting === 'inpatient' || r.defaultSetting === 'outpatient') s.defaultSetting = r.defaultSetting;
  if (typeof r.defaultDateOfService === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.defaultDateOfService)) {
    s.defaultDateOfService = r.defaultDateOfService;
  }
  if (typeof r.severity === 'object' && r.severity !== null) {
    for (const [k, v] of Object.entries(r.severity as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) s.severity[k] = v as RuleSeverity;
    }
  }
  if (Array.isArray(r.disabledRules)) s.disabledRules = r.disabledRules.filter((x) => typeof x === 'string');
  if (Array.isArray(r.notePatterns)) s.notePatterns = r.notePatterns.filter((x) => typeof x === 'string');
  if (typeof r.maxFileSizeKB === 'number' && r.maxFileSizeKB > 0) s.maxFileSizeKB = r.maxFileSizeKB;
  if (typeof r.maxLineLength === 'number' && r.maxLineLength > 0) s.maxLineLength = r.maxLineLength;
  const trace = (r.trace as Record<string, unknown> | undefined)?.server;
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace = trace;
  return s;
}

export class SettingsService {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** set from the client's capabilities at initialize */
  supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.supportsConfiguration) return Promise.resolve(parseSettings({}));
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'clinicalCoding' })
        .then(parseSettings, () => parseSettings({}));
      this.cache.set(uri, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
