/**
 * Finding a topic's clinical indicators in a text (a note, or the indicators section of a query).
 * Pure: text in, plain results out.
 */
import { LineIndex } from '../text/positions';
import { clean, findPhrases, findValues, isNegated, iterValues, meets, quoteAround, scaled } from './match';
import type { Evidence, FoundIndicator, IndicatorDef, OptionDef, TopicDef } from './types';

const MAX_EVIDENCE = 3;

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100));

/** One indicator in the text, or undefined when it is absent (negated terms do not count). */
export function findIndicator(text: string, def: IndicatorDef, lines: LineIndex): FoundIndicator | undefined {
  const evidence: Evidence[] = [];
  const at = (start: number) => lines.positionAt(start).line;
  if (def.kind === 'term' || def.kind === 'medication') {
    for (const m of findPhrases(text, def.terms ?? [])) {
      if (isNegated(text, m.start)) continue;
      evidence.push({
        text: quoteAround(text, m.start, m.end),
        span: { start: m.start, end: m.end },
        line: at(m.start),
      });
      if (evidence.length >= MAX_EVIDENCE) break;
    }
    if (!evidence.length) return undefined;
    const names = [...new Set(evidence.map((e) => clean(text.slice(e.span.start, e.span.end))))];
    return { id: def.id, label: def.label, kind: def.kind, summary: names.join(', '), evidence };
  }
  if (def.kind === 'measure') {
    for (const v of iterValues(text, def.names ?? [])) {
      const value = scaled(def, v.values[0]);
      if (!meets(def, value)) continue;
      evidence.push({ text: v.text, span: v.span, line: at(v.span.start), value });
      if (evidence.length >= MAX_EVIDENCE) break;
    }
    if (!evidence.length) return undefined;
    return { id: def.id, label: def.label, kind: def.kind, summary: evidence[0].text, evidence };
  }
  // change: the spread between the lowest and highest value written anywhere in the text
  const found = findValues(text, def.names ?? []);
  let lo: { v: number; m: (typeof found)[number] } | undefined;
  let hi: { v: number; m: (typeof found)[number] } | undefined;
  for (const m of found)
    for (const raw of m.values) {
      const v = scaled(def, raw);
      if (!lo || v < lo.v) lo = { v, m };
      if (!hi || v > hi.v) hi = { v, m };
    }
  if (!lo || !hi || hi.v - lo.v < (def.minChange ?? Infinity)) return undefined;
  const ordered = lo.m.span.start <= hi.m.span.start ? [lo, hi] : [hi, lo];
  for (const e of ordered)
    if (!evidence.some((x) => x.span.start === e.m.span.start))
      evidence.push({ text: e.m.text, span: e.m.span, line: at(e.m.span.start), value: e.v });
  const unit = def.unit ? ` ${def.unit}` : '';
  return {
    id: def.id,
    label: def.label,
    kind: def.kind,
    summary: `${def.names?.[0] ?? def.label} ${fmt(ordered[0].v)} to ${fmt(ordered[1].v)}${unit}, change ${fmt(hi.v - lo.v)}`,
    evidence,
  };
}

/** Every indicator of the topic found in the text, in the topic's order. */
export function findIndicators(text: string, topic: TopicDef, lines = new LineIndex(text)): FoundIndicator[] {
  const out: FoundIndicator[] = [];
  for (const def of topic.indicators) {
    const f = findIndicator(text, def, lines);
    if (f) out.push(f);
  }
  return out;
}

/** True when an option is clinically reasonable for the indicators found. */
export function optionSupported(option: OptionDef, found: ReadonlySet<string>): boolean {
  if (!option.supportedBy.some((id) => found.has(id))) return false;
  if (option.requires && !option.requires.every((id) => found.has(id))) return false;
  if (option.excludedBy && option.excludedBy.some((id) => found.has(id))) return false;
  return true;
}
