import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CLI } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

const execFileAsync = promisify(execFile);

describe('CLI against a real registry (Basic auth)', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let index: PushedIndex;
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    index = await pushIndex(registry, 'team/base', '21', { attestations: true });
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-cli-online-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({
      auths: { [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } },
    }));
    env = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), XDG_CACHE_HOME: path.join(home, 'cache') };
  });
  after(async () => registry?.stop());

  function run(args: string[], cwd = home) {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('resolve --format json agrees with skopeo inspect --raw (digest and platforms)', async () => {
    const ref = `${registry.host}/team/base:21`;
    const ours = run(['resolve', ref, '--format', 'json']);
    assert.equal(ours.code, 0, ours.stderr);
    const json = JSON.parse(ours.stdout);
    const skopeo = await execFileAsync('skopeo', ['inspect', '--tls-verify=false', '--creds', 'alice:wonderland', '--raw', `docker://${ref}`], { encoding: 'buffer' });
    const raw = skopeo.stdout as Buffer;
    assert.equal(json.digest, 'sha256:' + createHash('sha256').update(raw).digest('hex'));
    assert.equal(json.digest, index.digest);
    const theirs = (JSON.parse(raw.toString()) as { manifests: Array<{ digest: string; size: number; platform: { os: string; architecture: string; variant?: string } }> }).manifests;
    assert.deepEqual(
      json.platforms.map((p: Record<string, unknown>) => [p.os, p.architecture, p.variant ?? null, p.digest, p.size]),
      theirs.map((m) => [m.platform.os, m.platform.architecture, m.platform.variant ?? null, m.digest, m.size]),
    );
    assert.equal(json.reference, ref);
    assert.equal(json.mediaType, 'application/vnd.oci.image.index.v1+json');
  });

  it('resolve --platform picks one platform; an unknown one exits 1 with one line', () => {
    const arm = run(['resolve', `${registry.host}/team/base:21`, '--platform', 'linux/arm64', '--format', 'json']);
    assert.equal(arm.code, 0, arm.stderr);
    const json = JSON.parse(arm.stdout);
    assert.deepEqual(json.platforms.map((p: { architecture: string }) => p.architecture), ['arm64']);
    const none = run(['resolve', `${registry.host}/team/base:21`, '--platform', 'linux/s390x']);
    assert.equal(none.code, 1);
    assert.match(none.stderr.trim(), /^imageref: .* has no linux\/s390x$/);
    const noneJson = run(['resolve', `${registry.host}/team/base:21`, '--platform', 'linux/s390x', '--format', 'json']);
    assert.equal(noneJson.code, 1);
    assert.equal(JSON.parse(noneJson.stdout).kind, 'platform-not-found');
  });

  it('resolve --format json: a registry failure is {kind, message} on stdout, exit 1', () => {
    const missing = run(['resolve', `${registry.host}/team/base:404`, '--format', 'json']);
    assert.equal(missing.code, 1, missing.stderr);
    const failure = JSON.parse(missing.stdout);
    assert.deepEqual(Object.keys(failure).sort(), ['kind', 'message']);
    assert.equal(failure.kind, 'tag-not-found');
    assert.match(failure.message, /team\/base:404/);
  });

  it('check uses the registry unless --offline; fix pins when online', () => {
    const dir = mkdtempSync(path.join(home, 'project-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${registry.host}/team/base:21\nFROM ${registry.host}/team/base:404\n`);
    const online = run(['check', '--format', 'json', '.'], dir);
    assert.equal(online.code, 1, online.stderr);
    assert.deepEqual(JSON.parse(online.stdout).map((r: { code: string }) => r.code), ['unpinned', 'tag-not-found']);
    const offline = run(['check', '--offline', '.'], dir);
    assert.equal(offline.code, 0);
    const fixed = run(['fix', '.'], dir);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stdout, /Dockerfile:1:6: unpinned: Pin to digest sha256:/);
    assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      `FROM ${registry.host}/team/base:21@${index.digest}\nFROM ${registry.host}/team/base:404\n`);
    assert.doesNotMatch(online.stdout + online.stderr + fixed.stdout + fixed.stderr, /wonderland|YWxpY2U6d29uZGVybGFuZA/);
  });

  it('fix pins in the pin style of the repository\'s .imageref.json', () => {
    const dir = mkdtempSync(path.join(home, 'styled-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${registry.host}/team/base:21\n`);
    writeFileSync(path.join(dir, '.imageref.json'), '{"pinStyle": "digest"}');
    const fixed = run(['fix', '.'], dir);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), `FROM ${registry.host}/team/base@${index.digest}\n`);
  });
});
