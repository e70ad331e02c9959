import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionList } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';
import { startPagingFront, type PagingFront } from '../support/pagingFront';
import { pushTags } from '../support/pushTags';
import { freePort, startRegistry, type RegistryAuth, type TestRegistry } from '../support/registryHarness';

/** 150 numbered tags (three pages of the front's 50) and the tags of two Temurin-like families. */
const TAGS = [
  ...Array.from({ length: 150 }, (_, i) => `1.${i}.0`),
  '21.0.4_7-jre', '21.0.5_11-jre', '21.0.5_11-jdk', '21-jre', 'jammy', 'latest',
];

function documents(host: string) {
  return {
    dockerfile: { uri: 'file:///work/Dockerfile', languageId: 'dockerfile', text: `FROM ${host}/team/java:21.0.4_7-jre AS build\nCOPY --from=${host}/team/java: /a /b\n` },
    pom: { uri: 'file:///work/pom.xml', languageId: 'xml', text: `<project><build><plugins><plugin>\n<artifactId>jib-maven-plugin</artifactId>\n<configuration><from><image>${host}/team/java:</image></from></configuration>\n</plugin></plugins></build></project>\n` },
    gradle: { uri: 'file:///work/build.gradle', languageId: 'groovy', text: `jib {\n  from { image = '${host}/team/java:21-' }\n}\n` },
    compose: { uri: 'file:///work/compose.yaml', languageId: 'yaml', text: `services:\n  app:\n    image: "${host}/team/java:21"\n` },
    kubernetes: { uri: 'file:///work/k8s/app.yaml', languageId: 'yaml', text: `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      image: ${host}/team/java:1.\n` },
    testcontainers: {
      uri: 'file:///work/src/test/java/AppTests.java', languageId: 'java',
      text: `import org.testcontainers.containers.GenericContainer;\nclass AppTests {\n  GenericContainer<?> app = new GenericContainer<>("${host}/team/java:21");\n}\n`,
    },
    quarkus: { uri: 'file:///work/src/main/resources/application.properties', languageId: 'properties', text: `quarkus.jib.base-jvm-image=${host}/team/java:21\n` },
  };
}

/** The position just after `needle` (its first occurrence) in `text`. */
function positionAfter(text: string, needle: string) {
  const offset = text.indexOf(needle) + needle.length;
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

for (const auth of ['htpasswd', 'token'] as RegistryAuth[]) {
  describe(`tag completion through the LSP (real registry, ${auth === 'htpasswd' ? 'Basic' : 'token'} auth, paged tags/list)`, function () {
    this.timeout(90_000);
    let registry: TestRegistry;
    let front: PagingFront;
    let client: LspTestClient;
    let home: string;

    before(async () => {
      registry = await startRegistry({ auth });
      await pushTags(registry, 'team/java', TAGS);
      front = await startPagingFront(registry.url);
    });
    after(async () => {
      await front?.stop();
      await registry?.stop();
    });
    beforeEach(() => (front.requests.length = 0));
    afterEach(async () => {
      await client?.stop();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    async function startClient(initializationOptions: Record<string, unknown> = {}, host = front.host) {
      home = mkdtempSync(path.join(os.tmpdir(), 'imageref-completion-'));
      mkdirSync(path.join(home, '.docker'));
      const auths = { [host]: { auth: Buffer.from('alice:wonderland').toString('base64') } };
      writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths }));
      client = new LspTestClient({ ...process.env, DOCKER_CONFIG: path.join(home, '.docker'), HOME: home, XDG_RUNTIME_DIR: home });
      const result = await client.initialize({ cacheDir: path.join(home, 'cache'), ...initializationOptions }) as { capabilities: { completionProvider?: { triggerCharacters?: string[] } } };
      assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, [':']);
    }

    async function complete(doc: { uri: string; languageId: string; text: string }, needle: string): Promise<CompletionList | null> {
      await client.open(doc.uri, doc.text, doc.languageId);
      // The server may rebuild its registry client once the configuration arrives: first diagnostics first.
      await client.diagnostics(doc.uri, () => true, 30_000);
      return client.request<CompletionList | null>('textDocument/completion', {
        textDocument: { uri: doc.uri }, position: positionAfter(doc.text, needle), context: { triggerKind: 2, triggerCharacter: ':' },
      });
    }

    it('completes every tag of every page in a Dockerfile FROM, the typed family first, latest last', async () => {
      await startClient();
      const doc = documents(front.host).dockerfile;
      const list = await complete(doc, 'team/java:');
      assert.ok(list, 'a completion list');
      const labels = list.items.map((i) => i.label);
      assert.equal(labels.length, TAGS.length);
      assert.deepEqual(new Set(labels), new Set(TAGS));
      assert.deepEqual(labels.slice(0, 3), ['21.0.5_11-jre', '21.0.4_7-jre', '21-jre'], 'the -jre family, newest first');
      assert.equal(labels[labels.length - 1], 'latest');
      assert.ok(labels.indexOf('1.10.0') < labels.indexOf('1.9.0'), '1.10 after 1.9 in version order');
      const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
      assert.deepEqual(sorted, labels, 'sortText keeps the order');
      const edit = list.items[0].textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
      const line = doc.text.split('\n')[0];
      assert.equal(line.slice(edit.range.start.character, edit.range.end.character), '21.0.4_7-jre', 'the item replaces the whole tag');
      assert.equal(new Set(front.tagPages()).size, 4, 'three pages of 50, one of 6');
    });

    it('completes in COPY --from, a Jib pom and a Gradle build, with the cache answering the second time', async () => {
      await startClient();
      const docs = documents(front.host);
      const copy = await complete(docs.dockerfile, `COPY --from=${front.host}/team/java:`);
      assert.equal(copy?.items.length, TAGS.length);
      const pages = front.tagPages().length;
      const pom = await complete(docs.pom, 'team/java:');
      assert.equal(pom?.items.length, TAGS.length);
      const gradle = await complete(docs.gradle, 'team/java:21-');
      assert.equal(gradle?.items.length, TAGS.length);
      assert.equal(front.tagPages().length, pages, 'the cached list answered');
    });

    it('completes in Compose, Kubernetes, a Testcontainers class and Quarkus properties too', async () => {
      await startClient();
      const docs = documents(front.host);
      for (const [name, needle] of [['compose', 'team/java:'], ['kubernetes', 'team/java:'], ['testcontainers', 'team/java:'], ['quarkus', 'team/java:']] as const) {
        const list = await complete(docs[name], needle);
        assert.equal(list?.items.length, TAGS.length, name);
      }
    });

    it('offers nothing offline, in an untrusted workspace, or where no tag is typed', async () => {
      await startClient({ settings: { offline: true } });
      assert.equal(await complete(documents(front.host).dockerfile, 'team/java:'), null);
      await client.stop();
      await startClient({ trusted: false });
      assert.equal(await complete(documents(front.host).dockerfile, 'team/java:'), null);
      const doc = documents(front.host).dockerfile;
      assert.equal(await client.request('textDocument/completion', { textDocument: { uri: doc.uri }, position: { line: 0, character: 2 } }), null);
      assert.equal(front.tagPages().length, 0);
    });

    it('gives an empty list and no message when the registry is unreachable', async () => {
      const dead = `127.0.0.1:${await freePort()}`;
      await startClient({}, dead);
      const list = await complete(documents(dead).dockerfile, 'team/java:');
      assert.deepEqual(list?.items ?? [], []);
      const shown = client.notifications.filter((n) => n.method === 'window/showMessage');
      assert.deepEqual(shown, []);
    });
  });
}

