import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistryClient } from '../../server/src/registry/client';
import type { Credential } from '../../server/src/registry/credentials';
import type { TagList, TagListOutcome } from '../../server/src/registry/contract';
import { MAX_TAG_PAGES } from '../../server/src/registry/tagList';
import { fixedCredentials } from '../support/fixedCredentials';
import { startPagingFront, type PagingFront } from '../support/pagingFront';
import { pushTags } from '../support/pushTags';
import { startRegistry, type RegistryAuth, type TestRegistry } from '../support/registryHarness';
import { fakeClock } from './helpers';

const alice: Credential = { kind: 'basic', username: 'alice', password: 'wonderland' };
/** 150 tags: more than three pages of the front's 50. */
const TAGS = Array.from({ length: 150 }, (_, i) => `1.${i}.0`);

function list(outcome: TagListOutcome): TagList {
  if (!outcome.ok) assert.fail(`expected a tag list, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.list;
}

for (const auth of ['none', 'htpasswd', 'token'] as RegistryAuth[]) {
  describe(`registry client: tags/list with pagination (${auth})`, function () {
    this.timeout(120_000);
    let reg: TestRegistry;
    let front: PagingFront;
    before(async () => {
      reg = await startRegistry({ auth });
      await pushTags(reg, 'team/app', TAGS);
      front = await startPagingFront(reg.url);
    });
    after(async () => {
      await front?.stop();
      await reg?.stop();
    });
    beforeEach(() => (front.requests.length = 0));

    it('follows Link rel=next to the last page and returns every tag once', async () => {
      const client = createRegistryClient({ credentials: fixedCredentials(alice) });
      const result = list(await client.listTags({ registry: front.host, repository: 'team/app' }));
      await client.close();
      assert.deepEqual([...result.tags].sort(), [...TAGS].sort());
      assert.equal(result.complete, true);
      assert.equal(result.fromCache, false);
      const pages = new Set(front.tagPages());
      assert.equal(pages.size, 3, `three pages of 50: ${[...pages].join(' ')}`);
      if (auth !== 'none') {
        for (const page of pages) {
          assert.ok(front.requests.some((r) => r.url === page && r.headers.authorization), `${page} was asked with credentials`);
        }
      }
    });
  });
}

describe('registry client: tags/list cache, caps and refusals', function () {
  this.timeout(120_000);
  let reg: TestRegistry;
  let front: PagingFront;
  before(async () => {
    reg = await startRegistry();
    await pushTags(reg, 'team/app', TAGS);
    front = await startPagingFront(reg.url);
  });
  after(async () => {
    await front?.stop();
    await reg?.stop();
  });
  beforeEach(() => (front.requests.length = 0));

  it('answers from the cache within the TTL, from memory and from disk, and asks again after it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-taglist-'));
    const clock = fakeClock();
    try {
      const options = { credentials: fixedCredentials(), cacheDir: dir, tagTtlSeconds: 60, now: clock.now };
      const client = createRegistryClient(options);
      list(await client.listTags({ registry: front.host, repository: 'team/app' }));
      const second = list(await client.listTags({ registry: front.host, repository: 'team/app' }));
      await client.close();
      assert.equal(second.fromCache, true);
      assert.equal(front.tagPages().length, 3);
      const fresh = createRegistryClient(options);
      const fromDisk = list(await fresh.listTags({ registry: front.host, repository: 'team/app' }));
      assert.equal(fromDisk.fromCache, true);
      assert.equal(fromDisk.tags.length, 150);
      assert.equal(front.tagPages().length, 3, 'the disk cache answered');
      clock.advance(61_000);
      assert.equal(list(await fresh.listTags({ registry: front.host, repository: 'team/app' })).fromCache, false);
      assert.equal(front.tagPages().length, 6, 'listed again after the TTL');
      await fresh.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`stops after ${MAX_TAG_PAGES} pages and says the list is incomplete`, async () => {
    const tiny = await startPagingFront(reg.url, { pageSize: 1 });
    try {
      const client = createRegistryClient({ credentials: fixedCredentials() });
      const result = list(await client.listTags({ registry: tiny.host, repository: 'team/app' }));
      await client.close();
      assert.equal(result.complete, false);
      assert.equal(result.tags.length, MAX_TAG_PAGES);
      assert.equal(tiny.tagPages().length, MAX_TAG_PAGES);
    } finally {
      await tiny.stop();
    }
  });

  it('does not follow a next page on another origin', async () => {
    const other = await startPagingFront(reg.url, { linkOrigin: 'http://127.0.0.2:9' });
    try {
      const client = createRegistryClient({ credentials: fixedCredentials() });
      const result = list(await client.listTags({ registry: other.host, repository: 'team/app' }));
      await client.close();
      assert.equal(result.tags.length, 50, 'the first page only');
      assert.equal(result.complete, false);
      assert.equal(other.tagPages().length, 1);
    } finally {
      await other.stop();
    }
  });

  it('reports an unknown repository as repository-not-found and offline without a request', async () => {
    const client = createRegistryClient({ credentials: fixedCredentials() });
    const missing = await client.listTags({ registry: front.host, repository: 'team/nothing' });
    await client.close();
    assert.equal(missing.ok ? 'ok' : missing.failure.kind, 'repository-not-found');
    const offline = createRegistryClient({ credentials: fixedCredentials(), offline: true });
    const answer = await offline.listTags({ registry: front.host, repository: 'team/app' });
    assert.equal(answer.ok ? 'ok' : answer.failure.kind, 'offline');
    assert.equal(offline.stats().requests, 0);
    await offline.close();
  });
});
