/**
 * Word senses: phrases in which a word that heads an Index main term is not a diagnosis ("frozen section",
 * "lateral decubitus position", "stress test"). Data, compared with the tokens' stemmed form; every word of a
 * listed phrase is kept from heading a mention. docs/notes.md lists them.
 */
import type { Token } from './text';

export const NOT_A_DIAGNOSIS: readonly string[] = [
  // pathology and positions
  'frozen section',
  'lateral decubitus',
  'decubitus position',
  'decubitus view',
  'decubitus film',
  // cardiac stress testing
  'stress test',
  'stress testing',
  'stress echo',
  'stress echocardiogram',
  'stress echocardiography',
  'stress rest',
  'rest stress',
  'stress perfusion',
  'stress imaging',
  'stress study',
  'stress mpi',
  'stress ekg',
  'stress ecg',
  'stress dose',
  'nuclear stress',
  'exercise stress',
  'treadmill stress',
  'pharmacologic stress',
  'chemical stress',
  'lexiscan stress',
  'cardiac stress',
  // aspiration as a procedure
  'aspiration of venous blood',
  'aspiration of arterial blood',
  'aspiration of blood',
  'aspiration of fluid',
  'aspiration of the',
  'needle aspiration',
  'aspiration biopsy',
  'marrow aspiration',
  'joint aspiration',
  'aspiration and injection',
  // other procedure and exam words
  'heart attack precautions',
  'fall precautions',
  'fall risk',
  'seizure precautions',
  'shock index',
  'pain scale',
  'pain score',
];

/** A compiled phrase list: first word -> phrases (their words), longest first. */
export class Senses {
  private readonly byFirst = new Map<string, string[][]>();

  constructor(phrases: readonly string[] = NOT_A_DIAGNOSIS, norm: (w: string) => string[]) {
    for (const p of phrases) {
      const ws = norm(p);
      if (!ws.length) continue;
      const l = this.byFirst.get(ws[0]) ?? [];
      l.push(ws);
      l.sort((a, b) => b.length - a.length);
      this.byFirst.set(ws[0], l);
    }
  }

  /** Sets out[i] = 1 for every token inside a listed phrase (tokens of one segment). */
  mark(tokens: readonly Token[], n: number, out: Uint8Array): boolean {
    let any = false;
    for (let i = 0; i < n; i++) {
      const l = this.byFirst.get(tokens[i].norm);
      if (!l) continue;
      for (const ws of l) {
        if (i + ws.length > n) continue;
        let ok = true;
        for (let k = 1; k < ws.length && ok; k++) ok = tokens[i + k].norm === ws[k];
        if (!ok) continue;
        for (let k = 0; k < ws.length; k++) out[i + k] = 1;
        any = true;
        break;
      }
    }
    return any;
  }
}
