import assert from 'node:assert/strict';
import { createRegistryClient } from '../../server/src/registry/client';
import type { Credential } from '../../server/src/registry/credentials';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushIndex, pushSingle, type Pushed, type PushedIndex } from '../support/push';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { failure, image } from './helpers';

const alice: Credential = { kind: 'basic', username: 'alice', password: 'wonderland' };
const wrong: Credential = { kind: 'basic', username: 'alice', password: 'looking-glass' };

describe('registry client: Basic auth (htpasswd)', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let pushed: PushedIndex;
  before(async () => {
    reg = await startRegistry({ auth: 'htpasswd' });
    pushed = await pushIndex(reg, 'team/app', 'v1');
  });
  after(() => reg?.stop());

  const resolveWith = async (credential?: Credential) => {
    const credentials = fixedCredentials(credential);
    const client = createRegistryClient({ credentials });
    const outcome = await client.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: 'v1' });
    await client.close();
    return { outcome, credentials, requests: client.stats().requests };
  };

  it('answers the Basic challenge with the provider credentials', async () => {
    const { outcome, credentials, requests } = await resolveWith(alice);
    const img = image(outcome);
    assert.equal(img.digest, pushed.digest);
    assert.deepEqual(img.credentials, { source: 'test provider', key: reg.host });
    assert.deepEqual(credentials.calls, [reg.host]);
    assert.equal(requests, 3, 'HEAD → 401, HEAD with Basic, GET by digest');
  });

  it('reports missing credentials with where they were looked for', async () => {
    const f = failure((await resolveWith(undefined)).outcome, 'credentials-missing');
    assert.deepEqual(f.credentialSearch, [`test provider: none for ${reg.host}`]);
  });

  it('reports rejected credentials, never the password', async () => {
    const f = failure((await resolveWith(wrong)).outcome, 'credentials-rejected');
    assert.doesNotMatch(JSON.stringify(f), /looking-glass/);
  });
});

describe('registry client: Bearer token auth', function () {
  this.timeout(120_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  let privateImage: PushedIndex;
  let publicImage: Pushed;
  const many: Pushed[] = [];

  before(async () => {
    reg = await startRegistry({ auth: 'token', refreshTokens: { 'refresh-123': 'alice' } });
    proxy = await startRecordingProxy();
    privateImage = await pushIndex(reg, 'team/app', 'v1', { attestations: true });
    publicImage = await pushSingle(reg, 'public/base', 'latest');
    for (let batch = 0; batch < 100; batch += 10) {
      many.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => pushSingle(reg, 'team/many', `t${batch + i}`)))));
    }
  });
  after(async () => {
    await reg?.stop();
    await proxy?.stop();
  });
  beforeEach(() => {
    reg.tokenServer!.reset();
    proxy.reset();
  });

  const client = (credential?: Credential, extra = {}) => createRegistryClient({ credentials: fixedCredentials(credential), proxy: proxy.url, ...extra });

  it('fetches a token with Basic credentials and resolves a private repository', async () => {
    const c = client(alice);
    const img = image(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: 'v1' }));
    assert.equal(img.digest, privateImage.digest);
    assert.deepEqual(reg.tokenServer!.requests.map((r) => [r.method, r.subject, r.scopes]), [['GET', 'alice', ['repository:team/app:pull']]]);
    await c.close();
  });

  it('uses an anonymous token for a public repository', async () => {
    const c = client();
    const img = image(await c.resolve({ registry: reg.host, repository: 'public/base', tagOrDigest: 'latest' }));
    assert.equal(img.digest, publicImage.digest);
    assert.deepEqual(img.credentials, { source: 'anonymous' });
    assert.equal(reg.tokenServer!.requests[0].subject, '');
    await c.close();
  });

  it('says credentials are missing when an anonymous token does not grant the repository', async () => {
    const c = client();
    const f = failure(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: 'v1' }), 'credentials-missing');
    assert.ok(f.credentialSearch?.length);
    await c.close();
  });

  it('says credentials are rejected when the token service refuses them', async () => {
    const c = client(wrong);
    failure(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: 'v1' }), 'credentials-rejected');
    await c.close();
  });

  it('exchanges an identity token with the OAuth2 refresh_token POST', async () => {
    const c = client({ kind: 'identity-token', token: 'refresh-123' });
    image(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: 'v1' }));
    assert.deepEqual(reg.tokenServer!.requests.map((r) => [r.method, r.subject]), [['POST', 'alice']]);
    await c.close();
  });

  it('sends a registry token as is, without asking the token service', async () => {
    const token = (await reg.authHeader('team/app'))!.replace(/^Bearer /, '');
    reg.tokenServer!.reset();
    const c = client({ kind: 'registry-token', token });
    image(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: 'v1' }));
    assert.equal(reg.tokenServer!.count(), 0);
    await c.close();
  });

  it('reuses one token for 100 tags: cold and warm request counts', async () => {
    const c = client(alice);
    const lookups = () => many.map((_, i) => c.resolve({ registry: reg.host, repository: 'team/many', tagOrDigest: `t${i}` }));
    const cold = await Promise.all(lookups());
    cold.forEach((o, i) => assert.equal(image(o).digest, many[i].digest));
    const coldRequests = proxy.count();
    assert.equal(reg.tokenServer!.count(), 1);
    // One 401, one token, then a HEAD and a GET by digest per tag.
    assert.equal(coldRequests, 1 + 1 + 100 + 100);
    assert.equal(c.stats().requests, coldRequests);
    proxy.reset();
    const warm = await Promise.all(lookups());
    warm.forEach((o) => assert.equal(image(o).fromCache, true));
    assert.equal(proxy.count(), 0);
    console.log(`      100 tags with token auth: ${coldRequests} HTTP requests cold, ${proxy.count()} warm`);
    await c.close();
  });
});
