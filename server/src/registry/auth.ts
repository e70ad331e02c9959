import { LRUCache } from 'lru-cache';
import type { Challenge } from './challenge';
import { nodeCrypto } from './nodeCrypto';
import { fail } from './errors';
import type { HttpRequest, HttpResponse } from './http';
import type { CredentialFlavour, CredentialSourceInfo } from './contract';
import type { Credential, CredentialLookup, CredentialProvider } from './credentials';

export { parseChallenges, pickChallenge, type Challenge } from './challenge';

const MIN_TOKEN_SECONDS = 60;
const LOOKUP_TTL_MS = 5 * 60 * 1000;
const ANONYMOUS: CredentialSourceInfo = { source: 'anonymous' };

export interface AuthTarget {
  registry: string;
  repository: string;
  flavour: CredentialFlavour;
  jibCredHelper?: string;
}

export interface Authorization {
  /** Value of the Authorization header; absent for anonymous access. */
  header?: string;
  /** True when credentials (not anonymous access) produced it. */
  credentialed: boolean;
  source: CredentialSourceInfo;
  lookup?: CredentialLookup;
  /** Cache entries to drop when the registry rejects this authorization. */
  tokenKey?: string;
  lookupKey?: string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface AuthDeps {
  credentials: CredentialProvider;
  /** Sends one HTTP request (bounded by the request limit); the realm is checked by the transport's HTTP policy. */
  send: (req: HttpRequest) => Promise<HttpResponse>;
  now: () => number;
}

/** Turns challenges into Authorization headers: Basic, or Bearer tokens cached per realm+service+scope. */
export class Authenticator {
  /** By registry origin; null = answered without a challenge. */
  private readonly challenges = new Map<string, Challenge | null>();
  private readonly tokens = new LRUCache<string, CachedToken>({ max: 1000 });
  private readonly pendingTokens = new Map<string, Promise<CachedToken>>();
  private readonly lookups = new LRUCache<string, Promise<CredentialLookup>>({ max: 200, ttl: LOOKUP_TTL_MS });

  constructor(private readonly deps: AuthDeps) {}

  knows(origin: string): boolean {
    return this.challenges.has(origin);
  }

  learn(origin: string, challenge: Challenge | null): void {
    if (challenge || !this.challenges.get(origin)) this.challenges.set(origin, challenge);
  }

  /** Forgets the challenge learned from an origin: the next request asks afresh (after a bad challenge or realm). */
  unlearn(origin: string): void {
    this.challenges.delete(origin);
  }

  /** Drops what produced a rejected authorization, so the retry (or the next resolve) starts afresh. */
  forget(auth: Authorization): void {
    if (auth.tokenKey) this.tokens.delete(auth.tokenKey);
    if (auth.lookupKey) this.lookups.delete(auth.lookupKey);
  }

  clear(): void {
    this.tokens.clear();
    this.lookups.clear();
  }

  /** The credential lookup for a target whose origin asked for credentials (cached like authorize's); else undefined. */
  async knownLookup(origin: string, target: AuthTarget): Promise<CredentialLookup | undefined> {
    if (!this.challenges.get(origin)) return undefined;
    return this.lookup(`${target.registry}|${target.flavour}|${target.jibCredHelper ?? ''}`, target);
  }

  async authorize(origin: string, target: AuthTarget): Promise<Authorization> {
    const challenge = this.challenges.get(origin);
    if (!challenge) return { credentialed: false, source: ANONYMOUS };
    // Credentials are looked up only now that a registry asked for them.
    const lookupKey = `${target.registry}|${target.flavour}|${target.jibCredHelper ?? ''}`;
    const lookup = await this.lookup(lookupKey, target);
    const credential = lookup.credential;
    const base = { credentialed: !!credential, source: lookup.source, lookup, lookupKey };
    if (challenge.scheme === 'basic') {
      if (credential?.kind !== 'basic') return { ...base, credentialed: false };
      return { ...base, header: basicHeader(credential.username, credential.password) };
    }
    if (credential?.kind === 'registry-token') return { ...base, header: `Bearer ${credential.token}` };
    const scope = `repository:${target.repository}:pull`;
    const tokenKey = [challenge.params.realm, challenge.params.service, scope, fingerprint(credential)].join('|');
    const token = await this.token(tokenKey, challenge, scope, lookup);
    return { ...base, header: `Bearer ${token.token}`, tokenKey };
  }

