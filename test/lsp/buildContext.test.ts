import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';

const BUILD_GRADLE = [
  "plugins { id 'com.google.cloud.tools.jib' version '3.4.4' }",
  'jib {',
  '    from { image = "eclipse-temurin:$jdkTag" }',
  '}',
  '',
].join('\n');

const PARENT_POM = (image: string) => `<project>
  <groupId>com.example</groupId>
  <artifactId>parent</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <properties>
    <base.image>${image}</base.image>
  </properties>
</project>
`;

const CHILD_POM = `<project>
  <parent>
    <groupId>com.example</groupId>
    <artifactId>parent</artifactId>
    <version>1</version>
  </parent>
  <artifactId>app</artifactId>
  <build><plugins><plugin>
    <groupId>com.google.cloud.tools</groupId>
    <artifactId>jib-maven-plugin</artifactId>
    <configuration><from><image>\${base.image}</image></from></configuration>
  </plugin></plugins></build>
</project>
`;

const WATCHING = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };
const brief = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
const has = (code: string) => (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === code);

/** A Gradle build (settings.gradle at the root, a subproject reading the root's gradle.properties). */
function gradleProject(jdkTag: string): { root: string; buildUri: string; propertiesFile: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'imageref-lspctx-'));
  writeFileSync(path.join(root, 'settings.gradle'), "rootProject.name = 'demo'\ninclude 'app'\n");
  const propertiesFile = path.join(root, 'gradle.properties');
  writeFileSync(propertiesFile, `jdkTag=${jdkTag}\n`);
  mkdirSync(path.join(root, 'app'));
  writeFileSync(path.join(root, 'app', 'build.gradle'), BUILD_GRADLE);
  return { root, buildUri: pathToFileURL(path.join(root, 'app', 'build.gradle')).href, propertiesFile };
}

function mavenProject(image: string): { parentFile: string; childUri: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'imageref-lspctx-'));
  const parentFile = path.join(root, 'pom.xml');
  writeFileSync(parentFile, PARENT_POM(image));
  mkdirSync(path.join(root, 'app'));
  writeFileSync(path.join(root, 'app', 'pom.xml'), CHILD_POM);
  return { parentFile, childUri: pathToFileURL(path.join(root, 'app', 'pom.xml')).href };
}

