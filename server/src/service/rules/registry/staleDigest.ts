import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../../ranges';
import { shortDigest } from '../../reference/format';
import type { RegistryRule } from './registryRule';

/**
 * `stale-digest`: `repo:tag@digest` (or `repo@digest` with the tag in a pin's comment) where the tag now points at
 * another image than the pinned digest.
 */
export const staleDigest: RegistryRule = {
  codes: ['stale-digest'],
  check(reference, resolution) {
    const parse = reference.parse?.ok ? reference.parse.ref : undefined;
    if (!parse?.digest || !parse.spans.digest || !resolution.tag?.ok) return undefined;
    const current = resolution.tag.image;
    if (current.digest === parse.digest) return undefined;
    // A pinned child of the tag's index is not stale; single-platform-digest judges it.
    if (current.platforms.some((p) => p.digest === parse.digest)) return undefined;
    return {
      code: 'stale-digest',
      severity: DiagnosticSeverity.Warning,
      span: documentSpan(reference, parse.spans.digest),
      message: `Tag \`${parse.tag ?? reference.commentTag?.tag}\`${parse.tag === undefined ? ' (from the tag comment)' : ''} now points at ${shortDigest(current.digest)}, not the pinned digest: the image was updated.`,
      data: { digest: current.digest },
    };
  },
};
