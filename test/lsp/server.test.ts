import assert from 'node:assert/strict';
import type { CodeAction, Hover } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';

const DOCKERFILE_URI = 'file:///work/project/Dockerfile';
const POM_URI = 'file:///work/project/pom.xml';

const DOCKERFILE = [
  'FROM https://docker.io/library/eclipse-temurin:21 AS build',
  'FROM eclipse-temurin',
  'FROM build',
  'COPY --from=build /a /b',
  '',
].join('\n');

const POM = `<project>
  <build><plugins><plugin>
    <groupId>com.google.cloud.tools</groupId>
    <artifactId>jib-maven-plugin</artifactId>
    <configuration>
      <from><image>eclipse-temurin:17@sha256:${'a'.repeat(64)}</image></from>
      <to><image>registry.example.com/app@sha256:${'b'.repeat(64)}</image></to>
    </configuration>
  </plugin></plugins></build>
</project>
`;

describe('LSP server over stdio (offline)', function () {
  this.timeout(30000);
  let client: LspTestClient;

  beforeEach(async () => {
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('announces hover, code actions and commands', async () => {
    const result = (await client.initialize({ settings: { offline: true } })) as { capabilities: Record<string, unknown> };
    assert.equal(result.capabilities.hoverProvider, true);
    assert.deepEqual((result.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.pinAll.imageref']);
    assert.ok((result.capabilities.executeCommandProvider as { commands: string[] }).commands.includes('imageref.server.refresh'));
  });

  it('publishes diagnostics with stable codes for a Dockerfile, and a fix that strips the scheme', async () => {
    await client.initialize({ settings: { offline: true } });
    await client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const diagnostics = await client.diagnostics(DOCKERFILE_URI);
    const codes = diagnostics.map((d) => d.code).sort();
    // Line 1 has its scheme-prefix error only (no pinning advice until it is fixed); line 2 implicit-latest.
    assert.deepEqual(codes, ['implicit-latest', 'scheme-prefix']);
    const scheme = diagnostics.find((d) => d.code === 'scheme-prefix')!;
    assert.equal(scheme.source, 'imageref');
    assert.deepEqual(scheme.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 13 } });
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: DOCKERFILE_URI }, range: scheme.range, context: { diagnostics: [scheme] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].edit!.changes![DOCKERFILE_URI], [{ range: scheme.range, newText: '' }]);
  });

  it('reports Jib tag+digest as a warning with a drop-the-tag fix, and a digest on a target image', async () => {
    await client.initialize({});
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imageref: { offline: true } } });
    await client.open(POM_URI, POM, 'xml');
    const diagnostics = await client.diagnostics(POM_URI, (p) => p.diagnostics.length > 0);
    const tagAndDigest = diagnostics.find((d) => d.code === 'tag-and-digest');
    assert.ok(tagAndDigest, JSON.stringify(diagnostics));
    assert.equal(tagAndDigest.severity, 2);
    assert.match(tagAndDigest.message as string, /has nothing for server URL/);
    assert.ok(diagnostics.some((d) => d.code === 'digest-on-target' && d.severity === 1));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: POM_URI }, range: tagAndDigest.range, context: { diagnostics: [tagAndDigest] },
    });
    const drop = actions.find((a) => a.title.startsWith('Drop the tag'));
    assert.ok(drop?.isPreferred);
    assert.equal(drop!.edit!.changes![POM_URI][0].newText, '');
  });

  it('hovers with the parsed parts and role', async () => {
    await client.initialize({ settings: { offline: true } });
    await client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    await client.diagnostics(DOCKERFILE_URI);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: DOCKERFILE_URI }, position: { line: 1, character: 8 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Base image \(pulled\)/);
    assert.match(value, /\| Registry \| `docker\.io` \|/);
    assert.match(value, /\| Repository \| `library\/eclipse-temurin` \|/);
    assert.match(value, /`latest` \(implicit\)/);
  });

  it('follows edits: a newer version replaces the diagnostics, and per-code severities apply', async () => {
    await client.initialize({ settings: { offline: true, rules: { unpinned: 'off', 'implicit-latest': 'error' } } });
    await client.open(DOCKERFILE_URI, 'FROM ubuntu:22.04\n', 'dockerfile');
    assert.deepEqual(await client.diagnostics(DOCKERFILE_URI, (p) => p.version === 1), []);
    await client.change(DOCKERFILE_URI, 2, 'FROM ubuntu\n');
    const after = await client.diagnostics(DOCKERFILE_URI, (p) => p.version === 2);
    assert.deepEqual(after.map((d) => [d.code, d.severity]), [['implicit-latest', 1]]);
  });

  it('survives binary garbage and still answers later requests', async () => {
    await client.initialize({ settings: { offline: true } });
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    await client.open(POM_URI, garbage, 'xml');
    await client.diagnostics(POM_URI);
    await client.open(DOCKERFILE_URI, 'FROM alpine:latest\n', 'dockerfile');
    const diagnostics = await client.diagnostics(DOCKERFILE_URI);
    assert.deepEqual(diagnostics.map((d) => d.code), ['latest-tag']);
    assert.equal(client.process.exitCode, null);
  });
});
