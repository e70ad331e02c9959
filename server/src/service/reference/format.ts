/** Normalizing a name (normalize.go) and writing a reference back out, normalized or familiar (Docker UI). */

export const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

export interface ReferenceParts {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/**
 * Registry and repository as `docker pull` resolves them: no domain or `index.docker.io` → `docker.io`;
 * a one-component path on `docker.io` gets `library/`. Other domains (even `registry-1.docker.io`) stay as written.
 */
export function normalizeName(domain: string | undefined, path: string): { registry: string; repository: string } {
  const registry = domain === undefined || domain === LEGACY_DOCKER_HUB ? DOCKER_HUB : domain;
  const repository = registry === DOCKER_HUB && !path.includes('/') ? OFFICIAL_PREFIX + path : path;
  return { registry, repository };
}

/**
 * `normalized`: registry/repository[:tag][@digest]. `familiar`: as `docker pull` output shows it —
 * `docker.io/library/x` → `x`, `docker.io/org/x` → `org/x`, other registries unchanged.
 * No implicit `latest` is added in either form.
 */
export function formatReference(p: ReferenceParts, style: 'normalized' | 'familiar' = 'normalized'): string {
  const name = style === 'familiar' ? familiarName(p.registry, p.repository) : joinName(p.registry, p.repository);
  return name + (p.tag !== undefined ? `:${p.tag}` : '') + (p.digest !== undefined ? `@${p.digest}` : '');
}

function joinName(registry: string, repository: string): string {
  // Jib's `scratch` has no registry.
  return registry === '' ? repository : `${registry}/${repository}`;
}

function familiarName(registry: string, repository: string): string {
  if (registry !== DOCKER_HUB) return joinName(registry, repository);
  const official = repository.startsWith(OFFICIAL_PREFIX) ? repository.slice(OFFICIAL_PREFIX.length) : undefined;
  // A bare 64-hex name would read back as an image ID.
  if (official !== undefined && !official.includes('/') && !/^[a-f0-9]{64}$/.test(official)) return official;
  // Unlike distribution/reference's FamiliarName, keep `docker.io/` when the first component would read back as a
  // host (`docker.io/foo.bar/x` → `foo.bar/x` would mean registry foo.bar).
  const first = repository.split('/')[0] ?? '';
  return first === 'localhost' || first.includes('.') ? joinName(registry, repository) : repository;
}

/** `sha256:bab68b06a8c0…`: enough to tell digests apart in a title or message; edits always write the full one. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `${algorithm}:${(hex ?? '').slice(0, 12)}…`;
}
