import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';

export interface FrontRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingFront {
  /** `<address>:<port>`, usable as a registry host or in a realm URL. */
  host: string;
  url: string;
  requests: FrontRequest[];
  /** Answer a request here instead of forwarding it; return true when answered. */
  intercept?: (req: FrontRequest, res: http.ServerResponse) => boolean | Promise<boolean>;
  /** Rewrites the realm of every forwarded WWW-Authenticate challenge (to put another recording front before it). */
  realm?: string;
  /** Headers added to every forwarded answer (e.g. Docker Hub's `ratelimit-remaining`). */
  addHeaders?: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A loopback reverse proxy in front of `upstream` (a real registry or token server) that records every request with
 * its headers and body, and can answer some requests itself (redirects, faults). `address` may be any 127.0.0.0/8
 * address, so that two fronts are two different hosts (origins) to the client.
 */
export async function startRecordingFront(upstream: string, address = '127.0.0.1'): Promise<RecordingFront> {
  const sockets = new Set<Socket>();
  const front: RecordingFront = { host: '', url: '', requests: [], stop: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const recorded: FrontRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      front.requests.push(recorded);
      try {
        if (front.intercept && (await front.intercept(recorded, res))) return;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name)) {
            headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
        }
        const up = await request(upstream + recorded.url, {
          method: recorded.method as 'GET', headers, body: recorded.method === 'POST' ? recorded.body : undefined,
        });
        const out = { ...up.headers } as Record<string, string | string[]>;
        delete out['content-length'];
        delete out['transfer-encoding'];
        delete out.connection;
        const challenge = out['www-authenticate'];
        if (front.realm && typeof challenge === 'string') out['www-authenticate'] = challenge.replace(/realm="[^"]*"/, `realm="${front.realm}"`);
        Object.assign(out, front.addHeaders ?? {});
        const body = Buffer.from(await up.body.arrayBuffer());
        res.writeHead(up.statusCode, out).end(recorded.method === 'HEAD' ? undefined : body);
      } catch (error) {
        if (!res.headersSent) res.writeHead(502).end(String(error));
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  front.host = `${address}:${port}`;
  front.url = `http://${front.host}`;
  front.stop = () => new Promise<void>((resolve) => {
    sockets.forEach((s) => s.destroy());
    server.close(() => resolve());
  });
  return front;
}
