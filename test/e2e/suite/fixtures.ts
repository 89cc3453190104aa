// Synthetic documents for the e2e suite (no real patient, written for these tests). They are written
// to a fresh temp folder so tests that edit never touch the repository's files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const REVIEW_CODES = [
  '# Synthetic encounter for the end-to-end tests (no real patient).',
  'encounter: E2E-001',
  'setting: outpatient',
  'date: 2026-03-14',
  'age: 67',
  'sex: F',
  '',
  'E11     # a category header, not billable',
  'I50.23  "acute on chronic systolic heart failure"',
  '',
].join('\n');
/** An inpatient encounter with a PCS code (the code browser and PCS hover tests, the pcs-hover screenshot). */
export const PCS_CODES = [
  '# Synthetic encounter for the end-to-end tests (no real patient).',
  'encounter: E2E-PCS',
  'setting: inpatient',
  'date: 2026-03-14',
  '',
  'K35.80  POA=Y',
  'px 0DTJ4ZZ',
  '',
].join('\n');
export const PX_LINE = 6;

/** 0-based line of `E11` and of `I50.23` in REVIEW_CODES. */
export const LINE_HEADER = 7;
export const LINE_BILLABLE = 8;

export const VISIT_NOTE = [
  'SYNTHETIC NOTE - written for the end-to-end tests, no real patient.',
  '',
  'History of Present Illness:',
  'Patient denies chest pain. Vitamin B12 deficiency, A1c 7.9, T12 compression fracture ruled out.',
  '',
  'Assessment and Plan:',
  '1. Type 2 diabetes, E11.9.',
  '2. Heart failure [I50.2], specify acuity.',
  '',
].join('\n');
export const NOTE_LINE_HEADER = 7;

/** A visit whose assessment lists history and status codes (the note-status-hover screenshot). */
export const STATUS_NOTE = [
  'SYNTHETIC NOTE - written for the end-to-end tests, no real patient.',
  '',
  'Assessment:',
  '1. Age-related osteoporosis without current pathological fracture.',
  '2. History of falls, recurrent. Home PT.',
  '3. Former smoker, quit 2009.',
  '4. Type 2 diabetes mellitus without complications. Long-term insulin use.',
  '',
].join('\n');
/** the line of "Former smoker" */
export const STATUS_LINE = 5;
export const STATUS_CODES = [
  'note: status-visit.note',
  'setting: outpatient',
  'date: 2026-03-14',
  '',
  'M81.0  "Age-related osteoporosis"',
  '',
].join('\n');

let dir: string | undefined;
export function fixtureUri(name: string, content: string): vscode.Uri {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-e2e-docs-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

/** The file shown in the screenshots: an example from examples/ that has a finding, else a fixture. */
export function screenshotTarget(): vscode.Uri {
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const preferred = process.env.E2E_SCREENSHOT_FILE;
  if (ws && preferred && fs.existsSync(path.join(ws, preferred))) return vscode.Uri.file(path.join(ws, preferred));
  return fixtureUri('screenshot.codes', REVIEW_CODES);
}
