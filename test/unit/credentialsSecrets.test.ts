import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { basicAuth, Sandbox } from '../support/fakeHelper/fixture';

const SECRET = 'Sup3r-S3cret-Value-42';

describe('credentials: secrets stay out of reports', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = new Sandbox();
    box.env.FAKE_SECRET = SECRET;
  });
  afterEach(() => box.cleanup());

  it('never prints the secret in any lookup result nor in logger lines', async () => {
    box.helper('ecr-login', 'found');
    box.helper('tok', 'token');
    box.helper('weird', 'garbage');
    box.helper('broken', 'fail');
    box.dockerConfig({
      credHelpers: { 'ecr.example.com': 'ecr-login', 'tok.example.com': 'tok', 'weird.example.com': 'weird', 'broken.example.com': 'broken' },
      auths: {
        'basic.example.com': { auth: basicAuth('user', SECRET) },
        'fields.example.com': { username: 'user', password: SECRET },
        'id.example.com': { identitytoken: SECRET },
        'reg.example.com': { registrytoken: SECRET },
        [`https://user:${SECRET}@userinfo.example.com`]: { auth: basicAuth('user', SECRET) },
      },
    });
    const p = box.provider();
    const hosts = ['ecr.example.com', 'tok.example.com', 'weird.example.com', 'broken.example.com', 'basic.example.com',
      'fields.example.com', 'id.example.com', 'reg.example.com', 'userinfo.example.com', 'none.example.com'];
    let found = 0;
    for (const flavour of ['docker', 'jib'] as const) {
      for (const host of hosts) {
        const r = await p.lookup(host, flavour);
        if (r.credential) found++;
        assert.ok(!JSON.stringify(r).includes(SECRET), `${flavour} ${host}: ${JSON.stringify(r)}`);
        assert.ok(!inspect(r, { depth: 5 }).includes(SECRET), `${flavour} ${host} inspected`);
      }
    }
    assert.equal(found, 11, "credentials were found, so the secret was really there to leak");
    assert.ok(box.logLines.length > 0);
    for (const line of box.logLines) assert.ok(!line.includes(SECRET), line);
  });

  it('still hands the secret to code that reads the credential', async () => {
    box.dockerConfig({ auths: { 'ghcr.io': { auth: basicAuth('user', SECRET) } } });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.equal(r.credential?.kind === 'basic' ? r.credential.password : '', SECRET);
    assert.match(JSON.stringify(r.credential), /\[redacted\]/);
  });
});
