import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
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

function referenceText(file: CheckedFile, d: Diagnostic): string {
  return file.document.getText(d.range);
}

export function formatText(files: CheckedFile[]): string {
  const lines: string[] = [];
  let count = 0;
  for (const file of files) {
    for (const d of file.diagnostics) {
      count++;
      lines.push(`${file.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d)} ${d.code}: ${d.message}`);
    }
  }
  lines.push(`${count} problem${count === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}

export function formatJson(files: CheckedFile[]): string {
  const records = files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      file: file.file,
      range: d.range,
      severity: severityName(d),
      code: d.code,
      message: d.message,
      reference: referenceText(file, d),
    })),
  );
  return JSON.stringify(records, null, 2);
}

const SARIF_LEVELS: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(files: CheckedFile[]): string {
  const results = files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      level: SARIF_LEVELS[severityName(d)],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: file.file.split('\\').join('/') },
          region: {
            startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
          },
        },
      }],
    })),
  );
  const rules = [...new Set(results.map((r) => String(r.ruleId)))].map((id) => ({ id }));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'imageref', informationUri: 'https://example.invalid/imageref', rules } }, results }],
  }, null, 2);
}
