import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../../ranges';
import type { RegistryRule } from './registryRule';
import { firstFailure } from '../../resolution';
import { chainFor, chainSummary } from '../../credentialChainText';
import { JIB_BASE_IMAGE_CACHE_NOTE } from '../../jibCache';

/** `credentials-missing` / `credentials-rejected`: the registry wants credentials; say where we looked. */
export const credentialProblems: RegistryRule = {
  codes: ['credentials-missing', 'credentials-rejected'],
  check(reference, resolution) {
    const failure = firstFailure(resolution);
    const parse = reference.parse?.ok ? reference.parse.ref : undefined;
    if (!failure || !parse) return undefined;
    const chain = chainFor(reference, resolution);
    const searched = chain ? ` ${chainSummary(chain)}`
      : failure.credentialSearch?.length ? ` Looked in: ${failure.credentialSearch.join('; ')}.` : '';
    const cache = reference.ref.tool === 'jib' ? ` ${JIB_BASE_IMAGE_CACHE_NOTE}` : '';
    if (failure.kind === 'credentials-missing') {
      const helper = failure.suggestedHelper
        ? ` For ${parse.registry}, configure the credential helper \`docker-credential-${failure.suggestedHelper}\` ` +
          `(config.json "credHelpers": {"${parse.registry}": "${failure.suggestedHelper}"}).`
        : '';
      return {
        code: 'credentials-missing',
        severity: DiagnosticSeverity.Warning,
        span: bodySpan(reference),
        message: `${parse.registry} wants credentials for ${parse.repository} and none were found.${searched}${helper}${cache}`,
      };
    }
    if (failure.kind === 'credentials-rejected') {
      return {
        code: 'credentials-rejected',
        severity: DiagnosticSeverity.Error,
        span: bodySpan(reference),
        message: `${parse.registry} rejected the credentials for ${parse.repository}: ${failure.message}${searched}${cache}`,
      };
    }
    return undefined;
  },
};
