import { authFailure, pickChallenge, type Authenticator, type AuthTarget, type Authorization } from './auth';
import type { HttpResponse, HttpTransport } from './http';
import type { RequestLimit } from './requestLimit';
import { MANIFEST_ACCEPT } from './mediaTypes';
import { NoAnswerError } from './errors';
import { UnansweredHosts } from './unanswered';

/** One resolve in progress. */
export interface Ctx {
  target: AuthTarget;
  tagOrDigest: string;
  origin: string;
  signal: AbortSignal;
  /** UnansweredHosts mark taken when the lookup began (see `AuthorizedRequester.mark`). */
  since?: number;
  /** The authorization of the last request, for the result's `credentials` and for failures. */
  auth?: Authorization;
}

/** Registry API requests with the challenge → authorize → retry-once dance, bounded by the request limit. */
export class AuthorizedRequester {
  private readonly probes = new Map<string, Promise<void>>();
  private readonly unanswered = new UnansweredHosts();

  constructor(
    private readonly http: HttpTransport,
    private readonly limit: RequestLimit,
    private readonly auth: Authenticator,
    /** Every registry answer, for what its headers tell besides the request's own result (pull limits). */
    private readonly onResponse?: (registry: string, res: HttpResponse) => void,
  ) {}

  /** For `Ctx.since`: a lookup begun now shares the failure of a host found unanswered from now on. */
  mark(): number {
    return this.unanswered.mark();
  }

  /** One registry request: authorize if a challenge is known, answer one 401 by authorizing and retrying. */
  call(ctx: Ctx, method: 'GET' | 'HEAD', path: string): Promise<HttpResponse> {
    return this.firstContact(ctx.origin, () => this.callNow(ctx, method, path).catch((error: unknown) => this.noteNoAnswer(ctx, error)));
  }

  /** A token service that does not answer counts against the registry that sent the lookup there. */
  private noteNoAnswer(ctx: Ctx, error: unknown): never {
    if (error instanceof NoAnswerError) this.unanswered.noted(ctx.origin, error);
    throw error;
  }

  private async callNow(ctx: Ctx, method: 'GET' | 'HEAD', path: string): Promise<HttpResponse> {
    const since = ctx.since ?? this.unanswered.mark();
    const stillAnswering = () => this.unanswered.check(ctx.origin, since);
    stillAnswering();
    const url = `${ctx.origin}/v2/${ctx.target.repository}/${path}`;
    const send = (auth: Authorization) =>
      this.limit.run(() => {
        stillAnswering();
        // Noted before the place in the limit is given to the next request, which must see it.
        return this.http.request({
          method, url, signal: ctx.signal,
          headers: { accept: MANIFEST_ACCEPT },
          auth: auth.header ? { origin: ctx.origin, header: auth.header } : undefined,
        }).catch((error: unknown) => this.noteNoAnswer(ctx, error));
      }, ctx.signal);
    const authorize = async () => {
      try {
        return await this.auth.authorize(ctx.origin, ctx.target);
      } catch (error) {
        // A challenge that cannot be answered (no realm, token service down) must not stick: the next request
        // meets the registry's challenge again and can recover.
        this.auth.unlearn(ctx.origin);
        throw error;
      }
    };
    let auth = await authorize();
    let res = await send(auth);
    const challenge = res.status === 401 ? pickChallenge(res.headers['www-authenticate']) : undefined;
    this.auth.learn(ctx.origin, challenge ?? null);
    if (res.status === 401) {
      if (!challenge) authFailure(auth.lookup, `${ctx.origin} answered 401 without a challenge this client can answer`);
      this.auth.forget(auth);
      auth = await authorize();
      if (!auth.header) authFailure(auth.lookup, `${ctx.target.registry} requires credentials and none were found`);
      res = await send(auth);
      if (res.status === 401) {
        this.auth.forget(auth);
        const who = auth.credentialed ? 'the credentials' : 'anonymous access';
        authFailure(auth.lookup, `${ctx.target.registry} refused ${who} for ${ctx.target.repository}`);
      }
    }
    ctx.auth = auth;
    this.onResponse?.(ctx.target.registry, res);
    return res;
  }

  /** Until a registry has answered once, other requests to it wait, so a cold burst meets one 401, not eight. */
  private async firstContact<T>(origin: string, fn: () => Promise<T>): Promise<T> {
    const pending = this.probes.get(origin);
    if (this.auth.knows(origin)) return fn();
    if (pending) {
      await pending;
      return fn();
    }
    const probe = fn();
    const settled = probe.then(() => undefined, () => undefined);
    this.probes.set(origin, settled);
    void settled.then(() => this.probes.get(origin) === settled && this.probes.delete(origin));
    return probe;
  }
}
