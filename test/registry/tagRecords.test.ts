import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushSingle, type Pushed } from '../support/push';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { fakeClock, image } from './helpers';

const REPOSITORY = 'records/app';
const TAGS = ['a', 'b', 'c'];

describe('registry client: tag records, one file per repository', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  const pushed = new Map<string, Pushed>();
  let cacheDir: string;
  before(async () => {
    reg = await startRegistry();
    proxy = await startRecordingProxy();
    for (const tag of TAGS) pushed.set(tag, await pushSingle(reg, REPOSITORY, tag, { os: 'linux', architecture: tag === 'a' ? 'amd64' : tag === 'b' ? 'arm64' : 's390x' }));
  });
  after(async () => {
    await reg?.stop();
    await proxy?.stop();
  });
  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'imageref-records-'));
    proxy.reset();
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  const make = (extra: Partial<RegistryClientOptions> = {}) =>
    createRegistryClient({ credentials: fixedCredentials(), proxy: proxy.url, cacheDir, ...extra });
  // HEAD-only lookups: the tag record is all that answers them, no blob is stored.
  const resolve = async (client: ReturnType<typeof make>, tag: string) =>
    image(await client.resolve({ registry: reg.host, repository: REPOSITORY, tagOrDigest: tag, platforms: false }));
  const recordsFolder = () => path.join(cacheDir, 'tag-records');
  const recordFile = () => path.join(recordsFolder(), `${createHash('sha256').update(`${reg.host}/${REPOSITORY}`).digest('hex')}.json`);

  async function assertAllFromCache(expectedRequests = 0): Promise<void> {
    proxy.reset();
    const client = make();
    for (const tag of TAGS) assert.equal((await resolve(client, tag)).digest, pushed.get(tag)!.digest, tag);
    assert.ok(proxy.count() <= expectedRequests, `${proxy.count()} requests, expected at most ${expectedRequests}`);
    await client.close();
  }

  it('keeps every tag of a repository in one file, read by a new client with no request', async () => {
    const client = make();
    for (const tag of TAGS) await resolve(client, tag);
    await client.close();
    assert.deepEqual(readdirSync(recordsFolder()), [path.basename(recordFile())]);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(recordFile(), 'utf8')).tags).sort(), TAGS);
    await assertAllFromCache();
    const again = make();
    assert.equal((await resolve(again, 'a')).fromCache, true);
    await again.close();
  });

  it('two clients writing the same repository one after the other keep both their answers', async () => {
    const first = make();
    const second = make();
    await resolve(first, 'a');
    await resolve(second, 'b');
    await resolve(second, 'c');
    await first.close();
    await second.close();
    await assertAllFromCache();
  });

  it('two clients writing the same repository at once leave a valid file; a lost answer costs one request', async () => {
    const first = make();
    const second = make();
    await resolve(first, 'a');
    await Promise.all([resolve(second, 'b'), resolve(second, 'c')]);
    await Promise.all([first.close(), second.close()]);
    assert.equal(readdirSync(recordsFolder()).filter((f) => f.endsWith('.tmp')).length, 0, 'no temporary file left');
    JSON.parse(readFileSync(recordFile(), 'utf8'));
    await assertAllFromCache(2);
  });

  for (const [damage, spoil] of [
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['not JSON', () => '{not json'],
    ['for another repository', (text: string) => text.replace(/"key":"[^"]*"/, '"key":"elsewhere/app"')],
    ['an array', () => '[]'],
  ] as Array<[string, (text: string) => string]>) {
    it(`a record file that is ${damage} is ignored: the registry is asked, the file rewritten`, async () => {
      const client = make();
      for (const tag of TAGS) await resolve(client, tag);
      await client.close();
      writeFileSync(recordFile(), spoil(readFileSync(recordFile(), 'utf8')));
      proxy.reset();
      const next = make({ logger: () => undefined });
      for (const tag of TAGS) assert.equal((await resolve(next, tag)).digest, pushed.get(tag)!.digest);
      assert.deepEqual(proxy.requests.map((r) => r.method), ['HEAD', 'HEAD', 'HEAD']);
      await next.close();
      await assertAllFromCache();
    });
  }

  it('a bad entry costs a request for that tag only', async () => {
    const client = make();
    for (const tag of TAGS) await resolve(client, tag);
    await client.close();
    const doc = JSON.parse(readFileSync(recordFile(), 'utf8'));
    doc.tags.b.digest = 'sha256:not-a-digest';
    writeFileSync(recordFile(), JSON.stringify(doc));
    proxy.reset();
    const next = make();
    for (const tag of TAGS) assert.equal((await resolve(next, tag)).digest, pushed.get(tag)!.digest);
    assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.url.replace(/^.*\/manifests\//, '')}`), ['HEAD b']);
    await next.close();
  });

  it('ignores the folder of the layout before (one file per tag), and clearCache removes it', async () => {
    const old = path.join(cacheDir, 'tags');
    mkdirSync(old, { recursive: true });
    const key = `${reg.host}/${REPOSITORY}:a`;
    const wrong = `sha256:${'0'.repeat(64)}`;
    writeFileSync(path.join(old, `${createHash('sha256').update(key).digest('hex')}.json`),
      JSON.stringify({ key, digest: wrong, seenAt: Date.now(), credentials: { source: 'anonymous' } }));
    const client = make();
    const img = await resolve(client, 'a');
    assert.equal(img.digest, pushed.get('a')!.digest);
    assert.equal(img.fromCache, false);
    await client.clearCache();
    assert.deepEqual(readdirSync(cacheDir), []);
    await client.close();
  });

  it('an answer read from disk expires after the TTL, counted from when the registry answered', async () => {
    const clock = fakeClock();
    const first = make({ now: clock.now, tagTtlSeconds: 60 });
    const answered = await resolve(first, 'a');
    await first.close();
    clock.advance(59_000);
    proxy.reset();
    const second = make({ now: clock.now, tagTtlSeconds: 60 });
    const cached = await resolve(second, 'a');
    assert.equal(cached.fromCache, true);
    assert.equal(cached.resolvedAt, answered.resolvedAt);
    assert.equal(proxy.count(), 0);
    await second.close();
    clock.advance(2_000);
    const third = make({ now: clock.now, tagTtlSeconds: 60 });
    const fresh = await resolve(third, 'a');
    assert.equal(fresh.fromCache, false);
    assert.equal(fresh.resolvedAt, answered.resolvedAt + 61_000);
    assert.deepEqual(proxy.requests.map((r) => r.method), ['HEAD']);
    await third.close();
    const doc = JSON.parse(readFileSync(recordFile(), 'utf8'));
    assert.equal(doc.tags.a.seenAt, answered.resolvedAt + 61_000, 'the newer answer replaced the older one on disk');
  });
});
