import { Authenticator } from './auth';
import { RegistryCache, sha256Digest } from './cache';
import { CancelledError, errorCodes, fail, parseRetryAfter, RegistryError } from './errors';
import { HttpTransport, type HttpRequest, type HttpResponse } from './http';
import { readConfigPlatform } from './imageConfig';
import { RequestLimit } from './requestLimit';
import { AuthorizedRequester, type Ctx } from './requests';
import { SharedLookups } from './sharedLookups';
import { PullLimitTracker } from './pullLimits';
import { TagLister } from './tagList';
import { DOCKER_LIST, DOCKER_MANIFEST, isDigest, isSha256Digest, OCI_INDEX, OCI_MANIFEST, parseManifest } from './mediaTypes';
import type { CredentialProvider } from './credentials';
import type {
  CredentialSourceInfo,
  PullLimit,
  RegistryClient,
  RegistryFailure,
  ResolvedImage,
  ResolveOutcome,
  ResolveRequest,
  TagListOutcome,
  TagListRequest,
} from './contract';

export interface RegistryClientOptions {
  credentials: CredentialProvider;
  /** Content-addressed disk cache; memory only when absent. */
  cacheDir?: string;
  /** How long a tag → digest answer is trusted (default 3600). */
  tagTtlSeconds?: number;
  /** Per HTTP request, waiting for the answer once connected (default 10000). */
  timeoutMs?: number;
  /** Connecting (TCP and TLS); default 3000, never more than timeoutMs. */
  connectTimeoutMs?: number;
  /** hosts[:port] allowed over plain HTTP besides loopback, which always uses plain HTTP... */
  insecureRegistries?: string[];
  /** ...unless listed here: hosts[:port] (typically loopback test registries) that must use HTTPS. */
  httpsRegistries?: string[];
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  extraCaCerts?: string[];
  /** Proxy URL for every request; when absent HTTP_PROXY / HTTPS_PROXY / NO_PROXY apply. */
  proxy?: string;
  /** Every resolve fails with 'offline' without any I/O. */
  offline?: boolean;
  /** Requests in flight at once (default 8). */
  maxInFlight?: number;
  userAgent?: string;
  /** One line per request; never headers, tokens or credentials. */
  logger?: (line: string) => void;
  /** Clock (epoch ms), for tests of TTL expiry. */
  now?: () => number;
  /** Called when a registry reports a new pull quota (`ratelimit-remaining`, Docker Hub). */
  onPullLimit?: (limit: PullLimit) => void;
}

export type ImagerefRegistryClient = RegistryClient & {
  listTags(request: TagListRequest): Promise<TagListOutcome>;
  /** The latest pull quota each registry reported. */
  pullLimits(): PullLimit[];
  /** Waits for pending disk-cache writes. */
  flush(): Promise<void>;
  stats(): { requests: number };
  clearCache(): Promise<void>;
  /** Closes pooled connections. */
  close(): Promise<void>;
};

export function createRegistryClient(options: RegistryClientOptions): ImagerefRegistryClient {
  return new OciRegistryClient(options);
}

class OciRegistryClient implements ImagerefRegistryClient {
  private requests = 0;
  private readonly http: HttpTransport;
  private readonly limit: RequestLimit;
  private readonly lookups = new SharedLookups();
  private readonly cache: RegistryCache;
  private readonly auth: Authenticator;
  private readonly now: () => number;
  private readonly requester: AuthorizedRequester;
  private readonly tagLister: TagLister;
  private readonly limits: PullLimitTracker;

  constructor(private readonly options: RegistryClientOptions) {
    this.now = options.now ?? Date.now;
    this.limit = new RequestLimit(options.maxInFlight ?? 8);
    this.cache = new RegistryCache(options.cacheDir, options.logger);
    this.http = new HttpTransport({
      timeoutMs: options.timeoutMs ?? 10_000,
      connectTimeoutMs: options.connectTimeoutMs,
      userAgent: options.userAgent ?? 'imageref',
      insecureRegistries: options.insecureRegistries ?? [],
      httpsRegistries: options.httpsRegistries ?? [],
      extraCaCerts: options.extraCaCerts,
      proxy: options.proxy,
      logger: options.logger,
      onRequest: () => this.requests++,
    });
    const send = (req: HttpRequest) => this.limit.run(() => this.http.request(req), req.signal);
    this.auth = new Authenticator({ credentials: options.credentials, send, now: this.now });
    this.limits = new PullLimitTracker(options.onPullLimit);
    this.requester = new AuthorizedRequester(this.http, this.limit, this.auth, (registry, res) => this.limits.observe(registry, res.headers, this.now()));
    this.tagLister = new TagLister({
      requester: this.requester, cache: this.cache, baseUrl: (registry) => this.http.baseUrl(registry), now: this.now,
      ttlMs: (options.tagTtlSeconds ?? 3600) * 1000, logger: options.logger,
    });
  }

