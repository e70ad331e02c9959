import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isLow, parsePullLimit } from '../../server/src/registry/pullLimits';
import type { PullLimitParams } from '../../shared/protocol';
import { CLI, LspTestClient } from '../support/lspClient';
import { pushIndex } from '../support/push';
import { startRecordingFront, type RecordingFront } from '../support/recordingFront';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

describe('pull limits from ratelimit-remaining headers', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let front: RecordingFront;
  let home: string;

  before(async () => {
    registry = await startRegistry();
    await pushIndex(registry, 'library/java', '17');
    front = await startRecordingFront(registry.url);
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-pull-limit-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), '{}');
  });
  after(async () => {
    await front?.stop();
    await registry?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  const env = () => ({ ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), XDG_CACHE_HOME: path.join(home, `cache-${Math.random()}`) });
  const limited = (remaining: number) => ({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': `${remaining};w=21600`, 'docker-ratelimit-source': '203.0.113.7' });

  it('parses Docker Hub\'s headers', () => {
    const limit = parsePullLimit('docker.io', limited(8), 1)!;
    assert.deepEqual(limit, { registry: 'docker.io', limit: 100, remaining: 8, windowSeconds: 21600, seenAt: 1 });
    assert.equal(isLow(limit), true);
    assert.equal(isLow({ ...limit, remaining: 10 }), false);
    assert.equal(parsePullLimit('docker.io', { 'ratelimit-remaining': '5' }, 1), undefined);
    assert.equal(parsePullLimit('docker.io', { 'ratelimit-limit': 'lots', 'ratelimit-remaining': '5' }, 1), undefined);
  });

  // The front runs in this process: the CLI must run asynchronously for it to answer.
  const check = (cwd: string) => new Promise<{ stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [CLI, 'check', '.'], { cwd, env: env(), encoding: 'utf8' }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
  });

  it('the CLI notes on stderr when fewer than 10 % remain, and says nothing otherwise', async () => {
    const dir = mkdtempSync(path.join(home, 'project-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${front.host}/library/java:17\n`);
    front.addHeaders = limited(7);
    const low = await check(dir);
    assert.match(low.stderr, new RegExp(`imageref: note: ${front.host.replace(/\./g, '\\.')}: 7 of 100 pulls left \\(the limit counts over 6 h\\), fewer than 10 % remain`));
    assert.doesNotMatch(low.stdout, /pulls left/, 'stdout stays the report');
    front.addHeaders = limited(60);
    const plenty = await check(dir);
    assert.match(plenty.stdout, /unpinned/);
    assert.doesNotMatch(plenty.stderr, /pulls left/);
  });

  it('the language server tells the client (the status bar) with imageref/pullLimit', async () => {
    front.addHeaders = limited(3);
    const client = new LspTestClient(env());
    try {
      await client.initialize({ cacheDir: path.join(home, 'lsp-cache') });
      const uri = 'file:///w/Dockerfile';
      await client.open(uri, `FROM ${front.host}/library/java:17\n`, 'dockerfile');
      await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unpinned'));
      const deadline = Date.now() + 15_000;
      let notice: PullLimitParams | undefined;
      while (!notice && Date.now() < deadline) {
        notice = client.notifications.find((n) => n.method === 'imageref/pullLimit')?.params as PullLimitParams | undefined;
        if (!notice) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(notice, 'a pullLimit notification');
      assert.deepEqual({ ...notice, registry: undefined }, {
        registry: undefined, limit: 100, remaining: 3, windowSeconds: 21600, low: true,
        message: `${front.host}: 3 of 100 pulls left (the limit counts over 6 h)`,
      });
    } finally {
      await client.stop();
    }
  });
});
