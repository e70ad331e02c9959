import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createCredentialChains } from '../../server/src/registry/credentials';
import { basicAuth, Sandbox } from '../support/fakeHelper/fixture';

describe('credentials: the lookup chain as data, with near misses', () => {
  let box: Sandbox;
  beforeEach(() => (box = new Sandbox()));
  afterEach(() => box.cleanup());
  const chains = () => createCredentialChains({ env: box.env, homeDir: box.home, allowHelpers: true, helperTimeoutMs: 3000 });

  it("walks docker's order: credHelpers for the exact host, then credsStore, and says auths is not read", async () => {
    box.helper('pass', 'holds-one');
    box.env.FAKE_ONLY_URL = 'https://h.example/';
    const file = box.dockerConfig({ credsStore: 'pass', auths: { 'h.example': { auth: basicAuth('u', 'p') } } });
    const c = await chains().chain('h.example', 'docker');
    assert.equal(c.found, false);
    assert.deepEqual(c.steps, [
      { source: 'credHelpers', key: 'h.example', file, found: false, note: 'no entry for this key' },
      { source: 'credsStore', key: 'h.example', helper: 'docker-credential-pass', file, found: false, note: 'the helper has nothing for this key' },
      { source: 'auths', key: 'h.example', file, found: false, note: 'not read: docker uses credsStore pass' },
    ]);
    assert.deepEqual(c.nearMisses, [{
      key: 'https://h.example/', source: 'docker-credential-pass list',
      why: 'the helper holds "https://h.example/" but docker asks it for "h.example"',
    }]);
  });

  it("walks Jib's order: from.credHelper, containers auth.json, then the docker config files, asking each helper its own key", async () => {
    box.helper('pass', 'holds-one');
    box.env.FAKE_ONLY_URL = 'https://h.example/';
    const file = box.dockerConfig({ credHelpers: { 'https://h.example/': 'pass' } });
    const c = await chains().chain('h.example', 'jib', 'pass');
    assert.equal(c.found, true);
    assert.deepEqual(c.steps.map((s) => [s.source, s.key, s.found]), [
      ['from.credHelper', 'h.example', false],
      ['config file', 'h.example', false],
      ['credHelpers', 'https://h.example/', true],
    ]);
    assert.equal(c.steps[1].file, path.join(box.home, '.config', 'containers', 'auth.json'));
    assert.equal(c.steps[2].file, file);
    assert.deepEqual(c.nearMisses, [], 'the helper was asked for the key it holds');
  });

  it("finds in a helper's list the server URL Jib's from.credHelper does not ask for", async () => {
    box.helper('pass', 'holds-one');
    box.env.FAKE_ONLY_URL = 'https://h.example/';
    const c = await chains().chain('h.example', 'jib', 'pass');
    assert.equal(c.found, false);
    assert.deepEqual(c.nearMisses, [{
      key: 'https://h.example/', source: 'docker-credential-pass list',
      why: 'the helper holds "https://h.example/" but Jib asks it for "h.example"',
    }]);
  });

  it('names each key form a person meant for the registry and the rule that passes it over', async () => {
    const file = box.dockerConfig({
      auths: {
        'http://h.example': { auth: basicAuth('a', 'b') },
        'H.Example': { auth: basicAuth('a', 'b') },
        'h.example:5000': { auth: basicAuth('a', 'b') },
        'other.example': { auth: basicAuth('a', 'b') },
      },
      credHelpers: { 'https://h.example/v2/': 'pass' },
    });
    const jib = await chains().chain('h.example', 'jib');
    assert.deepEqual(jib.nearMisses, [
      { key: 'http://h.example', source: 'auths', file, why: 'the http:// scheme: Jib asks for "h.example"' },
      { key: 'H.Example', source: 'auths', file, why: 'letter case differs (keys are compared as written): Jib asks for "h.example"' },
      { key: 'h.example:5000', source: 'auths', file, why: 'the key has port 5000: Jib asks for "h.example"' },
    ]);
    const docker = await chains().chain('h.example', 'docker');
    assert.deepEqual(docker.nearMisses.map((m) => [m.source, m.key]), [
      ['auths', 'H.Example'], ['auths', 'h.example:5000'], ['credHelpers', 'https://h.example/v2/'],
    ]);
    assert.equal(docker.nearMisses[2].why, 'the key has a path: docker asks for "h.example"');
  });

  it("reports the Docker Hub forms docker does not match, which Jib's aliases do", async () => {
    const file = box.dockerConfig({ auths: { 'docker.io': { auth: basicAuth('hub', 'hubpass') } } });
    const docker = await chains().chain('docker.io', 'docker');
    assert.equal(docker.found, false);
    assert.deepEqual(docker.nearMisses, [
      { key: 'docker.io', source: 'auths', file, why: 'another Docker Hub form: docker asks for "https://index.docker.io/v1/"' },
    ]);
    const jib = await chains().chain('docker.io', 'jib');
    assert.equal(jib.found, true);
    assert.deepEqual(jib.nearMisses, []);
    assert.match(jib.steps.find((s) => s.found)?.note ?? '', /Jib asked for docker\.io \(exact rule\)/);
  });

  it('never carries a secret, a password or a token', async () => {
    box.helper('pass', 'found');
    box.env.FAKE_SECRET = 'helper-secret-777';
    box.dockerConfig({
      credHelpers: { 'a.example': 'pass' },
      auths: { 'b.example': { auth: basicAuth('u', 'file-password-888') }, 'c.example': { identitytoken: 'token-999' } },
    });
    for (const registry of ['a.example', 'b.example', 'c.example']) {
      for (const tool of ['docker', 'jib'] as const) {
        const text = JSON.stringify(await chains().chain(registry, tool));
        for (const secret of ['helper-secret-777', 'file-password-888', 'token-999', basicAuth('u', 'file-password-888')]) {
          assert.ok(!text.includes(secret), `${registry} ${tool}: ${text}`);
        }
      }
    }
  });
});