describe('LSP: the build context follows gradle.properties and parent poms', function () {
  this.timeout(30000);
  let client: LspTestClient;
  afterEach(async () => client?.stop());

  it('registers watchers for the build-context files when the client supports dynamic registration', async () => {
    client = new LspTestClient({ ...process.env, GRADLE_USER_HOME: path.join(os.tmpdir(), 'no-such-gradle-home') });
    await client.initialize({ settings: { offline: true } }, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } });
    const deadline = Date.now() + 5000;
    const globs = () => client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: Array<{ globPattern: unknown }> }).watchers.map((w) => w.globPattern));
    while (globs().length < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(globs(), [
      '**/.imageref.json', '**/gradle.properties', '**/settings.gradle', '**/settings.gradle.kts', '**/pom.xml', '**/.env',
      { baseUri: pathToFileURL(path.join(os.tmpdir(), 'no-such-gradle-home')).href, pattern: 'gradle.properties' },
    ]);
  });

  it('gradle.properties changed on disk: the watched-files notification revalidates the build file within a second', async () => {
    const project = gradleProject('17');
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, WATCHING);
    await client.open(project.buildUri, BUILD_GRADLE, 'groovy');
    assert.deepEqual(brief(await client.diagnostics(project.buildUri, has('unpinned'))), [['unpinned', 2, 20, 43]]);
    writeFileSync(project.propertiesFile, 'jdkTag=latest\n');
    const started = Date.now();
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(project.propertiesFile).href, type: 2 }] });
    const after = await client.diagnostics(project.buildUri, has('latest-tag'), 1000);
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(brief(after), [['latest-tag', 2, 20, 43]]);
    // A gradle.properties created in the subproject (nearer, so it wins) counts too.
    const nearer = path.join(project.root, 'app', 'gradle.properties');
    writeFileSync(nearer, 'jdkTag=21\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(nearer).href, type: 1 }] });
    assert.deepEqual(brief(await client.diagnostics(project.buildUri, (p) => has('unpinned')(p) && client.lastPublished(project.buildUri) === p, 1000)), [['unpinned', 2, 20, 43]]);
  });

  it('an open, unsaved gradle.properties wins over the disk and revalidates its dependants as it is typed', async () => {
    const project = gradleProject('17');
    const propertiesUri = pathToFileURL(project.propertiesFile).href;
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, WATCHING);
    await client.open(project.buildUri, BUILD_GRADLE, 'groovy');
    await client.diagnostics(project.buildUri, has('unpinned'));
    await client.open(propertiesUri, 'jdkTag=17\n', 'properties');
    await client.change(propertiesUri, 2, 'jdkTag=latest\n');
    assert.deepEqual(brief(await client.diagnostics(project.buildUri, has('latest-tag'), 1000)), [['latest-tag', 2, 20, 43]]);
    // Closed without saving: the copy on disk applies again.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: propertiesUri } });
    const count = client.allPublished(project.buildUri).length;
    await client.diagnostics(project.buildUri, (p) => client.allPublished(project.buildUri).indexOf(p) >= count && has('unpinned')(p), 1000);
  });

  it('a parent pom changed on disk, then in an open buffer: the child pom follows', async () => {
    const project = mavenProject('eclipse-temurin:17');
    const parentUri = pathToFileURL(project.parentFile).href;
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, WATCHING);
    await client.open(project.childUri, CHILD_POM, 'xml');
    // A value from the parent is reported where the child uses it: `${base.image}` on line 11.
    assert.deepEqual(brief(await client.diagnostics(project.childUri, has('unpinned'))), [['unpinned', 10, 32, 45]]);
    writeFileSync(project.parentFile, PARENT_POM('eclipse-temurin:latest'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: parentUri, type: 2 }] });
    assert.deepEqual(brief(await client.diagnostics(project.childUri, has('latest-tag'), 1000)), [['latest-tag', 10, 32, 45]]);
    await client.open(parentUri, PARENT_POM('eclipse-temurin:latest'), 'xml');
    await client.change(parentUri, 2, PARENT_POM('eclipse-temurin'));
    assert.deepEqual(brief(await client.diagnostics(project.childUri, has('implicit-latest'), 1000)), [['implicit-latest', 10, 32, 45]]);
  });

  it('a Compose file follows its .env', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'imageref-lspctx-'));
    const envFile = path.join(root, '.env');
    writeFileSync(envFile, 'TAG=1.27\n');
    const compose = 'services:\n  web:\n    image: nginx:${TAG}\n';
    const uri = pathToFileURL(path.join(root, 'compose.yaml')).href;
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, WATCHING);
    await client.open(uri, compose, 'yaml');
    assert.deepEqual(brief(await client.diagnostics(uri, has('unpinned'))), [['unpinned', 2, 11, 23]]);
    writeFileSync(envFile, 'TAG=latest\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(envFile).href, type: 2 }] });
    assert.deepEqual(brief(await client.diagnostics(uri, has('latest-tag'), 1000)), [['latest-tag', 2, 11, 23]]);
  });

  it('a client without dynamic registration: the server watches the files itself', async () => {
    const project = gradleProject('17');
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } });
    await client.open(project.buildUri, BUILD_GRADLE, 'groovy');
    await client.diagnostics(project.buildUri, has('unpinned'));
    assert.ok(!client.serverRequests.includes('client/registerCapability'));
    writeFileSync(project.propertiesFile, 'jdkTag=latest\n');
    assert.deepEqual(brief(await client.diagnostics(project.buildUri, has('latest-tag'), 2000)), [['latest-tag', 2, 20, 43]]);
  });
});
