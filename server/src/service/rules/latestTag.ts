import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../ranges';
import { validParse, type SyntacticRule } from './rule';

/** `latest-tag`: an explicit `:latest` on a pulled image without a digest. */
export const latestTag: SyntacticRule = {
  code: 'latest-tag',
  check(reference) {
    const parse = validParse(reference);
    if (!parse || reference.ref.role !== 'base') return undefined;
    const { tag, digest, spans } = parse.ref;
    if (tag !== 'latest' || digest !== undefined || !spans.tag) return undefined;
    return {
      code: 'latest-tag',
      span: documentSpan(reference, spans.tag),
      message: '`latest` changes without notice: name a version tag, and pin its digest.',
      severity: DiagnosticSeverity.Warning,
    };
  },
};
