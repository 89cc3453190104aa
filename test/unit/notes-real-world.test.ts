/**
 * Issue 11: the reader on real-world note styles, one table per class (sections, word senses, negation and
 * uncertainty, site and side). Each row: the note text, the mention, its top code ('' = no code; undefined =
 * no such mention) and whether it is codable for an inpatient.
 */
import assert from 'node:assert/strict';
import { parseAnnotation } from '../../server/src/core/annotation/parse';
import { codability } from '../../server/src/core/evidence/codability';
import { checkCodesAgainstNote, checkNote } from '../../server/src/core/notes/rules';
import { findSections } from '../../server/src/core/notes/sections';
import { noteReader } from './notes-fixture';

function analyze(text: string) {
  return noteReader().analyze(text, { date: '2026-03-14' });
}

/** documented-not-coded suggestions (codes) of a note against an empty inpatient .codes file */
function suggested(text: string, setting = 'inpatient'): string[] {
  const codes = parseAnnotation(`note: n.note\nsetting: ${setting}\ndate: 2026-03-14\n\n`);
  return checkNote(noteReader(), text, { codes, codesName: 'n.codes' }).findings.map((f) => f.code!);
}

describe('notes (issue 11): sections of real-world notes', function () {
  this.timeout(60000);
  // [note, section names in order, the diagnostic ones]
  const cases: Array<[string, string, string[], string[]]> = [
    [
      'an unknown upper-case heading ends the section above',
      'ASSESSMENT: Pneumonia.\nTOPICS DISCUSSED: infection risk\nNEXT: x',
      ['Assessment', 'TOPICS DISCUSSED', 'NEXT'],
      ['Assessment'],
    ],
    [
      'a Title-case heading alone on its line ends the section above',
      'Discharge Diagnoses:\nPneumonia\nPertinent Negatives:\nno sepsis',
      ['Discharge Diagnoses', 'Pertinent Negatives'],
      ['Discharge Diagnoses'],
    ],
    [
      'a heading with its first paragraph on the same (long) line',
      `HOSPITAL COURSE: ${'The patient was admitted and treated with antibiotics for several days. '.repeat(4)}\nDISCHARGE DIAGNOSES: Pneumonia.`,
      ['Hospital Course', 'Discharge Diagnoses'],
      ['Discharge Diagnoses'],
    ],
    [
      'plural operative headings',
      'PREOPERATIVE DIAGNOSES: Cholelithiasis.\nPOSTOPERATIVE DIAGNOSES: Cholelithiasis.\nPROCEDURE PERFORMED: Cholecystectomy.',
      ['Preoperative Diagnosis', 'Postoperative Diagnosis', 'PROCEDURE PERFORMED'],
      ['Postoperative Diagnosis'],
    ],
    [
      '"POSTOPERATIVE DIAGNOSIS: Same." makes the preoperative list the final one',
      'PREOPERATIVE DIAGNOSIS: Left inguinal hernia.\nPOSTOPERATIVE DIAGNOSIS: Same.\nPROCEDURE: Repair.',
      ['Preoperative Diagnosis', 'Postoperative Diagnosis', 'Procedures'],
      ['Preoperative Diagnosis', 'Postoperative Diagnosis'],
    ],
    [
      'operative report headings are known and never diagnostic',
      'INDICATIONS: Stress test positive.\nFINDINGS: Adhesions.\nCOMPLICATIONS: None\nESTIMATED BLOOD LOSS: 20 mL\nSPECIMENS: Gallbladder\nANESTHESIA: General',
      ['Indications', 'Findings', 'Complications', 'Estimated Blood Loss', 'Specimens', 'Anesthesia'],
      [],
    ],
    [
      'a problem written as "CHF:" inside an assessment is not a heading',
      'ASSESSMENT AND PLAN:\nCHF: continue furosemide\nCV: CAD s/p stent\nPNEUMONIA: ceftriaxone',
      ['Assessment and Plan'],
      ['Assessment and Plan'],
    ],
    [
      'a family member written as a label stays in Family History',
      'FAMILY HISTORY:\nMOTHER: breast cancer\nSOCIAL HISTORY: no tobacco',
      ['Family History', 'Social History'],
      [],
    ],
  ];
  for (const [what, note, names, diagnostic] of cases) {
    it(what, () => {
      const r = analyze(note);
      assert.deepEqual(
        r.sections.map((s) => s.name),
        names,
      );
      assert.deepEqual(
        r.sections.filter((s) => s.diagnostic).map((s) => s.name),
        diagnostic,
      );
    });
  }
  it('findSections without a reader: upper-case headings end sections; unknown words are kept as written', () => {
    assert.deepEqual(
      findSections('ASSESSMENT: x\nFOLLOW UP APPOINTMENT: 2 weeks').map((s) => [s.name, s.diagnostic]),
      [
        ['Assessment', true],
        ['FOLLOW UP APPOINTMENT', false],
      ],
    );
  });

  // documented-not-coded reads only the diagnostic sections
  const dnc: Array<[string, string, string[]]> = [
    [
      'Procedure, Indications and Hospital Course text is not read as diagnoses',
      'INDICATIONS: Chest pain, abnormal stress test.\nPROCEDURE: Left heart catheterization.\nHOSPITAL COURSE: Treated for pneumonia.\nDISCHARGE DIAGNOSES:\n1. Coronary artery disease',
      ['I25.10'],
    ],
    [
      'the preoperative list stands for "Same."',
      'PREOPERATIVE DIAGNOSIS: Acute appendicitis.\nPOSTOPERATIVE DIAGNOSIS: Same.\nPROCEDURE: Laparoscopic appendectomy.',
      ['K35.80'],
    ],
    [
      'COMPLICATIONS: None does not negate the next section',
      'COMPLICATIONS: None\nPOSTOPERATIVE DIAGNOSIS: Acute cholecystitis',
      ['K81.0'],
    ],
    [
      'consent and risk lists are not diagnoses',
      'ASSESSMENT AND PLAN: Symptomatic cholelithiasis. The risks include infection, bleeding, heart attack, stroke and death.',
      ['K80.20'],
    ],
  ];
  for (const [what, note, codes] of dnc) {
    it(`documented-not-coded: ${what}`, () => assert.deepEqual(suggested(note), codes));
  }
});

