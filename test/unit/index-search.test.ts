/**
 * Search by the Alphabetic Index (core/notes/indexSearch.ts) over the real data: coder queries with the first
 * result a coder expects, its Index path, and the edition check of the FY2017 Index's codes (docs/codeset.md).
 */
import assert from 'node:assert/strict';
import type { SearchHit } from '../../server/src/core/codeset/api';
import { searchWithIndex } from '../../server/src/core/notes/indexSearch';
import { NoteReader } from '../../server/src/core/notes/reader';
import { getPart } from '../helpers/data';
import { noteReader } from './notes-fixture';

function search(query: string, date = '2026-03-14', limit = 10) {
  const r = noteReader();
  const cs = r.codeSet;
  const ed = cs.editionFor(date);
  assert.ok(ed.ok, date);
  return searchWithIndex(r, (q, e, n) => cs.search!(q, e, n), query, ed.index, limit);
}

// [query, expected first code, expected start of its Index path (undefined: a title hit)]
const QUERIES: Array<[string, string, string | undefined]> = [
  ['CHF', 'I50.9', 'Index: Failure, heart, congestive → I50.9'],
  ['congestive heart failure', 'I50.9', 'Index: Failure, heart, congestive → I50.9'],
  ['congestive heart fail', 'I50.9', 'Index: Failure, heart, congestive → I50.9'],
  ['heart failure', 'I50.9', 'Index: Failure, heart → I50.9'],
  ['acute on chronic systolic', 'I50.23', undefined],
  ['history of breast cancer', 'Z85.3', 'Index: History, personal, cancer → see History, personal (of), malignant'],
  ['dementia alzheimer', 'G30.9', "Index: Dementia, Alzheimer's type → see Disease, Alzheimer's → G30.9 [F02.80]"],
  ['fall', 'R29.6', 'Index: Falling → R29.6'],
  ['pneumonia', 'J18.9', 'Index: Pneumonia → J18.9'],
  ['UTI', 'N39.0', 'Index: Infection, urinary → N39.0'],
  ['COPD', 'J44.9', 'Index: Disease, pulmonary, chronic obstructive → J44.9'],
  ['COPD exacerbation', 'J44.1', 'Index: Disease, pulmonary, chronic obstructive, with, exacerbation → J44.1'],
  ['type 2 diabetes', 'E11.9', 'Index: Diabetes, type 2 → E11.9'],
  ['DM2', 'E11.9', 'Index: Diabetes, type 2 → E11.9'],
  ['diabetes with ckd', 'E11.22', 'Index: Diabetes, with, chronic kidney disease → E11.22'],
  ['afib', 'I48.91', 'Index: Fibrillation, atrial or auricular → I48.91'],
  ['sepsis', 'A41.9', 'Index: Sepsis → A41.9'],
  ['obesity', 'E66.9', 'Index: Obesity → E66.9'],
  ['morbid obesity', 'E66.01', 'Index: Obesity, morbid → E66.01'],
  ['hypertension', 'I10', 'Index: Hypertension → I10'],
  ['HTN', 'I10', 'Index: Hypertension → I10'],
  ['ESRD', 'N18.6', 'Index: Disease, end stage renal → N18.6'],
  ['AKI', 'N17.9', 'Index: Failure, kidney, acute'],
  ['GERD', 'K21.9', 'Index: Disease, gastroesophageal reflux → K21.9'],
  ['chest pain', 'R07.9', 'Index: Pain, chest → R07.9'],
  ['abdominal pain', 'R10.9', 'Index: Pain, abdominal → R10.9'],
  ['shortness of breath', 'R06.02', 'Index: Short, breath → R06.02'],
  ['anemia', 'D64.9', 'Index: Anemia → D64.9'],
  ['hyperlipidemia', 'E78.5', 'Index: Hyperlipemia → E78.5'],
  ['osteoarthritis knee', 'M17.9', 'Index: Osteoarthritis, knee → M17.9'],
  ['CAD', 'I25.10', 'Index: Disease, artery, coronary → I25.10'],
  ['STEMI', 'I21.3', 'Index: Infarct, myocardium, myocardial, ST elevation → I21.3'],
  ['NSTEMI', 'I21.4', 'Index: Infarct, myocardium, myocardial, non-ST elevation → I21.4'],
  ['hypokalemia', 'E87.6', 'Index: Hypokalemia → E87.6'],
  ['anxiety', 'F41.9', 'Index: Anxiety → F41.9'],
  ['tobacco use', 'Z72.0', 'Index: Tobacco, use → Z72.0'],
  // a header in FY2026 (the Index's M54.5 became a header in FY2022): its billable code, the change said
  ['low back pain', 'M54.59', 'Index: Pain, low back → M54.5 (a header in ICD-10-CM FY2026) → Tabular: M54.59'],
  ['CKD 3', 'N18.30', 'Index: Disease, kidney, chronic, stage 3 → N18.3 (a header in ICD-10-CM FY2026)'],
  // a 7th character: the initial encounter, never a sequela by default
  ['fracture of femur', 'S72.90XA', 'Index: Fracture, femur, femoral → S72.9- (a header in ICD-10-CM FY2026)'],
  // a code prefix stays a code-prefix search
  ['I50.2', 'I50.2', undefined],
];

