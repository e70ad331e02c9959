import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { AnalysedReference } from '../analyse';
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
  check(reference: AnalysedReference): Finding | undefined;
}

/** The parsed reference when it is valid, else undefined: most rules only judge valid references. */
export function validParse(reference: AnalysedReference) {
  return reference.parse?.ok ? reference.parse : undefined;
}

export function describeReference(reference: AnalysedReference): string {
  return '`' + reference.body + '`';
}
