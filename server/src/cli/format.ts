import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { FailOn } from './args';
import type { CheckedFile } from './session';

const SEVERITY_NAMES: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(d: Diagnostic): string {
  return SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error];
}

const FAIL_THRESHOLD: Record<FailOn, number> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  never: 0,
};

/** True when some diagnostic is at least as severe as `failOn` (hints never fail a run). */
export function fails(files: readonly CheckedFile[], failOn: FailOn): boolean {
  const threshold = FAIL_THRESHOLD[failOn];
  return files.some((f) => f.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= threshold));
}

/** One diagnostic of the report, with the whole image reference it is about (absent for file problems). */
export interface ReportEntry {
  file: CheckedFile;
  diagnostic: Diagnostic;
  reference?: { text: string; range: Range };
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** `5 problems in 2 of 7 files checked`: what is counted is said. */
export function summaryLine(files: readonly CheckedFile[]): string {
  const problems = files.reduce((n, f) => n + f.diagnostics.length, 0);
  const withProblems = files.filter((f) => f.diagnostics.length > 0).length;
  if (problems === 0) return `no problems in ${plural(files.length, 'file')} checked`;
  return `${plural(problems, 'problem')} in ${withProblems} of ${plural(files.length, 'file')} checked`;
}

export function formatText(files: readonly CheckedFile[]): string {
  const lines: string[] = [];
  const said = new Set<string>();
  for (const file of files) {
    for (const d of file.diagnostics) {
      const message = d.code === 'registry-unreachable' && typeof d.message === 'string' ? onceSaid(d.message, said) : d.message;
      lines.push(`${file.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d)} ${d.code}: ${message}`);
    }
  }
  lines.push(summaryLine(files));
  return lines.join('\n');
}

/**
 * A host that did not answer is explained once (`no answer from <host> within N ms`); the other references it left
 * unchecked point back to it. JSON and SARIF keep the whole message on every record.
 */
function onceSaid(message: string, said: Set<string>): string {
  if (!said.has(message)) {
    said.add(message);
    return message;
  }
  const colon = message.indexOf(': ');
  return `${colon > 0 ? message.slice(0, colon) : message} (same problem as above).`;
}

/**
 * One record per diagnostic. Ranges are LSP ranges: 0-based lines and characters (UTF-16 code units), end exclusive.
 * `reference` is the whole image reference (after variable substitution), `marked` the text the range covers.
 */
export function formatJson(entries: readonly ReportEntry[]): string {
  const records = entries.map(({ file, diagnostic: d, reference }) => ({
    file: file.file,
    range: d.range,
    severity: severityName(d),
    code: d.code,
    message: d.message,
    reference: reference?.text ?? null,
    referenceRange: reference?.range ?? null,
    marked: file.document.getText(d.range),
  }));
  return JSON.stringify(records, null, 2);
}
