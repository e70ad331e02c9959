import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../../ranges';
import { formatPlatform, platformMatches, runnablePlatforms } from '../../platforms';
import { pulledImage } from '../../resolution';
import type { RegistryRule } from './registryRule';

/** `platform-missing`: a configured platform (or Jib's default linux/amd64) is not in the image's index. */
export const platformMissing: RegistryRule = {
  codes: ['platform-missing'],
  check(reference, resolution) {
    const image = pulledImage(resolution);
    const wanted = reference.ref.platforms;
    if (!image || image.kind !== 'index' || wanted.length === 0) return undefined;
    const available = runnablePlatforms(image.platforms);
    const missing = wanted.filter((p) => !available.some((entry) => platformMatches(p, entry)));
    if (missing.length === 0) return undefined;
    const origin = reference.ref.platformsExplicit ? 'configured' : `${reference.ref.tool === 'jib' ? "Jib's " : ''}default`;
    const offered = available.map(formatPlatform).join(', ') || 'none';
    return {
      code: 'platform-missing',
      severity: DiagnosticSeverity.Error,
      span: bodySpan(reference),
      message: `The image has no ${missing.map(formatPlatform).join(', ')} (${origin} platform); it offers: ${offered}.`,
    };
  },
};
