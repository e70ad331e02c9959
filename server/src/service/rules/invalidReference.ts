import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../ranges';
import type { SyntacticRule } from './rule';

/** `invalid-reference`: the text is not an image reference a registry client accepts (grammar, or Jib's parser). */
export const invalidReference: SyntacticRule = {
  code: 'invalid-reference',
  check(reference) {
    const parse = reference.parse;
    if (!parse || parse.ok) return undefined;
    const jib = parse.error.code.startsWith('jib-') ? ' (Jib)' : '';
    return {
      code: 'invalid-reference',
      span: documentSpan(reference, parse.error.span),
      message: `Invalid image reference${jib}: ${parse.error.message}`,
      severity: DiagnosticSeverity.Error,
      data: { reason: parse.error.code },
    };
  },
};
