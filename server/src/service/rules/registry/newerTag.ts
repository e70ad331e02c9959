import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../../ranges';
import { namedTag } from '../../resolution';
import { newerInFamily } from '../../tags';
import type { RegistryRule } from './registryRule';

/**
 * `newer-tag` (off by default): the repository has a newer tag of the reference's family (`21.0.4_7-jre` →
 * `21.0.5_11-jre`). The tag comes from the reference or, for a digest-only pin, from its tag comment.
 */
export const newerTag: RegistryRule = {
  codes: ['newer-tag'],
  check(reference, resolution) {
    const parse = reference.parse?.ok ? reference.parse.ref : undefined;
    const tag = namedTag(reference);
    if (!parse || tag === undefined || reference.ref.role !== 'base' || !resolution.tags?.ok) return undefined;
    const newer = newerInFamily(tag, resolution.tags.list.tags);
    if (!newer) return undefined;
    const span = parse.spans.tag ? documentSpan(reference, parse.spans.tag) : reference.commentTag?.span;
    if (!span) return undefined;
    return {
      code: 'newer-tag',
      severity: DiagnosticSeverity.Information,
      span,
      message: `A newer tag of the same family exists: \`${newer}\` (this is \`${tag}\`).`,
      data: { tag: newer },
    };
  },
};
