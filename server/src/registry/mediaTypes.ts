import type { PlatformEntry } from './contract';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

const INDEX_TYPES = new Set([OCI_INDEX, DOCKER_LIST]);
const MANIFEST_TYPES = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);

/** Without the list types a registry may answer with one platform's manifest, i.e. a different digest. */
export const MANIFEST_ACCEPT = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(', ');

export const ATTESTATION_ANNOTATION = 'vnd.docker.reference.type';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function isDigest(tagOrDigest: string): boolean {
  return tagOrDigest.includes(':');
}

export function isSha256Digest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

export interface ParsedManifest {
  kind: 'index' | 'manifest';
  mediaType: string;
  platforms: PlatformEntry[];
  /** A single manifest's config descriptor (its platform is in that blob). */
  config?: { digest: string; size: number };
}

/** Parses an index or manifest body; returns a reason string when it is not one. */
export function parseManifest(bytes: Buffer, contentType?: string): ParsedManifest | string {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the manifest is not valid JSON';
  }
  if (!isObject(doc)) return 'the manifest is not a JSON object';
  const mediaType = pickMediaType(doc, contentType);
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(doc.manifests)) return 'the index has no "manifests" array';
    return { kind: 'index', mediaType, platforms: doc.manifests.flatMap(indexEntry) };
  }
  if (MANIFEST_TYPES.has(mediaType)) {
    if (!isObject(doc.config)) return 'the manifest has no "config"';
    const { digest, size } = doc.config;
    const config = isSha256Digest(digest) && typeof size === 'number' && size >= 0 ? { digest, size } : undefined;
    return { kind: 'manifest', mediaType, platforms: [], ...(config ? { config } : {}) };
  }
  return `unsupported manifest media type "${mediaType || 'none'}"`;
}

/** The body's own mediaType wins; OCI allows omitting it, so fall back to the header, then to the shape. */
function pickMediaType(doc: Record<string, unknown>, contentType?: string): string {
  if (typeof doc.mediaType === 'string' && doc.mediaType) return doc.mediaType;
  const header = contentType?.split(';')[0].trim() ?? '';
  if (INDEX_TYPES.has(header) || MANIFEST_TYPES.has(header)) return header;
  if (Array.isArray(doc.manifests)) return OCI_INDEX;
  if (isObject(doc.config) && Array.isArray(doc.layers)) return OCI_MANIFEST;
  return '';
}

function indexEntry(entry: unknown): PlatformEntry[] {
  if (!isObject(entry)) return [];
  const { mediaType, digest, size } = entry;
  if (typeof mediaType !== 'string' || !(MANIFEST_TYPES.has(mediaType) || INDEX_TYPES.has(mediaType))) return [];
  if (!isSha256Digest(digest) || typeof size !== 'number') return [];
  const platform = isObject(entry.platform) ? entry.platform : {};
  const os = str(platform.os) ?? 'unknown';
  const architecture = str(platform.architecture) ?? 'unknown';
  const annotations = isObject(entry.annotations) ? entry.annotations : {};
  const attestation =
    annotations[ATTESTATION_ANNOTATION] === 'attestation-manifest' || (os === 'unknown' && architecture === 'unknown');
  const result: PlatformEntry = { os, architecture, digest, size, mediaType, attestation };
  const variant = str(platform.variant);
  const osVersion = str(platform['os.version']);
  if (variant) result.variant = variant;
  if (osVersion) result.osVersion = osVersion;
  return [result];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
