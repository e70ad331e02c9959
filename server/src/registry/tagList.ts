import LinkHeader from 'http-link-header';
import type { RegistryCache } from './cache';
import { CancelledError, errorCodes, fail, parseRetryAfter, RegistryError } from './errors';
import type { HttpResponse } from './http';
import type { AuthorizedRequester, Ctx } from './requests';
import { SharedLookups } from './sharedLookups';
import type { TagList, TagListOutcome, TagListRequest } from './contract';

/** Pages read at most per listing: a registry whose `Link` never ends must not keep the client busy. */
export const MAX_TAG_PAGES = 50;
/** Tags kept at most per repository. */
export const MAX_TAGS = 50_000;

const TAG = /^[\w][\w.-]{0,127}$/;

export interface TagListerDeps {
  requester: AuthorizedRequester;
  cache: RegistryCache;
  /** `http(s)://host[:port]` of a registry's API. */
  baseUrl(registry: string): string;
  now(): number;
  ttlMs: number;
  logger?: (line: string) => void;
}

/**
 * `GET /v2/<name>/tags/list`, following `Link: <…>; rel="next"` (distribution-spec pagination) to the last page,
 * on the registry's own origin only, at most MAX_TAG_PAGES pages.
 */
export class TagLister {
  private readonly lookups = new SharedLookups();

  constructor(private readonly deps: TagListerDeps) {}

  async list(request: TagListRequest): Promise<TagListOutcome> {
    const name = `${request.registry}/${request.repository}`;
    const key = [name, request.flavour ?? 'docker', request.jibCredHelper ?? '', request.refresh ? 'refresh' : ''].join('|');
    try {
      const list = await this.lookups.share(key, (signal) => this.listNow(request, signal), request.signal);
      return { ok: true, list };
    } catch (err) {
      if (err instanceof RegistryError) return { ok: false, failure: err.failure };
      if (err instanceof CancelledError) return { ok: false, failure: { kind: 'cancelled', message: `listing the tags of ${name} cancelled` } };
      return { ok: false, failure: { kind: 'unreachable', message: `unexpected error listing the tags of ${name}: ${(err as Error).message}` } };
    }
  }

  private async listNow(request: TagListRequest, signal: AbortSignal): Promise<TagList> {
    const { registry, repository } = request;
    const cached = request.refresh ? undefined : await this.deps.cache.getTagList(registry, repository);
    if (cached && this.deps.now() - cached.listedAt < this.deps.ttlMs) return { ...cached, fromCache: true };
    const target = { registry, repository, flavour: request.flavour ?? 'docker', jibCredHelper: request.jibCredHelper };
    const ctx: Ctx = { target, tagOrDigest: 'tags/list', origin: new URL(this.deps.baseUrl(registry)).origin, signal };
    const tags = new Set<string>();
    const visited = new Set<string>();
    let path: string | undefined = 'tags/list';
    let complete = true;
    for (let page = 0; path; page++) {
      if (page === MAX_TAG_PAGES || tags.size >= MAX_TAGS) {
        this.deps.logger?.(`tags/list of ${registry}/${repository}: stopped after ${page} pages (${tags.size} tags)`);
        complete = false;
        break;
      }
      visited.add(path);
      const res = await this.deps.requester.call(ctx, 'GET', path);
      if (res.status !== 200) failFor(res, registry, repository, this.deps.now());
      for (const tag of pageTags(res, registry)) if (tags.size < MAX_TAGS) tags.add(tag);
      const next = this.nextPage(res, ctx);
      if (next.refused) complete = false;
      path = next.path && !visited.has(next.path) ? next.path : undefined;
    }
    const record = { tags: [...tags], complete, listedAt: this.deps.now() };
    await this.deps.cache.putTagList(registry, repository, record);
    return { ...record, fromCache: false };
  }

  /** The next page's path below `/v2/<name>/`, from the `Link` header; a link to another origin or path is refused. */
  private nextPage(res: HttpResponse, ctx: Ctx): { path?: string; refused?: boolean } {
    const header = res.headers.link;
    if (!header) return {};
    let uri: string | undefined;
    try {
      uri = LinkHeader.parse(header).rel('next')[0]?.uri;
    } catch {
      return {};
    }
    if (!uri) return {};
    const prefix = `/v2/${ctx.target.repository}/`;
    let url: URL;
    try {
      url = new URL(uri, res.url);
    } catch {
      return { refused: true };
    }
    if (url.origin !== ctx.origin || url.pathname !== `${prefix}tags/list`) {
      this.deps.logger?.(`tags/list of ${ctx.target.registry}/${ctx.target.repository}: not following a next page at ${url.origin}${url.pathname}`);
      return { refused: true };
    }
    return { path: `tags/list${url.search}` };
  }
}

function pageTags(res: HttpResponse, registry: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(res.body.toString('utf8'));
  } catch {
    return fail('invalid-response', `${registry} answered tags/list with something that is not JSON`);
  }
  const tags = (doc as { tags?: unknown } | null)?.tags;
  if (tags === null || tags === undefined) return [];
  if (!Array.isArray(tags)) return fail('invalid-response', `${registry} answered tags/list without a tag array`);
  return tags.filter((t): t is string => typeof t === 'string' && TAG.test(t));
}

function failFor(res: HttpResponse, registry: string, repository: string, now: number): never {
  const codes = errorCodes(res.body);
  if (res.status === 404) fail('repository-not-found', `repository ${registry}/${repository} not found`);
  if (res.status === 403) fail('credentials-rejected', `${registry} denied listing the tags of ${repository} (HTTP 403${codes[0] ? ` ${codes[0]}` : ''})`);
  if (res.status === 429) {
    fail('rate-limited', `${registry} is rate limiting requests (HTTP 429)`, { retryAfterSeconds: parseRetryAfter(res.headers['retry-after'], now) });
  }
  if (res.status >= 500) fail('unreachable', `${registry} answered HTTP ${res.status}`);
  return fail('invalid-response', `${registry} answered HTTP ${res.status} listing the tags of ${repository}`);
}