// [note, mention text, top code ('' = none), codable inpatient]
type Row = [string, string, string | undefined, boolean?];

function table(title: string, rows: Row[]) {
  describe(title, function () {
    this.timeout(60000);
    for (const [note, mention, code, codable] of rows) {
      it(`${JSON.stringify(note)}: "${mention}" -> ${code === undefined ? 'no mention' : code || 'no code'}${codable === undefined ? '' : codable ? ', codable' : ', not codable'}`, () => {
        const r = analyze(`ASSESSMENT: ${note}`);
        const m = r.mentions.find((x) => x.text.toLowerCase() === mention.toLowerCase());
        if (code === undefined) {
          assert.equal(m, undefined, `unexpected mention ${JSON.stringify(m?.text)} -> ${m?.candidates[0]?.code}`);
          return;
        }
        assert.ok(m, `no mention "${mention}" among ${r.mentions.map((x) => JSON.stringify(x.text)).join(', ')}`);
        assert.equal(m.candidates[0]?.code ?? '', code);
        if (codable !== undefined) assert.equal(codability(m, 'inpatient').codable, codable);
      });
    }
  });
}

table('notes (issue 11): word senses', [
  ['Left breast mass, frozen section benign.', 'frozen', undefined],
  ['Placed in the left lateral decubitus position.', 'decubitus', undefined],
  ['Nuclear stress test was normal.', 'stress', undefined],
  ['Stress-rest perfusion study without ischemia.', 'stress', undefined],
  ['Pre-op evaluation today.', 'pre', undefined],
  ['PRES on MRI.', 'PRES', 'I67.83'],
  ['Arthroscopic CA ligament release.', 'CA', undefined],
  ['CA-125 is 40.', 'CA', undefined],
  ['PE: lungs clear, heart regular.', 'PE', undefined],
  ['Acute PE on CTA.', 'PE', 'I26.99'],
  ['Saturating 95% on RA.', 'RA', undefined],
  ['RA on methotrexate.', 'RA', 'M06.9'],
  ['No CVA tenderness.', 'CVA', undefined],
  ['Positive CVA tenderness on the right.', 'CVA', undefined],
  ['Aspiration of venous blood confirmed placement.', 'aspiration', undefined],
  ['Aspiration pneumonia.', 'Aspiration pneumonia', 'J69.0'],
  ['Mother with breast ca.', 'breast ca', 'C50.919', false],
]);

table('notes (issue 11): negation and uncertainty never upcode', [
  ['COPD, no exacerbation.', 'COPD', 'J44.9', true],
  ['COPD with acute exacerbation.', 'COPD', 'J44.1', true],
  ['Cystitis without hematuria.', 'Cystitis', 'N30.90', true],
  ['Acute cystitis with hematuria.', 'Acute cystitis with hematuria', 'N30.01', true],
  ['T2DM without complications.', 'T2DM', 'E11.9', true],
  ['Migraine without aura.', 'Migraine without aura', 'G43.009', true],
  ['Migraine with aura.', 'Migraine with aura', 'G43.109', true],
  ['CKD 3b.', 'CKD 3b', 'N18.32', true],
  ['Chronic kidney disease stage 3b, creatinine 1.9.', 'Chronic kidney disease stage 3b', 'N18.32', true],
  ['Stage 3b CKD.', 'Stage 3b CKD', 'N18.32', true],
  ['Pneumonia, likely.', 'Pneumonia', 'J18.9', true],
  ['Resp failure? not resp failure.', 'resp failure', 'J96.90'],
  ['Low probability for PE.', 'PE', 'I26.99', false],
  ['Neg: fever, chills', 'chills', 'R68.83', false],
  ['Negative: cough', 'cough', 'R05.9', false],
  ['Malaria smear -ve for malaria.', 'malaria', 'B54'],
  ['No longer has angina.', 'angina', 'I20.9', false],
  ['No change in CHF.', 'CHF', 'I50.9', true],
  ['Former smoker with lung cancer.', 'lung cancer', 'C34.90', true],
  ['Risks include infection, bleeding, heart attack, stroke.', 'stroke', 'I63.9', false],
  ['Risks include infection, bleeding, heart attack, stroke.', 'heart attack', 'I21.3', false],
]);

