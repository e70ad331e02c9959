import * as assert from 'node:assert/strict';
import { createCredentialProvider } from '../../server/src/registry/credentials';
import { PassStore } from '../support/passStore';

/** Debian's docker-credential-pass 0.6.4 (golang-docker-credential-helpers) with a throw-away key and store. */
describe('credentials: the real docker-credential-pass', function () {
  this.timeout(60000);
  const host = 'registry.example.test:5000';
  let store: PassStore;
  before(() => {
    store = new PassStore();
    store.store(`https://${host}/`, 'alice', 'pass-secret-1234');
  });
  after(() => store.close());
  const provider = () => createCredentialProvider({ env: store.env, homeDir: store.home, allowHelpers: true, helperTimeoutMs: 15000 });

  it('reads the empty answer for a URL it does not hold as "not found", not as a failed helper', async () => {
    store.writeDockerConfig({ credsStore: 'pass' });
    const r = await provider().lookup(host, 'docker');
    assert.equal(r.credential, undefined);
    assert.deepEqual(r.problems, []);
    assert.ok(r.searched.includes(`credsStore pass: not found for ${host}`), r.searched.join('\n'));
  });

  it("finds Jib's credentials at its second step after from.credHelper pass had nothing for the bare host", async () => {
    const file = store.writeDockerConfig({ credHelpers: { [`https://${host}/`]: 'pass' } });
    const r = await provider().lookup(host, 'jib', 'pass');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.source, { source: 'credHelpers (pass)', key: `https://${host}/`, file });
    assert.equal(r.credential?.kind === 'basic' && r.credential.username, 'alice');
    assert.ok(r.searched.includes(`jib from.credHelper pass: not found for ${host}`), r.searched.join('\n'));
    assert.ok(!r.searched.some((line) => line.includes('skipped')), r.searched.join('\n'));
    assert.ok(!JSON.stringify(r).includes('pass-secret-1234'));
  });
});
