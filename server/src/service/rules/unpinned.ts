import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../ranges';
import { validParse, type SyntacticRule } from './rule';

/** `unpinned`: a pulled image named by a version tag only; the tag can be moved to another image. */
export const unpinned: SyntacticRule = {
  code: 'unpinned',
  check(reference) {
    const parse = validParse(reference);
    if (!parse || reference.ref.role !== 'base') return undefined;
    const { tag, digest } = parse.ref;
    if (tag === undefined || tag === 'latest' || digest !== undefined) return undefined;
    return {
      code: 'unpinned',
      span: bodySpan(reference),
      message: `\`${reference.body}\` is not pinned: tag \`${tag}\` can move to another image. Pin it to a digest.`,
      severity: DiagnosticSeverity.Information,
    };
  },
};
