import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Hover, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/** One file of each kind that names `image`, and what its pin fix must write. */
interface KindCase {
  name: string;
  uri: string;
  languageId: string;
  text: (image: string) => string;
  pinned: (image: string, name: string, digest: string) => string;
}

const CASES: KindCase[] = [
  {
    name: 'Compose', uri: 'file:///w/compose.yaml', languageId: 'dockerCompose',
    text: (image) => `services:\n  db:\n    image: "${image}" # the database\n`,
    pinned: (image, _name, digest) => `services:\n  db:\n    image: "${image}@${digest}" # the database\n`,
  },
  {
    name: 'Kubernetes', uri: 'file:///w/k8s/app.yaml', languageId: 'yaml',
    text: (image) => `apiVersion: v1\nkind: Service\n---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`,
    pinned: (image, _name, digest) => `apiVersion: v1\nkind: Service\n---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}@${digest}\n`,
  },
  {
    name: 'GitHub Actions', uri: 'file:///w/.github/workflows/ci.yml', languageId: 'github-actions-workflow',
    text: (image) => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: '${image}'\n`,
    pinned: (image, _name, digest) => `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: '${image}@${digest}'\n`,
  },
  {
    name: 'GitLab CI', uri: 'file:///w/.gitlab-ci.yml', languageId: 'yaml',
    text: (image) => `test:\n  services:\n    - name: ${image}\n      alias: db\n  script: [mvn verify]\n`,
    pinned: (image, _name, digest) => `test:\n  services:\n    - name: ${image}@${digest}\n      alias: db\n  script: [mvn verify]\n`,
  },
  {
    name: 'Skaffold (jib.fromImage, digest-only as for Jib)', uri: 'file:///w/skaffold.yaml', languageId: 'yaml',
    text: (image) => `apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: app\n      jib:\n        fromImage: ${image}\n`,
    pinned: (_image, name, digest) => `apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: app\n      jib:\n        fromImage: ${name}@${digest} # tag: 17\n`,
  },
  {
    name: 'Testcontainers (Java, digest-only with a // tag comment)', uri: 'file:///w/src/test/java/AppTests.java', languageId: 'java',
    text: (image) => `import org.testcontainers.containers.PostgreSQLContainer;\n\nclass AppTests {\n  static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("${image}");\n}\n`,
    pinned: (_image, name, digest) => `import org.testcontainers.containers.PostgreSQLContainer;\n\nclass AppTests {\n  static PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("${name}@${digest}"); // tag: 17\n}\n`,
  },
  {
    name: 'Quarkus application.properties (Jib base image, digest-only)', uri: 'file:///w/src/main/resources/application.properties', languageId: 'properties',
    text: (image) => `quarkus.application.name=app\nquarkus.jib.base-jvm-image=${image}\nquarkus.jib.platforms=linux/amd64,linux/arm64\n`,
    pinned: (_image, name, digest) => `quarkus.application.name=app\nquarkus.jib.base-jvm-image=${name}@${digest}\nquarkus.jib.platforms=linux/amd64,linux/arm64\n`,
  },
];

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
}

/** Hover platforms and the pin fix for one file of every new kind, through the LSP, against a real registry. */
describe('registry features of Compose, Kubernetes, workflows, GitLab CI, Skaffold, Testcontainers, Quarkus through the LSP (real registry)', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let java: PushedIndex;
  let client: LspTestClient;

  before(async () => {
    registry = await startRegistry({ auth: 'token' });
    java = await pushIndex(registry, 'base/java', '17');
    const home = mkdtempSync(path.join(os.tmpdir(), 'imageref-kinds-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }));
    client = new LspTestClient({ ...process.env, DOCKER_CONFIG: path.join(home, '.docker'), HOME: home, XDG_RUNTIME_DIR: home });
    await client.initialize({ cacheDir: path.join(home, 'cache') });
  });
  after(async () => {
    await client?.stop();
    await registry?.stop();
  });

  for (const kind of CASES) {
    it(`${kind.name}: unpinned, hover lists the platforms, the pin fix keeps quotes and comments`, async () => {
      const name = `${registry.host}/base/java`;
      const image = `${name}:17`;
      const text = kind.text(image);
      await client.open(kind.uri, text, kind.languageId);
      const diagnostics = await client.diagnostics(kind.uri, (p) => p.diagnostics.length > 0, 30000);
      assert.deepEqual(diagnostics.map((d) => d.code), ['unpinned'], JSON.stringify(diagnostics));
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: kind.uri }, position: diagnostics[0].range.start });
      const md = (hover.contents as { value: string }).value;
      assert.match(md, new RegExp(`\\*\\*Digest:\\*\\* \`${java.digest}\``));
      assert.match(md, /\| linux\/amd64 \| `sha256:/);
      assert.match(md, /\| linux\/arm64\/v8 \| `sha256:/);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: kind.uri }, range: diagnostics[0].range, context: { diagnostics },
      });
      const pin = actions.find((a) => a.title.startsWith('Pin to digest'));
      assert.ok(pin, JSON.stringify(actions));
      assert.equal(applyEdits(text, pin.edit!.changes![kind.uri]), kind.pinned(image, name, java.digest));
    });
  }
});
