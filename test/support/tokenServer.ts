import { createSign, randomUUID, X509Certificate } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { selfSigned } from './certs';

export interface TokenServerOptions {
  /** Directory for the signing key and certificate. */
  dir: string;
  issuer?: string;
  service?: string;
  /** username → password accepted with Basic (GET) or grant_type=password (POST). */
  users?: Record<string, string>;
  /** OAuth2 refresh tokens accepted with grant_type=refresh_token (POST), → subject. */
  refreshTokens?: Record<string, string>;
  /** Which repositories anonymous callers may pull (default: those under `public/`). */
  anonymousPull?: (repository: string) => boolean;
  expiresIn?: number;
}

export interface TokenRequestLog {
  method: string;
  /** Subject the token was issued to ('' = anonymous), or undefined when refused. */
  subject?: string;
  scopes: string[];
  status: number;
}

export interface TokenServer {
  /** The realm, e.g. http://127.0.0.1:1234/token */
  realm: string;
  service: string;
  issuer: string;
  /** The certificate to name as the registry's `rootcertbundle`. */
  certPath: string;
  requests: TokenRequestLog[];
  count(): number;
  reset(): void;
  stop(): Promise<void>;
}

/** A token server as distribution's token auth expects: RS256 JWTs with x5c, issued per requested scope. */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const issuer = options.issuer ?? 'imageref-test-issuer';
  const service = options.service ?? 'imageref-test-registry';
  const signing = selfSigned(options.dir, 'token-signing', 'imageref token signer');
  const x5c = new X509Certificate(signing.certPem).raw.toString('base64');
  const anonymousPull = options.anonymousPull ?? ((repo: string) => repo.startsWith('public/'));
  const requests: TokenRequestLog[] = [];

  const sign = (subject: string, scopes: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !name || !actions) return [];
      const wanted = actions.split(',');
      const granted = subject ? wanted : wanted.filter((a) => a === 'pull' && anonymousPull(name));
      return granted.length ? [{ type, name, actions: granted }] : [];
    });
    const header = { alg: 'RS256', typ: 'JWT', x5c: [x5c] };
    const claims = { iss: issuer, aud: service, sub: subject, exp: now + (options.expiresIn ?? 300), nbf: now - 10, iat: now, jti: randomUUID(), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(input).sign(signing.keyPem);
    return `${input}.${b64url(signature)}`;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://token.local');
      const form = new URLSearchParams(req.method === 'POST' ? Buffer.concat(chunks).toString() : '');
      const params = req.method === 'POST' ? form : url.searchParams;
      const scopes = params.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
      const subject = authenticate(req, form, options);
      const log: TokenRequestLog = { method: req.method ?? '', subject, scopes, status: 200 };
      requests.push(log);
      if (subject === undefined) {
        log.status = 401;
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
        return;
      }
      const token = sign(subject, scopes);
      const expires_in = options.expiresIn ?? 300;
      const body = req.method === 'POST' ? { access_token: token, expires_in } : { token, expires_in, issued_at: new Date().toISOString() };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath: signing.certPath,
    requests,
    count: () => requests.length,
    reset: () => void requests.splice(0),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** '' = anonymous, a name = authenticated, undefined = credentials presented but wrong. */
function authenticate(req: http.IncomingMessage, form: URLSearchParams, options: TokenServerOptions): string | undefined {
  const users = options.users ?? {};
  if (req.method === 'POST') {
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') return options.refreshTokens?.[form.get('refresh_token') ?? ''];
    if (grant === 'password') {
      const user = form.get('username') ?? '';
      return users[user] !== undefined && users[user] === form.get('password') ? user : undefined;
    }
    return undefined;
  }
  const header = req.headers.authorization;
  if (!header) return '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString();
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user === '<token>') return options.refreshTokens?.[password];
  return colon > 0 && users[user] !== undefined && users[user] === password ? user : undefined;
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}
