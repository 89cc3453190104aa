/**
 * Types of the CDI (clinical documentation integrity) query core: the topic data of topics.json
 * (documented in docs/cdi-topics.md), the opportunities found in a note, and the parsed query.
 * Plain data only; no vscode, no fs, no clock.
 */
import type { Span } from '../types';

export type IndicatorKind = 'term' | 'medication' | 'measure' | 'change';
export type Comparator = '<' | '<=' | '>' | '>=' | 'range';

/** One clinical indicator of a topic, as written in topics.json. */
export interface IndicatorDef {
  id: string;
  label: string;
  kind: IndicatorKind;
  /** term / medication: phrases to find (all-capital terms match case-sensitively) */
  terms?: string[];
  /** measure / change: names of the lab or vital sign that precede its value */
  names?: string[];
  /** measure: comparison with `value` (and `max`, exclusive, for 'range') */
  op?: Comparator;
  value?: number;
  max?: number;
  /** change: the smallest difference between the highest and lowest values in the note */
  minChange?: number;
  /** display unit */
  unit?: string;
  /** 'temperature': values above 50 are Fahrenheit, converted to Celsius; 'thousands': values above 1000 are divided by 1000 (WBC 18,500 -> 18.5) */
  scale?: 'temperature' | 'thousands';
  /** confirms the condition but points to no more specific answer (imaging, broad antibiotics): never enough alone */
  confirmsOnly?: boolean;
}

export interface AxisDef {
  id: string;
  label: string;
  /** words that document this axis when written next to the trigger mention */
  terms: string[];
  /**
   * when given, the axis only needs documenting if one of these indicators was found (e.g. diabetes
   * complications only when a glucose, A1c, neuropathy or eGFR indicator is present)
   */
  relevantWith?: string[];
}

export interface OptionDef {
  /** the answer as offered to the provider */
  label: string;
  /** ICD-10-CM codes (dotted) the answer would support; headers listed in TopicsFile.headerCodes mean "choose the specificity" */
  codes: string[];
  /** the option is reasonable when at least one of these indicators was found */
  supportedBy: string[];
  /** ... and all of these were found */
  requires?: string[];
  /** ... and none of these was found */
  excludedBy?: string[];
  /** ... and none of these phrases is written next to the mention (e.g. type 1 options when "type 2" is documented) */
  unlessDocumented?: string[];
}

export interface TopicDef {
  id: string;
  title: string;
  /** a neutral noun phrase for the query title ("heart failure", "nutritional status") */
  subject: string;
  /** vague mentions that open the opportunity */
  triggers: string[];
  /** specificity axes; a mention is specific when they are documented next to it */
  axes: AxisDef[];
  /** 'all': every axis must be documented; 'any': one is enough */
  resolvedWhen: 'all' | 'any';
  /** phrases that, affirmed anywhere in the note, resolve the topic */
  resolvedBy?: string[];
  /** fewest indicators needed before a query is suggested */
  minIndicators: number;
  indicators: IndicatorDef[];
  question: string;
  openQuestion: string;
  options: OptionDef[];
}

export interface TopicsFile {
  version: number;
  headerCodes: string[];
  topics: TopicDef[];
}

/** One place in the note that shows an indicator. Lines are 0-based. */
export interface Evidence {
  text: string;
  span: Span;
  line: number;
  /** the value read, for measures and changes */
  value?: number;
}

export interface FoundIndicator {
  id: string;
  label: string;
  kind: IndicatorKind;
  /** short human summary, e.g. "BNP 1,250" or "creatinine 1.0 -> 2.6" */
  summary: string;
  evidence: Evidence[];
}

/** A query opportunity: serialisable; carried in Finding.data for the "Draft physician query" action. */
export interface QueryOpportunity {
  topic: string;
  title: string;
  subject: string;
  /** the vague mention the finding sits on */
  mention: { text: string; span: Span; line: number };
  /** labels of the specificity axes not documented */
  missing: string[];
  indicators: FoundIndicator[];
  /** option labels reasonable for the indicators found, in topic order */
  options: string[];
}

/** Context for a draft: identifiers from the annotation header (if any) and the date (passed in, no clock). */
export interface DraftContext {
  encounter?: string;
  age?: number;
  sex?: string;
  /** the query date, YYYY-MM-DD */
  date: string;
  /** the note's file name, shown as the source of the quotes */
  note?: string;
}

export interface DraftOptions {
  openEnded?: boolean;
}
