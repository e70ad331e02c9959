import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { startFakeServer, startSilentServer, type FakeServer } from '../support/fakeServer';
import { freePort } from '../support/registryHarness';
import { failure, image } from './helpers';

const INDEX = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }));
const DIGEST = `sha256:${createHash('sha256').update(INDEX).digest('hex')}`;
const tag = { repository: 'fake/app', tagOrDigest: 'v1' };

describe('registry client: faults a real registry does not produce', function () {
  this.timeout(20_000);
  const servers: FakeServer[] = [];
  const clients: Array<{ close(): Promise<void> }> = [];
  const serve = async (handler: Parameters<typeof startFakeServer>[0]) => {
    const server = await startFakeServer(handler);
    servers.push(server);
    return server;
  };
  const client = (extra: Partial<RegistryClientOptions> = {}) => {
    const c = createRegistryClient({ credentials: fixedCredentials({ kind: 'basic', username: 'u', password: 'secret-pw' }), ...extra });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('gives up on a server that never answers, quickly', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const started = Date.now();
    const f = failure(await client({ timeoutMs: 300 }).resolve({ registry: silent.host, ...tag }), 'unreachable');
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.match(f.message, /no answer from 127\.0\.0\.1:\d+ within 300 ms/);
    assert.equal(silent.connections(), 1);
  });

  it('reports a refused connection', async () => {
    const port = await freePort();
    const f = failure(await client().resolve({ registry: `127.0.0.1:${port}`, ...tag }), 'unreachable');
    assert.match(f.message, /refused/);
  });

  it('reports 429 as rate-limited with Retry-After, without retrying', async () => {
    const fake = await serve((_req, res) => res.writeHead(429, { 'retry-after': '17' }).end('slow down'));
    const f = failure(await client().resolve({ registry: fake.host, ...tag }), 'rate-limited');
    assert.equal(f.retryAfterSeconds, 17);
    assert.equal(fake.requests.length, 1);
  });

  it('reports 5xx as unreachable', async () => {
    const fake = await serve((_req, res) => res.writeHead(503).end('<html>down</html>'));
    assert.match(failure(await client().resolve({ registry: fake.host, ...tag }), 'unreachable').message, /HTTP 503/);
  });

  it('reads a 404 with a non-JSON body as tag-not-found', async () => {
    const fake = await serve((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>'));
    failure(await client().resolve({ registry: fake.host, ...tag }), 'tag-not-found');
  });

  it('falls back to GET and hashes the body when HEAD is refused', async () => {
    const fake = await serve((req, res) => (req.method === 'HEAD' ? res.writeHead(405).end() : res.writeHead(200).end(INDEX)));
    const img = image(await client().resolve({ registry: fake.host, ...tag }));
    assert.equal(img.digest, DIGEST);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.url}`), ['HEAD /v2/fake/app/manifests/v1', 'GET /v2/fake/app/manifests/v1']);
  });

  it('rejects content that does not match its digest, and caches nothing', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'imageref-faults-'));
    const lying = Buffer.concat([INDEX, Buffer.from(' ')]);
    const fake = await serve((req, res) =>
      req.method === 'HEAD' ? res.writeHead(200, { 'docker-content-digest': DIGEST }).end() : res.writeHead(200, { 'docker-content-digest': DIGEST }).end(lying));
    const f = failure(await client({ cacheDir }).resolve({ registry: fake.host, ...tag }), 'invalid-response');
    assert.match(f.message, /does not match/);
    assert.equal(existsSync(path.join(cacheDir, 'blobs')) || existsSync(path.join(cacheDir, 'tag-records')), false);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('rejects bodies over 4 MiB, with or without Content-Length', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    for (const chunked of [false, true]) {
      const fake = await serve((req, res) => {
        if (req.method === 'HEAD') return res.writeHead(405).end();
        res.writeHead(200, chunked ? {} : { 'content-length': huge.length });
        if (chunked) for (let i = 0; i < 5; i++) res.write(huge.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
        res.end(chunked ? undefined : huge);
      });
      assert.match(failure(await client().resolve({ registry: fake.host, ...tag }), 'invalid-response').message, /4 MiB/);
    }
  });

  it('rejects a body that is not a manifest', async () => {
    const fake = await serve((req, res) => (req.method === 'HEAD' ? res.writeHead(405).end() : res.writeHead(200).end('{"hello": 1')));
    failure(await client().resolve({ registry: fake.host, ...tag }), 'invalid-response');
  });

  it('drops Authorization on a redirect to another origin', async () => {
    const storage = await serve((_req, res) => res.writeHead(200).end(INDEX));
    const registry = await serve((req, res) => {
      if (!req.headers.authorization) return res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"' }).end();
      if (req.method === 'HEAD') return res.writeHead(200, { 'docker-content-digest': DIGEST }).end();
      res.writeHead(307, { location: `http://localhost:${storage.port}/blob/${DIGEST}` }).end();
    });
    assert.equal(image(await client().resolve({ registry: registry.host, ...tag })).digest, DIGEST);
    assert.equal(registry.requests.at(-1)?.headers.authorization, `Basic ${Buffer.from('u:secret-pw').toString('base64')}`);
    assert.equal(storage.requests.length, 1);
    assert.equal(storage.requests[0].headers.authorization, undefined);
  });

  it('refuses a plain-HTTP realm or redirect on a non-loopback host before connecting', async () => {
    const realm = await serve((_req, res) => res.writeHead(401, { 'www-authenticate': 'Bearer realm="http://example.invalid/token",service="x"' }).end());
    assert.match(failure(await client().resolve({ registry: realm.host, ...tag }), 'insecure-refused').message, /example\.invalid/);
    const redirect = await serve((_req, res) => res.writeHead(302, { location: 'http://example.invalid/v2/' }).end());
    failure(await client().resolve({ registry: redirect.host, ...tag }), 'insecure-refused');
  });

  it('prefers access_token, and keeps a token at least 60 s', async () => {
    let now = Date.now();
    const tokens = await serve((_req, res) => res.writeHead(200).end(JSON.stringify({ token: 'old', access_token: 'good', expires_in: 1 })));
    const registry = await serve((req, res) => {
      if (req.headers.authorization !== 'Bearer good') {
        return res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.url}/token",service="fake"` }).end();
      }
      res.writeHead(200, { 'docker-content-digest': DIGEST }).end(req.method === 'GET' ? INDEX : undefined);
    });
    const c = client({ now: () => now });
    image(await c.resolve({ registry: registry.host, ...tag }));
    now += 50_000;
    image(await c.resolve({ registry: registry.host, ...tag, refresh: true }));
    assert.equal(tokens.requests.length, 1);
    now += 20_000;
    image(await c.resolve({ registry: registry.host, ...tag, refresh: true }));
    assert.equal(tokens.requests.length, 2);
    assert.match(tokens.requests[0].url, /^\/token\?service=fake&scope=repository%3Afake%2Fapp%3Apull$/);
  });

  it('falls back to the GET token form when the refresh_token POST is not supported', async () => {
    const expected = `Basic ${Buffer.from('<token>:refresh-9').toString('base64')}`;
    const tokens = await serve((req, res) =>
      req.method === 'GET' && req.headers.authorization === expected ? res.writeHead(200).end('{"token":"t"}') : res.writeHead(404).end());
    const registry = await serve((req, res) => req.headers.authorization === 'Bearer t'
      ? res.writeHead(200, { 'docker-content-digest': DIGEST }).end(req.method === 'GET' ? INDEX : undefined)
      : res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.url}/token"` }).end());
    const c = createRegistryClient({ credentials: fixedCredentials({ kind: 'identity-token', token: 'refresh-9' }) });
    clients.push(c);
    image(await c.resolve({ registry: registry.host, ...tag }));
    assert.deepEqual(tokens.requests.map((r) => r.method), ['POST', 'GET']);
  });

  it('maps 403 DENIED and a 401 without a usable challenge to credential failures', async () => {
    const denied = await serve((_req, res) => res.writeHead(403).end('{"errors":[{"code":"DENIED","message":"no"}]}'));
    assert.match(failure(await client().resolve({ registry: denied.host, ...tag }), 'credentials-rejected').message, /denied access to fake\/app anonymously \(HTTP 403\)/);
    const odd = await serve((_req, res) => res.writeHead(401, { 'www-authenticate': 'Negotiate' }).end());
    failure(await client().resolve({ registry: odd.host, ...tag }), 'credentials-missing');
  });

  it('cancels a pending lookup', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const f = failure(await client().resolve({ registry: silent.host, ...tag, signal: controller.signal }), 'cancelled');
    assert.match(f.message, /fake\/app:v1/);
  });

  it('never puts the password in a failure or a log line', async () => {
    const lines: string[] = [];
    const fake = await serve((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end());
    const f = failure(await client({ logger: (l) => lines.push(l) }).resolve({ registry: fake.host, ...tag }), 'credentials-rejected');
    assert.ok(lines.length > 0);
    assert.doesNotMatch(JSON.stringify([f, lines]), /secret-pw|dTpzZWNyZXQtcHc/);
  });
});
