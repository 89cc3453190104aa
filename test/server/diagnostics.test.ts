/**
 * The built server (dist/server.js --stdio) driven as a real LSP client: diagnostics for annotation
 * files and notes, incremental edits, stale versions, settings and suppression, size limits,
 * custom notifications and requests. Real data from dist/data.
 */
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';

const CODES = [
  'encounter: SRV-1', // 0
  'setting: inpatient', // 1
  'date: 2026-03-14', // 2
  '', // 3
  'I50.23  POA=Y', // 4
  'I50.2   POA=Y', // 5
  'S72.001 POA=Y', // 6
  'T36.01A POA=N', // 7
  'S30.1XXA POA=Y', // 8
  'N18.6   POA=Y', // 9
  'N18.6   POA=Y', // 10
  'X99Q9   POA=Y', // 11
  '',
].join('\n');

const NOTE = [
  'Date of service: 2026-03-14', // 0
  'ASSESSMENT:', // 1
  'HbA1c 9.2, vitamin B12 low, T12 compression fracture.', // 2
  'Heart failure, coded I50.2; hip fracture [S72.001]; poisoning T36.01A.', // 3
  'ICD-10: E11, I10', // 4
  'Old code S30.1XXA and typo Q99.99.', // 5
  '',
].join('\n');

const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

type Row = [rule: string, line: number, start: number, end: number];
const rows = (ds: Diagnostic[]): Row[] =>
  ds.map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.character]);

