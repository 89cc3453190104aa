/**
 * Hover, completion (+ resolve), code actions built from diagnostic.data, and the outline, over
 * stdio against the built server and the real data.
 */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, LspTestClient } from './client';

const CODES_URI = 'file:///f/enc.codes';
const CODES = [
  'encounter: FEAT-1', // 0
  'setting: inpatient', // 1
  'date: 2026-03-14', // 2
  '', // 3
  'F02.80  POA=Y', // 4  manifestation listed first: manifestation-principal
  'I50.2   POA=Y', // 5  header
  'S72.001 POA=Y', // 6  needs 7th character
  'T36.01A POA=N', // 7  needs placeholder X
  'S30.1XXA POA=Y', // 8 deleted in FY2026
  'G30.9   POA=Y', // 9  etiology of F02.80
  'G30.9   POA=Y', // 10 duplicate
  'px 02HV33Z', // 11
  '',
].join('\n');
const NOTE_URI = 'file:///f/enc.note';
const NOTE = [
  'Discharge date: 2026-03-14',
  '',
  'HISTORY OF PRESENT ILLNESS:',
  'Worsening dyspnea; history of heart failure.',
  '',
  'Assessment and plan:',
  'Systolic heart failure I50.2 and hip fracture S72.001A.',
  '',
].join('\n');

const md = (h: { contents: unknown } | null): string => (h ? (h.contents as MarkupContent).value : '');
const editsOf = (a: CodeAction, uri: string): TextEdit[] => a.edit?.changes?.[uri] ?? [];

