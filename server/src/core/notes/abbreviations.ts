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
  /**
   * Other senses of the same letters, by the words around them ("PE:" physical exam, "on RA" room air,
   * "CVA tenderness" costovertebral angle, "CA ligament" coracoacromial): not expanded when the next word is
   * one of `notBefore`, the word before is one of `notAfter`, a number or "%" comes before (`notAfterNumber`),
   * a number comes after (`notBeforeNumber`, "CA 125"), or a ":" follows (`notBeforeColon`).
   */
  notBefore?: string[];
  notAfter?: string[];
  notAfterNumber?: boolean;
  notBeforeNumber?: boolean;
  notBeforeColon?: boolean;
  /** a shortened word ("resp" respiratory), not a whole concept: its expansion combines with the words around */
  word?: boolean;
  /**
   * with `word`: its words combine with the note's own words only, never with another abbreviation's main term
   * ("E. coli UTI" is N39.0 with an organism code, not "Infection, Escherichia coli" A49.8)
   */
  ownWordsOnly?: boolean;
  /** a whole Tabular title, newer than the Index ("COVID-19" → U07.1), read from the Tabular when no main term reads the abbreviation */
  tabular?: string;
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
  expand(
    tokens: Token[],
    text?: string,
  ): { tokens: Token[]; found: Array<{ start: number; end: number; def: AbbreviationDef }> } {
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
          if (ok && !otherSense(f.def, tokens, i, i + f.toks.length - 1, text)) {
            hit = f;
            break;
          }
        }
      }
      if (!hit) {
        // a stage written with its letter ("stage 3b", "IIIa") also reads as its number (the Index's "stage 3")
        const r = tokens[i].raw;
        // two characters, a digit first: the expression runs only on such words
        const sub = r.length === 2 && r.charCodeAt(0) <= 53 && r.charCodeAt(0) >= 49 ? STAGE_LETTER.exec(r) : null;
        if (sub) {
          out ??= tokens.slice(0, i);
          const { start, end } = tokens[i];
          out.push({ raw: sub[1], norm: sub[1], start, end }, tokens[i]);
          found.push({ start, end, def: STAGE_DEF });
          continue;
        }
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

const STAGE_LETTER = /^([1-5])[abAB]$/;
const STAGE_DEF: AbbreviationDef = { abbr: [], phrase: '', word: true, note: 'a stage with its letter' };

const isNumber = (w: string) => /^\d/.test(w);

/** Whether the words around tokens[i..j] give the letters another sense (AbbreviationDef.notBefore …). */
function otherSense(def: AbbreviationDef, tokens: Token[], i: number, j: number, text?: string): boolean {
  const next = tokens[j + 1];
  const prev = i > 0 ? tokens[i - 1] : undefined;
  const lower = (t: Token) => t.lower ?? t.raw.toLowerCase();
  if (def.notBefore && next && def.notBefore.includes(lower(next))) return true;
  if (def.notAfter && prev && def.notAfter.includes(lower(prev))) return true;
  if (def.notBeforeNumber && next && isNumber(next.raw) && next.start - tokens[j].end <= 2) return true;
  if (
    def.notAfterNumber &&
    prev &&
    (isNumber(prev.raw) || (text && text.slice(prev.end, tokens[i].start).includes('%')))
  )
    return true;
  if (def.notBeforeColon && text && /^\s*:/.test(text.slice(tokens[j].end, tokens[j].end + 3))) return true;
  return false;
}
