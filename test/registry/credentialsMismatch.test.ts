import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Sandbox } from '../support/fakeHelper/fixture';
import { CLI, LspTestClient } from '../support/lspClient';
import { pushIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/**
 * docker's config finds the login through `credHelpers` (a real helper script on PATH) while the pom's
 * `from.credHelper` names a helper that is not installed, so Jib stops: credentials-mismatch, through the LSP and
 * the CLI, against a real token-auth registry.
 */
describe('credentials-mismatch against a real registry (LSP and CLI)', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let box: Sandbox;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    registry = await startRegistry({ auth: 'token' });
    await pushIndex(registry, 'base/java', '17');
    box = new Sandbox();
    box.helper('vault', 'found');
    box.dockerConfig({ credHelpers: { [registry.host]: 'vault' } });
    env = {
      ...process.env, ...box.env, PATH: `${box.bin}${path.delimiter}${process.env.PATH}`, DOCKER_CONFIG: path.join(box.home, '.docker'),
      XDG_RUNTIME_DIR: box.home, XDG_CACHE_HOME: path.join(box.root, 'cache'),
      FAKE_ONLY_URL: registry.host, FAKE_USERNAME: 'alice', FAKE_SECRET: 'wonderland',
    };
  });
  after(async () => {
    await registry?.stop();
    box?.cleanup();
  });

  const pom = (credHelper: string) => `<project><build><plugins><plugin>
  <artifactId>jib-maven-plugin</artifactId>
  <configuration>
    <from>
      <image>${registry.host}/base/java:17</image>
      <credHelper>${credHelper}</credHelper>
    </from>
  </configuration>
</plugin></plugins></build></project>
`;

  it('LSP: the warning names both keys, the quick fix sets <credHelper>vault</credHelper>; no secret in diagnostics, actions or hover', async () => {
    const client = new LspTestClient(env);
    try {
      await client.initialize({ cacheDir: path.join(box.root, 'lsp-cache') });
      const uri = 'file:///w/pom.xml';
      const text = pom('wrong');
      await client.open(uri, text, 'xml');
      const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'credentials-mismatch'), 30000);
      const mismatch = diagnostics.find((d) => d.code === 'credentials-mismatch') as Diagnostic;
      assert.equal(mismatch.severity, 2);
      assert.match(String(mismatch.message), new RegExp(`docker finds credentials for ${registry.host.replace(/\./g, '\\.')} \\(credHelpers "${registry.host.replace(/\./g, '\\.')}" via docker-credential-vault\\) but Jib does not`));
      assert.match(String(mismatch.message), /Jib stops with "The system does not have docker-credential-wrong CLI"/);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri }, range: mismatch.range, context: { diagnostics: [mismatch] },
      });
      const fix = actions.find((a) => a.title === "Set Jib's credHelper to `vault`") as CodeAction;
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      const document = TextDocument.create(uri, 'xml', 1, text);
      assert.equal(TextDocument.applyEdits(document, fix.edit?.changes?.[uri] ?? []), pom('vault'));
      const line = text.split('\n').findIndex((l) => l.includes('<image>'));
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } });
      const md = (hover.contents as { value: string }).value;
      assert.match(md, /\*\*Credentials \(Jib's lookup\):\*\* none found/);
      assert.match(md, /1\. ✗ from\.credHelper `127\.0\.0\.1:\d+` \(docker-credential-wrong\): not installed/);
      assert.match(md, /✓ credHelpers `127\.0\.0\.1:\d+` \(docker-credential-vault\): found/);
      assert.match(String(mismatch.message), /Jib keeps pulled base images in its base-image cache .*jib\.baseImageCache/);
      const dockerUri = 'file:///w/Dockerfile';
      await client.open(dockerUri, `FROM ${registry.host}/base/java:17\n`, 'dockerfile');
      const dockerHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: dockerUri }, position: { line: 0, character: 8 } });
      const dockerMd = (dockerHover.contents as { value: string }).value;
      assert.match(dockerMd, /\*\*Credentials \(docker's lookup\):\*\* found\n\n1\. ✓ credHelpers `127\.0\.0\.1:\d+` \(docker-credential-vault\): found/);
      assert.doesNotMatch(JSON.stringify([diagnostics, actions, md, dockerMd]), /wonderland|YWxpY2U6d29uZGVybGFuZA/);
      // The fix applied: the tag answer is cached, the chains are those of the new credHelper, the warning goes.
      await client.change(uri, 2, pom('vault'));
      const after = await client.diagnostics(uri, (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === 'credentials-mismatch') && p.diagnostics.some((d) => d.code === 'unpinned'), 30000);
      assert.deepEqual(after.map((d) => d.code), ['unpinned']);
      const fixedHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 20 } });
      assert.match((fixedHover.contents as { value: string }).value, /\*\*Credentials \(Jib's lookup\):\*\* found\n\n1\. ✓ from\.credHelper/);
    } finally {
      await client.stop();
    }
  });

  it("LSP: credentials-missing says where Jib looked, names the near miss docker's hostname rule accepts, and mentions Jib's cache", async () => {
    const home = path.join(box.root, 'home-http');
    mkdirSync(path.join(home, '.docker'), { recursive: true });
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [`http://${registry.host}`]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }));
    const client = new LspTestClient({ ...env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), XDG_RUNTIME_DIR: home });
    try {
      await client.initialize({ cacheDir: path.join(box.root, 'lsp-cache-http') });
      const uri = 'file:///w/other/pom.xml';
      await client.open(uri, pom('').replace('\n      <credHelper></credHelper>', ''), 'xml');
      const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'credentials-missing'), 30000);
      const missing = String(diagnostics.find((d) => d.code === 'credentials-missing')?.message);
      assert.match(missing, /Looked in \(Jib's order\): .*auths `127\.0\.0\.1:\d+`: no entry/);
      assert.match(missing, /Near miss: auths `http:\/\/127\.0\.0\.1:\d+`: the http:\/\/ scheme: Jib asks for "127\.0\.0\.1:\d+"/);
      assert.match(missing, /base-image cache/);
      const mismatch = String(diagnostics.find((d) => d.code === 'credentials-mismatch')?.message);
      assert.match(mismatch, /^docker finds credentials for 127\.0\.0\.1:\d+ \(auths "http:\/\/127\.0\.0\.1:\d+"\) but Jib does not/);
      assert.doesNotMatch(JSON.stringify(diagnostics), /wonderland|YWxpY2U6d29uZGVybGFuZA/);
    } finally {
      await client.stop();
    }
  });

  // Asynchronously: the registry's token service runs in this process.
  const cli = async (args: string[], cwd: string) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
      return { status: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { status: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('CLI check: the same warning in pom.xml and build.gradle; none once the pom names vault', async () => {
    const dir = path.join(box.root, 'project');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'pom.xml'), pom('wrong'));
    writeFileSync(path.join(dir, 'build.gradle'), `jib {\n  from {\n    image = '${registry.host}/base/java:17'\n    credHelper = 'wrong'\n  }\n}\n`);
    const r = await cli(['check', '--format', 'json', '--fail-on', 'never', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    const records = JSON.parse(r.stdout) as Array<{ file: string; code: string; message: string }>;
    assert.deepEqual(records.filter((d) => d.code === 'credentials-mismatch').map((d) => d.file).sort(), ['build.gradle', 'pom.xml'], r.stdout);
    assert.doesNotMatch(r.stdout + r.stderr, /wonderland/);
    writeFileSync(path.join(dir, 'pom.xml'), pom('vault'));
    const fixed = await cli(['check', '--format', 'json', '--fail-on', 'never', 'pom.xml'], dir);
    assert.deepEqual((JSON.parse(fixed.stdout) as Array<{ code: string }>).filter((d) => d.code === 'credentials-mismatch'), []);
  });
});
