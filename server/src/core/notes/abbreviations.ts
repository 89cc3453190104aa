/**
 * Data-driven abbreviation expansion (./abbreviations.json). An abbreviation becomes the phrase words the
 * Index uses; it never maps to codes directly. Expanded words keep the abbreviation's span.
 */
import data from './abbreviations.json';
import { tokenize, type Token } from './text';

export interface AbbreviationDef {
  abbr: string[];
  ci?: boolean;
  phrase: string;
  note?: string;
}

export const DEFAULT_ABBREVIATIONS: AbbreviationDef[] = (data as { abbreviations: AbbreviationDef[] }).abbreviations;

interface Form {
  /** the surface tokens (raw, or lower case when ci) */
  toks: string[];
  ci: boolean;
  def: AbbreviationDef;
  expansion: Token[];
}

/** A compiled abbreviation table: first surface token -> forms, longest first. */
export class Abbreviations {
  private readonly byFirst = new Map<string, Form[]>();

  constructor(defs: readonly AbbreviationDef[] = DEFAULT_ABBREVIATIONS) {
    for (const def of defs) {
      const expansion = tokenize(def.phrase);
      for (const a of def.abbr) {
        const toks = tokenize(a).map((t) => (def.ci ? t.raw.toLowerCase() : t.raw));
        if (!toks.length) continue;
        const key = toks[0].toLowerCase();
        const list = this.byFirst.get(key) ?? [];
        list.push({ toks, ci: !!def.ci, def, expansion });
        list.sort((x, y) => y.toks.length - x.toks.length);
        this.byFirst.set(key, list);
      }
    }
  }

  /**
   * Expands the tokens of one segment. Returns the token list with expansions (virtual tokens with the
   * abbreviation's span) and the abbreviations found.
   */
  expand(tokens: Token[]): { tokens: Token[]; found: Array<{ start: number; end: number; def: AbbreviationDef }> } {
    // the expanded token list is made at the first abbreviation found (most segments have none)
    let out: Token[] | undefined;
    const found: Array<{ start: number; end: number; def: AbbreviationDef }> = [];
    for (let i = 0; i < tokens.length; i++) {
      const forms = this.byFirst.get(tokens[i].lower ?? tokens[i].raw.toLowerCase());
      let hit: Form | undefined;
      if (forms) {
        for (const f of forms) {
          if (i + f.toks.length > tokens.length) continue;
          let ok = true;
          for (let k = 0; k < f.toks.length && ok; k++) {
            const r = tokens[i + k].raw;
            ok = f.ci ? r.toLowerCase() === f.toks[k] : r === f.toks[k];
          }
          if (ok) {
            hit = f;
            break;
          }
        }
      }
      if (!hit) {
        if (out) out.push(tokens[i]);
        continue;
      }
      out ??= tokens.slice(0, i);
      const start = tokens[i].start;
      const end = tokens[i + hit.toks.length - 1].end;
      for (const w of hit.expansion) out.push({ raw: w.raw, norm: w.norm, start, end });
      found.push({ start, end, def: hit.def });
      i += hit.toks.length - 1;
    }
    // nothing expanded: the tokens as they were
    return { tokens: out ?? tokens, found };
  }
}
