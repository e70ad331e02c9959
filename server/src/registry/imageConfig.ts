import { sha256Digest, type RegistryCache } from './cache';
import { fail } from './errors';
import { MAX_BODY_BYTES } from './http';
import type { AuthorizedRequester, Ctx } from './requests';
import type { PlatformEntry } from './contract';

/** The platform fields of an image config (OCI image-spec config.md); the rest of the blob is not read. */
export type ConfigPlatform = Pick<PlatformEntry, 'os' | 'architecture' | 'variant' | 'osVersion'>;

/**
 * The platform of a single image manifest, from its config blob: GET /v2/<name>/blobs/<digest>, at most 4 MiB,
 * kept only when the bytes hash to the digest the manifest names (then in the content-addressed cache, like
 * manifests: a blob never changes).
 */
export async function readConfigPlatform(
  requester: AuthorizedRequester,
  cache: RegistryCache,
  ctx: Ctx,
  descriptor: { digest: string; size: number },
): Promise<ConfigPlatform> {
  const { digest, size } = descriptor;
  if (size > MAX_BODY_BYTES) fail('invalid-response', `the image config ${digest} is ${size} bytes, over the 4 MiB limit`);
  const cached = await cache.getContent(digest);
  const bytes = cached ?? (await fetchConfig(requester, ctx, digest));
  const platform = parseConfigPlatform(bytes);
  if (typeof platform === 'string') fail('invalid-response', `the image config ${digest}: ${platform}`);
  if (!cached) await cache.putContent(digest, bytes);
  return platform;
}

async function fetchConfig(requester: AuthorizedRequester, ctx: Ctx, digest: string): Promise<Buffer> {
  const res = await requester.call(ctx, 'GET', `blobs/${digest}`);
  const name = `${ctx.target.registry}/${ctx.target.repository}`;
  if (res.status === 404) fail('invalid-response', `the image config ${digest} was not found in ${name}`);
  if (res.status >= 500) fail('unreachable', `${ctx.target.registry} answered HTTP ${res.status} for the image config`);
  if (res.status !== 200) fail('invalid-response', `${ctx.target.registry} answered HTTP ${res.status} for the image config of ${name}`);
  if (sha256Digest(res.body) !== digest) fail('invalid-response', `${ctx.origin} sent an image config that does not match ${digest}`);
  return res.body;
}

export function parseConfigPlatform(bytes: Buffer): ConfigPlatform | string {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'not valid JSON';
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'not a JSON object';
  const config = doc as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const os = text(config.os);
  const architecture = text(config.architecture);
  if (!os || !architecture) return 'no "os" and "architecture"';
  const platform: ConfigPlatform = { os, architecture };
  const variant = text(config.variant);
  const osVersion = text(config['os.version']);
  if (variant) platform.variant = variant;
  if (osVersion) platform.osVersion = osVersion;
  return platform;
}
