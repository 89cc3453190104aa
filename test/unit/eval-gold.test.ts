import assert from 'node:assert/strict';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import path from 'node:path';
import { HELDOUT_DIR, loadEvalNotes, loadNegationSet } from '../corpus/eval-gold';
import { getDataset } from '../helpers/data';

describe('evaluation corpus gold (test/eval, real data)', () => {
  const notes = loadEvalNotes();
  const cs = createCodeSet(getDataset());

  it('has notes and a negation set of at least 500 sentences', () => {
    assert.ok(notes.length >= 150, `${notes.length} notes`);
    assert.ok(loadNegationSet().length >= 500);
  });

  it('every gold dx code is valid and billable in the edition of its note date', () => {
    const bad: string[] = [];
    for (const n of notes) {
      const r = cs.editionFor(n.date);
      if (!r.ok) {
        bad.push(`${n.name}: no edition for ${n.date}`);
        continue;
      }
      for (const d of n.dx)
        for (const code of d.codes) {
          const c = cs.classify(code, r.index);
          if (c.kind !== 'billable') bad.push(`${n.name}.gold.tsv:${d.line} ${code} is ${c.kind} in ${r.label}`);
        }
    }
    assert.deepEqual(bad, []);
  });

  it('the held-out notes (issue 11): at least 20, marked held-out, every gold code billable in its edition', () => {
    const held = loadEvalNotes(HELDOUT_DIR);
    assert.ok(held.length >= 20, `${held.length} held-out notes`);
    assert.ok(loadNegationSet(path.join(HELDOUT_DIR, 'negation.tsv')).length >= 40);
    const bad: string[] = [];
    for (const n of held) {
      const r = cs.editionFor(n.date);
      if (!r.ok) bad.push(`${n.name}: no edition for ${n.date}`);
      else
        for (const d of n.dx)
          for (const code of d.codes)
            if (cs.classify(code, r.index).kind !== 'billable') bad.push(`${n.name}: ${code} in ${r.label}`);
    }
    assert.deepEqual(bad, []);
  });
});
