import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';
import { pushIndex, pushSingle, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/** The registry features seen by an LSP client, against a real token-auth registry on loopback. */
describe('registry features through the LSP (real registry, token auth)', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let java: PushedIndex;
  let moved: { old: PushedIndex; current: PushedIndex };
  let client: LspTestClient;
  let home: string;

  before(async () => {
    registry = await startRegistry({ auth: 'token', anonymousPull: (repo) => repo.startsWith('public/') });
    java = await pushIndex(registry, 'base/java', '17', { attestations: true });
    const old = await pushIndex(registry, 'base/moving', '1', { salt: 'old' });
    const current = await pushIndex(registry, 'base/moving', '1', { salt: 'new' });
    moved = { old, current };
    await pushSingle(registry, 'base/single', '1');
    await pushIndex(registry, 'public/open', '1');
  });
  after(async () => registry?.stop());

  function dockerConfig(auths: Record<string, unknown>): string {
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-lsp-online-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths }));
    return path.join(home, '.docker');
  }

  async function startClient(auths: Record<string, unknown>, capabilities: Record<string, unknown> = {}) {
    const DOCKER_CONFIG = dockerConfig(auths);
    client = new LspTestClient({ ...process.env, DOCKER_CONFIG, HOME: home, XDG_RUNTIME_DIR: home });
    await client.initialize({ cacheDir: path.join(home, 'cache') }, capabilities);
  }
  const alice = () => ({ [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } });

  afterEach(async () => client?.stop());

  /** Diagnostics after the registry answered: wait for a publication carrying a registry-derived code or none pending. */
  async function settled(uri: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return client.diagnostics(uri, (p) => predicate(p.diagnostics), 30000);
  }

  const pom = (image: string, platforms = ['amd64', 'arm64']) => `<project><build><plugins><plugin>
  <artifactId>jib-maven-plugin</artifactId>
  <configuration>
    <from>
      <image>${image}</image>
      <platforms>${platforms.map((a) => `<platform><architecture>${a}</architecture><os>linux</os></platform>`).join('')}</platforms>
    </from>
  </configuration>
</plugin></plugins></build></project>
`;

  it('hover shows the digest, media type, platforms (attestations labelled) and the credential source; pin fix is digest-only for Jib', async () => {
    await startClient(alice());
    const uri = 'file:///w/pom.xml';
    const text = pom(`${registry.host}/base/java:17`);
    await client.open(uri, text, 'xml');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unpinned']);
    const line = text.split('\n').findIndex((l) => l.includes('<image>'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } });
    const md = (hover.contents as { value: string }).value;
    assert.match(md, new RegExp(`\\*\\*Digest:\\*\\* \`${java.digest}\``));
    assert.match(md, /OCI image index \(multi-platform\)/);
    assert.match(md, /\| linux\/amd64 \| `sha256:/);
    assert.match(md, /\| linux\/arm64\/v8 \| `sha256:/);
    assert.match(md, /\| _attestation_ \|/);
    assert.match(md, /credentials: auths, key `127\.0\.0\.1:\d+`/);
    assert.doesNotMatch(md, /wonderland|YWxpY2U6d29uZGVybGFuZA/);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics },
    });
    const pin = actions.find((a) => a.title.startsWith('Pin to digest'));
    assert.ok(pin?.isPreferred, JSON.stringify(actions));
    const edits = pin!.edit!.changes![uri];
    assert.equal(edits[0].newText, `${registry.host}/base/java@${java.digest}`);
    assert.equal(edits[1].newText, ' <!-- tag: 17 -->');
    // Secrets never reach logs, diagnostics or any other message the server sends.
    assert.ok(client.notifications.some((n) => n.method === 'window/logMessage'), 'the server logged its requests');
    assert.doesNotMatch(JSON.stringify(client.notifications) + client.stderr, /wonderland|YWxpY2U6d29uZGVybGFuZA|Bearer ey/);
  });

  it('tag-not-found, repository-not-found, digest-not-found on a Dockerfile, tag+digest pin for Dockerfiles', async () => {
    await startClient(alice());
    const uri = 'file:///w/Dockerfile';
    const missing = 'sha256:' + '0'.repeat(64);
    const text = [
      `FROM ${registry.host}/base/java:99`,
      `FROM ${registry.host}/base/nothing-here:1`,
      `FROM ${registry.host}/base/java@${missing}`,
      `FROM ${registry.host}/base/java:17`,
      '',
    ].join('\n');
    await client.open(uri, text, 'dockerfile');
    const diagnostics = await settled(uri, (d) => d.some((x) => x.code === 'tag-not-found'));
    const byLine = diagnostics.map((d) => [d.range.start.line, d.code]);
    // Once the tag or repository is known not to exist, the advice to pin it is dropped.
    assert.deepEqual(byLine, [[0, 'tag-not-found'], [1, 'repository-not-found'], [2, 'digest-not-found'], [3, 'unpinned']]);
    const unpinned = diagnostics.find((d) => d.range.start.line === 3)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unpinned.range, context: { diagnostics: [unpinned] } });
    assert.equal(actions[0].edit!.changes![uri][0].newText, `${registry.host}/base/java:17@${java.digest}`);
  });

  it('stale-digest with an update fix; single-platform-digest with the index fix; platform-missing', async () => {
    await startClient(alice());
    const staleUri = 'file:///w/stale/Dockerfile';
    await client.open(staleUri, `FROM ${registry.host}/base/moving:1@${moved.old.digest}\n`, 'dockerfile');
    const stale = (await settled(staleUri, (d) => d.some((x) => x.code === 'stale-digest'))).find((d) => d.code === 'stale-digest')!;
    const update = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: staleUri }, range: stale.range, context: { diagnostics: [stale] } });
    assert.equal(update[0].edit!.changes![staleUri][0].newText, moved.current.digest);

    const amd64 = java.children.find((c) => c.platform.architecture === 'amd64')!;
    const singleUri = 'file:///w/single/pom.xml';
    await client.open(singleUri, pom(`${registry.host}/base/java:17@${amd64.digest}`), 'xml');
    const single = (await settled(singleUri, (d) => d.some((x) => x.code === 'single-platform-digest'))).find((d) => d.code === 'single-platform-digest')!;
    const useIndex = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: singleUri }, range: single.range, context: { diagnostics: [single] } });
    assert.equal(useIndex[0].edit!.changes![singleUri][0].newText, java.digest);

    const missingUri = 'file:///w/s390x/pom.xml';
    await client.open(missingUri, pom(`${registry.host}/base/java:17`, ['amd64', 's390x']), 'xml');
    const missing = (await settled(missingUri, (d) => d.some((x) => x.code === 'platform-missing'))).find((d) => d.code === 'platform-missing')!;
    assert.match(missing.message as string, /no linux\/s390x/);
  });

  it('credentials-missing names where it looked; credentials-rejected for a wrong password; public images need none', async () => {
    await startClient({});
    const uri = 'file:///w/creds/Dockerfile';
    await client.open(uri, `FROM ${registry.host}/base/java:17\nFROM ${registry.host}/public/open:1\n`, 'dockerfile');
    const diagnostics = await settled(uri, (d) => d.some((x) => x.code === 'credentials-missing'));
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code]), [[0, 'unpinned'], [0, 'credentials-missing'], [1, 'unpinned']]);
    assert.match(diagnostics[1].message as string, /Looked in \(docker's order\): credHelpers `127\.0\.0\.1:\d+`: no entry for this key; auths `127\.0\.0\.1:\d+`: no entry/);
    await client.stop();

    await startClient({ [registry.host]: { auth: Buffer.from('alice:wrong-password').toString('base64') } });
    await client.open(uri, `FROM ${registry.host}/base/java:17\n`, 'dockerfile');
    const rejected = await settled(uri, (d) => d.some((x) => x.code === 'credentials-rejected'));
    assert.ok(rejected.some((d) => d.code === 'credentials-rejected' && d.severity === 1));
    assert.doesNotMatch(JSON.stringify(rejected), /wrong-password/);
  });

  it('pins every reference with the source action, and reports progress for many references', async () => {
    await startClient(alice(), { window: { workDoneProgress: true } });
    let progressCreated = 0;
    client.connection.onRequest('window/workDoneProgress/create', () => {
      progressCreated++;
      return null;
    });
    const uri = 'file:///w/many/Dockerfile';
    const tags = ['17', '17', '17', '17', '17'].map((t, i) => `FROM ${registry.host}/base/java:${t} AS s${i}`);
    await client.open(uri, tags.join('\n') + '\n', 'dockerfile');
    await settled(uri, (d) => d.length === 5);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.pinAll.imageref'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].edit!.changes![uri].length, 5);
    assert.ok(actions[0].edit!.changes![uri].every((e) => e.newText.endsWith(`@${java.digest}`)));
    // Five lookups share one key, so progress is for the pending unique lookups; open a file with more.
    const wide = 'file:///w/wide/Dockerfile';
    await client.open(wide, ['1', '2', '3', '4', '17'].map((t) => `FROM ${registry.host}/base/java:${t}`).join('\n') + '\n', 'dockerfile');
    await settled(wide, (d) => d.filter((x) => x.code === 'tag-not-found').length === 4);
    assert.ok(progressCreated >= 1, 'work-done progress was created');
    assert.ok(client.notifications.some((n) => n.method === 'imageref/status' && (n.params as { state: string }).state === 'resolving'));
  });
});
