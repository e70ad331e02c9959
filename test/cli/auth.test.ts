import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI } from '../support/lspClient';
import { basicAuth, Sandbox } from '../support/fakeHelper/fixture';
import { PassStore } from '../support/passStore';

function run(args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: result.stdout + result.stderr };
}

describe('imageref auth', function () {
  this.timeout(60000);

  describe('with the real docker-credential-pass holding only https://H/', () => {
    const host = 'registry.example.test';
    const secret = 'pass-store-secret-4242';
    let store: PassStore;
    before(() => {
      store = new PassStore();
      store.store(`https://${host}/`, 'alice', secret);
      store.writeDockerConfig({ credHelpers: { [`https://${host}/`]: 'pass' } });
    });
    after(() => store.close());

    it("docker: credHelpers needs the exact host, so nothing is found and the entry is a near miss (exit 1)", () => {
      const r = run(['auth', `${host}/team/app:1`, '--format', 'json'], store.env);
      assert.equal(r.code, 1, r.all);
      const json = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(json), ['reference', 'registry', 'tool', 'steps', 'found', 'nearMisses']);
      assert.equal(json.tool, 'docker');
      assert.equal(json.found, false);
      assert.deepEqual(json.steps.map((s: { source: string; key: string }) => [s.source, s.key]), [['credHelpers', host], ['auths', host]]);
      assert.deepEqual(json.nearMisses.map((m: { source: string; key: string }) => [m.source, m.key]), [['credHelpers', `https://${host}/`]]);
      assert.ok(!r.all.includes(secret));
    });

    it("Jib with from.credHelper pass: the first step has nothing for the bare host, the credHelpers entry's own key finds it (exit 0)", () => {
      for (const format of ['text', 'json']) {
        const r = run(['auth', '--jib', '--cred-helper', 'pass', `${host}/team/app:1`, '--format', format], store.env);
        assert.equal(r.code, 0, r.all);
        assert.ok(!r.all.includes(secret), r.all);
        assert.doesNotMatch(r.all, /skipped|failed/);
        if (format === 'json') {
          const json = JSON.parse(r.stdout);
          assert.equal(json.found, true);
          assert.deepEqual(json.steps[0], { source: 'from.credHelper', key: host, helper: 'docker-credential-pass', found: false, note: 'the helper has nothing for this key' });
          assert.deepEqual(json.steps.find((s: { found: boolean }) => s.found).key, `https://${host}/`);
        } else {
          assert.match(r.stdout, /^Jib looks up credentials for registry\.example\.test/);
          assert.match(r.stdout, /✓ credHelpers "https:\/\/registry\.example\.test\/" \(docker-credential-pass, ~\/\.docker\/config\.json\)/);
          assert.match(r.stdout, /^Outcome: credentials found/m);
        }
      }
    });
  });

  describe('with helper scripts and config files', () => {
    let box: Sandbox;
    beforeEach(() => (box = new Sandbox()));
    afterEach(() => box.cleanup());

    it("names the helper's list answer that Jib does not ask for", () => {
      box.helper('vault', 'holds-one');
      box.env.FAKE_ONLY_URL = 'https://h.example/';
      box.env.FAKE_SECRET = 'list-secret-5151';
      const r = run(['auth', '--jib', '--cred-helper', 'vault', 'h.example/app:1'], box.env);
      assert.equal(r.code, 1, r.all);
      assert.match(r.stdout, /docker-credential-vault list "https:\/\/h\.example\/": the helper holds "https:\/\/h\.example\/" but Jib asks it for "h\.example"/);
      assert.ok(!r.all.includes('list-secret-5151'));
    });

    it('finds docker credentials in auths and never prints the password, the token or the auth', () => {
      box.dockerConfig({ auths: { 'https://index.docker.io/v1/': { auth: basicAuth('hub', 'hub-password-6161') }, 'ghcr.io': { identitytoken: 'token-7171' } } });
      for (const [ref, code] of [['ubuntu:24.04', 0], ['ghcr.io/o/a:1', 0]] as const) {
        for (const format of ['text', 'json']) {
          for (const jib of [[], ['--jib']]) {
            const r = run(['auth', ref, ...jib, '--format', format], box.env);
            if (jib.length === 0) assert.equal(r.code, code, r.all);
            for (const s of ['hub-password-6161', 'token-7171', basicAuth('hub', 'hub-password-6161')]) assert.ok(!r.all.includes(s), r.all);
          }
        }
      }
    });

    it('says when Jib stops at a from.credHelper that is not installed, though a later step holds credentials (exit 1)', () => {
      box.dockerConfig({ auths: { 'ghcr.io': { auth: basicAuth('u', 'later-password-8181') } } });
      const r = run(['auth', '--jib', '--cred-helper', 'nothere', 'ghcr.io/o/a:1'], box.env);
      assert.equal(r.code, 1, r.all);
      assert.match(r.stdout, /1\. ✗ from\.credHelper "ghcr\.io" \(docker-credential-nothere\): not installed/);
      assert.match(r.stdout, /✓ auths "ghcr\.io"/);
      assert.match(r.stdout, /^Outcome: no credentials: Jib stops with "The system does not have docker-credential-nothere CLI"/m);
      assert.ok(!r.all.includes('later-password-8181'));
    });

    it('exits 2 on bad usage', () => {
      for (const args of [['auth'], ['auth', 'a', 'b'], ['auth', 'ghcr.io/App:Bad Tag'], ['auth', 'x', '--format', 'sarif'], ['auth', 'x', '--cred-helper', 'pass']]) {
        const r = run(args, box.env);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.all}`);
        assert.match(r.stderr, /^imageref: /);
      }
    });
  });
});
