/** Core findings (offsets) to LSP diagnostics (ranges), with the source citation and fix data. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings/types';
import type { Severity } from '../core/types';

export const SOURCE = 'coding-review';

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function findingToDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) },
    severity: toLspSeverity(f.severity),
    code: f.rule,
    source: SOURCE,
    message: f.source ? `${f.message}\nSource: ${f.source}` : f.message,
  };
  if (f.data) d.data = f.data;
  return d;
}
