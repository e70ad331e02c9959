import * as tls from 'node:tls';
import type { Dispatcher } from 'undici';
import { fail, failNoAnswer, RegistryError } from './errors';

// undici is half of the bundled server and CLI (~0.5 MB): required when the first request is made, not at start-up.
let undiciModule: typeof import('undici') | undefined;
const undici = (): typeof import('undici') => (undiciModule ??= require('undici') as typeof import('undici'));

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** Connecting gets its own short limit: a host that drops packets fails fast, a slow answer still gets `timeoutMs`. */
export const CONNECT_TIMEOUT_MS = 3000;


export interface TransportOptions {
  /** Waiting for the answer (headers, and between body chunks) once connected. */
  timeoutMs: number;
  /** Connecting (TCP and TLS); default CONNECT_TIMEOUT_MS, never more than timeoutMs. */
  connectTimeoutMs?: number;
  userAgent: string;
  /** hosts[:port] allowed over plain HTTP besides loopback. */
  insecureRegistries: string[];
  /** hosts[:port] that use HTTPS although they are loopback (loopback is plain HTTP otherwise). */
  httpsRegistries: string[];
  extraCaCerts?: string[];
  /** Explicit proxy URL; without it HTTP(S)_PROXY / NO_PROXY from the environment apply. */
  proxy?: string;
  logger?: (line: string) => void;
  onRequest?: () => void;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Sent only while the request URL's origin equals `origin`: a redirect elsewhere drops it. */
  auth?: { origin: string; header: string };
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  url: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export class HttpTransport {
  private dispatcherOf?: Dispatcher;
  private readonly connect: { timeout: number; ca?: string[] };
  private readonly insecure: Set<string>;
  private readonly https: Set<string>;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: TransportOptions) {
    this.connectTimeoutMs = Math.min(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, options.timeoutMs);
    this.insecure = new Set(options.insecureRegistries.map((h) => h.toLowerCase()));
    this.https = new Set(options.httpsRegistries.map((h) => h.toLowerCase()));
    const ca = options.extraCaCerts?.length ? [...tls.rootCertificates, ...options.extraCaCerts] : undefined;
    this.connect = { timeout: this.connectTimeoutMs, ...(ca ? { ca } : {}) };
  }

  /** Made on the first request: an offline run or an editor that never goes online never loads the HTTP stack. */
  private get dispatcher(): Dispatcher {
    if (this.dispatcherOf) return this.dispatcherOf;
    const { Agent, EnvHttpProxyAgent, ProxyAgent } = undici();
    const { connect, options } = this;
    const env = process.env;
    if (options.proxy) {
      this.dispatcherOf = new ProxyAgent({ uri: options.proxy, requestTls: connect });
    } else if (env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy) {
      this.dispatcherOf = new EnvHttpProxyAgent({ connect, requestTls: connect });
    } else {
      this.dispatcherOf = new Agent({ connect });
    }
    return this.dispatcherOf;
  }

  /** Base URL of a registry's API: docker.io → registry-1.docker.io; loopback and insecure hosts → plain HTTP. */
  baseUrl(registry: string): string {
    const host = registry.toLowerCase();
    if (host === 'docker.io') return 'https://registry-1.docker.io';
    if (this.https.has(host)) return `https://${host}`;
    const hostname = new URL(`http://${host}`).hostname;
    const plain = isLoopbackHost(hostname) || this.insecure.has(host) || this.insecure.has(hostname);
    return `${plain ? 'http' : 'https'}://${host}`;
  }

  plainHttpAllowed(url: URL): boolean {
    return isLoopbackHost(url.hostname) || this.insecure.has(url.host) || this.insecure.has(url.hostname);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let url = new URL(req.url);
    let method = req.method;
    for (let hop = 0; ; hop++) {
      const response = await this.send(url, method, req);
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.status) || !location) return response;
      if (hop >= MAX_REDIRECTS) fail('invalid-response', `too many redirects from ${req.url}`);
      url = new URL(location, url);
      if (response.status === 303 && method === 'POST') method = 'GET';
    }
  }

  close(): Promise<void> {
    return this.dispatcherOf ? this.dispatcherOf.close() : Promise.resolve();
  }

  private async send(url: URL, method: HttpRequest['method'], req: HttpRequest): Promise<HttpResponse> {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      fail('insecure-refused', `refusing unsupported URL scheme ${url.protocol}`);
    }
    if (url.protocol === 'http:' && !this.plainHttpAllowed(url)) {
      fail('insecure-refused', `refusing plain HTTP to ${url.host}: not loopback and not listed as insecure`);
    }
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, ...req.headers };
    if (req.auth && req.auth.origin === url.origin) headers.authorization = req.auth.header;
    // undici's connect, headers and body timeouts are the limits; this one only ends a body that trickles forever.
    const timeout = AbortSignal.timeout(this.connectTimeoutMs + 2 * this.options.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const started = Date.now();
    const shown = `${url.origin}${url.pathname}`;
    this.options.onRequest?.();
    try {
      const res = await undici().request(url, {
        method,
        headers,
        body: method === 'POST' ? req.body : undefined,
        signal,
        dispatcher: this.dispatcher,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      const body = await readCapped(res.body, res.headers['content-length']);
      this.options.logger?.(`${method} ${shown} → ${res.statusCode} (${Date.now() - started} ms)`);
      return { status: res.statusCode, url: url.href, headers: flatten(res.headers), body };
    } catch (err) {
      if (err instanceof RegistryError) throw err;
      if (req.signal?.aborted) fail('cancelled', `request to ${url.host} cancelled`);
      const waited = timeout.aborted ? 'UND_ERR_HEADERS_TIMEOUT' : timeoutCode(err);
      const message = waited === 'UND_ERR_CONNECT_TIMEOUT'
        ? `no connection to ${url.host} within ${this.connectTimeoutMs} ms`
        : waited ? `no answer from ${url.host} within ${this.options.timeoutMs} ms` : describeNetworkError(err, url);
      this.options.logger?.(`${method} ${shown} failed: ${message}`);
      if (waited) failNoAnswer(message);
      fail('unreachable', message);
    }
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], contentLength: unknown): Promise<Buffer> {
  if (Number(contentLength) > MAX_BODY_BYTES) {
    body.destroy();
    fail('invalid-response', `response body of ${contentLength} bytes exceeds the 4 MiB limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > MAX_BODY_BYTES) {
      body.destroy();
      fail('invalid-response', 'response body exceeds the 4 MiB limit');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const TIMEOUT_CODES = ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'];

function timeoutCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TIMEOUT_CODES.includes(code)) return code;
  }
  return undefined;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL|EPROTO/;

function describeNetworkError(err: unknown, url: URL): string {
  const codes: string[] = [];
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  const code = codes.find((c) => TLS_CODES.test(c)) ?? codes.find((c) => c !== 'UND_ERR_SOCKET') ?? codes[0];
  if (code && TLS_CODES.test(code)) {
    return `TLS certificate of ${url.host} is not trusted (${code}); add its CA certificate to the trusted CAs`;
  }
  if (code === 'ECONNREFUSED') return `connection to ${url.host} refused`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve host ${url.hostname}`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `connection to ${url.host} closed unexpectedly`;
  const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return `cannot reach ${url.host}: ${code ?? detail}`;
}