  pullLimits(): PullLimit[] {
    return this.limits.all();
  }

  listTags(request: TagListRequest): Promise<TagListOutcome> {
    const name = `${request.registry}/${request.repository}`;
    if (this.options.offline) return Promise.resolve({ ok: false, failure: { kind: 'offline', message: `offline: the tags of ${name} were not listed` } });
    return this.tagLister.list(request);
  }

  stats(): { requests: number } {
    return { requests: this.requests };
  }

  async clearCache(): Promise<void> {
    this.auth.clear();
    await this.cache.clear();
  }

  flush(): Promise<void> {
    return this.cache.flush();
  }

  async close(): Promise<void> {
    await this.cache.flush();
    await this.http.close();
  }

  async resolve(request: ResolveRequest): Promise<ResolveOutcome> {
    const name = `${request.registry}/${request.repository}${isDigest(request.tagOrDigest) ? '@' : ':'}${request.tagOrDigest}`;
    if (this.options.offline) return failed({ kind: 'offline', message: `offline: ${name} was not looked up` });
    const key = (mode: 'head' | 'full' | 'config') => [name, request.flavour ?? 'docker', request.jibCredHelper ?? '', request.refresh ? 'refresh' : '', mode].join('|');
    // Each step is shared on its own: a hover's lookup (content and config) shares the validation's HEAD.
    const head = (signal?: AbortSignal) => this.lookups.share(key('head'), (s) => this.resolveNow({ ...request, platforms: false }, s), signal);
    const content = (signal?: AbortSignal) => this.lookups.share(key('full'), async (s) =>
      isDigest(request.tagOrDigest) ? this.resolveNow({ ...request, platforms: true }, s) : this.withContent(request, await head(s), s), signal);
    const configured = (signal?: AbortSignal) => this.lookups.share(key('config'), async (s) => this.withPlatform(request, await content(s), s), signal);
    try {
      const image = await (request.platforms === false ? head : request.imageConfig ? configured : content)(request.signal);
      return { ok: true, image };
    } catch (err) {
      if (err instanceof RegistryError) return failed(err.failure);
      if (err instanceof CancelledError) return failed({ kind: 'cancelled', message: `lookup of ${name} cancelled` });
      return failed({ kind: 'unreachable', message: `unexpected error resolving ${name}: ${(err as Error).message}` });
    }
  }

  private async resolveNow(request: ResolveRequest, signal: AbortSignal): Promise<ResolvedImage> {
    const { registry, repository, tagOrDigest } = request;
    const target = { registry, repository, flavour: request.flavour ?? 'docker', jibCredHelper: request.jibCredHelper };
    const ctx: Ctx = { target, tagOrDigest, origin: new URL(this.http.baseUrl(registry)).origin, signal, since: this.requester.mark() };
    if (isDigest(tagOrDigest)) {
      if (!isSha256Digest(tagOrDigest)) fail('invalid-response', `cannot verify ${tagOrDigest}: only sha256 digests are supported`);
      const cached = await this.cache.getContent(tagOrDigest);
      const bytes = cached ?? (await this.fetchByDigest(ctx, tagOrDigest));
      return this.image(tagOrDigest, bytes, this.now(), !cached, ctx.auth?.source ?? { source: 'cache' });
    }
    const record = request.refresh ? undefined : await this.cache.getTag(registry, repository, tagOrDigest);
    const wantContent = request.platforms !== false;
    if (record && this.now() - record.seenAt < (this.options.tagTtlSeconds ?? 3600) * 1000) {
      const cached = await this.cache.getContent(record.digest);
      const credentials = await this.withCurrentChains(ctx, record.credentials);
      if (!cached && !wantContent && record.mediaType) return headOnlyImage(record.digest, record.mediaType, record.size ?? 0, record.seenAt, true, credentials);
      const bytes = cached ?? (await this.fetchByDigest(ctx, record.digest));
      return this.image(record.digest, bytes, record.seenAt, !cached, credentials);
    }
    const head = await this.headTag(ctx);
    const seenAt = this.now();
    const credentials = ctx.auth?.source ?? { source: 'anonymous' };
    const known = head.body ?? (await this.cache.getContent(head.digest));
    if (!known && !wantContent && head.mediaType) {
      await this.cache.putTag(registry, repository, tagOrDigest, { digest: head.digest, seenAt, credentials, mediaType: head.mediaType, size: head.size });
      return headOnlyImage(head.digest, head.mediaType, head.size ?? 0, seenAt, false, credentials);
    }
    const bytes = known ?? (await this.fetchByDigest(ctx, head.digest));
    const image = this.image(head.digest, bytes, seenAt, true, credentials);
    await this.cache.putContent(head.digest, bytes);
    await this.cache.putTag(registry, repository, tagOrDigest, { digest: head.digest, seenAt, credentials });
    return image;
  }

