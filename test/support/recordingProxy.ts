import * as http from 'node:http';
import * as net from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Absolute URL for HTTP requests (also those inside a CONNECT tunnel); `host:port` for a TLS tunnel. */
  url: string;
  /** Came through a CONNECT tunnel. */
  tunneled: boolean;
  /** For a TLS tunnel the proxy sees one CONNECT and no requests inside it. */
  tls: boolean;
  headers: http.IncomingHttpHeaders;
}

export interface RecordingProxy {
  /** e.g. http://127.0.0.1:1234, for undici's ProxyAgent / HTTP_PROXY. */
  url: string;
  requests: ProxiedRequest[];
  /** Requests seen, optionally only those whose URL contains `urlPart`. */
  count(urlPart?: string): number;
  reset(): void;
  stop(): Promise<void>;
}

const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i.test(host);

/**
 * A loopback-only HTTP forward proxy that records every request. It handles absolute-URI requests and CONNECT;
 * a CONNECT tunnel carrying plain HTTP (undici tunnels http:// too) is terminated here so each request inside
 * it is seen and counted. TLS tunnels are passed through and recorded once.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const tunnelTarget = new WeakMap<net.Socket, string>();

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, target: URL, tunneled: boolean) => {
    requests.push({ method: req.method ?? '', url: target.href, tunneled, tls: false, headers: req.headers });
    if (!isLoopback(target.hostname)) {
      res.writeHead(502).end('recording proxy: loopback targets only');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request(
      { host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port || 80, method: req.method, path: target.pathname + target.search, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end());
    req.pipe(upstream);
  };

  const inner = http.createServer((req, res) => {
    const target = tunnelTarget.get(req.socket);
    forward(req, res, new URL(req.url ?? '/', `http://${target}`), true);
  });

  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI expected');
      return;
    }
    forward(req, res, target, false);
  });

  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const authority = req.url ?? '';
    const hostname = authority.replace(/:\d+$/, '');
    if (!isLoopback(hostname)) {
      requests.push({ method: 'CONNECT', url: authority, tunneled: true, tls: false, headers: req.headers });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const dispatch = (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === 0x16) {
        // TLS ClientHello: splice the tunnel through.
        requests.push({ method: 'CONNECT', url: authority, tunneled: true, tls: true, headers: req.headers });
        const [host, port] = [hostname.replace(/^\[|\]$/g, ''), Number(authority.slice(hostname.length + 1))];
        const upstream = net.connect(port, host, () => {
          socket.pipe(upstream).pipe(socket);
          socket.resume();
        });
        upstream.on('error', () => socket.destroy());
        socket.on('close', () => upstream.destroy());
      } else {
        tunnelTarget.set(socket, authority);
        inner.emit('connection', socket);
        socket.resume();
      }
    };
    if (head.length) dispatch(head);
    else socket.once('data', dispatch);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (urlPart?: string) => (urlPart ? requests.filter((r) => r.url.includes(urlPart)).length : requests.length),
    reset: () => void requests.splice(0),
    stop: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      inner.close();
      server.close(() => resolve());
    }),
  };
}
