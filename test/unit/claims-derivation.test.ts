/**
 * What the claim-edit derivation (server/src/core/codeset/claims.ts, docs/rules.md "Claim edits") yields on the real
 * data: its sizes, the blocks and categories it draws from, a sample of what it includes and the common both-sex or
 * any-age codes it must leave out. And the PCS body-system labels read by the data build.
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { CodeSet } from '../../server/src/core/codeset/api';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import { getDataset, getPart } from '../helpers/data';

let cs: CodeSet;
let ed: number;
before(function () {
  this.timeout(60000);
  cs = createCodeSet(getDataset());
  const er = cs.editionFor('2026-03-14');
  assert.ok(er.ok);
  ed = er.index;
});

interface Summary {
  counts: Record<string, number>;
  sexLevels: Record<string, string[]>;
  notPrincipal: Record<string, string[]>;
  manifestationCategories: number;
}

function summarise(): Summary {
  const cm = getDataset().cm;
  const counts: Record<string, number> = {};
  const sexLevels: Record<string, Set<string>> = {};
  const np: Record<string, Set<string>> = {};
  const man = new Set<string>();
  const inc = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  for (let i = 0; i < cm.size; i++) {
    if (cm.statusCode(i, ed) !== 66) continue; // 'B': billable in the edition
    const code = cm.code(i);
    const a = cs.claimAttributes(code, ed);
    if (a.sex) {
      inc(`sex ${a.sex.sex}`);
      if (/^(block|Chapter)/.test(a.sex.from)) (sexLevels[a.sex.sex] ??= new Set()).add(a.sex.from);
    }
    if (a.age) inc(`age ${a.age.kind}`);
    if (a.manifestation) {
      inc('manifestation');
      man.add(code.slice(0, 3));
    }
    if (a.notPrincipal) {
      inc(`not principal: ${a.notPrincipal.kind}`);
      (np[a.notPrincipal.kind] ??= new Set()).add(code.slice(0, 3));
    }
  }
  const sorted = (m: Record<string, Set<string>>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [...v].sort()]));
  return { counts, sexLevels: sorted(sexLevels), notPrincipal: sorted(np), manifestationCategories: man.size };
}

describe('claim-edit derivation on the real data (FY2026 billable codes)', () => {
  let s: Summary;
  before(function () {
    this.timeout(60000);
    s = summarise();
  });

  it('sizes', () => {
    assert.deepEqual(s.counts, {
      'sex F': 3378,
      'sex M': 522,
      'age maternity': 2506,
      'age newborn': 499,
      'age tabular-age': 32,
      manifestation: 335,
      'not principal: additional-only-note': 65,
      'not principal: code-first-note': 54,
      'not principal: history': 254,
    });
    assert.equal(s.manifestationCategories, 74);
  });

  it('the chapter and blocks whose titles make a whole range one sex', () => {
    assert.deepEqual(s.sexLevels, {
      F: ['Chapter 15', 'block C51-C58', 'block N70-N77', 'block N80-N98'],
      M: ['block C60-C63', 'block N40-N53'],
    });
  });

  it('the categories that may not be principal', () => {
    assert.deepEqual(s.notPrincipal, {
      'additional-only-note': ['B95', 'B96', 'B97', 'Z16'],
      'code-first-note': ['Z17', 'Z3A', 'Z91', 'Z99'],
      history: ['Z62', 'Z80', 'Z81', 'Z82', 'Z83', 'Z84', 'Z85', 'Z86', 'Z87', 'Z91', 'Z92', 'Z98'],
    });
  });

  // [code, sex, age kind, manifestation, not principal]
  const samples: Array<[string, string | undefined, string | undefined, boolean, string | undefined]> = [
    // included
    ['O80', 'F', 'maternity', false, undefined],
    ['O9A.111', 'F', 'maternity', false, undefined],
    ['Z3A.39', 'F', 'maternity', false, 'code-first-note'],
    ['Z37.0', 'F', 'maternity', false, undefined],
    ['Z34.00', 'F', 'maternity', false, undefined],
    ['Z39.2', 'F', 'maternity', false, undefined],
    ['C53.9', 'F', undefined, false, undefined],
    ['D25.9', 'F', undefined, false, undefined],
    ['D27.0', 'F', undefined, false, undefined],
    ['N83.201', 'F', undefined, false, undefined],
    ['N95.1', 'F', undefined, false, undefined],
    ['C50.911', 'F', undefined, false, undefined], // its title says "female breast"
    ['C50.919', 'F', undefined, false, undefined], // "… of unspecified female breast"
    ['Z12.4', 'F', undefined, false, undefined],
    ['Z85.43', 'F', undefined, false, 'history'],
    ['Z86.32', 'F', undefined, false, 'history'], // history: no maternity age
    ['C61', 'M', undefined, false, undefined],
    ['C62.90', 'M', undefined, false, undefined],
    ['D29.1', 'M', undefined, false, undefined],
    ['N40.0', 'M', undefined, false, undefined],
    ['N52.9', 'M', undefined, false, undefined],
    ['Q53.10', 'M', undefined, false, undefined],
    ['R97.20', 'M', undefined, false, undefined],
    ['C50.921', 'M', undefined, false, undefined],
    ['N47.0', 'M', 'newborn', false, undefined],
    ['P07.30', undefined, 'newborn', false, undefined],
    ['P96.1', undefined, 'newborn', false, undefined],
    ['Z38.00', undefined, 'newborn', false, undefined],
    ['Z00.110', undefined, 'newborn', false, undefined],
    ['Z05.0', undefined, 'newborn', false, undefined],
    ['Z68.41', undefined, 'tabular-age', false, undefined],
    ['Z68.52', undefined, 'tabular-age', false, undefined],
    ['D63.1', undefined, undefined, true, undefined],
    ['D63.8', undefined, undefined, true, undefined],
    ['F02.80', undefined, undefined, true, undefined],
    ['G63', undefined, undefined, true, undefined],
    ['N51', 'M', undefined, true, undefined],
    ['B96.20', undefined, undefined, false, 'additional-only-note'],
    ['Z87.891', undefined, undefined, false, 'history'],
    ['Z80.41', undefined, undefined, false, 'history'],
    ['Z92.82', undefined, undefined, false, 'history'],
    // left out: both sexes, any age, acceptable as principal
    ['Z30.09', undefined, undefined, false, undefined], // contraceptive management
    ['Z30.2', undefined, undefined, false, undefined],
    ['Z30.430', undefined, undefined, false, undefined], // "intrauterine" is not "uterine"
    ['N39.0', undefined, undefined, false, undefined],
    ['D05.90', undefined, undefined, false, undefined], // carcinoma in situ of breast: either sex
    ['N63.0', undefined, undefined, false, undefined], // breast is not sex-specific
    ['N64.3', undefined, undefined, false, undefined], // "not associated with childbirth"
    ['L08.82', undefined, undefined, false, undefined], // "Omphalitis not of newborn"
    ['Z13.32', undefined, undefined, false, undefined], // screening for maternal depression (also on the infant's record)
    ['Z30.02', undefined, undefined, false, undefined], // natural family planning "to avoid pregnancy"
    ['Q56.1', undefined, undefined, false, undefined], // pseudohermaphroditism: never a sex edit
    ['Q98.0', undefined, undefined, false, undefined], // sex chromosome abnormality
    ['Y07.03', undefined, undefined, false, undefined], // the perpetrator's sex, not the patient's
    ['P03.82', undefined, 'newborn', false, undefined], // "during delivery" on the newborn record
    ['P00.0', undefined, 'newborn', false, undefined], // "Newborn affected by maternal …"
    ['N35.021', 'F', undefined, false, undefined], // due to childbirth: any age
    ['C58', 'F', undefined, false, undefined], // placenta: not a maternity age edit outside chapter 15 / Z codes
    ['Z00.121', undefined, undefined, false, undefined], // child health examination: no age in the data
    ['Z00.00', undefined, undefined, false, undefined],
    ['F90.0', undefined, undefined, false, undefined], // "may be used regardless of the age of a patient"
    ['E71.511', undefined, undefined, false, undefined], // "Neonatal adrenoleukodystrophy": a disease type
    ['Z87.6', undefined, undefined, false, 'history'], // history of a perinatal condition: no newborn age
    ['B95.0', undefined, undefined, false, 'additional-only-note'],
    ['Z79.4', undefined, undefined, false, undefined], // status codes: not covered
    ['Z23', undefined, undefined, false, undefined], // "Code first any routine childhood examination": no code named
    ['Z21', undefined, undefined, false, undefined], // "…, if applicable"
    ['I50.9', undefined, undefined, false, undefined],
    ['F01.50', undefined, undefined, false, undefined], // a "code first" note without "classified elsewhere"
    ['B95.62', undefined, undefined, false, 'additional-only-note'],
  ];
  for (const [code, sex, age, man, np] of samples) {
    it(`${code}: sex ${sex ?? '-'}, age ${age ?? '-'}, manifestation ${man}, not principal ${np ?? '-'}`, () => {
      const a = cs.claimAttributes(code, ed);
      assert.deepEqual(
        [a.sex?.sex, a.age?.kind, !!a.manifestation, a.notPrincipal?.kind],
        [sex, age, man, np],
        JSON.stringify(a),
      );
    });
  }

  it('the age ranges', () => {
    assert.deepEqual(
      ['O80', 'P07.30', 'Z68.41', 'Z68.52'].map((c) => {
        const a = cs.claimAttributes(c, ed).age!;
        return [c, a.min, a.max];
      }),
      [
        ['O80', 12, 55],
        ['P07.30', 0, 0],
        ['Z68.41', 20, 124],
        ['Z68.52', 2, 19],
      ],
    );
  });

  it('PCS: the body systems for one sex, from the Tables labels', () => {
    const pcs = getPart('pcs');
    assert.ok(pcs.bodySystems, 'pcs.json.gz has bodySystems');
    assert.equal(pcs.bodySystems.source, 'pcs/xml/fy2026/icd10pcs_tables_2026.xml');
    assert.deepEqual(pcs.bodySystems.labels['0U'], {
      section: 'Medical and Surgical',
      bodySystem: 'Female Reproductive System',
    });
    const oneSex = Object.keys(pcs.bodySystems.labels)
      .sort()
      .map((k) => [k, cs.pcsSex(`${k}00000`)?.sex])
      .filter(([, s]) => s);
    assert.deepEqual(oneSex, [
      ['0U', 'F'],
      ['0V', 'M'],
      ['10', 'F'],
      ['BU', 'F'],
      ['BV', 'M'],
      ['BY', 'F'],
      ['CV', 'M'],
      ['DU', 'F'],
      ['DV', 'M'],
    ]);
    assert.equal(cs.pcsSex('0HTT0ZZ'), undefined); // Skin and Breast
    assert.equal(cs.pcsSex('0TTB0ZZ'), undefined); // Urinary System
  });
});

describe('data build: PCS section and body-system labels (fixture)', () => {
  type Parse = (xml: string, label: string) => { labels: Record<string, unknown>; tables: number };
  let parse: Parse;
  before(async () => {
    const file = path.resolve(__dirname, '../../scripts/data/pcs-body-systems.mjs');
    parse = ((await import(file)) as { parseBodySystems: Parse }).parseBodySystems;
  });
  const table = (s: string, sl: string, b: string, bl: string, t = 'Body System') =>
    `<pcsTable><axis pos="1" values="1"><title>Section</title><label code="${s}">${sl}</label></axis>` +
    `<axis pos="2" values="1"><title>${t}</title><label code="${b}">${bl}</label></axis></pcsTable>`;

  it('reads every table head, entities decoded, "Section Qualifier" accepted', () => {
    const xml =
      '<ICD10PCS.tabular>' +
      table('0', 'Medical and Surgical', 'U', 'Female Reproductive System') +
      table('0', 'Medical and Surgical', 'U', 'Female Reproductive System') +
      table('F', 'Physical Rehabilitation &amp; Audiology', '0', 'Rehabilitation', 'Section Qualifier') +
      '</ICD10PCS.tabular>';
    const r = parse(xml, 'fixture.xml');
    assert.equal(r.tables, 3);
    assert.deepEqual(r.labels, {
      '0U': { section: 'Medical and Surgical', bodySystem: 'Female Reproductive System' },
      F0: { section: 'Physical Rehabilitation & Audiology', bodySystem: 'Rehabilitation' },
    });
  });

  it('a table it cannot read, or two labels for one body system, is a clear error', () => {
    assert.throws(
      () => parse(`<x>${table('0', 'A', 'U', 'B')}<pcsTable><axis pos="1"/></pcsTable></x>`, 'bad.xml'),
      /bad\.xml: read the section\/body system of 1 of 2 <pcsTable> elements/,
    );
    assert.throws(
      () => parse(`<x>${table('0', 'A', 'U', 'B')}${table('0', 'A', 'U', 'C')}</x>`, 'two.xml'),
      /two\.xml: body system 0U has two labels \(B \/ C\)/,
    );
  });
});