describe('server: diagnostics', function () {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    assert.equal(await c.stop(), 0, 'server exits 0 after shutdown/exit');
  });

  it('reports every problem of an annotation file at its exact range', async () => {
    const ds = await c.open('file:///w/a.codes', 'code-annotation', CODES);
    // N18.6 (line 9) carries a Tabular "use additional code" note (dialysis status), an information
    assert.deepEqual(rows(ds), [
      ['non-billable-code', 5, 0, 5],
      ['missing-seventh-character', 6, 0, 7],
      ['missing-placeholder', 7, 0, 7],
      ['code-not-in-edition', 8, 0, 8],
      ['use-additional-code', 9, 0, 5],
      ['duplicate-code', 10, 0, 5],
      ['invalid-code', 11, 0, 5],
    ]);
    for (const d of ds) {
      assert.equal(d.source, 'coding-review');
      assert.match(text(d), /\nSource: \S/, `${d.code} cites its source`);
    }
    assert.deepEqual(
      ds.map((d) => d.severity),
      [1, 1, 1, 1, 3, 2, 1],
    );
    const nb = ds[0].data as { fix: string; candidates: Array<{ code: string }> };
    assert.deepEqual(
      nb.candidates.map((x) => x.code),
      ['I50.20', 'I50.21', 'I50.22', 'I50.23'],
    );
  });

  it('sends diagnosticsPublished and status for the version it checked', async () => {
    const p = await c.waitForPublished('file:///w/a.codes', 1);
    assert.equal(p.count, 7);
    assert.equal(p.version, 1);
    assert.ok(p.elapsedMs >= 0);
    const s = await c.waitForStatus('file:///w/a.codes');
    assert.deepEqual(s, {
      uri: 'file:///w/a.codes',
      ok: true,
      date: '2026-03-14',
      dateSource: 'the date: header of this file',
      edition: 'ICD-10-CM FY2026',
    });
  });

  it('flags only clear code tokens in notes: dotted, bracketed, labelled, real categories', async () => {
    const ds = await c.open('file:///w/n1.note', 'clinical-note', NOTE);
    assert.deepEqual(rows(ds), [
      ['non-billable-code', 3, 21, 26],
      ['missing-seventh-character', 3, 42, 49],
      ['missing-placeholder', 3, 62, 69],
      ['non-billable-code', 4, 8, 11],
      ['code-not-in-edition', 5, 9, 17],
      ['invalid-code', 5, 27, 33],
    ]);
    // HbA1c, B12 and T12 (line 2) and the billable I10 are not flagged
    assert.ok(!ds.some((d) => d.range.start.line === 2));
  });

  it('re-checks after an incremental edit and drops the fixed problem', async () => {
    const uri = 'file:///w/a.codes';
    // line 5 "I50.2" -> "I50.22"
    const v = await c.change(uri, [
      { range: { start: { line: 5, character: 5 }, end: { line: 5, character: 5 } }, text: '2' },
    ]);
    const ds = await c.diagnosticsFor(uri, v);
    assert.equal(c.diagnostics.get(uri)?.version, v);
    assert.deepEqual(
      rows(ds).map((r) => r[0]),
      [
        'missing-seventh-character',
        'missing-placeholder',
        'code-not-in-edition',
        'use-additional-code',
        'duplicate-code',
        'invalid-code',
      ],
    );
  });

  it('never publishes an older version after a newer one (rapid edits)', async () => {
    const uri = 'file:///w/rapid.codes';
    await c.open(uri, 'code-annotation', 'date: 2026-03-14\n\nI50.2\n');
    let last = 1;
    for (let i = 0; i < 5; i++) last = await c.change(uri, `date: 2026-03-14\n\nI50.2${i}\n`);
    await c.waitForPublished(uri, last);
    const versions = c.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions only grow',
    );
    assert.equal(versions[versions.length - 1], last);
    // debounced: the five quick edits are not each checked
    assert.ok(versions.length < 6, `checked ${versions.length} times`);
    // I50.24 is not a code; the last text is what was checked
    assert.deepEqual(rows(c.diagnostics.get(uri)!.diagnostics), [['invalid-code', 2, 0, 6]]);
  });

  it('honours ignore comments on a line and disable comments for the file', async () => {
    const uri = 'file:///w/ignore.codes';
    const text = 'date: 2026-03-14\nsetting: outpatient\n\nI50.2  # coding-review: ignore non-billable-code\nS72.001\n';
    assert.deepEqual(rows(await c.open(uri, 'code-annotation', text)), [['missing-seventh-character', 4, 0, 7]]);
    const v = await c.change(uri, '# coding-review: disable missing-seventh-character\n' + text);
    assert.deepEqual(rows(await c.diagnosticsFor(uri, v)), []);
  });

  it('answers clinicalCoding/search, editions and documentStatus', async () => {
    const r = await c.request<{ edition: string; items: Array<{ code: string; billable: boolean }> }>(
      'clinicalCoding/search',
      { query: 'I50.2', date: '2026-03-14', limit: 10 },
    );
    assert.equal(r.edition, 'ICD-10-CM FY2026');
    assert.deepEqual(
      r.items.map((i) => i.code),
      ['I50.2', 'I50.20', 'I50.21', 'I50.22', 'I50.23'],
    );
    assert.deepEqual(
      r.items.map((i) => i.billable),
      [false, true, true, true, true],
    );
    const e = await c.request<{ cm: Array<{ id: string; from: string; to: string }>; tabularYear: number }>(
      'clinicalCoding/editions',
      {},
    );
    // 13 order files and 4 derived mid-year editions (FY2020 April, FY2021 January, FY2022 and FY2023 April; issue 10)
    assert.equal(e.cm.length, 17);
    assert.deepEqual(e.cm[0], { ...e.cm[0], id: 'fy2016', from: '2015-10-01' });
    assert.deepEqual(e.cm[16], { ...e.cm[16], id: 'fy2026', to: '2026-09-30' });
    assert.equal(e.tabularYear, 2021);
    const s = await c.request<Record<string, unknown>>('clinicalCoding/documentStatus', { uri: 'file:///w/n1.note' });
    assert.equal(s.edition, 'ICD-10-CM FY2026');
    assert.equal(s.dateSource, 'the date on line 1 of this note');
  });

  it('checks other files (e.g. .txt matched by notePatterns on the client) as notes', async () => {
    const ds = await c.open('file:///w/visit.txt', 'plaintext', 'Date of service: 2026-03-14\nDx [I50.2]\n');
    assert.deepEqual(rows(ds), [['non-billable-code', 1, 4, 9]]);
  });

  it('a note without a date takes it from the annotation file beside it, and follows its changes', async () => {
    const codes = 'file:///w/pair.codes';
    await c.open(codes, 'code-annotation', 'date: 2019-06-01\nsetting: outpatient\n\nI10\n');
    await c.open('file:///w/pair.note', 'clinical-note', 'Hypertension I10.\n');
    let s = await c.waitForStatus('file:///w/pair.note');
    assert.equal(s.edition, 'ICD-10-CM FY2019');
    assert.equal(s.dateSource, 'the date: header of pair.codes');
    const next = c.nextPublished('file:///w/pair.note');
    await c.change(codes, 'date: 2026-03-14\nsetting: outpatient\n\nI10\n');
    await next;
    s = await c.waitForStatus('file:///w/pair.note');
    assert.equal(s.edition, 'ICD-10-CM FY2026');
  });

  it('warns in the status when no edition covers the date, and uses the nearest', async () => {
    const uri = 'file:///w/future.codes';
    const ds = await c.open(uri, 'code-annotation', 'date: 2026-11-02\nsetting: outpatient\n\nI50.23\n');
    assert.deepEqual(rows(ds), [['date-outside-editions', 0, 6, 16]]);
    const s = await c.waitForStatus(uri);
    assert.equal(s.ok, false);
    assert.equal(s.edition, 'ICD-10-CM FY2026');
    assert.match(String(s.message), /No ICD-10-CM edition covers 2026-11-02.*Checking against ICD-10-CM FY2026\./);
  });
});

