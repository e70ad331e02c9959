import type { ResolveOutcome, ResolvedImage } from '../../../registry/types';
import type { AnalysedReference } from '../../analyse';
import type { Finding } from '../rule';
import type { DiagnosticCode } from '../../codes';

/** What the registry said about a reference: its tag and/or digest, each looked up on its own. */
export interface ReferenceResolution {
  tag?: ResolveOutcome;
  digest?: ResolveOutcome;
}

/** A rule that judges a reference by the registry's answers. */
export interface RegistryRule {
  codes: readonly DiagnosticCode[];
  check(reference: AnalysedReference, resolution: ReferenceResolution): Finding | undefined;
}

/** The image the reference pulls: by digest when pinned, else by tag. */
export function pulledImage(resolution: ReferenceResolution): ResolvedImage | undefined {
  const outcome = resolution.digest ?? resolution.tag;
  return outcome?.ok ? outcome.image : undefined;
}

export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `${algorithm}:${(hex ?? '').slice(0, 12)}…`;
}
