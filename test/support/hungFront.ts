import * as net from 'node:net';

export interface HungFront {
  /** `127.0.0.1:<port>`: use it as the registry host in references. */
  host: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** From now on, held and new connections are piped to `upstream` (`host:port`, e.g. a real registry). */
  answer(upstream: string): void;
  /** From now on, new connections are held again; connections already piped are closed. */
  hang(): void;
  stop(): Promise<void>;
}

/**
 * A front that accepts TCP connections and never answers (a proxy or VPN that is down), until told to `answer`
 * for a real registry. Requests sent while it hung are then forwarded as they were, so a lookup that waited
 * completes once it answers.
 */
export async function startHungFront(): Promise<HungFront> {
  const held = new Set<net.Socket>();
  const piped = new Set<net.Socket>();
  let connections = 0;
  let upstream: string | undefined;
  const pipe = (socket: net.Socket, to: string) => {
    held.delete(socket);
    const [host, port] = [to.slice(0, to.lastIndexOf(':')), Number(to.slice(to.lastIndexOf(':') + 1))];
    const out = net.connect(port, host);
    out.on('error', () => socket.destroy());
    socket.on('close', () => out.destroy());
    out.on('close', () => socket.destroy());
    piped.add(socket);
    socket.pipe(out).pipe(socket);
  };
  const server = net.createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      held.delete(socket);
      piped.delete(socket);
    });
    if (upstream) pipe(socket, upstream);
    else held.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    connections: () => connections,
    answer(to) {
      upstream = to;
      for (const socket of [...held]) pipe(socket, to);
    },
    hang() {
      upstream = undefined;
      for (const socket of [...piped]) socket.destroy();
    },
    stop: () => new Promise<void>((resolve) => {
      for (const socket of [...held, ...piped]) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
