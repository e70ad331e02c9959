import assert from 'node:assert/strict';
import { createRegistryClient, type ImagerefRegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { startFaultFront, type FaultFront } from '../support/faultFront';
import { startHungFront, startUnacceptingHost, type HungFront } from '../support/hungFront';
import { pushSingle } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { failure, image } from './helpers';

const TIMEOUT = 1000;

describe('registry client: one wait per lookup on a host that accepts and never answers', function () {
  this.timeout(30_000);
  let reg: TestRegistry;
  let hung: HungFront;
  const clients: ImagerefRegistryClient[] = [];
  const client = (extra: Partial<RegistryClientOptions> = {}) => {
    const c = createRegistryClient({ credentials: fixedCredentials({ kind: 'basic', username: 'alice', password: 'wonderland' }), timeoutMs: TIMEOUT, ...extra });
    clients.push(c);
    return c;
  };
  const repos = Array.from({ length: 12 }, (_, i) => `team/app${i}`);

  before(async () => {
    reg = await startRegistry({ auth: 'token' });
    for (const repo of repos) await pushSingle(reg, repo, '1.0');
  });
  after(() => reg?.stop());
  beforeEach(async () => (hung = await startHungFront()));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await hung.stop();
  });

  it('three lookups to a hung host fail together within about one timeout, over one connection', async () => {
    const c = client();
    const started = Date.now();
    const outcomes = await Promise.all(repos.slice(0, 3).map((repository) => c.resolve({ registry: hung.host, repository, tagOrDigest: '1.0' })));
    const elapsed = Date.now() - started;
    for (const outcome of outcomes) assert.match(failure(outcome, 'unreachable').message, new RegExp(`no answer from ${hung.host} within ${TIMEOUT} ms`));
    assert.ok(elapsed < TIMEOUT * 1.8, `took ${elapsed} ms for a ${TIMEOUT} ms timeout`);
    assert.equal(hung.connections(), 1, 'the waiting lookups never sent a request of their own');
  });

  it('a host that answered before and then hangs: twelve lookups (more than the 8 in flight) end within about one timeout', async () => {
    hung.answer(reg.host);
    const c = client({ maxInFlight: 8 });
    image(await c.resolve({ registry: hung.host, repository: repos[0], tagOrDigest: '1.0', platforms: false }));
    hung.hang();
    const started = Date.now();
    const outcomes = await Promise.all(repos.map((repository) => c.resolve({ registry: hung.host, repository, tagOrDigest: '1.0', refresh: true, platforms: false })));
    const elapsed = Date.now() - started;
    for (const outcome of outcomes) failure(outcome, 'unreachable');
    assert.ok(elapsed < TIMEOUT * 1.8, `took ${elapsed} ms for a ${TIMEOUT} ms timeout`);
  });

  it('the next lookup after the failure asks again, and gets the answer once the host is back', async () => {
    const c = client();
    failure(await c.resolve({ registry: hung.host, repository: repos[1], tagOrDigest: '1.0' }), 'unreachable');
    hung.answer(reg.host);
    image(await c.resolve({ registry: hung.host, repository: repos[1], tagOrDigest: '1.0' }));
  });

  it('connecting has its own short limit: a host that drops packets fails at the connect limit, not the request timeout', async () => {
    const dropping = await startUnacceptingHost();
    try {
      const started = Date.now();
      const f = failure(await client({ timeoutMs: 10_000, connectTimeoutMs: 300 }).resolve({ registry: dropping.host, repository: 'team/app0', tagOrDigest: '1.0' }), 'unreachable');
      assert.match(f.message, new RegExp(`no connection to ${dropping.host} within 300 ms`));
      assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    } finally {
      await dropping.stop();
    }
  });

  describe('a token service that never answers', () => {
    let front: FaultFront;
    before(async () => (front = await startFaultFront(reg.url)));
    after(() => front.stop());

    it('costs one timeout for all waiting lookups, not one each', async () => {
      front.fault = 'token-slow';
      const c = client();
      const started = Date.now();
      const outcomes = await Promise.all(repos.slice(0, 4).map((repository) => c.resolve({ registry: front.host, repository, tagOrDigest: '1.0' })));
      const elapsed = Date.now() - started;
      for (const outcome of outcomes) assert.match(failure(outcome, 'unreachable').message, /no answer from .* within 1000 ms/);
      assert.ok(elapsed < TIMEOUT * 1.8, `took ${elapsed} ms for a ${TIMEOUT} ms timeout`);
    });
  });
});
