import * as assert from 'node:assert/strict';
import { createCredentialProvider } from '../../server/src/registry/credentials';
import { isAlive, Sandbox, waitUntil } from '../support/fakeHelper/fixture';

describe('credentials: running credential helpers', () => {
  let box: Sandbox;
  beforeEach(() => (box = new Sandbox()));
  afterEach(() => box.cleanup());

  it('turns a helper answering Username <token> into an identity token', async () => {
    box.helper('tok', 'token');
    box.dockerConfig({ credsStore: 'tok' });
    const r = await box.provider().lookup('acr.example.com', 'docker');
    assert.deepEqual({ ...r.credential }, { kind: 'identity-token', token: 'helper-secret' });
  });

  it('treats the exact not-found answer as no credentials, not as a problem', async () => {
    box.helper('pass', 'not-found');
    box.dockerConfig({ credsStore: 'pass' });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.equal(r.credential, undefined);
    assert.deepEqual(r.problems, []);
    assert.ok(r.searched.includes('credsStore pass: not found for ghcr.io'));
  });

  it('kills a helper that hangs, with its children, and reports the timeout', async () => {
    box.helper('slow', 'hang');
    box.dockerConfig({ credsStore: 'slow' });
    const started = Date.now();
    const r = await box.provider({ helperTimeoutMs: 300 }).lookup('ghcr.io', 'docker');
    assert.ok(Date.now() - started < 2000, 'lookup returned promptly');
    assert.equal(r.credential, undefined);
    assert.deepEqual(r.problems, ['docker-credential-slow timed out after 0.3 s']);
    assert.ok(r.searched.includes('credsStore slow: failed for ghcr.io'));
    const pids = box.pids();
    assert.equal(pids.length, 2, 'the script and its child recorded their pids');
    assert.ok(await waitUntil(() => pids.every((pid) => !isAlive(pid))), `still running: ${pids.filter(isAlive).join(', ')}`);
  });

  it('reports a helper printing garbage and does not trust it', async () => {
    box.helper('weird', 'garbage');
    box.dockerConfig({ credsStore: 'weird' });
    const r = await box.provider().lookup('ghcr.io', 'docker');
    assert.equal(r.credential, undefined);
    assert.deepEqual(r.problems, ['docker-credential-weird printed something that is not JSON']);
  });

  it("reports a failing helper's exit code and first line of error output", async () => {
    box.helper('gcloud', 'fail');
    box.dockerConfig({ credHelpers: { 'gcr.io': 'gcloud' } });
    const r = await box.provider().lookup('gcr.io', 'docker');
    assert.deepEqual(r.problems, ['docker-credential-gcloud failed (exit 3): error: you are not logged in (run login first)']);
    assert.equal(r.suggestedHelper, 'gcloud');
  });

  it('runs no helper when helpers are not allowed, and says so', async () => {
    box.helper('desktop', 'found');
    box.dockerConfig({ credsStore: 'desktop' });
    const r = await box.provider({ allowHelpers: false }).lookup('docker.io', 'docker');
    assert.deepEqual(box.asked(), []);
    assert.equal(r.credential, undefined);
    assert.ok(r.searched.includes('credsStore desktop: not run for https://index.docker.io/v1/ (credential helpers are off in untrusted workspaces)'), r.searched.join('\n'));
  });

  it('does not run helpers by default', async () => {
    box.helper('desktop', 'found');
    box.dockerConfig({ credsStore: 'desktop' });
    const r = await createCredentialProvider({ env: box.env, homeDir: box.home }).lookup('ghcr.io', 'docker');
    assert.deepEqual(box.asked(), []);
    assert.equal(r.credential, undefined);
  });

  it('runs a timed-out helper only once per lookup', async () => {
    box.helper('slow', 'hang');
    box.dockerConfig({ credsStore: 'slow' });
    const r = await box.provider({ helperTimeoutMs: 200 }).lookup('docker.io', 'jib');
    assert.equal(r.problems.length, 1);
    assert.ok(r.searched.includes('~/.docker/config.json: credsStore slow: skipped for registry.hub.docker.com (failed earlier)'), r.searched.join('\n'));
    const pids = box.pids();
    assert.ok(await waitUntil(() => pids.every((pid) => !isAlive(pid))));
  });
});

describe('credentials: helpers that hold one server URL (docker-credential-helpers 0.6 answers)', () => {
  let box: Sandbox;
  beforeEach(() => (box = new Sandbox()));
  afterEach(() => box.cleanup());

  it('reads exit 0 with an empty Username and Secret as nothing for this URL', async () => {
    box.helper('pass', 'holds-one');
    box.env.FAKE_ONLY_URL = 'https://h.example/';
    box.dockerConfig({ credsStore: 'pass' });
    const r = await box.provider().lookup('h.example', 'docker');
    assert.equal(r.credential, undefined);
    assert.deepEqual(r.problems, []);
    assert.ok(r.searched.includes('credsStore pass: not found for h.example'), r.searched.join('\n'));
  });

  it('asks the same helper again for the next key after an empty answer', async () => {
    box.helper('pass', 'holds-one');
    box.env.FAKE_ONLY_URL = 'https://h.example/';
    const file = box.dockerConfig({ credHelpers: { 'https://h.example/': 'pass' } });
    const r = await box.provider().lookup('h.example', 'jib', 'pass');
    assert.deepEqual(box.asked(), ['docker-credential-pass h.example', 'docker-credential-pass https://h.example/']);
    assert.deepEqual(r.source, { source: 'credHelpers (pass)', key: 'https://h.example/', file });
    assert.deepEqual(r.problems, []);
  });

  it('still reports an answer with only one of Username and Secret as a broken helper', async () => {
    box.helper('half', 'found');
    box.env.FAKE_USERNAME = '';
    box.dockerConfig({ credsStore: 'half' });
    const r = await box.provider().lookup('h.example', 'docker');
    assert.deepEqual(r.problems, ['docker-credential-half answered without a Username and Secret']);
  });
});
