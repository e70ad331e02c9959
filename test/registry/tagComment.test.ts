import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/** A digest-only pin keeps its tag in a comment; once the tag moves, stale-digest says so, as for `repo:tag@digest`. */
describe('stale-digest from a tag comment (CLI, real registry)', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let old: PushedIndex;
  let current: PushedIndex;
  let home: string;
  let dir: string;

  before(async () => {
    registry = await startRegistry();
    old = await pushIndex(registry, 'base/java', '17', { salt: 'old' });
    current = await pushIndex(registry, 'base/java', '17', { salt: 'new' });
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-tagcomment-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), '{}');
  });
  after(async () => {
    await registry?.stop();
    rmSync(home, { recursive: true, force: true });
  });
  beforeEach(() => (dir = mkdtempSync(path.join(home, 'project-'))));

  const run = (args: string[]) => {
    const env = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), XDG_CACHE_HOME: path.join(home, 'cache') };
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const pom = (digest: string, tag: string) => `<project><build><plugins><plugin>
  <artifactId>jib-maven-plugin</artifactId>
  <configuration><from><image>${registry.host}/base/java@${digest}</image> <!-- tag: ${tag} --></from></configuration>
</plugin></plugins></build></project>
`;
  const gradle = (digest: string, tag: string) => `jib { from { image = '${registry.host}/base/java@${digest}' } } // tag: ${tag}\n`;

  it('reports stale-digest for pom.xml and Gradle pins whose comment tag moved, and fix updates the digest', () => {
    writeFileSync(path.join(dir, 'pom.xml'), pom(old.digest, '17'));
    writeFileSync(path.join(dir, 'build.gradle'), gradle(old.digest, '17'));
    const checked = run(['check', '--format', 'json', '.']);
    const findings = JSON.parse(checked.stdout) as Array<{ code: string; message: string; file: string }>;
    const stale = findings.filter((f) => f.code === 'stale-digest');
    assert.equal(stale.length, 2, checked.stdout + checked.stderr);
    for (const f of stale) assert.match(f.message, /Tag `17` \(from the tag comment\) now points at/);
    const fixed = run(['fix', '.']);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(readFileSync(path.join(dir, 'pom.xml'), 'utf8'), pom(current.digest, '17'));
    assert.equal(readFileSync(path.join(dir, 'build.gradle'), 'utf8'), gradle(current.digest, '17'));
    const again = JSON.parse(run(['check', '--format', 'json', '.']).stdout) as Array<{ code: string }>;
    assert.deepEqual(again.filter((f) => f.code === 'stale-digest'), []);
  });

  it('is quiet for a current pin and says when the comment tag does not exist', () => {
    writeFileSync(path.join(dir, 'pom.xml'), pom(current.digest, '17'));
    writeFileSync(path.join(dir, 'build.gradle'), gradle(current.digest, '404'));
    const findings = JSON.parse(run(['check', '--format', 'json', '.']).stdout) as Array<{ code: string; message: string; file: string }>;
    assert.deepEqual(findings.map((f) => [path.basename(f.file), f.code]), [['build.gradle', 'tag-not-found']]);
    assert.match(findings[0].message, /Tag `404` of the tag comment was not found/);
  });
});
