import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../support/lspClient';

const STACK = path.join(REPO_ROOT, 'test', 'fixtures', 'projects', 'petclinic-stack');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: tmp() } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'imageref-kinds-cli-'));
}

function copyOfStack(): string {
  const dir = tmp();
  cpSync(STACK, dir, { recursive: true });
  return dir;
}

describe('imageref CLI on Compose, Kubernetes, workflows, GitLab CI, Skaffold and Testcontainers files', function () {
  this.timeout(30000);

  it('check walks them (manifests by content, .github included, build and node_modules skipped)', () => {
    const dir = copyOfStack();
    for (const skipped of ['node_modules/x', 'build', 'target']) {
      mkdirSync(path.join(dir, skipped), { recursive: true });
      writeFileSync(path.join(dir, skipped, 'compose.yaml'), 'services:\n  a:\n    image: https://skipped\n');
    }
    writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: docs\nnav:\n  - image: https://not-a-reference\n');
    const { code, stdout } = run(['check', '--offline', '--format', 'json', '.'], dir);
    assert.equal(code, 1, stdout);
    const records = JSON.parse(stdout) as Array<{ file: string; code: string; reference?: string }>;
    const byFile = new Map<string, string[]>();
    for (const r of records) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.code]);
    assert.deepEqual([...byFile.keys()].sort(), [
      '.github/workflows/build.yml', '.gitlab-ci.yml', 'chart/templates/deployment.yaml', 'compose.yaml', 'k8s/petclinic.yaml', 'skaffold.yaml',
      'src/test/groovy/petclinic/VetControllerSpec.groovy', 'src/test/java/org/springframework/samples/petclinic/TestcontainersConfiguration.java',
      'src/test/kotlin/petclinic/OwnerRepositoryTests.kt',
    ]);
    assert.deepEqual(byFile.get('src/test/kotlin/petclinic/OwnerRepositoryTests.kt'), ['unpinned', 'tag-and-digest']);
    assert.deepEqual(byFile.get('k8s/petclinic.yaml'), ['unpinned', 'unpinned', 'implicit-latest', 'scheme-prefix']);
    assert.deepEqual(byFile.get('compose.yaml'), ['unpinned', 'unpinned', 'unpinned', 'implicit-latest', 'latest-tag']);
    assert.deepEqual(byFile.get('chart/templates/deployment.yaml'), ['unpinned'], 'Helm values give no false problem');
    assert.ok(records.some((r) => r.file === 'compose.yaml' && r.reference === 'postgres:16.4'), 'the .env value is used');
  });

  it('fix strips the scheme in a manifest and removes the digest of a Skaffold target, keeping comments and layout', () => {
    const dir = copyOfStack();
    const before = readFileSync(path.join(dir, 'k8s/petclinic.yaml'), 'utf8');
    const { code, stderr } = run(['fix', '--offline', 'k8s/petclinic.yaml', 'skaffold.yaml'], dir);
    assert.equal(code, 0, stderr);
    const after = readFileSync(path.join(dir, 'k8s/petclinic.yaml'), 'utf8');
    assert.equal(after, before.replace('image: https://docker.io/library/postgres:16.4', 'image: docker.io/library/postgres:16.4'));
    assert.match(readFileSync(path.join(dir, 'skaffold.yaml'), 'utf8'), /\n {8}- image: petclinic\n {10}jib:\n {12}fromImage: docker\.io\/library\/eclipse-temurin:21\n/);
  });

  it('fix on a Testcontainers class drops the tag of a tag+digest reference (DockerImageName rejects it)', () => {
    const dir = copyOfStack();
    const file = 'src/test/kotlin/petclinic/OwnerRepositoryTests.kt';
    const { code, stderr } = run(['fix', '--offline', file], dir);
    assert.equal(code, 0, stderr);
    assert.match(readFileSync(path.join(dir, file), 'utf8'), new RegExp(`DockerImageName\\.parse\\("redis@sha256:${'a'.repeat(64)}"\\)`));
  });

  it('check reads Quarkus configuration, not a Spring Boot application.properties', () => {
    const dir = tmp();
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'projects', 'quarkus-app'), dir, { recursive: true });
    const { stdout } = run(['check', '--offline', '--format', 'json', '.'], dir);
    const records = JSON.parse(stdout) as Array<{ file: string; code: string; reference?: string }>;
    assert.deepEqual([...new Set(records.map((r) => r.file))], ['native/src/main/resources/application.yaml', 'src/main/resources/application.properties']);
    assert.deepEqual(records.filter((r) => r.file.startsWith('src/')).map((r) => r.code), ['unpinned', 'scheme-prefix']);
    assert.ok(records.some((r) => r.code === 'digest-on-target' && r.reference?.startsWith('ghcr.io/petclinic/petclinic-native:latest@')));
    const named = run(['check', '--offline', 'spring/src/main/resources/application.properties'], dir);
    assert.equal(named.code, 0, named.stdout + named.stderr);
  });

  it('a broken YAML file gets one clear problem', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: "postgres:16\n  web: [\n');
    const { stdout } = run(['check', '--offline', 'compose.yaml'], dir);
    const lines = stdout.trim().split('\n').filter((l) => l.startsWith('compose.yaml:'));
    assert.equal(lines.length, 1, stdout);
    assert.match(lines[0], /This YAML does not parse: /);
  });
});
