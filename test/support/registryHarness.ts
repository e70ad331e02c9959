import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import { loopbackTls } from './certs';
import { startTokenServer, type TokenServer, type TokenServerOptions } from './tokenServer';

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

export interface StartRegistryOptions {
  auth?: RegistryAuth;
  /** Serve HTTPS with a certificate from a fresh test CA (`caPem`). */
  tls?: boolean;
  /** username → password (default: { alice: 'wonderland' }). */
  users?: Record<string, string>;
  /** Token auth only: see TokenServerOptions. */
  refreshTokens?: Record<string, string>;
  anonymousPull?: (repository: string) => boolean;
  tokenExpiresIn?: number;
}

export interface TestRegistry {
  /** The registry as written in an image reference: `127.0.0.1:<port>`. */
  host: string;
  port: number;
  /** `http(s)://127.0.0.1:<port>` */
  url: string;
  auth: RegistryAuth;
  tls: boolean;
  caPem?: string;
  caPath?: string;
  users: Array<{ username: string; password: string }>;
  tokenServer?: TokenServer;
  /** Dispatcher that trusts this registry's CA, for helpers such as push. */
  dispatcher: Dispatcher;
  /** Authorization header with push and pull rights on `repository` (Basic or a token); undefined when open. */
  authHeader(repository: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Fails with an actionable message when Debian's docker-registry is not installed. */
export function requireDockerRegistry(): void {
  const found = spawnSync('sh', ['-c', 'command -v docker-registry'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('docker-registry is not installed: run `apt-get install -y docker-registry` (the CNCF distribution registry)');
  }
}

export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  requireDockerRegistry();
  const auth = options.auth ?? 'none';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-registry-'));
  const userMap = options.users ?? { alice: 'wonderland' };
  const users = Object.entries(userMap).map(([username, password]) => ({ username, password }));
  const material = options.tls ? loopbackTls(dir) : undefined;
  const dispatcher = new Agent({ connect: material ? { ca: [...tls.rootCertificates, material.caPem] } : {} });
  let tokenServer: TokenServer | undefined;
  const lines = ['version: 0.1', 'log:', '  level: error', '  accesslog:', '    disabled: true', 'storage:',
    '  filesystem:', `    rootdirectory: ${path.join(dir, 'root')}`, '  delete:', '    enabled: true'];
  if (auth === 'htpasswd') {
    const entries = users.map((u) => execFileSync('htpasswd', ['-Bbn', u.username, u.password], { encoding: 'utf8' }).trim());
    writeFileSync(path.join(dir, 'htpasswd'), `${entries.join('\n')}\n`);
    lines.push('auth:', '  htpasswd:', '    realm: imageref-test', `    path: ${path.join(dir, 'htpasswd')}`);
  } else if (auth === 'token') {
    const tokenOptions: TokenServerOptions = { dir, users: userMap, refreshTokens: options.refreshTokens,
      anonymousPull: options.anonymousPull, expiresIn: options.tokenExpiresIn };
    tokenServer = await startTokenServer(tokenOptions);
    lines.push('auth:', '  token:', `    realm: ${tokenServer.realm}`, `    service: ${tokenServer.service}`,
      `    issuer: ${tokenServer.issuer}`, `    rootcertbundle: ${tokenServer.certPath}`);
  }
  const port = await freePort();
  const scheme = material ? 'https' : 'http';
  lines.push('http:', `  addr: 127.0.0.1:${port}`, '  secret: imageref-test-secret');
  if (material) lines.push('  tls:', `    certificate: ${material.server.certPath}`, `    key: ${material.server.keyPath}`);
  writeFileSync(path.join(dir, 'config.yml'), `${lines.join('\n')}\n`);

  const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'], env: cleanEnv() });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `${scheme}://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    running.delete(child);
    await tokenServer?.stop();
    await dispatcher.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, dispatcher, child, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }

  const tokens = new Map<string, { header: string; until: number }>();
  const authHeader = async (repository: string): Promise<string | undefined> => {
    const basic = `Basic ${Buffer.from(`${users[0].username}:${users[0].password}`).toString('base64')}`;
    if (auth === 'htpasswd') return basic;
    if (auth !== 'token' || !tokenServer) return undefined;
    const cached = tokens.get(repository);
    if (cached && cached.until > Date.now()) return cached.header;
    const tokenUrl = new URL(tokenServer.realm);
    tokenUrl.searchParams.set('service', tokenServer.service);
    tokenUrl.searchParams.set('scope', `repository:${repository}:pull,push`);
    const res = await request(tokenUrl, { headers: { authorization: basic } });
    const { token } = (await res.body.json()) as { token: string };
    tokens.set(repository, { header: `Bearer ${token}`, until: Date.now() + 30_000 });
    return `Bearer ${token}`;
  };
  return { host: `127.0.0.1:${port}`, port, url, auth, tls: !!material, caPem: material?.caPem, caPath: material?.caPath,
    users, tokenServer, dispatcher, authHeader, stop };
}

/** Polls GET /v2/ until the registry answers at all (200 or 401), or fails with its stderr. */
async function waitReady(url: string, dispatcher: Dispatcher, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${stderr()}`);
    try {
      const res = await request(`${url}/v2/`, { dispatcher, signal: AbortSignal.timeout(1000) });
      await res.body.dump();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`docker-registry did not answer on ${url} within 20 s: ${stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The registry reads REGISTRY_* variables as configuration overrides: do not let the environment leak in. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REGISTRY_')));
}
