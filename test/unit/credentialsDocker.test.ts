import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { basicAuth, Sandbox } from '../support/fakeHelper/fixture';

describe('credentials: docker order', () => {
  let box: Sandbox;
  beforeEach(() => (box = new Sandbox()));
  afterEach(() => box.cleanup());

  it('reads auths.auth as base64 user:password and says where it came from', async () => {
    const file = box.dockerConfig({ auths: { 'ghcr.io': { auth: basicAuth('octo', 'pa:ss') } } });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.deepEqual({ ...r.credential }, { kind: 'basic', username: 'octo', password: 'pa:ss' });
    assert.deepEqual(r.source, { source: 'auths', key: 'ghcr.io', file });
    assert.deepEqual(r.problems, []);
  });

  it('reads username and password fields', async () => {
    box.dockerConfig({ auths: { 'quay.io': { username: 'q', password: 'qpass' } } });
    const r = await box.provider().lookup('quay.io', 'docker');
    assert.deepEqual({ ...r.credential }, { kind: 'basic', username: 'q', password: 'qpass' });
  });

  it('reads identitytoken as an identity token and registrytoken as a registry token', async () => {
    box.dockerConfig({ auths: { 'a.example.com': { identitytoken: 'refresh-me' }, 'b.example.com': { registrytoken: 'bearer-me' } } });
    const a = await box.provider().lookup('a.example.com', 'docker');
    const b = await box.provider().lookup('b.example.com', 'docker');
    assert.deepEqual({ ...a.credential }, { kind: 'identity-token', token: 'refresh-me' });
    assert.deepEqual({ ...b.credential }, { kind: 'registry-token', token: 'bearer-me' });
  });

  it('finds Docker Hub under https://index.docker.io/v1/ for all its host names', async () => {
    box.dockerConfig({ auths: { 'https://index.docker.io/v1/': { auth: basicAuth('hubuser', 'hubpass') } } });
    for (const host of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) {
      const r = await box.provider().lookup(host, 'docker');
      assert.equal(r.source.key, 'https://index.docker.io/v1/', host);
      assert.equal(r.credential?.kind, 'basic');
    }
  });

  it('matches other keys by hostname after stripping scheme and path, keeping the port', async () => {
    box.dockerConfig({ auths: { 'https://ghcr.io/v2/': { auth: basicAuth('u', 'p1') }, 'http://localhost:5000': { auth: basicAuth('u', 'p2') }, 'myreg:5000': { auth: basicAuth('u', 'p3') } } });
    const p = box.provider();
    assert.equal((await p.lookup('ghcr.io', 'docker')).source.key, 'https://ghcr.io/v2/');
    assert.equal((await p.lookup('localhost:5000', 'docker')).source.key, 'http://localhost:5000');
    const none = await p.lookup('myreg', 'docker');
    assert.equal(none.credential, undefined);
    assert.ok(none.searched.includes('auths: no entry for myreg (keys: https://ghcr.io/v2/, http://localhost:5000, myreg:5000)'), none.searched.join('\n'));
  });

  it('is anonymous when nothing matches, listing what it searched', async () => {
    box.dockerConfig({ auths: { 'https://xxx.dkr.ecr.eu-west-1.amazonaws.com': { auth: basicAuth('AWS', 'x') } } });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.deepEqual(r.source, { source: 'anonymous' });
    assert.deepEqual(r.searched, ['credHelpers: none for ghcr.io', 'auths: no entry for ghcr.io (keys: https://xxx.dkr.ecr.eu-west-1.amazonaws.com)']);
    assert.equal(r.suggestedHelper, undefined);
  });

  it('uses credHelpers[host] before credsStore and asks it for the host', async () => {
    box.helper('ecr-login', 'found');
    box.helper('desktop', 'found');
    const host = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
    const file = box.dockerConfig({ credsStore: 'desktop', credHelpers: { [host]: 'ecr-login' } });
    const r = await box.provider().lookup(host, 'docker');
    assert.deepEqual(r.source, { source: 'credHelpers (ecr-login)', key: host, file });
    assert.deepEqual(box.asked(), [`docker-credential-ecr-login ${host}`]);
    assert.deepEqual(r.searched, [`credHelpers ecr-login: found for ${host}`]);
  });

  it('credHelpers keys match exactly: an https:// key is not used by docker', async () => {
    box.helper('gcloud', 'found');
    box.dockerConfig({ credHelpers: { 'https://gcr.io': 'gcloud' } });
    const r = await box.provider().lookup('gcr.io', 'docker');
    assert.equal(r.credential, undefined);
    assert.deepEqual(box.asked(), []);
    assert.ok(r.searched.includes('credHelpers: entry "https://gcr.io" matches only with Jib\'s https:// lookup; docker looks for "gcr.io"'), r.searched.join('\n'));
    assert.equal(r.suggestedHelper, 'gcloud');
  });

  it('runs credsStore for Docker Hub with the server URL https://index.docker.io/v1/', async () => {
    box.helper('osxkeychain', 'found');
    box.dockerConfig({ credsStore: 'osxkeychain' });
    const r = await box.provider().lookup('docker.io', 'docker');
    assert.deepEqual(box.asked(), ['docker-credential-osxkeychain https://index.docker.io/v1/']);
    assert.equal(r.source.source, 'credsStore (osxkeychain)');
    assert.equal(r.source.key, 'https://index.docker.io/v1/');
  });

  it('with a helper configured, docker ignores a matching auths entry even when the helper has nothing', async () => {
    box.helper('osxkeychain', 'not-found');
    box.dockerConfig({ credsStore: 'osxkeychain', auths: { 'ghcr.io': { auth: basicAuth('old', 'stale') } } });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.equal(r.credential, undefined);
    assert.deepEqual(r.searched, [
      'credHelpers: none for ghcr.io',
      'credsStore osxkeychain: not found for ghcr.io',
      'auths: entry "ghcr.io" ignored (docker uses credsStore osxkeychain)',
    ]);
    assert.deepEqual(r.problems, []);
  });

  it('reports a credsStore that is not installed in searched and as a problem', async () => {
    box.dockerConfig({ credsStore: 'desktop' });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.ok(r.searched.includes('credsStore desktop: not installed (docker-credential-desktop is not on PATH)'), r.searched.join('\n'));
    assert.deepEqual(r.problems, ['docker-credential-desktop is not installed: docker fails with "error getting credentials" here']);
  });

  it('says when the config file is missing, and honours DOCKER_CONFIG', async () => {
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.deepEqual(r.searched, ['~/.docker/config.json: not present']);
    const custom = box.write(path.join(box.root, 'custom', 'config.json'), { auths: { 'ghcr.io': { auth: basicAuth('c', 'd') } } });
    box.env.DOCKER_CONFIG = path.dirname(custom);
    const r2 = await box.provider().lookup('ghcr.io', 'docker');
    assert.equal(r2.source.file, custom);
  });

  it('reports an invalid config file in searched instead of throwing', async () => {
    box.dockerConfig('{\n  "auths": {,}\n}');
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.deepEqual(r.source, { source: 'anonymous' });
    assert.deepEqual(r.searched, ['~/.docker/config.json: invalid JSON at line 2 column 13']);
  });

  it('reports an auth that is not base64 user:password and an entry without credentials', async () => {
    box.dockerConfig({ auths: { 'a.example.com': { auth: 'bm9jb2xvbg==' }, 'b.example.com': {} } });
    const a = await box.provider().lookup('a.example.com', 'docker');
    const b = await box.provider().lookup('b.example.com', 'docker');
    assert.ok(a.searched.includes('auths: entry "a.example.com" has an auth that is not base64 user:password'));
    assert.ok(b.searched.includes('auths: entry "b.example.com" has no credentials'));
  });

  it('suggests a helper for ECR, GCR, Artifact Registry and ACR when nothing was found', async () => {
    const p = box.provider();
    assert.equal((await p.lookup('123456789012.dkr.ecr.us-east-2.amazonaws.com', 'docker')).suggestedHelper, 'ecr-login');
    assert.equal((await p.lookup('eu.gcr.io', 'docker')).suggestedHelper, 'gcloud');
    assert.equal((await p.lookup('europe-west1-docker.pkg.dev', 'jib')).suggestedHelper, 'gcr');
    assert.equal((await p.lookup('myreg.azurecr.io', 'docker')).suggestedHelper, 'acr-env');
    assert.equal((await p.lookup('ghcr.io', 'docker')).suggestedHelper, undefined);
    box.dockerConfig({ auths: { 'myreg.azurecr.io': { auth: basicAuth('a', 'b') } } });
    assert.equal((await p.lookup('myreg.azurecr.io', 'docker')).suggestedHelper, undefined);
  });
});
