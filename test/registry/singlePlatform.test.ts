import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CLI } from '../support/lspClient';
import { pushSingle } from '../support/push';
import { startRecordingFront, type RecordingFront } from '../support/recordingFront';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

interface Record {
  file: string;
  code: string;
  message: string;
}

const jibPom = (image: string, platforms?: string[]) => `<project><build><plugins><plugin>
  <artifactId>jib-maven-plugin</artifactId>
  <configuration><from><image>${image}</image>${platforms ? `<platforms>${platforms.map((a) => `<platform><architecture>${a}</architecture><os>linux</os></platform>`).join('')}</platforms>` : ''}</from></configuration>
</plugin></plugins></build></project>
`;

const bootPom = (image: string, platform: string) => `<project><build><plugins><plugin>
  <groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId>
  <configuration><image><name>example.com/app</name><runImage>${image}</runImage><imagePlatform>${platform}</imagePlatform></image></configuration>
</plugin></plugins></build></project>
`;

/** `platform-missing` for single-platform images, through `imageref check` against a real registry. */
describe('platform-missing on single-platform images (real registry, CLI)', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let front: RecordingFront;
  let amd64: string;
  let arm64: string;

  before(async () => {
    registry = await startRegistry();
    front = await startRecordingFront(registry.url);
    await pushSingle(registry, 'team/app', '1.0', { os: 'linux', architecture: 'amd64' });
    await pushSingle(registry, 'team/armonly', '1.0', { os: 'linux', architecture: 'arm64' });
    amd64 = `${front.host}/team/app:1.0`;
    arm64 = `${front.host}/team/armonly:1.0`;
  });
  after(async () => {
    await front?.stop();
    await registry?.stop();
  });

  /** Asynchronous: the recording front answers in this process. */
  async function check(files: { [name: string]: string }): Promise<Record[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-single-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const r = await promisify(execFile)(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never', '.'], { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: dir } });
    return JSON.parse(r.stdout) as Record[];
  }
  const missing = (records: Record[], file: string) => records.filter((r) => r.file === file && r.code === 'platform-missing').map((r) => r.message);

  it('Dockerfile --platform, Jib platforms and Jib\'s default linux/amd64, Spring Boot imagePlatform (Maven and Gradle)', async () => {
    const records = await check({
      'Dockerfile': `FROM --platform=linux/arm64 ${amd64}\nFROM --platform=linux/amd64 ${amd64}\n`,
      'jib/pom.xml': jibPom(amd64, ['arm64']),
      'jibdefault/pom.xml': jibPom(arm64),
      'jibok/pom.xml': jibPom(amd64, ['amd64']),
      'boot/pom.xml': bootPom(amd64, 'linux/arm64'),
      'gradle/build.gradle': `jib {\n  from {\n    image = '${amd64}'\n    platforms {\n      platform {\n        architecture = 'arm64'\n        os = 'linux'\n      }\n    }\n  }\n}\n`,
      'kts/build.gradle.kts': `tasks.named<org.springframework.boot.gradle.tasks.bundling.BootBuildImage>("bootBuildImage") {\n  runImage.set("${amd64}")\n  imagePlatform.set("linux/arm64")\n}\n`,
    });
    const single = 'it is a single-platform image for linux/amd64.';
    assert.deepEqual(missing(records, 'Dockerfile'), [`The image has no linux/arm64 (configured platform); ${single}`]);
    assert.deepEqual(missing(records, 'jib/pom.xml'), [`The image has no linux/arm64 (configured platform); ${single}`]);
    assert.deepEqual(missing(records, 'jibdefault/pom.xml'), ["The image has no linux/amd64 (Jib's default platform); it is a single-platform image for linux/arm64."]);
    assert.deepEqual(missing(records, 'jibok/pom.xml'), []);
    assert.deepEqual(missing(records, 'boot/pom.xml'), [`The image has no linux/arm64 (configured platform); ${single}`]);
    assert.deepEqual(missing(records, 'gradle/build.gradle'), [`The image has no linux/arm64 (configured platform); ${single}`]);
    assert.deepEqual(missing(records, 'kts/build.gradle.kts'), [`The image has no linux/arm64 (configured platform); ${single}`]);
  });

  it('imageref resolve --platform finds the one platform of a single-platform image', async () => {
    const run = (args: string[]) => promisify(execFile)(process.execPath, [CLI, 'resolve', ...args], { env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(path.join(os.tmpdir(), 'imageref-single-')) } });
    const found = JSON.parse((await run([amd64, '--platform', 'linux/amd64', '--format', 'json'])).stdout) as { platforms: Array<{ os: string; architecture: string }> };
    assert.deepEqual(found.platforms.map((p) => `${p.os}/${p.architecture}`), ['linux/amd64']);
    const none = await run([amd64, '--platform', 'linux/arm64', '--format', 'json']).then(() => undefined, (e: { code: number; stdout: string }) => e);
    assert.equal(none?.code, 1);
    assert.equal((JSON.parse(none!.stdout) as { kind: string }).kind, 'platform-not-found');
  });

  it('a plain unpinned FROM costs one HEAD and no config read', async () => {
    front.requests.length = 0;
    const records = await check({ 'Dockerfile': `FROM ${front.host}/team/armonly:1.0\n` });
    assert.deepEqual(records.map((r) => r.code), ['unpinned']);
    assert.deepEqual(front.requests.map((r) => `${r.method} ${r.url}`), ['HEAD /v2/team/armonly/manifests/1.0']);
  });
});
