import { createHash } from 'node:crypto';
import type { PlatformEntry, RegistryClient, ResolveOutcome, ResolveRequest } from '../../server/src/registry/contract';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

function sha(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * A RegistryClient with no network: each (registry, repository, reference) gets a fixed answer chosen by a hash of
 * it — an index (amd64 + arm64 + attestation), a single manifest, or one of the failures — so that every registry
 * rule, and every quick fix that needs a digest (pin, pin all, stale digest, index digest), is exercised offline.
 */
export function scriptedRegistry(): RegistryClient & { requests: number } {
  const self = {
    requests: 0,
    async resolve(request: ResolveRequest): Promise<ResolveOutcome> {
      self.requests++;
      const key = `${request.registry}/${request.repository}@${request.tagOrDigest}`;
      const h = parseInt(sha(key).slice(7, 15), 16);
      const isDigest = request.tagOrDigest.includes(':');
      const fail = (kind: 'tag-not-found' | 'digest-not-found' | 'unreachable' | 'rate-limited' | 'credentials-missing' | 'repository-not-found'): ResolveOutcome =>
        ({ ok: false, failure: { kind, message: `scripted ${kind} for ${key}`, retryAfterSeconds: kind === 'rate-limited' ? 30 : undefined,
          credentialSearch: kind === 'credentials-missing' ? ['scripted: none'] : undefined } });
      if (isDigest) {
        if (h % 5 === 0) return fail('digest-not-found');
        return image(request.tagOrDigest, h % 2 === 0 ? 'index' : 'manifest', sha(`${key}/child`));
      }
      switch (h % 9) {
        case 0: return fail('tag-not-found');
        case 1: return fail('unreachable');
        case 2: return fail('rate-limited');
        case 3: return fail('credentials-missing');
        case 4: return fail('repository-not-found');
        case 5: return image(sha(key), 'manifest', sha(`${key}/child`));
        default: return image(sha(key), 'index', sha(`${key}/child`));
      }
    },
  };
  return self;
}

function image(digest: string, kind: 'index' | 'manifest', child: string): ResolveOutcome {
  const platforms: PlatformEntry[] = kind === 'index'
    ? [
      { os: 'linux', architecture: 'amd64', digest: child, size: 500, mediaType: MANIFEST, attestation: false },
      { os: 'linux', architecture: 'arm64', variant: 'v8', digest: sha(child), size: 500, mediaType: MANIFEST, attestation: false },
      { os: 'unknown', architecture: 'unknown', digest: sha(sha(child)), size: 300, mediaType: MANIFEST, attestation: true },
    ]
    : [{ os: 'linux', architecture: 'amd64', digest, size: 500, mediaType: MANIFEST, attestation: false }];
  return {
    ok: true,
    image: { digest, mediaType: kind === 'index' ? INDEX : MANIFEST, kind, platforms, size: 1000, resolvedAt: Date.now(), fromCache: false,
      credentials: { source: 'anonymous' } },
  };
}
