import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { AnalyzedReference } from '../analysis';
import type { DiagnosticCode } from '../codes';
import type { Span } from '../types';

/** What a rule found, before settings decide the published severity. */
export interface Finding {
  code: DiagnosticCode;
  span: Span;
  message: string;
  severity: DiagnosticSeverity;
  /** JSON data carried on the diagnostic for its quick fix (e.g. the digest to pin to). */
  data?: Record<string, unknown>;
}

/** A rule that needs only the text: one per file, each with a stable code. */
export interface SyntacticRule {
  code: DiagnosticCode;
  check(reference: AnalyzedReference): Finding | undefined;
}

/** The parsed reference when it is valid, else undefined: most rules only judge valid references. */
export function validParse(reference: AnalyzedReference) {
  return reference.parse?.ok ? reference.parse : undefined;
}
