/**
 * The CDI topic data (topics.json, documented in docs/cdi-topics.md), validated once.
 * A malformed file gives a clear error listing every problem, never a silent partial load.
 */
import raw from './topics.json';
import type { TopicDef, TopicsFile } from './types';

/** Structural problems of a topics file (empty when it is sound). */
export function validateTopics(data: unknown): string[] {
  const problems: string[] = [];
  const f = data as Partial<TopicsFile>;
  if (!f || typeof f !== 'object' || !Array.isArray(f.topics)) return ['topics file: "topics" must be an array'];
  const ids = new Set<string>();
  for (const [i, t] of f.topics.entries()) {
    const where = `topic #${i + 1} (${t?.id ?? '?'})`;
    if (!t || typeof t.id !== 'string' || !t.id) {
      problems.push(`${where}: missing id`);
      continue;
    }
    if (ids.has(t.id)) problems.push(`${where}: duplicate id`);
    ids.add(t.id);
    for (const k of ['title', 'subject', 'question', 'openQuestion'] as const)
      if (typeof t[k] !== 'string' || !t[k]) problems.push(`${where}: missing ${k}`);
    if (!Array.isArray(t.triggers) || t.triggers.length === 0) problems.push(`${where}: no triggers`);
    if (!Array.isArray(t.axes) || t.axes.length === 0) problems.push(`${where}: no axes`);
    if (t.resolvedWhen !== 'all' && t.resolvedWhen !== 'any') problems.push(`${where}: resolvedWhen must be all|any`);
    const ind = new Set<string>();
    for (const d of t.indicators ?? []) {
      if (ind.has(d.id)) problems.push(`${where}: duplicate indicator ${d.id}`);
      ind.add(d.id);
      if ((d.kind === 'term' || d.kind === 'medication') && !d.terms?.length)
        problems.push(`${where}: indicator ${d.id} has no terms`);
      if (d.kind === 'measure' && (!d.names?.length || !d.op || typeof d.value !== 'number'))
        problems.push(`${where}: measure ${d.id} needs names, op and value`);
      if (d.kind === 'measure' && d.op === 'range' && typeof d.max !== 'number')
        problems.push(`${where}: range ${d.id} needs max`);
      if (d.kind === 'change' && (!d.names?.length || typeof d.minChange !== 'number'))
        problems.push(`${where}: change ${d.id} needs names and minChange`);
    }
    for (const a of t.axes ?? [])
      for (const id of a.relevantWith ?? [])
        if (!ind.has(id)) problems.push(`${where}: axis ${a.id} names unknown indicator ${id}`);
    if (!Array.isArray(t.options) || t.options.length < 2) problems.push(`${where}: needs at least two options`);
    for (const o of t.options ?? []) {
      for (const id of [...(o.supportedBy ?? []), ...(o.requires ?? []), ...(o.excludedBy ?? [])])
        if (!ind.has(id)) problems.push(`${where}: option "${o.label}" names unknown indicator ${id}`);
      if (!o.supportedBy?.length) problems.push(`${where}: option "${o.label}" has no supportedBy`);
      if (!Array.isArray(o.codes)) problems.push(`${where}: option "${o.label}" has no codes array`);
    }
  }
  return problems;
}

function load(): TopicsFile {
  const problems = validateTopics(raw);
  if (problems.length) throw new Error(`server/src/core/cdi/topics.json is invalid:\n- ${problems.join('\n- ')}`);
  return raw as unknown as TopicsFile;
}

export const TOPICS_FILE: TopicsFile = load();
export const TOPICS: readonly TopicDef[] = TOPICS_FILE.topics;

export function topicById(id: string): TopicDef | undefined {
  return TOPICS.find((t) => t.id === id);
}
