import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface FakeServer {
  /** `127.0.0.1:<port>`, usable as a registry host. */
  host: string;
  port: number;
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** A loopback HTTP server with a scripted handler that records every request (for faults a real registry lacks). */
export async function startFakeServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, self: FakeServer) => void,
): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => handler(req, res, self));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: FakeServer = {
    host: `127.0.0.1:${port}`,
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
  return self;
}

/** Accepts connections and never answers: the client's timeout must end the request. */
export async function startSilentServer(): Promise<FakeServer & { connections(): number }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    port,
    url: `http://127.0.0.1:${port}`,
    requests: [],
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    }),
  };
}
