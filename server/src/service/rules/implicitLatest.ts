import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../ranges';
import { validParse, type SyntacticRule } from './rule';

/** `implicit-latest`: a pulled image with neither tag nor digest means `:latest`, which moves without notice. */
export const implicitLatest: SyntacticRule = {
  code: 'implicit-latest',
  check(reference) {
    const parse = validParse(reference);
    if (!parse || parse.scratch || reference.ref.role !== 'base') return undefined;
    if (parse.ref.tag !== undefined || parse.ref.digest !== undefined) return undefined;
    return {
      code: 'implicit-latest',
      span: bodySpan(reference),
      message:
        `\`${reference.body}\` has no tag or digest, so it means \`${reference.body}:latest\`, which changes without ` +
        'notice. Name a version tag, and pin its digest.',
      severity: DiagnosticSeverity.Warning,
    };
  },
};
