// Trainer grading end to end: "Clinical Coding: Grade this exercise" on a copy of the bundled hip-fracture
// exercise (so the repository is never written to), the result document beside the answer, never overwritten;
// and the answer key's own diagnostics (no syntax errors for `|` alternatives or `optional`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, codeOf, examplesDir, openDoc, waitForDiagnostics } from './helpers';

describe('trainer grading', () => {
  let dir: string;
  before(async () => {
    await activeExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-grade-'));
    for (const name of ['hf-admission', 'hip-fracture']) {
      const src = path.join(examplesDir(), 'exercises', name);
      for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
    }
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('grades the student file and writes NAME.<student>.grade.md beside it, never overwriting', async () => {
    const answer = vscode.Uri.file(path.join(dir, 'hip-fracture.hana.codes'));
    await openDoc(answer);
    // the server is up once the answer has its diagnostics (S72.001D is an unspecified code)
    await waitForDiagnostics(answer, (d) => d.some((x) => codeOf(x) === 'unspecified-code'));

    const written = await vscode.commands.executeCommand<string | undefined>('clinicalCoding.gradeExercise');
    assert.equal(written, vscode.Uri.file(path.join(dir, 'hip-fracture.hana.grade.md')).toString());
    const text = fs.readFileSync(path.join(dir, 'hip-fracture.hana.grade.md'), 'utf8');
    assert.match(text, /^# Grade: hana\n/);
    assert.match(text, /\*\*Codes: 58\.3%\*\* \(3\.5 of 6 points\) · \*\*Principal: wrong\*\* · \*\*POA: 3 of 3\*\*/);
    // each line's verdict, points, rationale, and both titles where the codes differ
    assert.match(
      text,
      /\| 7 \| `S72\.001A` Fracture of unspecified part of neck of right femur, initial encounter for closed fracture \*\*\(principal\)\*\* \| partial \(seventh-character\) \| line 7: `S72\.001D` Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing \| 1 \/ 2 \|/,
    );
    assert.match(text, /\| 10 \| `Y92\.012` .* \| missing \| — \| 0 \/ 1 \|/);
    assert.match(text, /Active treatment \(surgery\) is an initial encounter/);
    assert.match(text, /- Score: 3\.5 ÷ 6 \(the key's total\) = 58\.3%\./);

    // a second run keeps the first report and writes a new one
    fs.appendFileSync(path.join(dir, 'hip-fracture.hana.grade.md'), '\nTrainer comment: see me.\n');
    const second = await vscode.commands.executeCommand<string | undefined>(
      'clinicalCoding.gradeExercise',
      vscode.Uri.file(path.join(dir, 'hip-fracture.hana.codes')),
    );
    assert.equal(second, vscode.Uri.file(path.join(dir, 'hip-fracture.hana.grade-2.md')).toString());
    assert.match(fs.readFileSync(path.join(dir, 'hip-fracture.hana.grade.md'), 'utf8'), /Trainer comment: see me\./);
    assert.match(fs.readFileSync(path.join(dir, 'hip-fracture.hana.grade-2.md'), 'utf8'), /^# Grade: hana\n/);
  });

  it('on the answer key it writes a class report', async () => {
    const key = vscode.Uri.file(path.join(dir, 'hf-admission.key.codes'));
    const written = await vscode.commands.executeCommand<string | undefined>('clinicalCoding.gradeExercise', key);
    assert.equal(written, vscode.Uri.file(path.join(dir, 'hf-admission.class.grade.md')).toString());
    const text = fs.readFileSync(path.join(dir, 'hf-admission.class.grade.md'), 'utf8');
    assert.match(text, /^# Class report: hf-admission\.key\.codes\n/);
    assert.match(text, /3 student\(s\); average score 75\.4%\./);
    assert.match(text, /\| 9 \| `N17\.9` \| 1 \| 0 \| 2 \| chen \|/);
  });

  it('the answer key is read with its additions: no syntax errors for alternatives or optional', async () => {
    const key = vscode.Uri.file(path.join(dir, 'hf-admission.key.codes'));
    await openDoc(key);
    const diags = await waitForDiagnostics(key, (d) => d.some((x) => codeOf(x) === 'unspecified-code'));
    assert.deepEqual(
      diags
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
        .map((d) => `${String(codeOf(d))}: ${d.message}`),
      [],
    );
  });
});
