import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../ranges';
import { validParse, type SyntacticRule } from './rule';

/** `digest-on-target`: a pushed image cannot name a digest; the registry computes it from what is pushed. */
export const digestOnTarget: SyntacticRule = {
  code: 'digest-on-target',
  check(reference) {
    const parse = validParse(reference);
    if (!parse || reference.ref.role !== 'target' || !parse.ref.spans.digest) return undefined;
    const { digest } = parse.ref.spans;
    return {
      code: 'digest-on-target',
      span: documentSpan(reference, { start: digest.start - 1, end: digest.end }),
      message: `${reference.ref.context} is pushed, so it cannot carry a digest (the registry computes it). Remove it.`,
      severity: DiagnosticSeverity.Error,
    };
  },
};
