import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { basicAuth, Sandbox } from '../support/fakeHelper/fixture';

describe('credentials: Jib order', () => {
  let box: Sandbox;
  beforeEach(() => (box = new Sandbox()));
  afterEach(() => box.cleanup());

  it('tries the build file credHelper first, by name, with the docker-credential- prefix', async () => {
    box.helper('ecr-login', 'found');
    const host = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
    box.dockerConfig({ auths: { [host]: { auth: basicAuth('AWS', 'from-file') } } });
    const r = await box.provider().lookup(host, 'jib', 'ecr-login');
    assert.deepEqual(r.source, { source: 'jib from.credHelper (ecr-login)', key: host });
    assert.deepEqual(box.asked(), [`docker-credential-ecr-login ${host}`]);
  });

  it('accepts a credHelper given as a path', async () => {
    const helper = box.helper('custom', 'found');
    const r = await box.provider().lookup('ghcr.io', 'jib', helper);
    assert.equal(r.source.source, `jib from.credHelper (${helper})`);
    assert.equal(r.credential?.kind, 'basic');
  });

  it('reports a configured credHelper that is missing (Jib stops there) and still looks further', async () => {
    box.dockerConfig({ auths: { 'ghcr.io': { auth: basicAuth('u', 'p') } } });
    const r = await box.provider().lookup('ghcr.io', 'jib', 'gcr');
    assert.deepEqual(r.problems, ['Jib stops with "The system does not have docker-credential-gcr CLI"']);
    assert.equal(r.source.source, 'auths');
    const r2 = await box.provider().lookup('ghcr.io', 'jib', path.join(box.root, 'nope', 'helper'));
    assert.match(r2.problems[0], /Specified credential helper was not found/);
  });

  it('uses a credHelpers key written as https://host, which docker does not', async () => {
    box.helper('gcr', 'found');
    const file = box.dockerConfig({ credHelpers: { 'https://gcr.io': 'gcr' } });
    const jib = await box.provider().lookup('gcr.io', 'jib');
    assert.deepEqual(jib.source, { source: 'credHelpers (gcr)', key: 'https://gcr.io', file });
    assert.deepEqual(box.asked(), ['docker-credential-gcr https://gcr.io'], 'Jib asks the helper for the matched key');
    const docker = await box.provider().lookup('gcr.io', 'docker');
    assert.equal(docker.credential, undefined);
    const note = 'credHelpers: entry "https://gcr.io" matches only with Jib\'s https:// lookup; docker looks for "gcr.io"';
    assert.ok(jib.searched.includes(`~/.docker/config.json: ${note}`), jib.searched.join('\n'));
    assert.ok(docker.searched.includes(note));
  });

  it('finds Docker Hub under an alias key that docker does not match', async () => {
    box.dockerConfig({ auths: { 'docker.io': { auth: basicAuth('hub', 'hubpass') } } });
    const jib = await box.provider().lookup('docker.io', 'jib');
    assert.equal(jib.source.key, 'docker.io');
    const docker = await box.provider().lookup('docker.io', 'docker');
    assert.equal(docker.credential, undefined);
    assert.ok(docker.searched.includes('auths: entry "docker.io" matches only with Jib\'s alias lookup (docker.io); docker looks for "https://index.docker.io/v1/"'), docker.searched.join('\n'));
  });

  it('matches https://index.docker.io/v1/ through the index.docker.io alias', async () => {
    box.dockerConfig({ auths: { 'https://index.docker.io/v1/': { auth: basicAuth('hub', 'hubpass') } } });
    const r = await box.provider().lookup('docker.io', 'jib');
    assert.equal(r.source.key, 'https://index.docker.io/v1/');
    assert.ok(!r.searched.some((l) => l.includes('matches only')), r.searched.join('\n'));
  });

  it('asks credsStore for each Docker Hub alias, never for https://index.docker.io/v1/', async () => {
    box.helper('desktop', 'found');
    box.env.FAKE_ONLY_URL = 'https://index.docker.io/v1/';
    box.dockerConfig({ credsStore: 'desktop' });
    const jib = await box.provider().lookup('docker.io', 'jib');
    assert.equal(jib.credential, undefined);
    assert.deepEqual(box.asked(), ['registry-1.docker.io', 'registry.hub.docker.com', 'index.docker.io', 'docker.io'].map((u) => `docker-credential-desktop ${u}`));
    const docker = await box.provider().lookup('docker.io', 'docker');
    assert.equal(docker.source.source, 'credsStore (desktop)');
  });

  it('falls back to auths when the helper has nothing, where docker does not', async () => {
    box.helper('pass', 'not-found');
    box.dockerConfig({ credsStore: 'pass', auths: { 'ghcr.io': { auth: basicAuth('u', 'p') } } });
    const jib = await box.provider().lookup('ghcr.io', 'jib');
    const docker = await box.provider().lookup('ghcr.io', 'docker');
    assert.equal(jib.source.source, 'auths');
    assert.equal(docker.credential, undefined);
  });

  it("reads Jib's files in order: XDG_RUNTIME_DIR auth.json before DOCKER_CONFIG before ~/.docker", async () => {
    const xdg = box.write(path.join(box.root, 'run', 'containers', 'auth.json'), { auths: { 'quay.io': { auth: basicAuth('x', 'from-xdg') } } });
    const custom = box.write(path.join(box.root, 'dc', 'config.json'), { auths: { 'quay.io': { auth: basicAuth('x', 'from-dc') } } });
    box.dockerConfig({ auths: { 'quay.io': { auth: basicAuth('x', 'from-home') } } });
    box.env.DOCKER_CONFIG = path.dirname(custom);
    box.env.XDG_RUNTIME_DIR = path.join(box.root, 'run');
    assert.equal((await box.provider().lookup('quay.io', 'jib')).source.file, xdg);
    fs.rmSync(xdg);
    assert.equal((await box.provider().lookup('quay.io', 'jib')).source.file, custom);
    const docker = await box.provider().lookup('quay.io', 'docker');
    assert.equal(docker.source.file, custom);
  });

  it('reads ~/.docker/.dockerconfigjson and the legacy ~/.docker/.dockercfg', async () => {
    const legacy = box.write('.docker/.dockercfg', { 'https://quay.io': { auth: basicAuth('l', 'legacy') } });
    const r = await box.provider().lookup('quay.io', 'jib');
    assert.equal(r.source.file, legacy);
    assert.ok(r.searched.includes('~/.docker/config.json: not present'));
    assert.ok(r.searched.includes('~/.docker/.dockerconfigjson: not present'));
    const k8s = box.write('.docker/.dockerconfigjson', { auths: { 'quay.io': { auth: basicAuth('k', 'k8s') } } });
    assert.equal((await box.provider().lookup('quay.io', 'jib')).source.file, k8s);
  });

  it('goes on past an invalid file', async () => {
    box.dockerConfig('{"auths": ');
    const k8s = box.write('.docker/.dockerconfigjson', { auths: { 'quay.io': { auth: basicAuth('k', 'k8s') } } });
    const r = await box.provider().lookup('quay.io', 'jib');
    assert.equal(r.source.file, k8s);
    assert.ok(r.searched.includes('~/.docker/config.json: invalid JSON at line 1 column 11'), r.searched.join('\n'));
  });

  it('ignores a lone identitytoken and registrytoken, but reads the Azure identity token', async () => {
    box.dockerConfig({
      auths: {
        'a.example.com': { identitytoken: 'refresh' },
        'b.example.com': { registrytoken: 'bearer' },
        'myreg.azurecr.io': { auth: basicAuth('00000000-0000-0000-0000-000000000000', ''), identitytoken: 'azure-refresh' },
      },
    });
    const a = await box.provider().lookup('a.example.com', 'jib');
    assert.equal(a.credential, undefined);
    assert.ok(a.searched.includes('~/.docker/config.json: auths: entry "a.example.com" has only a token, which Jib does not read'));
    assert.equal((await box.provider().lookup('b.example.com', 'jib')).credential, undefined);
    const azure = await box.provider().lookup('myreg.azurecr.io', 'jib');
    assert.deepEqual({ ...azure.credential }, { kind: 'identity-token', token: 'azure-refresh' });
  });

  it("tries the well-known helpers for *.amazonaws.com and gcr.io when installed", async () => {
    box.helper('ecr-login', 'found');
    const host = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
    const ecr = await box.provider().lookup(host, 'jib');
    assert.deepEqual(ecr.source, { source: 'well-known helper (ecr-login)', key: host });
    const gcr = await box.provider().lookup('eu.gcr.io', 'jib');
    assert.equal(gcr.credential, undefined);
    assert.ok(gcr.searched.includes('well-known helper docker-credential-gcr: not installed'));
    assert.ok(gcr.searched.includes('Google Application Default Credentials: not checked (Jib tries them last)'));
    assert.equal(gcr.suggestedHelper, 'gcr');
    assert.deepEqual(gcr.problems, []);
  });

  it('notes keys that only docker matches', async () => {
    box.dockerConfig({ auths: { 'http://ghcr.io': { auth: basicAuth('u', 'p') } } });
    const jib = await box.provider().lookup('ghcr.io', 'jib');
    assert.equal(jib.credential, undefined);
    assert.ok(jib.searched.includes('~/.docker/config.json: auths: entry "http://ghcr.io" matches only with docker\'s hostname lookup (Jib compares "ghcr.io" with the key as written)'), jib.searched.join('\n'));
    assert.equal((await box.provider().lookup('ghcr.io', 'docker')).source.key, 'http://ghcr.io');
  });
});
