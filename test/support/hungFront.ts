import { spawn, type ChildProcess } from 'node:child_process';
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

export interface UnacceptingHost {
  host: string;
  stop(): Promise<void>;
}

/**
 * A host where connecting never completes (a firewall that drops packets): a process that listens with a backlog of
 * one and never accepts, its queue filled, so the kernel drops further SYNs. The process sleeps (Atomics.wait), it
 * does not spin.
 */
export async function startUnacceptingHost(): Promise<UnacceptingHost> {
  const script = `const s = require('net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
    process.stdout.write(String(s.address().port) + '\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the unaccepting host exited (${code})`)));
  });
  const fillers = Array.from({ length: 4 }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      fillers.forEach((socket) => socket.destroy());
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