  /** The content of an image known from a HEAD only: GET by digest (immutable, cached). */
  private async withContent(request: ResolveRequest, image: ResolvedImage, signal: AbortSignal): Promise<ResolvedImage> {
    if (!image.headOnly) return image;
    const ctx = this.contextFor(request, image.digest, signal);
    const cached = await this.cache.getContent(image.digest);
    const bytes = cached ?? (await this.fetchByDigest(ctx, image.digest));
    return this.image(image.digest, bytes, image.resolvedAt, !cached, image.credentials);
  }

  /** A single manifest's platform, from its config blob (when the manifest names one). */
  private async withPlatform(request: ResolveRequest, image: ResolvedImage, signal: AbortSignal): Promise<ResolvedImage> {
    if (image.kind !== 'manifest' || image.headOnly || image.platforms.length > 0) return image;
    const bytes = await this.cache.getContent(image.digest);
    const parsed = bytes && parseManifest(bytes);
    if (!parsed || typeof parsed === 'string' || !parsed.config) return image;
    const ctx = this.contextFor(request, parsed.config.digest, signal);
    const platform = await readConfigPlatform(this.requester, this.cache, ctx, parsed.config);
    const attestation = platform.os === 'unknown' && platform.architecture === 'unknown';
    return { ...image, platforms: [{ ...platform, digest: image.digest, size: image.size, mediaType: image.mediaType, attestation }] };
  }

  private contextFor(request: ResolveRequest, tagOrDigest: string, signal: AbortSignal): Ctx {
    const { registry, repository } = request;
    const target = { registry, repository, flavour: request.flavour ?? 'docker', jibCredHelper: request.jibCredHelper };
    return { target, tagOrDigest, origin: new URL(this.http.baseUrl(registry)).origin, signal, since: this.requester.mark() };
  }

  /** A cached tag answer gets the lookup chains of this request's tool and credHelper, when the registry asked for credentials. */
  private async withCurrentChains(ctx: Ctx, credentials: CredentialSourceInfo): Promise<CredentialSourceInfo> {
    const lookup = await this.auth.knownLookup(ctx.origin, ctx.target);
    return lookup?.source.chains ? { ...credentials, chains: lookup.source.chains } : credentials;
  }

  private image(digest: string, bytes: Buffer, resolvedAt: number, fetched: boolean, credentials: CredentialSourceInfo): ResolvedImage {
    const parsed = parseManifest(bytes);
    if (typeof parsed === 'string') fail('invalid-response', `${digest}: ${parsed}`);
    return { digest, ...parsed, size: bytes.length, resolvedAt, fromCache: !fetched, credentials };
  }