  private lookup(key: string, target: AuthTarget): Promise<CredentialLookup> {
    let pending = this.lookups.get(key);
    if (!pending) {
      pending = this.deps.credentials
        .lookup(target.registry, target.flavour, target.jibCredHelper)
        .catch((err: unknown) => ({
          source: ANONYMOUS,
          searched: [],
          problems: [`credential lookup failed: ${(err as Error).message ?? String(err)}`],
        }));
      this.lookups.set(key, pending);
    }
    return pending;
  }

  private token(key: string, challenge: Challenge, scope: string, lookup: CredentialLookup): Promise<CachedToken> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.deps.now()) return Promise.resolve(cached);
    let pending = this.pendingTokens.get(key);
    if (!pending) {
      pending = this.fetchToken(challenge, scope, lookup)
        .then((token) => {
          this.tokens.set(key, token);
          return token;
        })
        .finally(() => this.pendingTokens.delete(key));
      this.pendingTokens.set(key, pending);
    }
    return pending;
  }

  private async fetchToken(challenge: Challenge, scope: string, lookup: CredentialLookup): Promise<CachedToken> {
    const { realm, service } = challenge.params;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      return fail('invalid-response', `the registry's Bearer challenge has no usable realm (${realm ?? 'none'})`);
    }
    const credential = lookup.credential;
    const params = new URLSearchParams();
    if (service) params.set('service', service);
    params.set('scope', scope);
    let res: HttpResponse | undefined;
    if (credential?.kind === 'identity-token') {
      const form = new URLSearchParams(params);
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', credential.token);
      form.set('client_id', 'imageref');
      res = await this.deps.send({
        method: 'POST',
        url: url.href,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      // GCR, Artifactory and ACR only know the GET form.
      if ([400, 401, 404, 405].includes(res.status)) res = undefined;
    }
    if (!res) {
      for (const [k, v] of params) url.searchParams.append(k, v);
      const auth = basicFor(credential);
      res = await this.deps.send({ method: 'GET', url: url.href, auth: auth ? { origin: url.origin, header: auth } : undefined });
    }
    return this.parseToken(res, url, lookup);
  }

  private parseToken(res: HttpResponse, url: URL, lookup: CredentialLookup): CachedToken {
    if (res.status === 401 || res.status === 403) {
      return authFailure(lookup, `the token service at ${url.host} refused ${lookup.credential ? 'the credentials' : 'anonymous access'} (HTTP ${res.status})`);
    }
    if (res.status === 429) fail('rate-limited', `the token service at ${url.host} is rate limiting (HTTP 429)`);
    if (res.status >= 500) fail('unreachable', `the token service at ${url.host} answered HTTP ${res.status}`);
    if (res.status !== 200) fail('invalid-response', `the token service at ${url.host} answered HTTP ${res.status}`);
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return fail('invalid-response', `the token service at ${url.host} did not answer JSON`);
    }
    const token = [doc?.access_token, doc?.token].find((t): t is string => typeof t === 'string' && t.length > 0);
    if (!token) fail('invalid-response', `the token service at ${url.host} answered without a token`);
    const expiresIn = typeof doc.expires_in === 'number' ? Math.max(MIN_TOKEN_SECONDS, doc.expires_in) : MIN_TOKEN_SECONDS;
    // A few seconds' margin so a token does not expire between the cache check and the registry.
    return { token, expiresAt: this.deps.now() + expiresIn * 1000 - 5000 };
  }
}

/** 401/403 with credentials → rejected; without → missing. Tells where credentials were looked for. */
export function authFailure(lookup: CredentialLookup | undefined, message: string): never {
  const extra = {
    credentialSearch: lookup ? [...lookup.searched, ...lookup.problems] : undefined,
    suggestedHelper: lookup?.suggestedHelper,
    ...(lookup?.source.chains ? { credentialChains: lookup.source.chains } : {}),
  };
  return fail(lookup?.credential ? 'credentials-rejected' : 'credentials-missing', message, extra);
}

function basicFor(credential: Credential | undefined): string | undefined {
  if (credential?.kind === 'basic') return basicHeader(credential.username, credential.password);
  if (credential?.kind === 'identity-token') return basicHeader('<token>', credential.token);
  return undefined;
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function fingerprint(credential: Credential | undefined): string {
  if (!credential) return 'anonymous';
  return nodeCrypto().createHash('sha256').update(JSON.stringify(credential)).digest('hex').slice(0, 16);
}
