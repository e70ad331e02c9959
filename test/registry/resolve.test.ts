import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createRegistryClient, type ImagerefRegistryClient } from '../../server/src/registry/client';
import { fixedCredentials, type FixedCredentials } from '../support/fixedCredentials';
import { MEDIA, pushIndex, pushSingle, type Pushed, type PushedIndex } from '../support/push';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { failure, image } from './helpers';

describe('registry client: resolving against a real registry (anonymous)', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  let credentials: FixedCredentials;
  let client: ImagerefRegistryClient;
  let oci: PushedIndex;
  let list: PushedIndex;
  let attested: PushedIndex;
  let single: Pushed;

  before(async () => {
    reg = await startRegistry();
    proxy = await startRecordingProxy();
    oci = await pushIndex(reg, 'app/multi', 'v1');
    list = await pushIndex(reg, 'app/list', 'v1', { format: 'docker' });
    attested = await pushIndex(reg, 'app/attested', 'v1', { attestations: true });
    single = await pushSingle(reg, 'app/single', 'v1', { os: 'linux', architecture: 'arm', variant: 'v7' }, 'docker');
  });
  after(async () => {
    await reg?.stop();
    await proxy?.stop();
  });
  beforeEach(() => {
    credentials = fixedCredentials({ kind: 'basic', username: 'u', password: 'p' });
    client = createRegistryClient({ credentials, proxy: proxy.url });
    proxy.reset();
  });
  afterEach(() => client.close());

  const resolve = (repository: string, tagOrDigest: string) => client.resolve({ registry: reg.host, repository, tagOrDigest });
  const paths = () => proxy.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);

  it('resolves an OCI index tag with one HEAD and one GET by digest', async () => {
    const img = image(await resolve('app/multi', 'v1'));
    assert.equal(img.digest, oci.digest);
    assert.equal(img.kind, 'index');
    assert.equal(img.mediaType, MEDIA.ociIndex);
    assert.equal(img.size, oci.size);
    assert.equal(img.fromCache, false);
    assert.deepEqual(img.credentials, { source: 'anonymous' });
    assert.deepEqual(
      img.platforms.map((p) => [p.os, p.architecture, p.variant, p.digest, p.size, p.attestation]),
      [
        ['linux', 'amd64', undefined, oci.children[0].digest, oci.children[0].size, false],
        ['linux', 'arm64', 'v8', oci.children[1].digest, oci.children[1].size, false],
      ],
    );
    assert.deepEqual(paths(), ['HEAD /v2/app/multi/manifests/v1', `GET /v2/app/multi/manifests/${oci.digest}`]);
  });

  it('asks for all four manifest media types', async () => {
    image(await resolve('app/multi', 'v1'));
    const accept = String(proxy.requests[0].headers.accept);
    for (const type of [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest]) {
      assert.ok(accept.includes(type), `Accept lacks ${type}`);
    }
  });

  it('never looks credentials up for a registry that does not ask for them', async () => {
    image(await resolve('app/multi', 'v1'));
    assert.deepEqual(credentials.calls, []);
  });

  it('resolves a Docker manifest list', async () => {
    const img = image(await resolve('app/list', 'v1'));
    assert.equal(img.digest, list.digest);
    assert.equal(img.mediaType, MEDIA.dockerList);
    assert.deepEqual(img.platforms.map((p) => p.mediaType), [MEDIA.dockerManifest, MEDIA.dockerManifest]);
    assert.deepEqual(img.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`), ['linux/amd64', 'linux/arm64/v8']);
  });

  it('resolves a single-platform manifest', async () => {
    const img = image(await resolve('app/single', 'v1'));
    assert.equal(img.digest, single.digest);
    assert.equal(img.kind, 'manifest');
    assert.equal(img.mediaType, MEDIA.dockerManifest);
    assert.deepEqual(img.platforms, []);
  });

  it('marks BuildKit attestation entries', async () => {
    const img = image(await resolve('app/attested', 'v1'));
    assert.equal(img.digest, attested.digest);
    assert.deepEqual(
      img.platforms.map((p) => [`${p.os}/${p.architecture}`, p.attestation]),
      [['linux/amd64', false], ['linux/arm64', false], ['unknown/unknown', true], ['unknown/unknown', true]],
    );
  });

  it('resolves a digest, an index or one of its children', async () => {
    const index = image(await resolve('app/multi', oci.digest));
    assert.equal(index.digest, oci.digest);
    assert.equal(index.kind, 'index');
    const child = image(await resolve('app/multi', oci.children[1].digest));
    assert.equal(child.kind, 'manifest');
    assert.equal(child.mediaType, MEDIA.ociManifest);
    assert.deepEqual(paths(), [`GET /v2/app/multi/manifests/${oci.digest}`, `GET /v2/app/multi/manifests/${oci.children[1].digest}`]);
  });

  it('tells a missing tag, a missing digest and a missing repository apart', async () => {
    failure(await resolve('app/multi', 'nope'), 'tag-not-found');
    const digest = `sha256:${createHash('sha256').update(randomBytes(8)).digest('hex')}`;
    failure(await resolve('app/multi', digest), 'digest-not-found');
    const missing = failure(await resolve('app/none', 'v1'), 'repository-not-found');
    assert.match(missing.message, /app\/none/);
  });

  it('agrees with skopeo on every digest', async function () {
    for (const [repo, pushed] of [['app/multi', oci], ['app/list', list], ['app/single', single]] as const) {
      const raw = execFileSync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${reg.host}/${repo}:v1`]);
      const skopeoDigest = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
      assert.equal(image(await resolve(repo, 'v1')).digest, skopeoDigest);
      assert.equal(skopeoDigest, pushed.digest);
    }
  });

  it('shares one lookup between identical concurrent requests', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => resolve('app/list', 'v1')));
    for (const o of outcomes) assert.equal(image(o).digest, list.digest);
    assert.equal(proxy.count(), 2);
  });

  it('makes no request at all when offline', async () => {
    const offline = createRegistryClient({ credentials, proxy: proxy.url, offline: true });
    const f = failure(await offline.resolve({ registry: reg.host, repository: 'app/multi', tagOrDigest: 'v1' }), 'offline');
    assert.match(f.message, /app\/multi:v1/);
    assert.equal(proxy.count(), 0);
    assert.equal(offline.stats().requests, 0);
    await offline.close();
  });

  it('honours an AbortSignal that has already fired', async () => {
    const signal = AbortSignal.abort();
    failure(await client.resolve({ registry: reg.host, repository: 'app/multi', tagOrDigest: 'v1', signal }), 'cancelled');
    assert.equal(proxy.count(), 0);
  });
});
