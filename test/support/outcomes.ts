import type { PlatformEntry, ResolveOutcome, RegistryFailureKind } from '../../server/src/registry/contract';

export const INDEX = 'application/vnd.oci.image.index.v1+json';
export const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

export function digestOf(char: string): string {
  return 'sha256:' + char.repeat(64);
}

export function entry(platform: string, digestChar: string, attestation = false): PlatformEntry {
  const [os, architecture, variant] = platform.split('/');
  return { os, architecture, variant, digest: digestOf(digestChar), size: 1000, mediaType: MANIFEST, attestation };
}

export function indexOutcome(digestChar: string, platforms: PlatformEntry[]): ResolveOutcome {
  return {
    ok: true,
    image: { digest: digestOf(digestChar), mediaType: INDEX, kind: 'index', platforms, size: 500, resolvedAt: 0, fromCache: false, credentials: { source: 'anonymous' } },
  };
}

export function manifestOutcome(digestChar: string): ResolveOutcome {
  return {
    ok: true,
    image: { digest: digestOf(digestChar), mediaType: MANIFEST, kind: 'manifest', platforms: [], size: 400, resolvedAt: 0, fromCache: false, credentials: { source: 'anonymous' } },
  };
}

export function failure(kind: RegistryFailureKind, extra: Record<string, unknown> = {}): ResolveOutcome {
  return { ok: false, failure: { kind, message: `${kind} happened`, ...extra } };
}
