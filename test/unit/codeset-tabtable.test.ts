/**
 * The columnar Tabular (format 3, server/src/core/codeset/tabtable.ts): nodes made from the columns equal the
 * plain objects they were written from, and a CodeSet over either answers the same. And the cm short titles
 * read on demand (the language server's setting) are those read eagerly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATA_FORMAT_VERSION } from '../../server/src/core/data';
import { defaultDataDir, loadPart } from '../../server/src/data/load';
import { createCodeSet } from '../../server/src/core/codeset/codeset';
import {
  TabularShapeError,
  inclusionTermsOf,
  tabNode,
  tabularArtifactFrom,
  tabularFromArtifact,
} from '../../server/src/core/codeset/tabtable';
import { cm, extras, pcs, tabular } from './fixtures/codeset-fixture';

describe('columnar Tabular (tabtable.ts)', () => {
  const art = tabularArtifactFrom(tabular);
  const table = tabularFromArtifact(art);

  it('writes the nodes as three columns with kind letters', () => {
    assert.equal(art.count, 8);
    assert.equal(art.keys, 'A00|I50|I502|I5023|I509|S00|S72|S72001');
    assert.equal(
      art.notes.split('|')[1],
      'xneonatal cardiac failure (P29.0)^fheart failure due to hypertension (I11.0)',
    );
    assert.equal(art.notes.split('|')[6].split('^')[0], 'dAinitial encounter for closed fracture');
    assert.equal(art.notes.split('|')[0], '');
  });

  it('makes every node equal to the plain one, and none for other keys', () => {
    for (const key of Object.keys(tabular.codes)) assert.deepEqual(table.node!(key), tabular.codes[key], key);
    for (const key of ['I5', 'I5022', 'S72001A', '', 'A0']) assert.equal(table.node!(key), undefined, key);
    assert.deepEqual(table.codes, tabular.codes);
    assert.equal(tabNode(table, 'S72')?.sevenChrDef?.length, 4);
    assert.equal(tabNode(tabular, 'S72')?.sevenChrDef?.length, 4);
    assert.equal(tabNode(tabular, 'toString'), undefined);
  });

  it('lists the inclusion terms in Tabular order, as the plain object does', () => {
    const expected: Array<[string, string[]]> = [
      ['I502', ['Heart failure with reduced ejection fraction [HFrEF]']],
      ['I509', ['Congestive heart disease']],
    ];
    assert.deepEqual([...inclusionTermsOf(table)], expected);
    assert.deepEqual([...inclusionTermsOf(tabular)], expected);
  });

  it('gives the same notes, 7th characters and search hits as the plain object', () => {
    const plain = createCodeSet({ cm, tabular, pcs, extras });
    const cols = createCodeSet({ cm, tabular: table, pcs, extras });
    for (const code of ['I50.23', 'I50.9', 'S72.001A', 'A00', 'Z87.01']) {
      assert.deepEqual(cols.notes(code), plain.notes(code), code);
    }
    const ed = cm.editions.length - 1;
    const seventh = cols.seventhCharacters('S72.001', ed);
    assert.ok(seventh.some((c) => c.meaning === 'initial encounter for closed fracture'));
    assert.deepEqual(seventh, plain.seventhCharacters('S72.001', ed));
    const hits = cols.search('congestive heart disease', ed, 5);
    assert.equal(hits[0]?.term, 'Congestive heart disease');
    assert.deepEqual(hits, plain.search('congestive heart disease', ed, 5));
  });

  it('refuses a separator inside a text and a 7th character of two letters', () => {
    const bad = (desc: string) => ({ ...tabular, codes: { A00: { desc } } });
    assert.throws(() => tabularArtifactFrom(bad('a | b')), TabularShapeError);
    assert.throws(() => tabularArtifactFrom(bad('a ^ b')), TabularShapeError);
    const two = { ...tabular, codes: { S72: { desc: 'x', sevenChrDef: [{ char: 'AB', meaning: 'm' }] } } };
    assert.throws(() => tabularArtifactFrom(two), TabularShapeError);
    assert.throws(() => tabularFromArtifact({ ...art, count: 11 }), TabularShapeError);
  });

  it('loads the columns from the artifact file, non-ASCII letters (written \\u00e8) and quotes included', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tabtable-'));
    try {
      const codes = {
        ...tabular.codes,
        A5216: { desc: 'Charc\u00f4t\'s "arthropathy" (tabetic)', notes: ['Perl\u00e8che'] },
      };
      const a = tabularArtifactFrom({ ...tabular, formatVersion: DATA_FORMAT_VERSION, codes });
      const json = JSON.stringify(a).replace(
        /[\u007f-\uffff]/g,
        (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
      );
      assert.ok(json.includes('Charc\\u00f4t'));
      writeFileSync(path.join(dir, 'tabular.json.gz'), gzipSync(Buffer.from(json, 'latin1')));
      const t = loadPart(dir, 'tabular');
      assert.equal(typeof t.node, 'function');
      assert.deepEqual(t.codes, codes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('titles on demand (loadPart titlesOnDemand)', () => {
  it('gives the same short titles and rows as the eager load', () => {
    const dir = defaultDataDir();
    const eager = loadPart(dir, 'cm');
    const lazy = loadPart(dir, 'cm', { titlesOnDemand: true });
    const i = lazy.indexOf('I5023')!;
    assert.equal(lazy.title(i), 'Acute on chronic systolic (congestive) heart failure');
    assert.equal(lazy.short(i), 'Acute on chronic systolic (congestive) heart failure');
    const j = lazy.indexOf('S72001A')!;
    assert.equal(lazy.short(j), eager.short(j));
    assert.notEqual(lazy.short(j), lazy.title(j));
    for (let k = 0; k < lazy.size; k += 997) assert.deepEqual(lazy.row(k), eager.row(k));
  });

  it('gives the same Tabular notes, nodes and titles as the eager load', () => {
    const dir = defaultDataDir();
    const eager = loadPart(dir, 'tabular');
    const lazy = loadPart(dir, 'tabular', { titlesOnDemand: true });
    const { desc, ...notes } = eager.node!('I50')!;
    assert.equal(desc, 'Heart failure');
    assert.deepEqual(lazy.nodeNotes!('I50'), notes);
    assert.equal(lazy.nodeNotes!('QA0'), undefined);
    assert.deepEqual(lazy.node!('I5022'), { desc: 'Chronic systolic (congestive) heart failure' });
    assert.deepEqual(lazy.node!('S72'), eager.node!('S72'));
  });
});