describe('server: hover, completion, code actions, outline', function () {
  let c: LspTestClient;
  let diags: Diagnostic[];
  before(async () => {
    c = await LspTestClient.start();
    diags = await c.open(CODES_URI, 'code-annotation', CODES);
    await c.open(NOTE_URI, 'clinical-note', NOTE);
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
  });
  const diag = (rule: string): Diagnostic => {
    const d = diags.find((x) => x.code === rule);
    assert.ok(d, `a ${rule} diagnostic`);
    return d;
  };

  describe('hover', () => {
    it('on a header code: title, status, edition and why, hierarchy, notes with sources, CC/HCC', async () => {
      const h = await c.hover(CODES_URI, { line: 5, character: 2 });
      assert.deepEqual(h?.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 5 } });
      const text = md(h);
      const lines = text.split('\n');
      assert.equal(lines[0], '### I50.2 — Systolic (congestive) heart failure');
      assert.ok(lines.includes('**Status:** Header: not valid for reporting; use one of its billable codes.'));
      assert.ok(
        lines.includes(
          '**Edition:** ICD-10-CM FY2026 (2025-10-01 to 2026-09-30), chosen by the date of service 2026-03-14 (from the date: header of this file).',
        ),
      );
      assert.match(text, /\*\*Where it sits:\*\* Chapter 9 .*→ .*→ I50 Heart failure/);
      assert.match(text, /\*\*Billable codes under it \(4\):\*\*\n- I50\.20 — /);
      assert.match(text, /\*\*Tabular notes\*\* \(FY2021 Tabular\):/);
      assert.match(text, /- Code also:\n {2}- end stage heart failure, if applicable \(I50\.84\) _\(at I50\.2\)_/);
      assert.match(text, /_\(at I50, inherited\)_/);
      assert.match(text, /\*\*Severity and risk:\*\*\n- /);
    });

    it('on a code added after the FY2021 Tabular says so honestly', async () => {
      const uri = 'file:///f/new.codes';
      await c.open(uri, 'code-annotation', 'date: 2026-03-14\nsetting: outpatient\n\nU09.9\n');
      const text = md(await c.hover(uri, { line: 3, character: 1 }));
      assert.match(text, /^### U09\.9 — Post COVID-19 condition, unspecified/);
      assert.match(text, /no Tabular notes for this code in the FY2021 Tabular/);
    });

    it('on a stem that needs a 7th character: the choices with their meanings', async () => {
      const text = md(await c.hover(CODES_URI, { line: 6, character: 3 }));
      assert.match(text, /\*\*Status:\*\* Incomplete: needs a 7th character\./);
      assert.match(text, /\*\*7th characters:\*\*\n- A — initial encounter for closed fracture\n- B — /);
    });

    it('on a deleted code lists its replacements', async () => {
      const text = md(await c.hover(CODES_URI, { line: 8, character: 3 }));
      assert.match(text, /\*\*Status:\*\* Not in this edition: deleted\./);
      assert.match(text, /Last valid in ICD-10-CM FY2025 April update, until 2025-09-30\./);
      assert.match(text, /\*\*Replaced by:\*\*\n- S30\.11XA — Contusion of abdominal wall, initial encounter/);
    });

    it('on the date header: the edition it picks; on a POA flag: its meaning', async () => {
      const d = await c.hover(CODES_URI, { line: 2, character: 8 });
      assert.deepEqual(d?.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 16 } });
      assert.equal(
        md(d),
        '### Date of service 2026-03-14\n\n**Edition:** ICD-10-CM FY2026 (2025-10-01 to 2026-09-30).',
      );
      const p = await c.hover(CODES_URI, { line: 4, character: 12 });
      assert.deepEqual(p?.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 13 } });
      assert.equal(md(p), '### Present on admission (POA)\n\nY: present at the time of inpatient admission');
    });

    it('on a PCS code and on a code in a note; nothing on plain words', async () => {
      const px = md(await c.hover(CODES_URI, { line: 11, character: 5 }));
      assert.match(px, /^### 02HV33Z \(ICD-10-PCS\)/);
      const h = await c.hover(NOTE_URI, { line: 6, character: 24 });
      assert.deepEqual(h?.range, { start: { line: 6, character: 23 }, end: { line: 6, character: 28 } });
      // the note's linked annotation file (enc.codes, date: 2026-03-14) gives the date of service: one
      // precedence for every feature (core/linking.ts), so the note and its codes never show two editions
      assert.match(md(h), /chosen by the date of service 2026-03-14 \(from the date: header of enc\.codes\)/);
      assert.equal(await c.hover(NOTE_URI, { line: 3, character: 3 }), null);
    });
  });

  describe('completion', () => {
    const uri = 'file:///f/complete.codes';
    const base = 'encounter: C-1\nsetting: inpatient\ndate: 2026-03-14\n\n';
    before(async () => {
      await c.open(uri, 'code-annotation', base);
    });

    const at = async (text: string): Promise<ReturnType<LspTestClient['completion']>> => {
      const v = await c.change(uri, text);
      await c.waitForPublished(uri, v);
      const lines = text.split('\n');
      return c.completion(uri, { line: lines.length - 1, character: lines[lines.length - 1].length });
    };

    it('by code prefix: billable first, headers marked, dotted code inserted, title as detail', async () => {
      const items = await at(base + 'I50.2');
      assert.deepEqual(
        items.map((i) => i.label),
        ['I50.20', 'I50.21', 'I50.22', 'I50.23', 'I50.2'],
      );
      assert.equal(items[3].detail, 'Acute on chronic systolic (congestive) heart failure');
      assert.equal(items[4].labelDetails?.description, 'header, not billable');
      assert.deepEqual(items[3].textEdit, {
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } },
        newText: 'I50.23',
      });
    });

    it('by words', async () => {
      const items = await at(base + 'acute on chronic systolic');
      assert.equal(items[0].label, 'I50.23');
      assert.equal(items[0].filterText, 'acute on chronic systolic');
      assert.deepEqual(items[0].textEdit, {
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 25 } },
        newText: 'I50.23',
      });
    });

    it('resolves notes into the documentation', async () => {
      const [first] = await at(base + 'I50.23');
      const r = await c.resolve(first);
      assert.match((r.documentation as MarkupContent).value, /^### I50\.23 — Acute on chronic systolic/);
    });

    it('header keys in the header, and their values', async () => {
      const keys = await c.completion(uri, { line: 3, character: 0 });
      assert.deepEqual(
        keys.map((i) => i.label),
        ['encounter:', 'note:', 'setting:', 'date:', 'age:', 'sex:', 'key:'].filter(
          (k) => !['encounter:', 'setting:', 'date:'].includes(k),
        ),
      );
      const settings = await at('setting: ');
      assert.deepEqual(
        settings.map((i) => i.label),
        ['inpatient', 'outpatient'],
      );
      const sex = await at('sex: ');
      assert.deepEqual(
        sex.map((i) => i.label),
        ['F', 'M', 'U'],
      );
    });

    it('POA flags after POA=', async () => {
      const items = await at(base + 'I50.23  POA=');
      assert.deepEqual(
        items.map((i) => i.label),
        ['Y', 'N', 'U', 'W', '1'],
      );
    });

    it('nothing after a code is complete', async () => {
      assert.deepEqual(await at(base + 'I50.23 acute'), []);
    });

    it('in notes after "[" and "ICD-10:" and on dotted prefixes, not on plain words', async () => {
      const n = 'file:///f/complete.note';
      await c.open(n, 'clinical-note', 'Dx [I50.2');
      assert.equal((await c.completion(n, { line: 0, character: 9 }))[0].label, 'I50.20');
      let v = await c.change(n, 'ICD-10: E11.6');
      await c.waitForPublished(n, v);
      assert.ok((await c.completion(n, { line: 0, character: 13 })).every((i) => String(i.label).startsWith('E11.6')));
      v = await c.change(n, 'heart failure I50.2');
      await c.waitForPublished(n, v);
      assert.equal((await c.completion(n, { line: 0, character: 19 })).length, 5);
      v = await c.change(n, 'heart failure');
      await c.waitForPublished(n, v);
      assert.deepEqual(await c.completion(n, { line: 0, character: 13 }), []);
    });
  });

  describe('code actions (from diagnostic.data only)', () => {
    const titles = async (d: Diagnostic): Promise<string[]> =>
      (await c.codeActions(CODES_URI, d.range, [d])).map((a) => a.title);

    it('replace a header by its billable children', async () => {
      assert.deepEqual((await titles(diag('non-billable-code'))).slice(0, 4), [
        'Replace header with I50.20 Unspecified systolic (congestive) heart failure',
        'Replace header with I50.21 Acute systolic (congestive) heart failure',
        'Replace header with I50.22 Chronic systolic (congestive) heart failure',
        'Replace header with I50.23 Acute on chronic systolic (congestive) heart failure',
      ]);
    });

    it('append a 7th character, each with its meaning', async () => {
      const t = await titles(diag('missing-seventh-character'));
      assert.equal(t[0], 'Add 7th character A - initial encounter for closed fracture → S72.001A');
      assert.equal(t[1], 'Add 7th character B - initial encounter for open fracture type I or II → S72.001B');
    });

    it('insert placeholder X, replace a deleted code', async () => {
      assert.equal((await titles(diag('missing-placeholder')))[0], 'Insert placeholder X → T36.0X1A');
      assert.equal(
        (await titles(diag('code-not-in-edition')))[0],
        'Replace with S30.11XA Contusion of abdominal wall, initial encounter',
      );
    });

    it('applying a replacement changes exactly the code', async () => {
      const d = diag('missing-placeholder');
      const [a] = await c.codeActions(CODES_URI, d.range, [d]);
      assert.deepEqual(editsOf(a, CODES_URI), [
        { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 7 } }, newText: 'T36.0X1A' },
      ]);
    });

    it('remove a duplicate line', async () => {
      const d = diag('duplicate-code');
      const [a] = await c.codeActions(CODES_URI, d.range, [d]);
      assert.equal(a.title, 'Remove the duplicate line');
      const after = applyEdits(CODES, editsOf(a, CODES_URI)).split('\n');
      assert.deepEqual(after.slice(9, 11), ['G30.9   POA=Y', 'px 02HV33Z']);
    });

    it('move a principal manifestation after its etiology', async () => {
      const d = diag('manifestation-principal');
      const [a] = await c.codeActions(CODES_URI, d.range, [d]);
      assert.match(a.title, /^Move this code after line \d+ \(code first its etiology\)$/);
      const after = applyEdits(CODES, editsOf(a, CODES_URI)).split('\n');
      assert.equal(after[4], 'I50.2   POA=Y');
      assert.ok(after.indexOf('F02.80  POA=Y') > after.indexOf('G30.9   POA=Y'), 'F02.80 after G30.9');
      assert.equal(after.length, CODES.split('\n').length);
    });

    it('add an ignore comment, which the next check honours', async () => {
      const uri = 'file:///f/ign.codes';
      const text = 'date: 2026-03-14\nsetting: outpatient\n\nI50.2\n';
      const [d] = await c.open(uri, 'code-annotation', text);
      const acts = await c.codeActions(uri, d.range, [d]);
      const ignore = acts.find((a) => a.title === 'Ignore non-billable-code on this line');
      assert.ok(ignore);
      const next = applyEdits(text, editsOf(ignore, uri));
      assert.equal(next.split('\n')[3], 'I50.2  # coding-review: ignore non-billable-code');
      const v = await c.change(uri, next);
      assert.deepEqual(await c.diagnosticsFor(uri, v), []);
    });

    it('offers nothing for diagnostics from other sources', async () => {
      const d = { ...diag('non-billable-code'), source: 'other' };
      assert.deepEqual(await c.codeActions(CODES_URI, d.range, [d]), []);
    });
  });

  describe('outline', () => {
    it('annotation file: header, principal, secondary, procedures', async () => {
      const s = await c.symbols(CODES_URI);
      assert.deepEqual(
        s.map((x) => [x.name, (x.children ?? []).map((ch) => ch.name)]),
        [
          ['Header', ['encounter: FEAT-1', 'setting: inpatient', 'date: 2026-03-14']],
          ['Principal diagnosis', ['F02.80']],
          ['Secondary diagnoses', ['I50.2', 'S72.001', 'T36.01A', 'S30.1XXA', 'G30.9', 'G30.9']],
          ['Procedures', ['02HV33Z']],
        ],
      );
    });

    it('note: its sections (a "Discharge date: …" line with a value is not a heading)', async () => {
      const s = await c.symbols(NOTE_URI);
      assert.deepEqual(
        s.map((x) => [x.name, x.selectionRange.start.line]),
        [
          ['HISTORY OF PRESENT ILLNESS', 2],
          ['Assessment and plan', 5],
        ],
      );
    });
  });
});
