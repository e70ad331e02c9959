import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../../ranges';
import { formatPlatform } from '../../platforms';
import type { RegistryRule } from './registryRule';

/** `single-platform-digest`: the pinned digest is one platform's manifest while several platforms are built. */
export const singlePlatformDigest: RegistryRule = {
  codes: ['single-platform-digest'],
  check(reference, resolution) {
    const parse = reference.parse?.ok ? reference.parse.ref : undefined;
    const platforms = reference.ref.platforms;
    if (!parse?.spans.digest || !resolution.digest?.ok || platforms.length < 2) return undefined;
    if (resolution.digest.image.kind !== 'manifest') return undefined;
    const tagImage = resolution.tag?.ok ? resolution.tag.image : undefined;
    const index = tagImage?.kind === 'index' && tagImage.platforms.some((p) => p.digest === parse.digest) ? tagImage : undefined;
    const fix = index ? ` The index for tag \`${parse.tag}\` is ${index.digest}.` : '';
    return {
      code: 'single-platform-digest',
      severity: DiagnosticSeverity.Error,
      span: documentSpan(reference, parse.spans.digest),
      message:
        `This digest names a single-platform manifest, but ${platforms.map(formatPlatform).join(', ')} are built: ` +
        `pin the digest of the multi-platform index instead.${fix}`,
      data: index ? { digest: index.digest } : undefined,
    };
  },
};