describe('server: settings and limits', function () {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start({
      settings: {
        disabledRules: ['duplicate-code'],
        severity: { 'invalid-code': 'warning', 'missing-placeholder': 'off' },
        maxFileSizeKB: 2,
        maxLineLength: 200,
        defaultDateOfService: '2019-06-01',
      },
    });
  });
  after(async () => {
    await c.stop();
  });

  it('applies disabledRules and per-rule severities', async () => {
    const ds = await c.open('file:///s/a.codes', 'code-annotation', CODES);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity]),
      [
        ['non-billable-code', 1],
        ['missing-seventh-character', 1],
        ['code-not-in-edition', 1],
        ['use-additional-code', 3],
        ['invalid-code', 2],
      ],
    );
  });

  it('uses defaultDateOfService when a note has no date', async () => {
    await c.open('file:///s/nodate.note', 'clinical-note', 'Assessment: stable.\n');
    const s = await c.waitForStatus('file:///s/nodate.note');
    assert.equal(s.edition, 'ICD-10-CM FY2019');
    assert.equal(s.dateSource, 'the clinicalCoding.defaultDateOfService setting');
  });

  it('reports one clear diagnostic when a file is over the size limit', async () => {
    const big = 'Findings: I50.2\n'.repeat(200); // 3.2 KB > 2 KB
    const ds = await c.open('file:///s/big.note', 'clinical-note', big);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'size-limit');
    assert.deepEqual(ds[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(text(ds[0]), /over the 2 KB limit \(setting clinicalCoding\.maxFileSizeKB\)/);
  });

  it('skips over-long lines with one message and still checks the others', async () => {
    const text = `Plan: ${'x'.repeat(300)} I50.2\nDx: I50.2\n`;
    const ds = await c.open('file:///s/long.note', 'clinical-note', text);
    assert.deepEqual(rows(ds), [
      ['size-limit', 0, 0, 0],
      ['non-billable-code', 1, 4, 9],
    ]);
  });

  it('re-reads settings on didChangeConfiguration and re-checks open files', async () => {
    const uri = 'file:///s/a.codes';
    const next = c.nextPublished(uri);
    await c.setSettings({ disabledRules: ['non-billable-code', 'invalid-code', 'use-additional-code'] });
    await next;
    assert.deepEqual(
      c.diagnostics.get(uri)!.diagnostics.map((d) => d.code),
      ['missing-seventh-character', 'missing-placeholder', 'code-not-in-edition', 'duplicate-code'],
    );
  });
});
