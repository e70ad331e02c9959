import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { LspTestClient } from '../support/lspClient';
import { startFakeServer } from '../support/fakeServer';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';

/** A home with a docker config whose credsStore is a helper that leaves a marker file when it runs. */
function homeWithMarkerHelper(): { home: string; marker: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'imageref-trust-'));
  const bin = path.join(home, 'bin');
  mkdirSync(bin);
  mkdirSync(path.join(home, '.docker'));
  const marker = path.join(home, 'helper-ran');
  const helper = path.join(bin, 'docker-credential-marker');
  writeFileSync(helper, `#!/bin/sh\ntouch '${marker}'\necho 'credentials not found in native keychain'\nexit 1\n`);
  chmodSync(helper, 0o755);
  writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ credsStore: 'marker' }));
  const env = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), PATH: `${bin}:${process.env.PATH}` };
  return { home, marker, env };
}

describe('workspace trust through the LSP', function () {
  this.timeout(60000);
  let proxy: RecordingProxy;
  let client: LspTestClient | undefined;
  before(async () => (proxy = await startRecordingProxy()));
  after(async () => proxy?.stop());
  afterEach(async () => client?.stop());

  it('an untrusted workspace makes no request and runs no helper; trusting it turns the registry on', async () => {
    const { marker, env } = homeWithMarkerHelper();
    // Every request of the server, plain HTTP or TLS, would go through the recording proxy.
    const proxied = { ...env, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url, https_proxy: proxy.url, NO_PROXY: '', no_proxy: '' };
    client = new LspTestClient(proxied);
    await client.initialize({ trusted: false });
    proxy.reset();
    const uri = 'file:///untrusted/Dockerfile';
    // 127.0.0.2 would be asked over plain HTTP (loopback); registry.example.com over HTTPS through the proxy.
    // …and a loopback registry that asks for credentials, so that a trusted server would run the helper.
    const challenging = await startFakeServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end());
    await client.open(uri, `FROM 127.0.0.2:5999/team/app:1\nFROM registry.example.com/team/app:2\nFROM ${challenging.host}/team/app:3\n`, 'dockerfile');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unpinned', 'unpinned', 'unpinned']);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.doesNotMatch(hover.contents.value, /Digest:|Registry:\*\*/);
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the registry debounce: nothing may follow
    // Everything else that could reach a registry or a helper: other kinds (a Jib credHelper naming the marker helper),
    // quick fixes and "pin all" (they need digests), the refresh and clear-cache commands.
    const pomUri = 'file:///untrusted/pom.xml';
    await client.open(pomUri, '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration>' +
      '<from><image>127.0.0.2:5999/team/base:1</image><credHelper>marker</credHelper></from></configuration></plugin></plugins></build></project>\n', 'xml');
    const gradleUri = 'file:///untrusted/build.gradle';
    await client.open(gradleUri, "jib { from { image = 'registry.example.com/team/base:latest'; credHelper = 'marker' } }\n", 'groovy');
    for (const u of [uri, pomUri, gradleUri]) {
      const published = await client.diagnostics(u);
      const all = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
      await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: all, context: { diagnostics: published } });
      await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: all, context: { diagnostics: [], only: ['source.pinAll.imageref'] } });
      await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 60 } });
    }
    await client.request('workspace/executeCommand', { command: 'imageref.server.refresh', arguments: [] });
    await client.request('workspace/executeCommand', { command: 'imageref.server.clearCache', arguments: [] });
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(proxy.count(), 0, 'no network request while untrusted');
    assert.equal(existsSync(marker), false, 'no credential helper while untrusted');
    assert.ok(client.notifications.some((n) => n.method === 'imageref/status' && (n.params as { state: string }).state === 'offline'));

    await client.connection.sendNotification('imageref/setTrusted', { trusted: true });
    const after = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'credentials-missing'), 30000);
    assert.ok(after.length >= 2);
    assert.ok(proxy.count() > 0, 'trusted: the registry is asked (through the proxy)');
    assert.equal(existsSync(marker), true, 'trusted: the credential helper runs');

    // Withdrawing trust stops the network again, at once.
    await client.connection.sendNotification('imageref/setTrusted', { trusted: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.reset();
    const askedBefore = challenging.requests.length;
    await client.change(uri, 2, `FROM 127.0.0.2:5999/team/app:3\nFROM registry.example.com/team/app:4\nFROM ${challenging.host}/team/app:5\n`);
    await client.diagnostics(uri, (p) => p.version === 2);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(proxy.count(), 0, 'no request after trust was withdrawn');
    assert.ok(askedBefore > 0, 'the challenging registry was asked while trusted');
    assert.equal(challenging.requests.length, askedBefore, 'and not after trust was withdrawn');
    await challenging.stop();
  });
});

describe('load: 200 documents × 20 references edited concurrently through the LSP', function () {
  this.timeout(120000);
  let client: LspTestClient;
  after(async () => client?.stop());

  function dockerfile(doc: number, version: number): string {
    const lines: string[] = [];
    for (let i = 0; i < 20; i++) {
      const tag = (doc + i + version) % 4 === 0 ? 'latest' : (doc + i + version) % 4 === 1 ? '' : `:${version}.${i}`;
      lines.push(`FROM registry.example.com/team/app${i}${tag === 'latest' ? ':latest' : tag} AS s${i}`);
    }
    return lines.join('\n') + '\n';
  }

  it('the final diagnostics of every document match a fresh analysis of its final text; memory stays bounded', async () => {
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } });
    const uris = Array.from({ length: 200 }, (_, i) => `file:///load/d${i}/Dockerfile`);
    await Promise.all(uris.map((uri, i) => client.open(uri, dockerfile(i, 1), 'dockerfile')));
    const finalVersion = 6;
    // Interleave edits across all documents, several versions each, without waiting in between.
    for (let version = 2; version <= finalVersion; version++) {
      await Promise.all(uris.map((uri, i) => client.change(uri, version, dockerfile(i, version))));
    }
    const service = new ImagerefLanguageService({});
    const settings = { ...DEFAULT_SETTINGS, offline: true };
    for (const [i, uri] of uris.entries()) {
      const published = await client.diagnostics(uri, (p) => p.version === finalVersion, 30000);
      const fresh = service.validate(TextDocument.create(uri, 'dockerfile', finalVersion, dockerfile(i, finalVersion)), settings).diagnostics;
      assert.deepEqual(published, JSON.parse(JSON.stringify(fresh)), uri);
    }
    // Nothing stale arrives afterwards: the last publication of every document is its final version.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const uri of uris) assert.equal(client.lastPublished(uri)?.version, finalVersion, uri);
    const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
    const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    assert.ok(rssMiB < 300, `server RSS ${rssMiB.toFixed(0)} MiB`);
    console.log(`      server RSS after 200 documents × 6 versions: ${rssMiB.toFixed(0)} MiB`);
  });
});