table('notes (issue 11): site and side', [
  ['Lumbar radiculopathy.', 'Lumbar radiculopathy', 'M54.16', true],
  ['Cervical radiculopathy.', 'Cervical radiculopathy', 'M54.12', true],
  ['Pancreatic cancer.', 'cancer', ''],
  ['Small cell carcinoma.', 'carcinoma', ''],
  ['Adenocarcinoma of the pancreas.', 'Adenocarcinoma of the pancreas', 'C25.9', true],
  ['Breast cancer.', 'Breast cancer', 'C50.919', true],
]);

describe('notes (issue 11): uncertain diagnoses and history codes in the rules', function () {
  this.timeout(60000);
  it('an uncertain diagnosis in a working assessment is not suggested; in the discharge diagnoses it is', () => {
    assert.deepEqual(suggested('ASSESSMENT: r/o DVT.'), []);
    assert.deepEqual(suggested('ASSESSMENT: Concern for PE, however CTA negative.'), []);
    assert.deepEqual(suggested('DISCHARGE DIAGNOSES: Probable pneumonia.'), ['J18.9']);
  });
  // presumed links (OCG I.A.15, I.C.9.a): never I10 / E11.9 when the note documents the linked condition
  const combos: Array<[string, string[]]> = [
    ['DISCHARGE DIAGNOSES:\n1. Hypertension\n2. CHF', ['I11.0', 'I50.9']],
    ['DISCHARGE DIAGNOSES:\n1. Hypertension\n2. CKD 3b', ['I12.9', 'N18.32']],
    ['DISCHARGE DIAGNOSES:\n1. Hypertension\n2. CHF\n3. CKD 3b', ['I13.0', 'I50.9', 'N18.32']],
    ['DISCHARGE DIAGNOSES:\n1. Hypertension\n2. ESRD', ['I12.0', 'N18.6']],
    ['PMH: CKD 3b.\nDISCHARGE DIAGNOSES:\n1. DM2', ['E11.22']],
    ['DISCHARGE DIAGNOSES:\n1. T2DM without complications\n2. CKD 3b', ['N18.32']],
  ];
  for (const [note, codes] of combos)
    it(`combination codes: ${JSON.stringify(note)} -> ${codes.join(', ')}`, () =>
      assert.deepEqual(suggested(note), codes));

  const more: Array<[string, string, string[]]> = [
    ['inpatient', 'FINAL DIAGNOSES:\n1. Pneumonia, likely aspiration.', ['J69.0']],
    // the pneumonia is certain, its kind is not (OCG IV.H): the main term's code, not J69.0
    ['outpatient', 'ASSESSMENT: Pneumonia, likely aspiration.', ['J18.9']],
    ['outpatient', 'ASSESSMENT: Thrombocytopenia, likely dilutional.', ['D69.6']],
    // resolved during the stay, in the final list: still reported for the inpatient encounter (OCG III)
    ['inpatient', 'DISCHARGE DIAGNOSES:\n1. Acute hypoxic respiratory failure, resolved.', ['J96.01']],
    ['outpatient', 'ASSESSMENT: Acute hypoxic respiratory failure, resolved.', []],
    ['inpatient', 'ASSESSMENT: Acute hypoxic respiratory failure, resolved.', []],
    ['outpatient', 'ASSESSMENT: CKD 3a, stable, secondary to hypertension.', ['N18.31', 'I12.9']],
    ['outpatient', 'ASSESSMENT: Screening mammogram ordered.', []],
  ];
  for (const [setting, note, codes] of more)
    it(`${setting}: ${JSON.stringify(note)} -> ${codes.join(', ') || 'nothing'}`, () =>
      assert.deepEqual(suggested(note, setting), codes));

  it('Z91.81 is supported by "history of falls" (a history code)', () => {
    const note = 'PMH: history of falls.';
    const codes = parseAnnotation('note: n.note\nsetting: outpatient\ndate: 2026-03-14\n\nZ91.81 "history of falls"\n');
    const analysis = analyze(note);
    const f = checkCodesAgainstNote({
      codes,
      note: { text: note, analysis, name: 'n.note' },
      codeSet: noteReader().codeSet,
    });
    assert.deepEqual(
      f.map((x) => x.rule),
      [],
    );
  });
});
