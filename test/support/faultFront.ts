import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export type Fault =
  | 'none' | '500' | '502' | '429' | '429-retry-after' | 'slow' | 'reset' | 'truncated' | 'invalid-json'
  | 'wrong-digest' | 'huge' | 'bad-challenge' | 'token-fails'
  /** The token endpoint (the front's own /token, named as realm) answers badly: */
  | 'token-garbage' | 'token-empty' | 'token-401' | 'token-slow'
  /** The 401 carries `challenge` (below) as its WWW-Authenticate header. */
  | 'custom-challenge';

export interface FaultFront {
  /** `127.0.0.1:<port>`: use it as the registry host in references. */
  host: string;
  fault: Fault;
  /** WWW-Authenticate header sent with 401 answers when fault is 'custom-challenge'. */
  challenge: string;
  requests: number;
  stop(): Promise<void>;
}

/**
 * A loopback front for a real registry that injects one fault into manifest requests (and, for the auth faults,
 * into the challenge). Everything else is forwarded unchanged, so the next good answer comes from the registry.
 */
export async function startFaultFront(registryUrl: string): Promise<FaultFront> {
  const sockets = new Set<import('node:net').Socket>();
  const front: FaultFront = { host: '', fault: 'none', challenge: '', requests: 0, stop: async () => undefined };
  const server = http.createServer(async (req, res) => {
    front.requests++;
    const fault = front.fault;
    const manifest = (req.url ?? '').includes('/manifests/');
    if (req.url?.startsWith('/token')) return void token(fault, res);
    if (manifest && fault !== 'none' && !fault.includes('challenge') && !fault.startsWith('token-')) {
      if (await inject(fault, req, res)) return;
    }
    const upstream = await request(registryUrl + req.url, { method: req.method as 'GET', headers: forwardHeaders(req.headers) });
    const headers = { ...upstream.headers } as Record<string, string | string[]>;
    if (upstream.statusCode === 401 && fault === 'bad-challenge') headers['www-authenticate'] = 'Bearer realm=, service="oops';
    if (upstream.statusCode === 401 && fault.startsWith('token-')) headers['www-authenticate'] = `Bearer realm="http://${front.host}/token",service="front"`;
    if (upstream.statusCode === 401 && fault === 'custom-challenge') headers['www-authenticate'] = front.challenge;
    const body = Buffer.from(await upstream.body.arrayBuffer());
    if (fault === 'wrong-digest' && manifest && req.method === 'GET') body[body.length - 2] ^= 1;
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    res.writeHead(upstream.statusCode, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  front.stop = () => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  return front;
}

/** The token endpoint, when a 'token-…' fault names the front itself as the realm. */
function token(fault: Fault, res: http.ServerResponse): void {
  switch (fault) {
    case 'token-garbage':
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login page</html>');
      return;
    case 'token-empty':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"expires_in": 300}');
      return;
    case 'token-401':
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    case 'token-slow':
      setTimeout(() => res.destroyed || res.writeHead(500).end(), 5000).unref();
      return;
    default:
      res.writeHead(500).end('token service down');
  }
}

async function inject(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  switch (fault) {
    case '500':
    case '502':
      res.writeHead(Number(fault), { 'content-type': 'text/html' }).end('<html>upstream trouble</html>');
      return true;
    case '429':
      res.writeHead(429, { 'content-type': 'application/json' }).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}');
      return true;
    case '429-retry-after':
      res.writeHead(429, { 'retry-after': '120' }).end();
      return true;
    case 'slow':
      setTimeout(() => res.destroyed || res.writeHead(200).end(), 5000).unref();
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'content-length': '4000', 'docker-content-digest': 'sha256:' + 'd'.repeat(64) });
      res.write('{"schemaVersion":2,"manifests":[');
      res.socket?.destroy();
      return true;
    case 'invalid-json':
      if (req.method === 'HEAD') return false;
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end('{"schemaVersion": 2, "manifests": [ nope');
      return true;
    case 'huge':
      if (req.method === 'HEAD') return false;
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' });
      res.end(Buffer.alloc(5 * 1024 * 1024, 0x20));
      return true;
    default:
      return false;
  }
}

function forwardHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'host' || name === 'connection') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
