import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import { createRegistryClient, type ImagerefRegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushIndex, pushSingle, type Pushed } from '../support/push';
import { startRecordingFront, type RecordingFront } from '../support/recordingFront';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { failure, image } from './helpers';

const blobGets = (front: RecordingFront) => front.requests.filter((r) => r.method === 'GET' && r.url.includes('/blobs/')).length;

/** The platform of a single-platform image, read from its config blob (real registry, recording front). */
describe('registry client: single-platform images and their config', function () {
  this.timeout(60_000);
  let reg: TestRegistry;
  let front: RecordingFront;
  let arm: Pushed;
  let windows: Pushed;
  const clients: ImagerefRegistryClient[] = [];
  const client = (extra: Partial<RegistryClientOptions> = {}) => {
    const c = createRegistryClient({ credentials: fixedCredentials(undefined), ...extra });
    clients.push(c);
    return c;
  };

  before(async () => {
    reg = await startRegistry();
    front = await startRecordingFront(reg.url);
    arm = await pushSingle(reg, 'team/arm', '1.0', { os: 'linux', architecture: 'arm', variant: 'v7' }, 'docker');
    windows = await pushSingle(reg, 'team/win', 'ltsc2022', { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2582' });
    await pushIndex(reg, 'team/multi', '1', { attestations: true });
  });
  after(async () => {
    await front?.stop();
    await reg?.stop();
  });
  beforeEach(() => {
    front.requests.length = 0;
    front.intercept = undefined;
  });
  afterEach(async () => Promise.all(clients.splice(0).map((c) => c.close())));

  it('reads os, architecture and variant from the config of a single manifest, by tag and by digest', async () => {
    const c = client();
    const byTag = image(await c.resolve({ registry: front.host, repository: 'team/arm', tagOrDigest: '1.0', imageConfig: true }));
    assert.equal(byTag.kind, 'manifest');
    assert.deepEqual(byTag.platforms, [{ os: 'linux', architecture: 'arm', variant: 'v7', digest: arm.digest, size: arm.size, mediaType: arm.mediaType, attestation: false }]);
    const byDigest = image(await c.resolve({ registry: front.host, repository: 'team/arm', tagOrDigest: arm.digest, imageConfig: true }));
    assert.equal(byDigest.platforms[0].architecture, 'arm');
    assert.equal(blobGets(front), 1, 'the config is read once, then from the cache');
  });

  it('shows os.version of a Windows image; an index is never asked for configs and attestations stay labelled', async () => {
    const c = client();
    const win = image(await c.resolve({ registry: front.host, repository: 'team/win', tagOrDigest: 'ltsc2022', imageConfig: true }));
    assert.equal(win.platforms[0].osVersion, '10.0.20348.2582');
    assert.equal(win.platforms[0].os, 'windows');
    assert.equal(win.platforms[0].digest, windows.digest);
    front.requests.length = 0;
    const multi = image(await c.resolve({ registry: front.host, repository: 'team/multi', tagOrDigest: '1', imageConfig: true }));
    assert.equal(multi.platforms.filter((p) => !p.attestation).length, 2);
    assert.equal(multi.platforms.filter((p) => p.attestation).length, 2);
    assert.equal(blobGets(front), 0);
  });

  it('reads no config unless asked: a plain tag costs one HEAD, content without imageConfig one more GET', async () => {
    const c = client();
    const head = image(await c.resolve({ registry: front.host, repository: 'team/arm', tagOrDigest: '1.0', platforms: false }));
    assert.equal(head.headOnly, true);
    assert.deepEqual(front.requests.map((r) => r.method), ['HEAD']);
    const content = image(await c.resolve({ registry: front.host, repository: 'team/arm', tagOrDigest: '1.0' }));
    assert.deepEqual(content.platforms, []);
    assert.equal(blobGets(front), 0);
  });

  it('rejects a config that does not hash to its digest, caches nothing of it, and reads the good one next time', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'imageref-config-'));
    front.intercept = async (req, res) => {
      if (!req.url.includes('/blobs/')) return false;
      const upstream = await request(reg.url + req.url);
      const body = Buffer.from(await upstream.body.arrayBuffer());
      body[body.length - 2] ^= 1;
      res.writeHead(upstream.statusCode, { 'content-type': 'application/octet-stream' }).end(body);
      return true;
    };
    const c = client({ cacheDir });
    const f = failure(await c.resolve({ registry: front.host, repository: 'team/arm', tagOrDigest: arm.digest, imageConfig: true }), 'invalid-response');
    assert.match(f.message, /sent an image config that does not match sha256:/);
    await c.flush();
    const manifest = JSON.parse(arm.bytes.toString()) as { config: { digest: string } };
    const blobFile = path.join(cacheDir, 'blobs', 'sha256', manifest.config.digest.slice('sha256:'.length));
    assert.equal(existsSync(blobFile), false, 'the tampered config is not cached');

    front.intercept = undefined;
    const good = image(await c.resolve({ registry: front.host, repository: 'team/arm', tagOrDigest: arm.digest, imageConfig: true }));
    assert.equal(good.platforms[0].variant, 'v7');
    await c.flush();
    assert.equal(existsSync(blobFile), true);
  });
});
