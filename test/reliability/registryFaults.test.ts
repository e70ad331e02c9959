import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRegistryClient, type ImagerefRegistryClient } from '../../server/src/registry/client';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { startFaultFront, type Fault, type FaultFront } from '../support/faultFront';
import { LspTestClient } from '../support/lspClient';
import { fixedCredentials } from '../support/fixedCredentials';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

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
    ['token-garbage', 'registry-unreachable', /did not answer JSON/],
    ['token-empty', 'registry-unreachable', /without a token/],
    ['token-401', 'credentials-rejected', /refused the credentials/],
    ['token-slow', 'registry-unreachable', /no answer/],
  ];

  for (const [fault, code, message] of cases) {
    it(`${fault} → ${code}, nothing bad cached, the next good answer is used`, async () => {
      front.fault = fault;
      const during = await registryDiagnostics('1');
      // Network trouble is information; rejected credentials are an error (README, diagnostic codes).
      const severity = code === 'credentials-rejected' ? 1 : 3;
      assert.deepEqual(during.map((d) => [d.code, d.severity]), [[code, severity]], JSON.stringify(during));
      if (message) assert.match(during[0].message as string, message);
      front.fault = 'none';
      assert.deepEqual(await registryDiagnostics('1'), [], 'recovered with the next good answer');
      const outcome = await client.resolve({ registry: front.host, repository: 'team/app', tagOrDigest: '1' });
      assert.ok(outcome.ok && outcome.image.digest === pushed.digest);
      await client.flush();
      assertCacheHoldsOnlyGoodContent();
    });
  }

  // Malformed or unanswerable WWW-Authenticate headers: each gives a documented code, and the next good challenge works.
  const challenges: Array<[string, string]> = [
    ['Bearer realm=, service="oops', 'registry-unreachable'],
    ['Bearer realm="unterminated', 'registry-unreachable'],
    ['Bearer realm="ftp://127.0.0.1/token"', 'registry-unreachable'],
    ['Bearer', 'registry-unreachable'],
    ['Digest realm="x", nonce="y"', 'credentials-missing'],
    ['', 'credentials-missing'],
    ['==,,," =;;', 'credentials-missing'],
    ['Basic realm="a", Bearer realm="http://127.0.0.1:9/token' + 'x'.repeat(10000), 'registry-unreachable'],
  ];
  for (const [challenge, code] of challenges) {
    it(`WWW-Authenticate ${JSON.stringify(challenge.slice(0, 40))} → ${code}, then recovery`, async () => {
      front.fault = 'custom-challenge';
      front.challenge = challenge;
      const during = await registryDiagnostics('1');
      assert.deepEqual(during.map((d) => d.code), [code], JSON.stringify(during));
      front.fault = 'none';
      assert.deepEqual(await registryDiagnostics('1'), [], 'recovered with the next good answer');
      await client.flush();
      assertCacheHoldsOnlyGoodContent();
    });
  }

  it('through the LSP: a 502 is published as registry-unreachable, and the refresh command brings the good answer', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'imageref-faults-lsp-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [front.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }));
    const lsp = new LspTestClient({ ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), NO_PROXY: '*' });
    try {
      front.fault = '502';
      await lsp.initialize({ settings: { requestTimeout: 1500 }, cacheDir: path.join(home, 'cache'), trusted: true });
      const uri = 'file:///faults/Dockerfile';
      await lsp.open(uri, `FROM --platform=linux/amd64 ${front.host}/team/app:1\n`, 'dockerfile');
      const during = await lsp.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'registry-unreachable'), 30000);
      assert.match(during.find((d) => d.code === 'registry-unreachable')!.message as string, /HTTP 502/);
      front.fault = 'none';
      lsp.forget(uri);
      await lsp.request('workspace/executeCommand', { command: 'imageref.server.refresh', arguments: [] });
      const after = await lsp.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'registry-unreachable') && p.diagnostics.length > 0, 30000);
      assert.deepEqual(after.map((d) => d.code), ['unpinned']);
      const hover = await lsp.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 40 } });
      assert.match(hover.contents.value, new RegExp(pushed.digest));
    } finally {
      await lsp.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });

  function assertCacheHoldsOnlyGoodContent(): void {
    const blobs = path.join(cacheDir, 'blobs', 'sha256');
    for (const hex of readdirSync(blobs)) {
      if (hex.endsWith('.tmp')) continue;
      assert.equal(createHash('sha256').update(readFileSync(path.join(blobs, hex))).digest('hex'), hex, `blob ${hex} matches its name`);
    }
    const tags = path.join(cacheDir, 'tag-records');
    for (const file of readdirSync(tags).filter((f) => !f.endsWith('.tmp'))) {
      const records = Object.values(JSON.parse(readFileSync(path.join(tags, file), 'utf8')).tags) as Array<{ digest: string }>;
      for (const record of records) assert.equal(record.digest, pushed.digest, 'every tag record names the real digest');
    }
  }
});
