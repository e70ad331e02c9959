import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../../ranges';
import { formatPlatform, platformMatches, runnablePlatforms } from '../../platforms';
import { pulledImage } from '../../resolution';
import type { RegistryRule } from './registryRule';

/**
 * `platform-missing`: a configured platform (or Jib's default linux/amd64) is not in the image's index, or is not
 * the platform of a single-platform image (from its config; unknown when the config was not read).
 */
export const platformMissing: RegistryRule = {
  codes: ['platform-missing'],
  check(reference, resolution) {
    const image = pulledImage(resolution);
    const wanted = reference.ref.platforms;
    if (!image || wanted.length === 0 || image.headOnly) return undefined;
    const available = runnablePlatforms(image.platforms);
    if (image.kind === 'manifest' && available.length === 0) return undefined;
    const missing = wanted.filter((p) => !available.some((entry) => platformMatches(p, entry)));
    if (missing.length === 0) return undefined;
    const origin = reference.ref.platformsExplicit ? 'configured' : `${reference.ref.tool === 'jib' ? "Jib's " : ''}default`;
    const offered = available.map(formatPlatform).join(', ') || 'none';
    const has = image.kind === 'manifest' ? `it is a single-platform image for ${offered}` : `it offers: ${offered}`;
    return {
      code: 'platform-missing',
      severity: DiagnosticSeverity.Error,
      span: bodySpan(reference),
      message: `The image has no ${missing.map(formatPlatform).join(', ')} (${origin} platform); ${has}.`,
    };
  },
};
