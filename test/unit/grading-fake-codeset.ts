/**
 * A tiny hand-made code set for the grading unit tests (not the official data): a dozen codes with titles,
 * one edition, one Excludes1 note and 7th-character meanings. Implements only what grading uses.
 */
import type { GradingCodeSet } from '../../server/src/core/grading/key';
import type { Classification, EditionResult, SourcedNote } from '../../server/src/core/types';
import type { PcsClassification } from '../../server/src/core/codeset/api';

const BILLABLE: Record<string, string> = {
  I110: 'Hypertensive heart disease with heart failure',
  I10: 'Essential (primary) hypertension',
  I5022: 'Chronic systolic (congestive) heart failure',
  I5023: 'Acute on chronic systolic (congestive) heart failure',
  I5043: 'Acute on chronic combined systolic (congestive) and diastolic (congestive) heart failure',
  I509: 'Heart failure, unspecified',
  N179: 'Acute kidney failure, unspecified',
  E119: 'Type 2 diabetes mellitus without complications',
  E1165: 'Type 2 diabetes mellitus with hyperglycemia',
  E1022: 'Type 1 diabetes mellitus with diabetic chronic kidney disease',
  Z794: 'Long term (current) use of insulin',
  J189: 'Pneumonia, unspecified organism',
  M1711: 'Unilateral primary osteoarthritis, right knee',
  M1712: 'Unilateral primary osteoarthritis, left knee',
  S72001A: 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
  S72001D:
    'Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing',
  S72002A: 'Fracture of unspecified part of neck of left femur, initial encounter for closed fracture',
  W19XXXA: 'Unspecified fall, initial encounter',
};
const HEADERS: Record<string, string> = {
  I50: 'Heart failure',
  I502: 'Systolic (congestive) heart failure',
  S72001: 'Fracture of unspecified part of neck of right femur',
};
const EXCLUDES1: Record<string, SourcedNote[]> = {
  E119: [],
  E11: [{ kind: 'excludes1', text: 'type 1 diabetes mellitus (E10.-)', from: 'E11', inherited: true }],
};
const SEVENTH = [
  { char: 'A', meaning: 'initial encounter for closed fracture' },
  { char: 'D', meaning: 'subsequent encounter for closed fracture with routine healing' },
];

const undot = (c: string): string => c.replace(/\./g, '').trim().toUpperCase();

export const fakeCodeSet: GradingCodeSet = {
  editions: [
    {
      id: 'fy2026',
      label: 'ICD-10-CM FY2026',
      from: '2025-10-01',
      to: '2026-09-30',
      fiscalYear: 2026,
      sourceFile: 'fake',
      counts: { total: 21, billable: 18 },
    },
  ],
  display(code: string): string {
    const k = undot(code);
    return k.length > 3 ? `${k.slice(0, 3)}.${k.slice(3)}` : k;
  },
  editionFor(date: string): EditionResult {
    if (date >= '2025-10-01' && date <= '2026-09-30')
      return { ok: true, index: 0, id: 'fy2026', label: 'ICD-10-CM FY2026', from: '2025-10-01', to: '2026-09-30' };
    return {
      ok: false,
      message: `No ICD-10-CM edition covers ${date}; FY2026 is the only one in this fixture.`,
      nearest: { index: 0, id: 'fy2026', label: 'ICD-10-CM FY2026' },
    };
  },
  title(code: string): string | undefined {
    const k = undot(code);
    return BILLABLE[k] ?? HEADERS[k];
  },
  classify(code: string): Classification {
    const k = undot(code);
    if (BILLABLE[k]) return { kind: 'billable', code: this.display(k), title: BILLABLE[k] };
    if (k === 'S72001') return { kind: 'needs-seventh', code: 'S72.001', title: HEADERS[k], choices: [] };
    if (HEADERS[k]) return { kind: 'header', code: this.display(k), title: HEADERS[k], billableDescendants: [] };
    return { kind: 'invalid', code: this.display(k), suggestions: [] };
  },
  notes(code: string) {
    const k = undot(code);
    const own = EXCLUDES1[k] ?? [];
    const inherited = k.startsWith('E11') && k !== 'E11' ? EXCLUDES1.E11 : [];
    return { notes: [...own, ...inherited], tabularYear: 2021, hasNode: true };
  },
  codesInNote(text: string): string[] {
    return [...text.matchAll(/\(([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]*)?)-?\)/g)].map((m) => m[1].replace(/\.$/, ''));
  },
  matchesRef(code: string, ref: string): boolean {
    return undot(code).startsWith(undot(ref));
  },
  classifyPcs(code: string): PcsClassification {
    return code === '0SRB0J9'
      ? {
          kind: 'valid',
          code,
          title: 'Replacement of Left Hip Joint with Synthetic Substitute, Cemented, Open Approach',
          suggestions: [],
        }
      : { kind: 'invalid', code, suggestions: [] };
  },
  seventhCharacters(code: string) {
    const k = undot(code).slice(0, 6);
    return k.startsWith('S72') ? SEVENTH.map((s) => ({ ...s, code: `${k.slice(0, 3)}.${k.slice(3)}${s.char}` })) : [];
  },
};
