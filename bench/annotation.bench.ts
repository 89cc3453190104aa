/**
 * Annotation check of a 10,000-line `.codes` file (parse + every rule, FY2026), built from the code lines of
 * the examples (valid, invalid, header, deleted, excludes1 … codes, with POA flags and evidence), after one
 * warm-up run; median of 5. Also the parser alone.
 */
import { checkAnnotation } from '../server/src/core/annotation/check';
import { parseAnnotation } from '../server/src/core/annotation/parse';
import { createCodeSet } from '../server/src/core/codeset/codeset';
import { defaultDataDir, loadDataset } from '../server/src/data/load';
import { exampleTexts } from '../test/helpers/fuzz';

export default async function () {
  const cs = createCodeSet(loadDataset(defaultDataDir()));
  const codeLines = exampleTexts('.codes')
    .flatMap((t) => t.split('\n'))
    .filter((l) => /^(px\s+)?[A-Za-z][0-9][0-9A-Za-z]/.test(l));
  const lines = ['date: 2026-03-14', 'setting: inpatient', ''];
  for (let i = 0; lines.length < 10_003; i++) lines.push(codeLines[i % codeLines.length]!);
  const text = lines.join('\n') + '\n';
  let findings = checkAnnotation(parseAnnotation(text), cs).length; // warm-up (JIT, lazy indexes)
  const parse: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const file = parseAnnotation(text);
    const t1 = performance.now();
    findings = checkAnnotation(file, cs).length;
    const t2 = performance.now();
    parse.push(t1 - t0);
    total.push(t2 - t0);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
  return [
    {
      figure: `check a 10,000-line annotation file (parse + all rules, ${findings} findings), median of 5`,
      value: med(total),
      unit: 'ms',
    },
    { figure: '  of which parsing', value: med(parse), unit: 'ms' },
  ];
}
