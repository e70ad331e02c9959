import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { TestRegistry } from './registryHarness';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
}

export interface Pushed {
  digest: string;
  mediaType: string;
  size: number;
  bytes: Buffer;
}

export type ImageFormat = 'oci' | 'docker';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  inToto: 'application/vnd.in-toto+json',
} as const;

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function send(reg: TestRegistry, repo: string, method: 'POST' | 'PUT', url: string, body: Buffer | undefined, contentType?: string) {
  const headers: Record<string, string> = {};
  const auth = await reg.authHeader(repo);
  if (auth) headers.authorization = auth;
  if (contentType) headers['content-type'] = contentType;
  const res = await request(url, { method, body, headers, dispatcher: reg.dispatcher });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${text}`);
  return res;
}

const uploading = new Map<string, Promise<{ digest: string; size: number }>>();

/**
 * Monolithic upload: POST /blobs/uploads/, then PUT <location>?digest=. Identical concurrent uploads share one:
 * the registry can race when the same blob is committed twice at once.
 */
export function pushBlob(reg: TestRegistry, repo: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const key = `${reg.url}/${repo}@${digestOf(bytes)}`;
  let pending = uploading.get(key);
  if (!pending) {
    pending = uploadBlob(reg, repo, bytes).finally(() => uploading.delete(key));
    uploading.set(key, pending);
  }
  return pending;
}

async function uploadBlob(reg: TestRegistry, repo: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const digest = digestOf(bytes);
  const started = await send(reg, repo, 'POST', `${reg.url}/v2/${repo}/blobs/uploads/`, undefined);
  const location = new URL(String(started.headers.location), reg.url);
  location.searchParams.set('digest', digest);
  await send(reg, repo, 'PUT', location.href, bytes, 'application/octet-stream');
  return { digest, size: bytes.length };
}

export async function pushManifest(reg: TestRegistry, repo: string, reference: string, bytes: Buffer, mediaType: string): Promise<Pushed> {
  await send(reg, repo, 'PUT', `${reg.url}/v2/${repo}/manifests/${reference}`, bytes, mediaType);
  return { digest: digestOf(bytes), mediaType, size: bytes.length, bytes };
}

/** Config + one layer + manifest. `salt` makes the manifest (and its digest) unique. Pushed by tag or by digest. */
export async function pushImage(
  reg: TestRegistry,
  repo: string,
  platform: Platform,
  options: { format?: ImageFormat; tag?: string; salt?: string } = {},
): Promise<Pushed> {
  const docker = options.format === 'docker';
  const layer = await pushBlob(reg, repo, Buffer.from(`layer for ${platform.os}/${platform.architecture}`));
  const configDoc = { ...platform, rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: { Labels: { salt: options.salt ?? '' } } };
  const config = await pushBlob(reg, repo, Buffer.from(JSON.stringify(configDoc)));
  const manifest = {
    schemaVersion: 2,
    mediaType: docker ? MEDIA.dockerManifest : MEDIA.ociManifest,
    config: { mediaType: docker ? MEDIA.dockerConfig : MEDIA.ociConfig, ...config },
    layers: [{ mediaType: docker ? MEDIA.dockerLayer : MEDIA.ociLayer, ...layer }],
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  return pushManifest(reg, repo, options.tag ?? digestOf(bytes), bytes, manifest.mediaType);
}

/** A BuildKit-style attestation manifest for `subject`. */
async function pushAttestation(reg: TestRegistry, repo: string, subject: Pushed): Promise<Pushed> {
  const statement = await pushBlob(reg, repo, Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: subject.digest })));
  const config = await pushBlob(reg, repo, Buffer.from(JSON.stringify({ architecture: 'unknown', os: 'unknown', rootfs: { type: 'layers', diff_ids: [statement.digest] } })));
  const manifest = { schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { mediaType: MEDIA.ociConfig, ...config },
    layers: [{ mediaType: MEDIA.inToto, ...statement, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } }] };
  const bytes = Buffer.from(JSON.stringify(manifest));
  return pushManifest(reg, repo, digestOf(bytes), bytes, MEDIA.ociManifest);
}

export interface PushedIndex extends Pushed {
  children: Array<Pushed & { platform: Platform; attestation: boolean; subject?: string }>;
}

/** An OCI index or Docker manifest list over one image per platform, optionally with attestation entries. */
export async function pushIndex(
  reg: TestRegistry,
  repo: string,
  tag: string,
  options: { platforms?: Platform[]; format?: ImageFormat; attestations?: boolean; salt?: string } = {},
): Promise<PushedIndex> {
  const format = options.format ?? 'oci';
  const platforms = options.platforms ?? [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }];
  const children: PushedIndex['children'] = [];
  for (const platform of platforms) {
    children.push({ ...(await pushImage(reg, repo, platform, { format, salt: options.salt })), platform, attestation: false });
  }
  if (options.attestations) {
    for (const child of children.slice()) {
      const att = await pushAttestation(reg, repo, child);
      children.push({ ...att, platform: { os: 'unknown', architecture: 'unknown' }, attestation: true, subject: child.digest });
    }
  }
  const mediaType = format === 'docker' ? MEDIA.dockerList : MEDIA.ociIndex;
  const manifests = children.map((c) => ({
    mediaType: c.mediaType, digest: c.digest, size: c.size, platform: c.platform,
    ...(c.attestation ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': c.subject } } : {}),
  }));
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));
  const pushed = await pushManifest(reg, repo, tag, bytes, mediaType);
  return { ...pushed, children };
}

/** A single-platform manifest under `tag`. */
export function pushSingle(reg: TestRegistry, repo: string, tag: string, platform: Platform = { os: 'linux', architecture: 'amd64' }, format: ImageFormat = 'oci'): Promise<Pushed> {
  return pushImage(reg, repo, platform, { format, tag, salt: randomBytes(4).toString('hex') });
}
