import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RegistryFailure } from '../../../registry/contract';
import type { AnalyzedReference } from '../../analysis';
import { bodySpan, documentSpan } from '../../ranges';
import type { DiagnosticCode } from '../../codes';
import type { Span } from '../../types';
import type { Finding } from '../rule';
import { firstFailure } from '../../resolution';
import type { RegistryRule } from './registryRule';

type Mapped = { code: DiagnosticCode; severity: DiagnosticSeverity; span: Span; message: string };

/**
 * `tag-not-found`, `repository-not-found`, `digest-not-found`, `registry-unreachable`, `rate-limited`: the registry
 * could not answer for the reference. Network trouble is information, never an error: the file may be fine.
 */
export const registryFailures: RegistryRule = {
  codes: ['tag-not-found', 'repository-not-found', 'digest-not-found', 'registry-unreachable', 'rate-limited'],
  check(reference, resolution) {
    const failure = firstFailure(resolution);
    if (!failure) return undefined;
    const mapped = mapFailure(reference, failure);
    return mapped ? ({ ...mapped } satisfies Finding) : undefined;
  },
};

function mapFailure(reference: AnalyzedReference, failure: RegistryFailure): Mapped | undefined {
  const parse = reference.parse?.ok ? reference.parse.ref : undefined;
  if (!parse) return undefined;
  const part = (span: Span | undefined) => (span ? documentSpan(reference, span) : bodySpan(reference));
  switch (failure.kind) {
    case 'tag-not-found': {
      const comment = parse.tag === undefined ? reference.commentTag : undefined;
      return {
        code: 'tag-not-found',
        severity: DiagnosticSeverity.Error,
        span: comment ? comment.span : part(parse.spans.tag),
        message: comment
          ? `Tag \`${comment.tag}\` of the tag comment was not found in ${parse.registry}/${parse.repository}.`
          : `Tag \`${parse.tag ?? 'latest'}\` was not found in ${parse.registry}/${parse.repository}.`,
      };
    }
    case 'repository-not-found':
      return {
        code: 'repository-not-found',
        severity: DiagnosticSeverity.Error,
        span: part(parse.spans.path),
        message: `Repository \`${parse.repository}\` was not found on ${parse.registry} (or it is private and needs credentials).`,
      };
    case 'digest-not-found':
      return {
        code: 'digest-not-found',
        severity: DiagnosticSeverity.Error,
        span: part(parse.spans.digest),
        message: `Digest ${parse.digest} was not found in ${parse.registry}/${parse.repository}.`,
      };
    case 'rate-limited': {
      const retry = failure.retryAfterSeconds !== undefined ? ` Retry after ${failure.retryAfterSeconds} s.` : '';
      return {
        code: 'rate-limited',
        severity: DiagnosticSeverity.Information,
        span: bodySpan(reference),
        message: `${parse.registry} is rate limiting requests; the reference was not checked.${retry}`,
      };
    }
    case 'unreachable':
    case 'invalid-response':
    case 'insecure-refused':
      return {
        code: 'registry-unreachable',
        severity: DiagnosticSeverity.Information,
        span: bodySpan(reference),
        message: `Could not check against ${parse.registry}: ${failure.message}`,
      };
    default:
      return undefined;
  }
}