  /** HEAD for the digest (free on Docker Hub); GET and hash when HEAD is refused or says nothing. */
  private async headTag(ctx: Ctx): Promise<{ digest: string; body?: Buffer; mediaType?: string; size?: number }> {
    const path = `manifests/${ctx.tagOrDigest}`;
    const head = await this.requester.call(ctx, 'HEAD', path);
    const header = head.headers['docker-content-digest'];
    if (head.status === 200 && isSha256Digest(header)) {
      const mediaType = knownMediaType(head.headers['content-type']);
      const length = Number(head.headers['content-length']);
      return { digest: header, mediaType, size: Number.isFinite(length) ? length : undefined };
    }
    if (head.status !== 200 && head.status !== 405) return this.failWith(ctx, head, 'tag');
    const res = await this.requester.call(ctx, 'GET', path);
    if (res.status !== 200) return this.failWith(ctx, res, 'tag');
    return { digest: sha256Digest(res.body), body: res.body };
  }

  /** GET by digest; the bytes must hash to it whatever the headers say. Only good content is cached. */
  private async fetchByDigest(ctx: Ctx, digest: string): Promise<Buffer> {
    const res = await this.requester.call(ctx, 'GET', `manifests/${digest}`);
    if (res.status !== 200) return this.failWith(ctx, res, 'digest');
    if (sha256Digest(res.body) !== digest) fail('invalid-response', `${ctx.origin} sent content that does not match ${digest}`);
    const parsed = parseManifest(res.body, res.headers['content-type']);
    if (typeof parsed === 'string') fail('invalid-response', `${digest}: ${parsed}`);
    await this.cache.putContent(digest, res.body);
    return res.body;
  }

  private async failWith(ctx: Ctx, res: HttpResponse, what: 'tag' | 'digest'): Promise<never> {
    const { registry, repository } = ctx.target;
    const name = `${registry}/${repository}`;
    const codes = errorCodes(res.body);
    if (res.status === 404) {
      if (codes.includes('NAME_UNKNOWN') || (await this.repositoryMissing(ctx))) {
        fail('repository-not-found', `repository ${name} not found`);
      }
      if (what === 'tag') fail('tag-not-found', `tag ${ctx.tagOrDigest} not found in ${name}`);
      fail('digest-not-found', `manifest ${ctx.tagOrDigest} not found in ${name}`);
    }
    if (res.status === 403) {
      const how = ctx.auth?.credentialed ? `with credentials from ${ctx.auth.source.source}` : 'anonymously';
      const lookup = ctx.auth?.lookup;
      fail('credentials-rejected', `${registry} denied access to ${repository} ${how} (HTTP 403${codes[0] ? ` ${codes[0]}` : ''})`, {
        credentialSearch: lookup && [...lookup.searched, ...lookup.problems],
        ...(lookup?.source.chains ? { credentialChains: lookup.source.chains } : {}),
        suggestedHelper: lookup?.suggestedHelper,
      });
    }
    if (res.status === 429) {
      const retryAfterSeconds = parseRetryAfter(res.headers['retry-after'], this.now());
      fail('rate-limited', `${registry} is rate limiting requests (HTTP 429)`, { retryAfterSeconds });
    }
    if (res.status >= 500) fail('unreachable', `${registry} answered HTTP ${res.status}`);
    return fail('invalid-response', `${registry} answered HTTP ${res.status} for ${repository}`);
  }

  /** Distribution answers MANIFEST_UNKNOWN (and HEAD no body at all) for unknown repositories; tags/list tells. */
  private async repositoryMissing(ctx: Ctx): Promise<boolean> {
    try {
      const res = await this.requester.call(ctx, 'GET', 'tags/list?n=1');
      return res.status === 404 && errorCodes(res.body).includes('NAME_UNKNOWN');
    } catch {
      return false;
    }
  }
}

/** Digest, media type and size from a HEAD alone: enough to validate a tag when no platform is configured. */
function headOnlyImage(digest: string, mediaType: string, size: number, resolvedAt: number, fromCache: boolean, credentials: CredentialSourceInfo): ResolvedImage {
  const kind = mediaType === OCI_INDEX || mediaType === DOCKER_LIST ? 'index' : 'manifest';
  return { digest, mediaType, kind, platforms: [], size, resolvedAt, fromCache, credentials, headOnly: true };
}

function knownMediaType(header: unknown): string | undefined {
  const value = typeof header === 'string' ? header.split(';')[0].trim() : undefined;
  return value && [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].includes(value) ? value : undefined;
}

function failed(failure: RegistryFailure): ResolveOutcome {
  return { ok: false, failure };
}