describe('search by the Alphabetic Index (real data, FY2026)', function () {
  this.timeout(120_000);
  it(`covers at least 30 coder queries`, () => assert.ok(QUERIES.length >= 30));
  for (const [q, first, path] of QUERIES) {
    it(`"${q}" → ${first} first`, () => {
      const { hits } = search(q);
      const h: SearchHit | undefined = hits[0];
      assert.equal(h?.code, first, hits.map((x) => `${x.code} ${x.path ?? x.matched}`).join('\n'));
      if (path) {
        assert.equal(h.matched, 'index');
        assert.ok(h.path?.startsWith(path), h.path);
      } else assert.notEqual(h.matched, 'index');
    });
  }

  it('urosepsis: no code, the Index instruction "code to condition"', () => {
    const r = search('urosepsis');
    assert.deepEqual(r.instructions, ['Index: Urosepsis - code to condition']);
    assert.ok(!r.hits.some((h) => h.matched === 'index'));
  });

  it('a manifestation code follows its etiology, marked', () => {
    const { hits } = search('dementia alzheimer');
    assert.equal(hits[1].code, 'F02.80');
    assert.equal(hits[1].note, 'manifestation code: reported with G30.9, sequenced after it');
  });

  it('"fall": repeated falls first, then initial encounters before sequelae', () => {
    const { hits } = search('fall', '2026-03-14', 20);
    const titled = hits.filter((h) => h.matched !== 'index');
    const firstSequela = titled.findIndex((h) => /, sequela$/.test(h.title));
    const lastInitial = titled.map((h) => /initial encounter/.test(h.title)).lastIndexOf(true);
    assert.ok(firstSequela === -1 || firstSequela > lastInitial, titled.map((h) => h.title).join('\n'));
  });

  it('the edition of the date: low back pain is M54.5 (billable) in FY2021', () => {
    const { hits } = search('low back pain', '2021-06-01');
    assert.equal(hits[0].code, 'M54.5');
    assert.equal(hits[0].billable, true);
    assert.equal(hits[0].path, 'Index: Pain, low back → M54.5');
  });

  it('"history of X" is personal history unless the query says family', () => {
    assert.equal(search('family history of breast cancer').hits[0]?.code, 'Z80.3');
  });

  it('words the Index does not know fall back to the titles', () => {
    const { hits } = search('skateboard');
    assert.ok(hits.length > 0);
    assert.ok(hits.every((h) => h.matched !== 'index'));
  });

  it('an empty query gives nothing', () => assert.deepEqual(search('   '), { hits: [], instructions: [] }));
});

describe('index search: the compiled Index nodes are bounded (server memory)', function () {
  this.timeout(60000);
  // words typed letter by letter, as completion asks: each prefix walks other main terms
  const typed = ['congestive heart failure', 'history of breast cancer', 'chronic kidney disease stage 3', 'sepsis'];
  const notes = [
    'Assessment: Acute on chronic systolic heart failure. Type 2 diabetes with CKD stage 3a. COPD with exacerbation.',
    'PMH: breast cancer s/p mastectomy. Denies chest pain. Malignant neoplasm of the colon, metastatic to liver.',
  ];

  it('a reader forgetting its nodes at every reset point answers exactly as one that keeps them', () => {
    const keep = noteReader();
    const small = new NoteReader(getPart('index'), keep.codeSet);
    small.matcher.maxCompiled = 50;
    const cs = keep.codeSet;
    const ed = cs.editionFor('2026-03-14');
    assert.ok(ed.ok);
    let most = 0;
    for (const q of typed)
      for (let k = 2; k <= q.length; k++) {
        const a = searchWithIndex(keep, (x, e, n) => cs.search!(x, e, n), q.slice(0, k), ed.index, 20);
        const b = searchWithIndex(small, (x, e, n) => cs.search!(x, e, n), q.slice(0, k), ed.index, 20);
        assert.deepEqual(b, a, q.slice(0, k));
        most = Math.max(most, small.matcher.compiledNodes);
      }
    for (const n of notes)
      assert.deepEqual(small.analyze(n, { date: '2026-03-14', memo: false }), keep.analyze(n, { date: '2026-03-14' }));
    // held: at most the bound plus what one search or one segment compiles, far below what the walks compiled
    assert.ok(keep.matcher.compiledNodes > 1000, String(keep.matcher.compiledNodes));
    assert.ok(most < keep.matcher.compiledNodes / 2, `${most} of ${keep.matcher.compiledNodes}`);
  });
});
