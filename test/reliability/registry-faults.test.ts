import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRegistryClient, type ImagerefRegistryClient } from '../../server/src/registry/client';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { startFaultFront, type Fault, type FaultFront } from '../support/fault-front';
import { fixedCredentials } from '../support/fixed-credentials';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registry-harness';

/** Each fault in front of the real registry gives its documented diagnostic; nothing bad is cached; recovery works. */
describe('hostile registry answers, through the language service (fault front → real registry)', function () {
  this.timeout(120000);
  let registry: TestRegistry;
  let front: FaultFront;
  let pushed: PushedIndex;
  let cacheDir: string;
  let client: ImagerefRegistryClient;
  const settings = { ...DEFAULT_SETTINGS, requestTimeout: 1500 };

  before(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    pushed = await pushIndex(registry, 'team/app', '1');
    front = await startFaultFront(registry.url);
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'imageref-faults-'));
  });

  // A fresh client with an empty cache for each fault, so that the challenge and every request happen again.
  beforeEach(async () => {
    await client?.close();
    client = createRegistryClient({
      credentials: fixedCredentials({ kind: 'basic', username: 'alice', password: 'wonderland' }), cacheDir, timeoutMs: settings.requestTimeout,
    });
    await client.clearCache();
  });
  after(async () => {
    await client?.close();
    await front?.stop();
    await registry?.stop();
  });

  async function registryDiagnostics(tag: string) {
    const service = new ImagerefLanguageService({ registry: client });
    const document = TextDocument.create('file:///f/Dockerfile', 'dockerfile', 1, `FROM --platform=linux/amd64 ${front.host}/team/app:${tag}\n`);
    const first = service.validate(document, settings);
    await service.resolve(first.pending, settings, { refresh: true });
    return service.validate(document, settings).diagnostics.filter((d) => d.code !== 'unpinned');
  }

  const cases: Array<[Fault, string, RegExp?]> = [
    ['500', 'registry-unreachable', /HTTP 500/],
    ['502', 'registry-unreachable', /HTTP 502/],
    ['429', 'rate-limited'],
    ['429-retry-after', 'rate-limited', /Retry after 120 s/],
    ['slow', 'registry-unreachable'],
    ['reset', 'registry-unreachable'],
    ['truncated', 'registry-unreachable'],
    ['invalid-json', 'registry-unreachable'],
    ['wrong-digest', 'registry-unreachable', /does not match/],
    ['huge', 'registry-unreachable'],
    ['bad-challenge', 'registry-unreachable'],
    ['token-fails', 'registry-unreachable'],
  ];

  for (const [fault, code, message] of cases) {
    it(`${fault} → ${code}, information, nothing bad cached, the next good answer is used`, async () => {
      front.fault = fault;
      const during = await registryDiagnostics('1');
      assert.deepEqual(during.map((d) => [d.code, d.severity]), [[code, 3]], JSON.stringify(during));
      if (message) assert.match(during[0].message as string, message);
      front.fault = 'none';
      assert.deepEqual(await registryDiagnostics('1'), [], 'recovered with the next good answer');
      const outcome = await client.resolve({ registry: front.host, repository: 'team/app', reference: '1' });
      assert.ok(outcome.ok && outcome.image.digest === pushed.digest);
      await client.flush();
      assertCacheHoldsOnlyGoodContent();
    });
  }

  function assertCacheHoldsOnlyGoodContent(): void {
    const blobs = path.join(cacheDir, 'blobs', 'sha256');
    for (const hex of readdirSync(blobs)) {
      if (hex.endsWith('.tmp')) continue;
      assert.equal(createHash('sha256').update(readFileSync(path.join(blobs, hex))).digest('hex'), hex, `blob ${hex} matches its name`);
    }
    const tags = path.join(cacheDir, 'tags');
    for (const file of readdirSync(tags).filter((f) => !f.endsWith('.tmp'))) {
      const record = JSON.parse(readFileSync(path.join(tags, file), 'utf8'));
      assert.equal(record.digest, pushed.digest, 'every tag record names the real digest');
    }
  }
});
