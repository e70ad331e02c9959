import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';

describe('LSP server on Compose, manifests, workflows, Testcontainers and Quarkus files (offline)', function () {
  this.timeout(30000);
  let client: LspTestClient;

  beforeEach(() => {
    client = new LspTestClient();
  });
  afterEach(async () => client.stop());

  it('a manifest named by imageref.kubernetes.files is read; a YAML file that is none gets no diagnostics', async () => {
    await client.initialize({ settings: { offline: true, kubernetes: { files: ['deploy/*.yaml.tpl'] } } });
    const uri = 'file:///w/deploy/app.yaml.tpl';
    await client.open(uri, 'spec:\n  containers:\n    - image: https://ghcr.io/org/app:1.0 # app\n', 'yaml');
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(diagnostics.map((d) => d.code), ['scheme-prefix'], 'one actionable problem per reference');
    const scheme = diagnostics.find((d) => d.code === 'scheme-prefix')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: scheme.range, context: { diagnostics: [scheme] } });
    assert.deepEqual(actions[0].edit!.changes![uri], [{ range: scheme.range, newText: '' }]);

    const other = 'file:///w/mkdocs.yml';
    await client.open(other, 'nav:\n  - image: https://not-a-reference\n', 'yaml');
    const none = await client.diagnostics(other);
    assert.deepEqual(none, []);
  });

  it('a workflow and a Testcontainers class: codes, and the Testcontainers tag+digest fix is preferred', async () => {
    await client.initialize({ settings: { offline: true } });
    const workflow = 'file:///w/.github/workflows/ci.yml';
    await client.open(workflow, 'jobs:\n  t:\n    container: node\n    steps:\n      - uses: docker://alpine:latest\n', 'yaml');
    assert.deepEqual((await client.diagnostics(workflow, (p) => p.diagnostics.length > 0)).map((d) => [d.range.start.line, d.code]), [[2, 'implicit-latest'], [4, 'latest-tag']]);
    const java = 'file:///w/src/test/java/T.java';
    await client.open(java, `import org.testcontainers.containers.*;\nclass T {\n  GenericContainer<?> c = new GenericContainer<>("redis:7@sha256:${'a'.repeat(64)}");\n}\n`, 'java');
    const [tagAndDigest] = await client.diagnostics(java, (p) => p.diagnostics.length > 0);
    assert.equal(tagAndDigest.code, 'tag-and-digest');
    assert.equal(tagAndDigest.severity, 2);
    assert.match(String(tagAndDigest.message), /Testcontainers' DockerImageName/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: java }, range: tagAndDigest.range, context: { diagnostics: [tagAndDigest] } });
    assert.ok(actions.find((a) => a.title.startsWith('Drop the tag'))?.isPreferred);
  });
});
