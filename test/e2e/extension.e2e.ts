/**
 * The packaged extension in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100) against a real local
 * registry (Debian's docker-registry): open build files from the explorer, read squiggles and the Problems panel,
 * hover, apply a quick fix with the keyboard, pin through the command palette, save, and check the files on disk.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pushIndex, type PushedIndex } from '../support/push';
import { freePort, startRegistry, type TestRegistry } from '../support/registryHarness';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../shared/serverProcess';
import { startCodeServer, type CodeServer } from './codeServer';
import { packagedExtension } from './extensionPackage';
import { Workbench } from './workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/e2e → repository root
const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');

describe('imageref in VS Code (code-server) against a local registry', function () {
  this.timeout(120_000);

  let temp: string;
  let workspace: string;
  let registry: TestRegistry;
  let java17: PushedIndex;
  let codeServer: CodeServer | undefined;
  let bench: Workbench;
  const logLines: string[] = [];
  const log = (line: string) => {
    logLines.push(line);
    if (process.env.IMAGEREF_E2E_VERBOSE) console.log(`    | ${line}`);
  };
  const file = (name: string) => readFileSync(path.join(workspace, name), 'utf8');

  before(async function () {
    this.timeout(300_000);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    temp = mkdtempSync(path.join(os.tmpdir(), 'imageref-e2e-'));

    registry = await startRegistry();
    java17 = await pushIndex(registry, 'base/java', '17');
    const closedPort = await freePort(); // nothing listens here: registry-unreachable

    workspace = path.join(temp, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const host = registry.host;
    writeFileSync(path.join(workspace, 'pom.xml'), pom(host));
    writeFileSync(
      path.join(workspace, 'build.gradle.kts'),
      ['plugins {', '    id("com.google.cloud.tools.jib") version "3.4.4"', '}', '', 'jib {', '    from {',
        `        image = "${host}/base/java:17"`, '    }', '    to {', '        image = "example/app"', '    }', '}', ''].join('\n'),
    );
    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      [`FROM ${host}/base/java:17 AS build`, 'RUN echo build', `FROM ${host}/base/java:99`, ''].join('\n'),
    );
    writeFileSync(path.join(workspace, 'Dockerfile.unreachable'), `FROM 127.0.0.1:${closedPort}/base/java:17\n`);
    writeFileSync(
      path.join(workspace, 'compose.yaml'),
      ['services:', '  app:', '    build: .', '    image: example/app:1.0', '  db:', `    image: "${host}/base/java:17" # the runtime`, ''].join('\n'),
    );
    writeFileSync(
      path.join(workspace, 'AppTests.java'),
      ['import org.testcontainers.containers.GenericContainer;', '', 'class AppTests {',
        `    static GenericContainer<?> app = new GenericContainer<>("${host}/base/java:17");`, '}', ''].join('\n'),
    );

    const dockerConfig = path.join(temp, 'docker-config');
    mkdirSync(dockerConfig, { recursive: true });
    writeFileSync(path.join(dockerConfig, 'config.json'), '{"auths":{}}\n');

    codeServer = await startCodeServer({
      dir: temp,
      workspace,
      extension: packagedExtension(temp),
      userSettings: {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.editor.enablePreview': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'chat.commandCenter.enabled': false,
        'editor.hover.delay': 300,
        'editor.minimap.enabled': false,
        // so the test saves with Ctrl+S itself (code-server saves edits on its own otherwise)
        'files.autoSave': 'off',
        'files.refactoring.autoSave': false,
        'imageref.trace.server': 'messages',
      },
      env: { DOCKER_CONFIG: dockerConfig, XDG_CACHE_HOME: path.join(temp, 'cache'), HOME: path.join(temp, 'home') },
      log,
    });
    log(`code-server ${codeServer.version} on ${codeServer.url}`);
    console.log(`    code-server: ${codeServer.version}; registry ${registry.url}`);
    bench = await Workbench.open({ url: codeServer.url, workspace, artifacts: ARTIFACTS, log });
    await bench.screenshot('workbench');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && bench) {
      await bench.screenshot(`FAILED-${slug(this.currentTest.title)}`).catch(() => undefined);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await bench?.close().catch(() => undefined);
    await codeServer?.stop().catch(() => undefined);
    if (codeServer) copyLogs(codeServer.userDataDir);
    writeFileSync(path.join(ARTIFACTS, 'code-server.log'), logLines.join('\n'));
    await registry?.stop().catch(() => undefined);
    if (temp && !process.env.IMAGEREF_E2E_KEEP) rmSync(temp, { recursive: true, force: true });
  });

  it('pom.xml: squiggles on the Jib base image, marked by the grammar', async () => {
    await bench.openFile('pom.xml');
    await bench.waitForSquiggle('any');
    // The injection grammar splits the reference into tokens: registry, repository, tag.
    await bench.token('base/java', '<image>').waitFor({ timeout: 10_000 });
    await bench.token(registry.host, '<image>').waitFor({ timeout: 10_000 });
    await bench.screenshot('pom-squiggles');
  });

  it('pom.xml: the Problems panel lists the unpinned base image', async () => {
    const rows = await bench.problems((r) => r.some((l) => /unpinned/.test(l)));
    console.log(`      Problems: ${rows.filter((r) => /pom\.xml|unpinned|imageref/.test(r)).join(' || ')}`);
    assert.ok(rows.some((l) => /pom\.xml/.test(l)), 'a row for pom.xml');
    await bench.screenshot('problems-pom');
    await bench.closePanel();
  });

  it('the extension forks the language server with its node flags and environment (shared/serverProcess.ts)', () => {
    const servers = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((a) => a.endsWith(`${path.sep}dist${path.sep}server.js`)) ? [{ pid, argv, environ: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0') }] : [];
      } catch {
        return []; // gone, or not ours to read
      }
    });
    assert.ok(servers.length > 0, 'a running dist/server.js');
    for (const server of servers) {
      for (const flag of SERVER_EXEC_ARGV) assert.ok(server.argv.includes(flag), `server ${server.pid} runs with ${flag}: ${server.argv.join(' ')}`);
      for (const [key, value] of Object.entries(SERVER_ENV)) assert.ok(server.environ.includes(`${key}=${value}`), `server ${server.pid} has ${key}=${value}`);
    }
  });

  it('pom.xml: hover shows the parts and the platform table from the registry', async () => {
    const text = await bench.hover(bench.token('base/java', '<image>'), /linux\/arm64/);
    console.log(`      hover: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    assert.match(text, /base\/java/);
    assert.match(text, /linux\/amd64/);
    assert.ok(text.includes(java17.digest), 'hover shows the index digest');
    // In the default hover size the digest and the platforms are visible without scrolling; the parts come after.
    assert.ok(await bench.visibleInHover(/linux\/arm64/), 'the platforms table is visible without scrolling');
    assert.ok(text.indexOf('linux/arm64') < text.indexOf('Repository'), 'platforms before the parts table');
    await bench.scrollHoverTo(/linux\/arm64/);
    await bench.screenshot('hover-pom');
    await bench.dismiss();
  });

  it('pom.xml: Ctrl+. applies "Pin to digest", Ctrl+S saves the pinned reference', async () => {
    await bench.token('base/java', '<image>').click();
    const offered = await bench.applyQuickFix(/^Pin to digest/);
    console.log(`      quick fixes offered: ${offered.join(' | ')}`);
    await bench.waitForLine(/@sha256:/);
    await bench.screenshot('pom-pinned-unsaved');
    await bench.save();
    const text = file('pom.xml');
    assert.match(text, new RegExp(`<image>${esc(registry.host)}/base/java:17@${esc(java17.digest)}</image>|<image>${esc(registry.host)}/base/java@${esc(java17.digest)}</image>`));
    assert.match(text, /<image>example\/app<\/image>/, 'the target image is left alone');
    // the server re-validates the pinned text: the unpinned warning goes away
    await bench.problems((r) => !r.some((l) => /unpinned/.test(l)));
    await bench.closePanel();
  });

  it('Dockerfile: the tag that does not exist is reported; "Pin all" from the command palette pins the rest', async () => {
    await bench.openFile('Dockerfile');
    await bench.waitForSquiggle('error');
    const rows = await bench.problems((r) => r.some((l) => /tag-not-found|not found/i.test(l)));
    console.log(`      Problems: ${rows.filter((r) => /Dockerfile|tag/.test(r)).join(' || ')}`);
    await bench.closePanel();
    await bench.screenshot('dockerfile-squiggles');
    await bench.runCommand('imageref: Pin All Image References to Digests');
    await bench.waitForLine(/@sha256:/);
    await bench.save();
    const lines = file('Dockerfile').split('\n');
    assert.match(lines[0], new RegExp(`^FROM ${esc(registry.host)}/base/java(:17)?@${esc(java17.digest)} AS build$`));
    assert.equal(lines[2], `FROM ${registry.host}/base/java:99`, 'a tag that cannot be resolved stays as it is');
    await bench.screenshot('dockerfile-pinned');
  });

  it('Dockerfile: "Inspect Editor Tokens and Scopes" shows the injection grammar scopes', async () => {
    await bench.goTo(3, 7); // on the registry of line 3
    await bench.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const widget = bench.page.locator('.token-inspect-widget');
    await widget.waitFor({ timeout: 10_000 });
    const text = await widget.innerText();
    await bench.screenshot('inspect-tokens');
    await bench.dismiss();
    assert.match(text, /entity\.name\.namespace\.registry\.imageref/, text);
    assert.match(text, /meta\.image-reference\.imageref/, text);
  });

  it('build.gradle.kts: diagnostics and a hover in a Kotlin DSL file', async () => {
    await bench.openFile('build.gradle.kts');
    await bench.waitForSquiggle('any');
    const rows = await bench.problems((r) => r.some((l) => /build\.gradle\.kts/.test(l)));
    console.log(`      Problems: ${rows.filter((r) => /gradle|unpinned|latest/.test(r)).join(' || ')}`);
    await bench.closePanel();
    await bench.goTo(7, 30); // inside the from image reference
    const text = await bench.hoverAtCursor(/linux\/arm64/);
    assert.match(text, /base\/java/);
    await bench.scrollHoverTo(/linux\/arm64/);
    await bench.screenshot('hover-gradle');
    await bench.dismiss();
  });

  it('compose.yaml: squiggle and hover on the pulled image, the pin keeps quotes and the comment', async () => {
    await bench.openFile('compose.yaml');
    await bench.waitForSquiggle('any');
    await bench.goTo(6, 20); // inside the db image
    const text = await bench.hoverAtCursor(/linux\/arm64/);
    assert.match(text, /Base image \(pulled\)/);
    await bench.screenshot('hover-compose');
    await bench.dismiss();
    await bench.goTo(6, 20);
    await bench.applyQuickFix(/^Pin to digest/);
    await bench.waitForLine(/@sha256:/);
    await bench.save();
    const saved = file('compose.yaml');
    assert.match(saved, new RegExp(`image: "${esc(registry.host)}/base/java:17@${esc(java17.digest)}" # the runtime\n`));
    assert.match(saved, /image: example\/app:1\.0\n/, 'the built (target) image is left alone');
  });

  it('AppTests.java: a Testcontainers image gets a squiggle and a hover with its platforms', async () => {
    await bench.openFile('AppTests.java');
    await bench.waitForSquiggle('any');
    await bench.goTo(4, 70); // inside the GenericContainer literal
    const text = await bench.hoverAtCursor(/linux\/arm64/);
    assert.match(text, /testcontainers new GenericContainer/);
    await bench.screenshot('hover-testcontainers');
    await bench.dismiss();
  });

  it('an unreachable registry is reported and the status bar item warns', async () => {
    await bench.openFile('Dockerfile.unreachable');
    const rows = await bench.problems((r) => r.some((l) => /unreachable|could not be reached|ECONNREFUSED/i.test(l)));
    console.log(`      Problems: ${rows.filter((r) => /unreachable/.test(r)).join(' || ')}`);
    await bench.closePanel();
    const item = bench.statusItem();
    await item.filter({ hasText: /unreachable/ }).first().waitFor({ timeout: 30_000 });
    console.log(`      status bar: ${(await item.first().innerText()).trim()}`);
    await bench.screenshot('status-unreachable');
  });

  it('the status bar item hides again once a document resolves cleanly', async () => {
    await bench.openFile('pom.xml');
    await bench.runCommand('imageref: Refresh Image References (Ignore Cached Tags)');
    await bench.statusItem().filter({ hasText: /unreachable/ }).first().waitFor({ state: 'detached', timeout: 30_000 });
    await bench.screenshot('status-idle');
  });
});

function copyLogs(userDataDir: string): void {
  const found = spawnSync('find', [path.join(userDataDir, 'logs'), '-name', '*.log'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const dest = path.join(ARTIFACTS, 'logs');
  mkdirSync(dest, { recursive: true });
  for (const f of found) {
    if (/imageref|exthost|remoteexthost|server/i.test(f)) cpSync(f, path.join(dest, f.split(path.sep).slice(-3).join('_')));
  }
}

function pom(host: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>app</artifactId>
  <version>1.0.0</version>
  <build>
    <plugins>
      <plugin>
        <groupId>com.google.cloud.tools</groupId>
        <artifactId>jib-maven-plugin</artifactId>
        <version>3.4.4</version>
        <configuration>
          <from>
            <image>${host}/base/java:17</image>
          </from>
          <to>
            <image>example/app</image>
          </to>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
`;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
