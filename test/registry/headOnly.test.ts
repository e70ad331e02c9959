import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistryClient } from '../../server/src/registry/client';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushIndex, pushManifest, type PushedIndex } from '../support/push';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { image } from './helpers';

/** Tags whose content no rule needs are answered by one HEAD: 100 tags cost about 100 requests, not 200. */
describe('registry client: HEAD-only tag lookups (token auth, counted by a recording proxy)', function () {
  this.timeout(120_000);
  let reg: TestRegistry;
  let proxy: RecordingProxy;
  const pushed: PushedIndex[] = [];

  before(async () => {
    reg = await startRegistry({ auth: 'token' });
    // One index under 100 tags: manifest PUTs only (concurrent blob uploads of one blob race in distribution 2.8).
    const index = await pushIndex(reg, 'team/many', 'h0');
    pushed.push(index);
    for (let i = 1; i < 100; i += 33) {
      await Promise.all(Array.from({ length: Math.min(33, 100 - i) }, (_, j) =>
        pushManifest(reg, 'team/many', `h${i + j}`, index.bytes, index.mediaType).then(() => pushed.push({ ...index }))));
    }
    proxy = await startRecordingProxy();
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  it('cold: one ping, one token, 100 HEADs; warm from disk: zero; content on demand is one GET', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'imageref-head-only-'));
    const make = () => createRegistryClient({
      credentials: fixedCredentials({ kind: 'basic', username: 'alice', password: 'wonderland' }), cacheDir, proxy: proxy.url,
    });
    const lookups = (c: ReturnType<typeof make>, platforms = false) =>
      Promise.all(pushed.map((_, i) => c.resolve({ registry: reg.host, repository: 'team/many', tagOrDigest: `h${i}`, platforms })));
    proxy.reset();
    const cold = make();
    const answers = await lookups(cold);
    answers.forEach((o, i) => {
      const img = image(o);
      assert.equal(img.digest, pushed[i].digest);
      assert.equal(img.headOnly, true);
      assert.equal(img.kind, 'index');
      assert.equal(img.mediaType, 'application/vnd.oci.image.index.v1+json');
      assert.equal(img.size, pushed[i].size);
    });
    // The first HEAD meets the 401 challenge and is repeated with the token: 101 manifest requests, 1 token request.
    assert.equal(proxy.count('/manifests/'), 101);
    assert.equal(proxy.requests.filter((r) => r.url.includes('/manifests/') && r.method !== 'HEAD').length, 0);
    assert.equal(proxy.count(), 102);
    await cold.close();

    proxy.reset();
    const warm = make();
    (await lookups(warm)).forEach((o) => assert.equal(image(o).fromCache, true));
    assert.equal(proxy.count(), 0);
    const full = await warm.resolve({ registry: reg.host, repository: 'team/many', tagOrDigest: 'h0' });
    assert.equal(image(full).platforms.filter((p) => !p.attestation).length, 2);
    // A fresh client meets the challenge once: the GET by digest, its 401, the token, the GET again. No HEAD.
    const manifestRequests = proxy.requests.filter((r) => r.url.includes('/manifests/'));
    assert.deepEqual(manifestRequests.map((r) => `${r.method} ${r.url.split('/manifests/')[1]}`), Array(2).fill(`GET ${pushed[0].digest}`));
    await warm.close();
  });
});
