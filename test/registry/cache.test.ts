import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { fakeClock, image } from './helpers';

describe('registry client: cache', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  let pushed: PushedIndex;
  let cacheDir: string;
  before(async () => {
    reg = await startRegistry();
    proxy = await startRecordingProxy();
    pushed = await pushIndex(reg, 'cache/app', 'v1');
  });
  after(async () => {
    await reg?.stop();
    await proxy?.stop();
  });
  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'imageref-cache-'));
    proxy.reset();
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  const make = (extra: Partial<RegistryClientOptions> = {}) =>
    createRegistryClient({ credentials: fixedCredentials(), proxy: proxy.url, cacheDir, ...extra });
  const tag = { repository: 'cache/app', tagOrDigest: 'v1' };
  const blobFile = () => path.join(cacheDir, 'blobs', 'sha256', pushed.digest.slice('sha256:'.length));

  it('answers a second resolve from memory without any request', async () => {
    const client = make();
    const first = image(await client.resolve({ registry: reg.host, ...tag }));
    proxy.reset();
    const second = image(await client.resolve({ registry: reg.host, ...tag }));
    assert.equal(proxy.count(), 0);
    assert.equal(second.fromCache, true);
    assert.equal(second.resolvedAt, first.resolvedAt);
    assert.deepEqual(second.platforms, first.platforms);
    await client.close();
  });

  it('keeps answers on disk for a new client instance', async () => {
    const first = make();
    image(await first.resolve({ registry: reg.host, ...tag }));
    await first.close();
    assert.ok(existsSync(blobFile()), 'index bytes stored by digest');
    assert.equal(readdirSync(path.join(cacheDir, 'tag-records')).length, 1, 'one record file for the repository');
    proxy.reset();
    const second = make();
    const img = image(await second.resolve({ registry: reg.host, ...tag }));
    assert.equal(img.digest, pushed.digest);
    assert.equal(img.fromCache, true);
    const byDigest = image(await second.resolve({ registry: reg.host, repository: 'cache/app', tagOrDigest: pushed.digest }));
    assert.equal(byDigest.fromCache, true);
    assert.equal(proxy.count(), 0);
    await second.close();
  });

  it('asks again with one HEAD once the tag TTL has passed', async () => {
    const clock = fakeClock();
    const client = make({ now: clock.now, tagTtlSeconds: 60 });
    const first = image(await client.resolve({ registry: reg.host, ...tag }));
    clock.advance(59_000);
    image(await client.resolve({ registry: reg.host, ...tag }));
    proxy.reset();
    clock.advance(2_000);
    const again = image(await client.resolve({ registry: reg.host, ...tag }));
    assert.deepEqual(proxy.requests.map((r) => r.method), ['HEAD']);
    assert.equal(again.fromCache, false);
    assert.equal(again.resolvedAt, first.resolvedAt + 61_000);
    await client.close();
  });

  it('bypasses the tag cache on refresh, keeping digest content', async () => {
    const client = make();
    image(await client.resolve({ registry: reg.host, ...tag }));
    proxy.reset();
    const refreshed = image(await client.resolve({ registry: reg.host, ...tag, refresh: true }));
    assert.equal(refreshed.fromCache, false);
    assert.deepEqual(proxy.requests.map((r) => r.method), ['HEAD']);
    await client.close();
  });

  it('ignores corrupt cache files and repairs them', async () => {
    const first = make();
    image(await first.resolve({ registry: reg.host, ...tag }));
    await first.close();
    writeFileSync(blobFile(), '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}');
    const tagFile = path.join(cacheDir, 'tag-records', readdirSync(path.join(cacheDir, 'tag-records'))[0]);
    writeFileSync(tagFile, '{not json');
    proxy.reset();
    const client = make();
    const img = image(await client.resolve({ registry: reg.host, ...tag }));
    assert.equal(img.platforms.length, 2, 'tampered bytes were not trusted');
    assert.deepEqual(proxy.requests.map((r) => r.method), ['HEAD', 'GET']);
    await client.close(); // disk writes run in the background and are flushed by close()
    proxy.reset();
    const third = make();
    image(await third.resolve({ registry: reg.host, ...tag }));
    assert.equal(proxy.count(), 0, 'repaired files are used again');
    await third.close();
  });

  it('clearCache forgets everything', async () => {
    const client = make();
    image(await client.resolve({ registry: reg.host, ...tag }));
    await client.clearCache();
    assert.equal(existsSync(blobFile()), false);
    proxy.reset();
    image(await client.resolve({ registry: reg.host, ...tag }));
    assert.equal(proxy.count(), 2);
    await client.close();
  });
});
