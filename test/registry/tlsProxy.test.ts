import assert from 'node:assert/strict';
import { createRegistryClient } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { failure, image } from './helpers';

describe('registry client: HTTPS with a private CA', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  let pushed: PushedIndex;
  before(async () => {
    reg = await startRegistry({ tls: true, auth: 'htpasswd' });
    proxy = await startRecordingProxy();
    pushed = await pushIndex(reg, 'secure/app', 'v1');
  });
  after(async () => {
    await reg?.stop();
    await proxy?.stop();
  });

  const request = { registry: '', repository: 'secure/app', tagOrDigest: 'v1' };
  const credentials = () => fixedCredentials({ kind: 'basic', username: 'alice', password: 'wonderland' });

  it('resolves over HTTPS when given the CA', async () => {
    const client = createRegistryClient({ credentials: credentials(), httpsRegistries: [reg.host], extraCaCerts: [reg.caPem!] });
    assert.equal(image(await client.resolve({ ...request, registry: reg.host })).digest, pushed.digest);
    await client.close();
  });

  it('fails as unreachable with a TLS message without the CA', async () => {
    const client = createRegistryClient({ credentials: credentials(), httpsRegistries: [reg.host] });
    const f = failure(await client.resolve({ ...request, registry: reg.host }), 'unreachable');
    assert.match(f.message, /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
    await client.close();
  });

  it('speaks plain HTTP to a loopback host unless told otherwise, which this registry refuses', async () => {
    const client = createRegistryClient({ credentials: credentials() });
    const f = failure(await client.resolve({ ...request, registry: reg.host }), 'invalid-response');
    assert.match(f.message, /HTTP 400/);
    await client.close();
  });

  it('tunnels HTTPS through a proxy with CONNECT', async () => {
    const client = createRegistryClient({
      credentials: credentials(), httpsRegistries: [reg.host], extraCaCerts: [reg.caPem!], proxy: proxy.url,
    });
    proxy.reset();
    assert.equal(image(await client.resolve({ ...request, registry: reg.host })).digest, pushed.digest);
    assert.ok(proxy.requests.length >= 1);
    assert.ok(proxy.requests.every((r) => r.method === 'CONNECT' && r.tls && r.url === reg.host));
    await client.close();
  });
});

describe('registry client: proxy from the environment', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  before(async () => {
    reg = await startRegistry();
    proxy = await startRecordingProxy();
    await pushIndex(reg, 'env/app', 'v1');
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await reg?.stop();
    await proxy?.stop();
  });

  it('sends requests through HTTP_PROXY, and not for NO_PROXY hosts', async () => {
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    const viaProxy = createRegistryClient({ credentials: fixedCredentials() });
    image(await viaProxy.resolve({ registry: reg.host, repository: 'env/app', tagOrDigest: 'v1' }));
    assert.deepEqual(proxy.requests.map((r) => r.method), ['HEAD', 'GET']);
    await viaProxy.close();

    proxy.reset();
    process.env.NO_PROXY = '127.0.0.1';
    const direct = createRegistryClient({ credentials: fixedCredentials() });
    image(await direct.resolve({ registry: reg.host, repository: 'env/app', tagOrDigest: 'v1' }));
    assert.equal(proxy.count(), 0);
    await direct.close();
  });
});
