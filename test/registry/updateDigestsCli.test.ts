import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

describe('imageref fix --update-digests (CLI, real registry, Basic auth)', function () {
  this.timeout(90_000);
  let registry: TestRegistry;
  let old: PushedIndex;
  let current: PushedIndex;
  let other: PushedIndex;
  let home: string;
  let dir: string;

  before(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    old = await pushIndex(registry, 'base/java', '17', { salt: 'old' });
    current = await pushIndex(registry, 'base/java', '17', { salt: 'new' });
    other = await pushIndex(registry, 'base/java', '21', { salt: 'other' });
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-update-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({
      auths: { [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } },
    }));
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
  const repo = () => `${registry.host}/base/java`;
  const dockerfile = (d17: string) => `FROM ${repo()}:17@${d17} AS a\nFROM ${repo()}:21@${other.digest} AS b\nFROM ${repo()}:17 AS c\n`;
  const pom = (d: string) => `<project><build><plugins><plugin>\n<artifactId>jib-maven-plugin</artifactId>\n<configuration><from><image>${repo()}@${d}</image> <!-- tag: 17 --></from></configuration>\n</plugin></plugins></build></project>\n`;
  const gradle = (d: string) => `jib {\n  from { image = '${repo()}@${d}' } // tag: 17\n}\n`;
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

  function writeProject() {
    writeFileSync(path.join(dir, 'Dockerfile'), dockerfile(old.digest));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'app', 'pom.xml'), pom(old.digest));
    writeFileSync(path.join(dir, 'app', 'build.gradle'), gradle(old.digest));
  }

  it('--dry-run lists every stale digest (tag and tag comment) and changes nothing', () => {
    writeProject();
    const dry = run(['fix', '--update-digests', '--dry-run', '.']);
    assert.equal(dry.code, 0, dry.stderr);
    const lines = dry.stdout.trim().split('\n');
    assert.equal(lines.length, 4, dry.stdout);
    assert.deepEqual(lines.slice(0, 3).map((l) => l.split(':')[0]).sort(), ['Dockerfile', 'app/build.gradle', 'app/pom.xml']);
    assert.match(lines.find((l) => l.startsWith('Dockerfile')) ?? '', new RegExp(`^Dockerfile:1:\\d+: stale-digest: ${old.digest} → ${current.digest} \\(dry run\\)$`));
    assert.equal(lines[3], '3 stale digests would be updated in 3 of 3 files');
    assert.equal(read('Dockerfile'), dockerfile(old.digest));
    assert.equal(read('app/pom.xml'), pom(old.digest));
  });

  it('updates them in place, touching nothing else, also when stale-digest is off for the project', () => {
    writeProject();
    writeFileSync(path.join(dir, '.imageref.json'), '{"rules": {"stale-digest": "off"}}');
    const fixed = run(['fix', '--update-digests']);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /3 stale digests updated in 3 of 3 files/);
    assert.equal(read('Dockerfile'), dockerfile(current.digest), 'the unpinned and the current pin untouched');
    assert.equal(read('app/pom.xml'), pom(current.digest));
    assert.equal(read('app/build.gradle'), gradle(current.digest));
    const again = run(['fix', '--update-digests', 'app', 'Dockerfile']);
    assert.match(again.stdout, /^0 stale digests updated in 0 of 3 files$/m);
    assert.doesNotMatch(fixed.stdout + fixed.stderr, /wonderland/);
  });

  it('refuses to run offline', () => {
    writeProject();
    const offline = run(['fix', '--update-digests', '--offline', '.']);
    assert.equal(offline.code, 2);
    assert.match(offline.stderr, /cannot run with --offline/);
    assert.equal(read('Dockerfile'), dockerfile(old.digest));
  });
});
