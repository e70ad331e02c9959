import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  convertToHostname, displayKey, dockerFindKey, dockerServerKey, jibAliases, jibFindKey, readDockerConfig,
} from '../../server/src/registry/credentials/dockerConfig';

describe('credentials: docker config matching', () => {
  it('ConvertToHostname strips scheme, userinfo and path and keeps the port', () => {
    assert.equal(convertToHostname('https://ghcr.io/v2/'), 'ghcr.io');
    assert.equal(convertToHostname('http://localhost:5000'), 'localhost:5000');
    assert.equal(convertToHostname('ghcr.io/some/path'), 'ghcr.io');
    assert.equal(convertToHostname('https://[::1]:5000/v1/'), '[::1]:5000');
    assert.equal(convertToHostname('https://user:pw@registry.example.com'), 'registry.example.com');
    assert.equal(convertToHostname('myreg:5000'), 'myreg:5000');
  });

  it('maps docker.io, index.docker.io and registry-1.docker.io to the Docker Hub key', () => {
    for (const host of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) {
      assert.equal(dockerServerKey(host), 'https://index.docker.io/v1/');
    }
    assert.equal(dockerServerKey('ghcr.io'), 'ghcr.io');
  });

  it('docker prefers the exact key, then any key with the same hostname; the port is part of it', () => {
    assert.equal(dockerFindKey(['https://ghcr.io/v1/', 'ghcr.io'], 'ghcr.io'), 'ghcr.io');
    assert.equal(dockerFindKey(['https://ghcr.io/v1/'], 'ghcr.io'), 'https://ghcr.io/v1/');
    assert.equal(dockerFindKey(['myreg:5000'], 'myreg'), undefined);
    assert.equal(dockerFindKey(['ghcr.io.example.com'], 'ghcr.io'), undefined);
    assert.equal(dockerFindKey(['index.docker.io'], 'https://index.docker.io/v1/'), undefined);
  });

  it("Jib tries exact, https://, host/… and https://host/… in that order", () => {
    const keys = ['https://ghcr.io/org', 'ghcr.io/org', 'https://ghcr.io', 'ghcr.io'];
    assert.deepEqual(jibFindKey(keys, 'ghcr.io'), { key: 'ghcr.io', rule: 'exact' });
    assert.deepEqual(jibFindKey(keys.slice(0, 3), 'ghcr.io'), { key: 'https://ghcr.io', rule: 'https://' });
    assert.deepEqual(jibFindKey(keys.slice(0, 2), 'ghcr.io'), { key: 'ghcr.io/org', rule: 'prefix' });
    assert.deepEqual(jibFindKey(keys.slice(0, 1), 'ghcr.io'), { key: 'https://ghcr.io/org', rule: 'https:// prefix' });
    assert.equal(jibFindKey(['http://ghcr.io'], 'ghcr.io'), undefined);
  });

  it("Jib's Docker Hub alias group puts the registry first", () => {
    assert.deepEqual(jibAliases('registry-1.docker.io'), ['registry-1.docker.io', 'registry.hub.docker.com', 'index.docker.io', 'docker.io']);
    assert.deepEqual(jibAliases('index.docker.io'), ['index.docker.io', 'registry.hub.docker.com', 'registry-1.docker.io', 'docker.io']);
    assert.deepEqual(jibAliases('quay.io'), ['quay.io']);
  });

  it('never shows userinfo of a key', () => {
    assert.equal(displayKey('https://bob:hunter22@reg.example.com/v2/'), 'https://…@reg.example.com/v2/');
    assert.equal(displayKey('ghcr.io'), 'ghcr.io');
    assert.equal(displayKey('https://bob:a/b@c@reg.example.com'), 'https://…@reg.example.com');
  });
});

describe('credentials: reading config files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imageref-cfg-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it('reports a missing file as missing', () => {
    assert.deepEqual(readDockerConfig(path.join(dir, 'nope.json')), { kind: 'missing' });
  });

  it('locates invalid JSON by line and column without quoting the file', () => {
    const file = write('config.json', '{\n  "auths": {\n    "ghcr.io": {"auth": "c2VjcmV0LXZhbHVl"}\n  }\n  "credsStore": "x"\n}');
    const read = readDockerConfig(file);
    assert.equal(read.kind, 'invalid');
    assert.match(read.kind === 'invalid' ? read.reason : '', /^invalid JSON at line 5 column 3$/);
  });

  it('locates an unexpected token (a V8 message that quotes the text) by line and column', () => {
    const file = write('config.json', '{"auths": {"ghcr.io": {"auth": "c2VjcmV0"}},\n "x": }');
    const read = readDockerConfig(file);
    assert.deepEqual(read, { kind: 'invalid', reason: 'invalid JSON at line 2 column 7' });
  });

  it('reads the legacy .dockercfg format, whose top level is the auths map', () => {
    const file = write('.dockercfg', JSON.stringify({ 'https://quay.io': { auth: 'YTpi' } }));
    const read = readDockerConfig(file, true);
    assert.equal(read.kind, 'ok');
    assert.deepEqual(read.kind === 'ok' ? [...read.config.auths.keys()] : [], ['https://quay.io']);
  });

  it('matches field names case-insensitively, as Go and Jackson do', () => {
    const file = write('config.json', JSON.stringify({ Auths: { 'ghcr.io': { Auth: 'YTpi', IdentityToken: 'tok' } }, CredsStore: 'desktop', credhelpers: { 'gcr.io': 'gcloud' } }));
    const read = readDockerConfig(file);
    assert.equal(read.kind, 'ok');
    if (read.kind !== 'ok') return;
    assert.deepEqual(read.config.auths.get('ghcr.io'), { auth: 'YTpi', identitytoken: 'tok' });
    assert.equal(read.config.credsStore, 'desktop');
    assert.equal(read.config.credHelpers.get('gcr.io'), 'gcloud');
  });

  it('rejects a file whose auths is not an object', () => {
    assert.deepEqual(readDockerConfig(write('config.json', '{"auths": []}')), { kind: 'invalid', reason: '"auths" is not an object' });
  });
});
