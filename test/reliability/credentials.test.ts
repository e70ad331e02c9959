/**
 * Credentials that never leak, against real registries (htpasswd and token auth) behind recording fronts:
 * redirects, plain HTTP, token realms on other hosts, secrets in every output, hanging and lying credential helpers.
 * All traffic stays on loopback: non-loopback names only ever reach a local recording proxy, which answers itself.
 */
import assert from 'node:assert/strict';
import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { createRegistryClient, type ImagerefRegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import { createCredentialProvider } from '../../server/src/registry/credentials';
import type { ResolveOutcome } from '../../server/src/registry/contract';
import type { Credential } from '../../server/src/registry/credentials';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { startFakeServer, type FakeServer } from '../support/fakeServer';
import { fixedCredentials } from '../support/fixedCredentials';
import { CLI, LspTestClient } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRecordingFront } from '../support/recordingFront';
import { startRecordingProxy, type RecordingProxy } from '../support/recordingProxy';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

const PASSWORD = 'pw-S3cr3t-7f3a9c';
const WRONG_PASSWORD = 'pw-Wr0ng-51d0e2';
const HELPER_SECRET = 'hs-H3lp3r-8b2c4d';
const REFRESH_SECRET = 'rt-R3fr3sh-0a9e77';
const LEAKY_SECRET = 'lk-L3aky-c0ffee';
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Every form in which a secret could show up. */
function secretForms(): RegExp {
  const plain = [PASSWORD, WRONG_PASSWORD, HELPER_SECRET, REFRESH_SECRET];
  const encoded = [`alice:${PASSWORD}`, `alice:${WRONG_PASSWORD}`, `bob:${HELPER_SECRET}`, `<token>:${REFRESH_SECRET}`, ...plain].map(b64);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // Base64 of a secret embedded in a longer value has another alignment: also look for its middle part.
  const cores = encoded.map((e) => e.slice(4, -4));
  return new RegExp([...plain, ...encoded, ...cores].map(escape).join('|') + '|Basic [A-Za-z0-9+/=]{8,}|Bearer [A-Za-z0-9._-]{8,}|eyJ[A-Za-z0-9_-]{10,}');
}

function ok(outcome: ResolveOutcome) {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.image;
}

function failed(outcome: ResolveOutcome, kind: string) {
  if (outcome.ok) assert.fail(`expected ${kind}, got ${outcome.image.digest}`);
  assert.equal(outcome.failure.kind, kind, outcome.failure.message);
  return outcome.failure;
}

/** A directory of docker-credential-* scripts. */
function helperBin(root: string): { bin: string; pids: string } {
  const bin = path.join(root, 'bin');
  const pids = path.join(root, 'helper-pids');
  mkdirSync(bin, { recursive: true });
  const scripts: Record<string, string> = {
    found: 'url=$(cat)\nprintf \'{"ServerURL":"%s","Username":"%s","Secret":"%s"}\\n\' "$url" "$HELPER_USER" "$HELPER_SECRET"\n',
    hang: `cat >/dev/null &\necho $$ >> '${pids}'\nsleep 1000 &\necho $! >> '${pids}'\nwait\n`,
    html: 'cat >/dev/null\necho "<html><body>502 Bad Gateway</body></html>"\n',
    'no-secret': 'cat >/dev/null\necho \'{"ServerURL":"x","Username":"alice"}\'\n',
    'json-array': 'cat >/dev/null\necho \'[{"Username":"alice","Secret":"x"}]\'\n',
    'warning-first': 'cat >/dev/null\necho "warning: config is old"\necho \'{"ServerURL":"x","Username":"alice","Secret":"x"}\'\n',
    'binary-out': 'cat >/dev/null\nprintf \'\\000\\001\\377garbage\'\n',
    leaky: 'cat >/dev/null\nprintf \'{"ServerURL":"x","Username":"bob","Secret":"%s"}\\n\' "$LEAKY_SECRET"\nexit 1\n',
  };
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(bin, `docker-credential-${name}`);
    writeFileSync(file, `#!/bin/sh\n${body}`);
    chmodSync(file, 0o755);
  }
  return { bin, pids };
}

function run(command: string, args: string[], options: SpawnOptions): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('credentials never leak (real registries behind recording fronts)', function () {
  this.timeout(120_000);
  let basic: TestRegistry;
  let token: TestRegistry;
  let basicImage: PushedIndex;
  let tokenImage: PushedIndex;
  const stops: Array<() => Promise<void>> = [];
  const clients: ImagerefRegistryClient[] = [];
  let root: string;

  const client = (options: Partial<RegistryClientOptions> & Pick<RegistryClientOptions, 'credentials'>) => {
    const c = createRegistryClient({ timeoutMs: 3000, ...options });
    clients.push(c);
    return c;
  };
  const front = async (upstream: string, address?: string) => {
    const f = await startRecordingFront(upstream, address);
    stops.push(() => f.stop());
    return f;
  };

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'imageref-credentials-'));
    basic = await startRegistry({ auth: 'htpasswd', users: { alice: PASSWORD } });
    token = await startRegistry({ auth: 'token', users: { alice: PASSWORD, bob: HELPER_SECRET }, refreshTokens: { [REFRESH_SECRET]: 'alice' } });
    basicImage = await pushIndex(basic, 'team/app', '1');
    tokenImage = await pushIndex(token, 'team/app', '1');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(stops.splice(0).map((stop) => stop()));
  });
  after(async () => {
    await basic?.stop();
    await token?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const alice: Credential = { kind: 'basic', username: 'alice', password: PASSWORD };

  it('the secret detector used below recognises every form of every secret', () => {
    const forms = [PASSWORD, `Basic ${b64(`alice:${PASSWORD}`)}`, `{"auth":"${b64(`alice:${WRONG_PASSWORD}`)}"}`, `x${b64(`bob:${HELPER_SECRET}`)}y`,
      REFRESH_SECRET, 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig', `authorization: Basic ${b64('someone:else')}`];
    for (const form of forms) assert.ok(secretForms().test(form), form);
    assert.ok(!secretForms().test('credentials-rejected: 127.0.0.1:5000 refused the credentials for team/app'));
  });

  it('a redirect to another origin carries no Authorization (Basic and Bearer), the registry origin gets it', async () => {
    for (const registry of [basic, token]) {
      const pushed = registry === basic ? basicImage : tokenImage;
      // The blob store is another host (127.0.0.2) and another port: another origin.
      const storage = await front(registry.url, '127.0.0.2');
      storage.intercept = (_req, res) => Boolean(res.writeHead(200, { 'content-type': pushed.mediaType }).end(pushed.bytes));
      const reg = await front(registry.url);
      reg.intercept = (req, res) => {
        if (req.method !== 'GET' || !/\/manifests\/sha256:/.test(req.url) || !req.headers.authorization) return false;
        res.writeHead(307, { location: `${storage.url}/blobs${req.url}` }).end();
        return true;
      };
      const c = client({ credentials: fixedCredentials(alice) });
      assert.equal(ok(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: '1' })).digest, pushed.digest);
      assert.ok(storage.requests.length >= 1, 'the redirect was followed');
      for (const r of storage.requests) assert.equal(r.headers.authorization, undefined, `Authorization sent to ${storage.host}${r.url}`);
      assert.ok(reg.requests.some((r) => /^(Basic|Bearer) /.test(r.headers.authorization ?? '')), 'the registry origin was authorized');
    }
  });

  it('plain HTTP to a non-loopback host is refused before any connection unless listed as insecure', async () => {
    const proxy: RecordingProxy = await startRecordingProxy();
    stops.push(() => proxy.stop());
    const reg = await front(basic.url);
    reg.intercept = (req, res) => {
      if (req.method !== 'GET' || !/\/manifests\/sha256:/.test(req.url)) return false;
      res.writeHead(302, { location: `http://registry.example.test${req.url}` }).end();
      return true;
    };
    // Every request the client makes goes through the loopback recording proxy, which never forwards off loopback.
    const strict = client({ credentials: fixedCredentials(alice), proxy: proxy.url });
    const refused = failed(await strict.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: '1' }), 'insecure-refused');
    assert.match(refused.message, /refusing plain HTTP to registry\.example\.test/);
    assert.equal(proxy.count('example.test'), 0, 'nothing was sent towards the non-loopback host');
    // A registry named directly is asked over HTTPS only (a TLS tunnel the proxy refuses), never plain HTTP.
    failed(await strict.resolve({ registry: 'registry.example.test', repository: 'team/app', tagOrDigest: '1' }), 'unreachable');
    const direct = proxy.requests.filter((r) => r.url.includes('example.test'));
    assert.ok(direct.length > 0 && direct.every((r) => r.method === 'CONNECT' && r.url === 'registry.example.test:443'), JSON.stringify(direct));

    proxy.reset();
    const listed = client({ credentials: fixedCredentials(alice), proxy: proxy.url, insecureRegistries: ['registry.example.test'] });
    const outcome = await listed.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: '1' });
    assert.ok(!outcome.ok && outcome.failure.kind !== 'insecure-refused', JSON.stringify(outcome));
    assert.ok(proxy.count('registry.example.test') > 0, 'listed as insecure: the plain-HTTP request was made (to the proxy)');

    // Through the service: the refusal is a registry-unreachable diagnostic that says why.
    const service = new ImagerefLanguageService({ registry: strict });
    // A platform makes the service need the index itself (not only the tag's digest), so the redirect is met.
    const document = TextDocument.create('file:///c/Dockerfile', 'dockerfile', 1, `FROM --platform=linux/amd64 ${reg.host}/team/app:1\n`);
    const settings = { ...DEFAULT_SETTINGS };
    await service.resolve(service.validate(document, settings).pending, settings, { refresh: true });
    const unreachable = service.validate(document, settings).diagnostics.find((d) => d.code === 'registry-unreachable');
    assert.match(unreachable?.message as string, /refusing plain HTTP/);
  });

  it('a token realm on another host gets credentials only as the token protocol allows', async () => {
    const tokenFront = await front(new URL(token.tokenServer!.realm).origin, '127.0.0.2');
    const reg = await front(token.url);
    reg.realm = `${tokenFront.url}/token`;
    const c = client({ credentials: fixedCredentials(alice, reg.host) });
    assert.equal(ok(await c.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: '1' })).digest, tokenImage.digest);
    assert.ok(tokenFront.requests.length >= 1);
    for (const r of tokenFront.requests) {
      // GET realm?service=…&scope=repository:<name>:pull with Basic credentials: the only thing the realm may get.
      assert.equal(r.method, 'GET');
      const url = new URL(r.url, tokenFront.url);
      assert.deepEqual(url.searchParams.getAll('scope'), ['repository:team/app:pull'], 'pull scope of this repository only');
      assert.equal(r.headers.authorization, `Basic ${b64(`alice:${PASSWORD}`)}`);
    }
    for (const r of reg.requests) {
      const header = r.headers.authorization;
      assert.ok(header === undefined || header.startsWith('Bearer '), `the registry saw ${header?.slice(0, 12)}`);
      assert.ok(!(header ?? '').includes(b64(`alice:${PASSWORD}`)));
    }

    // Another registry whose challenge names the same realm gets no credentials of the first: anonymous token request.
    const other: FakeServer = await startFakeServer((_req, res) =>
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokenFront.url}/token",service="${token.tokenServer!.service}"` }).end());
    stops.push(() => other.stop());
    tokenFront.requests.splice(0);
    failed(await c.resolve({ registry: other.host, repository: 'team/app', tagOrDigest: '1' }), 'credentials-missing');
    assert.ok(tokenFront.requests.length >= 1);
    for (const r of tokenFront.requests) assert.equal(r.headers.authorization, undefined, 'credentials of one registry sent for another');

    // An identity token goes in the POST form (OAuth2 refresh_token grant), never in a header or to the registry.
    tokenFront.requests.splice(0);
    reg.requests.splice(0);
    const identity = client({ credentials: fixedCredentials({ kind: 'identity-token', token: REFRESH_SECRET }, reg.host) });
    ok(await identity.resolve({ registry: reg.host, repository: 'team/app', tagOrDigest: '1' }));
    const posts = tokenFront.requests.filter((r) => r.method === 'POST');
    assert.ok(posts.length >= 1, 'refresh token posted');
    for (const r of posts) {
      assert.equal(new URLSearchParams(r.body).get('grant_type'), 'refresh_token');
      assert.equal(r.headers.authorization, undefined);
    }
    assert.doesNotMatch(JSON.stringify(reg.requests), new RegExp(REFRESH_SECRET));
  });

  it('a hanging credential helper is killed at its timeout; a lying one is reported and not trusted', async () => {
    const home = path.join(root, 'helpers-home');
    const { bin, pids } = helperBin(home);
    const reg = await front(basic.url);
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: home, DOCKER_CONFIG: path.join(home, '.docker') };
    const cases: Array<[string, RegExp]> = [
      ['hang', /timed out after 0\.5 s/],
      ['html', /not JSON/],
      ['no-secret', /without a Username and Secret/],
      ['json-array', /without a Username and Secret|not JSON/],
      ['warning-first', /not JSON/],
      ['binary-out', /not JSON/],
    ];
    for (const [helper, problem] of cases) {
      mkdirSync(env.DOCKER_CONFIG, { recursive: true });
      writeFileSync(path.join(env.DOCKER_CONFIG, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: helper } }));
      reg.requests.splice(0);
      const credentials = createCredentialProvider({ env, homeDir: home, allowHelpers: true, helperTimeoutMs: 500 });
      const service = new ImagerefLanguageService({ registry: client({ credentials }) });
      const document = TextDocument.create(`file:///h/${helper}/Dockerfile`, 'dockerfile', 1, `FROM ${reg.host}/team/app:1\n`);
      const settings = { ...DEFAULT_SETTINGS };
      const started = Date.now();
      await service.resolve(service.validate(document, settings).pending, settings);
      const elapsed = Date.now() - started;
      const diagnostics = service.validate(document, settings).diagnostics;
      const missing = diagnostics.find((d) => d.code === 'credentials-missing');
      assert.ok(missing, `${helper}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      assert.match(missing.message as string, problem, helper);
      assert.ok(elapsed < 4000, `${helper}: ${elapsed} ms`);
      assert.ok(reg.requests.every((r) => r.headers.authorization === undefined), `${helper}: its answer was used as credentials`);
      if (helper === 'hang') {
        const started = readFileSync(pids, 'utf8').split('\n').filter(Boolean).map(Number);
        assert.equal(started.length, 2, 'the helper and its child both started');
        const deadline = Date.now() + 2000;
        while (started.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        assert.deepEqual(started.filter(alive), [], 'the helper and its child were killed');
      }
    }
  });

  // Regression (fixed in credentials/helper.ts interpret()): for a helper that exits non-zero the problem line was the
  // first line of stderr or else stdout; a helper that printed its JSON answer (with "Secret") and then failed put the
  // secret into `problems`, hence into the credentials-missing diagnostic and the log.
  it('a helper that prints a secret and then fails does not put the secret in the diagnostic', async () => {
    const home = path.join(root, 'leaky-home');
    const { bin } = helperBin(home);
    const reg = await front(basic.url);
    const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), LEAKY_SECRET };
    mkdirSync(env.DOCKER_CONFIG, { recursive: true });
    writeFileSync(path.join(env.DOCKER_CONFIG, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'leaky' } }));
    const lines: string[] = [];
    const credentials = createCredentialProvider({ env, homeDir: home, allowHelpers: true, helperTimeoutMs: 2000, logger: (l) => lines.push(l) });
    const service = new ImagerefLanguageService({ registry: client({ credentials, logger: (l) => lines.push(l) }) });
    const document = TextDocument.create('file:///leaky/Dockerfile', 'dockerfile', 1, `FROM ${reg.host}/team/app:1\n`);
    const settings = { ...DEFAULT_SETTINGS };
    await service.resolve(service.validate(document, settings).pending, settings);
    const diagnostics = service.validate(document, settings).diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'credentials-missing'));
    assert.doesNotMatch(JSON.stringify(diagnostics) + lines.join('\n'), new RegExp(LEAKY_SECRET));
    assert.match(JSON.stringify(diagnostics), /docker-credential-leaky failed \(exit 1\)/, 'the failure is still reported');
  });

  describe('no secret in any output: LSP notifications, diagnostics, hovers, code actions, stderr; CLI text, JSON, SARIF, resolve', () => {
    let env: NodeJS.ProcessEnv;
    let refs: string[];
    let home: string;
    const blockStops: Array<() => Promise<void>> = [];
    after(async () => Promise.all(blockStops.splice(0).map((stop) => stop())));
    before(async () => {
      home = path.join(root, 'leak-home');
      const { bin } = helperBin(home);
      // The registries as the user names them: a good password, a wrong one, a helper's secret, a failing helper.
      const wrong = await startRecordingFront(basic.url, '127.0.0.2');
      const failing = await startFakeServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end());
      blockStops.push(() => wrong.stop(), () => failing.stop());
      const docker = path.join(home, '.docker');
      mkdirSync(docker, { recursive: true });
      writeFileSync(path.join(docker, 'config.json'), JSON.stringify({
        auths: { [basic.host]: { auth: b64(`alice:${PASSWORD}`) }, [wrong.host]: { auth: b64(`alice:${WRONG_PASSWORD}`) } },
        credHelpers: { [token.host]: 'found', [failing.host]: 'html' },
      }));
      env = {
        PATH: `${bin}:${process.env.PATH}`, HOME: home, DOCKER_CONFIG: docker, HELPER_USER: 'bob', HELPER_SECRET,
        XDG_CACHE_HOME: path.join(home, 'cache'), NO_PROXY: '*',
      };
      refs = [`${basic.host}/team/app:1`, `${wrong.host}/team/app:1`, `${token.host}/team/app:1`, `${failing.host}/team/app:1`, `${basic.host}/team/nope:1`];
    });
    it('through the LSP server', async () => {
      const lsp = new LspTestClient({ ...process.env, ...env });
      try {
        await lsp.initialize({ settings: { requestTimeout: 5000 }, cacheDir: path.join(home, 'lsp-cache'), trusted: true });
        const uri = 'file:///leak/Dockerfile';
        const pomUri = 'file:///leak/pom.xml';
        const dockerfile = refs.map((r) => `FROM ${r}`).join('\n') + '\n';
        const pom = `<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration>` +
          `<from><image>${refs[0]}</image></from><to><image>${refs[2]}</image></to></configuration></plugin></plugins></build></project>\n`;
        await lsp.open(uri, dockerfile, 'dockerfile');
        await lsp.open(pomUri, pom, 'xml');
        const want = ['credentials-rejected', 'credentials-missing', 'repository-not-found'];
        const diagnostics = await lsp.diagnostics(uri, (p) => want.every((code) => p.diagnostics.some((d) => d.code === code)), 60_000);
        await lsp.diagnostics(pomUri, (p) => p.diagnostics.some((d) => d.code === 'unpinned'), 60_000);
        const answers: unknown[] = [];
        for (let line = 0; line < refs.length; line++) {
          answers.push(await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 10 } }));
        }
        answers.push(await lsp.request<Hover | null>('textDocument/hover', { textDocument: { uri: pomUri }, position: { line: 0, character: pom.indexOf(refs[0]) + 3 } }));
        const all = { start: { line: 0, character: 0 }, end: { line: refs.length, character: 0 } };
        answers.push(await lsp.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: all, context: { diagnostics } }));
        await lsp.request('workspace/executeCommand', { command: 'imageref.server.refresh', arguments: [] });
        await lsp.diagnostics(uri, (p) => p.diagnostics.some((d: Diagnostic) => d.code === 'credentials-rejected'), 60_000);
        assert.ok(lsp.notifications.some((n) => n.method === 'window/logMessage'), 'the server logged');
        assert.match(JSON.stringify(diagnostics), /Looked in/, 'the diagnostics say where credentials were looked for');
        const everything = JSON.stringify(lsp.notifications) + JSON.stringify(answers) + lsp.stderr;
        const leak = secretForms().exec(everything);
        assert.equal(leak, null, `secret-like text sent by the server: …${leak && everything.slice(Math.max(0, leak.index - 80), leak.index + 40)}…`);
      } finally {
        await lsp.stop();
      }
    });

    it('through the CLI', async () => {
      const dir = path.join(home, 'project');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'Dockerfile'), refs.map((r) => `FROM ${r}`).join('\n') + '\n');
      const outputs: string[] = [];
      const runs = [
        ['check', '.'], ['check', '--format', 'json', '.'], ['check', '--format', 'sarif', '.'], ['fix', '--dry-run', '.'],
        ...refs.map((r) => ['resolve', r]), ...refs.map((r) => ['resolve', '--format', 'json', r]),
      ];
      for (const args of runs) {
        // Not spawnSync: the token server and fronts live in this process and must keep answering.
        const r = await run(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, ...env } });
        assert.ok(r.status !== null && r.status <= 2, `${args.join(' ')}: ${r.status} ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /\n\s+at /, `${args.join(' ')}: stack trace`);
        outputs.push(r.stdout, r.stderr);
      }
      const everything = outputs.join('\n');
      assert.match(everything, /credentials-rejected/);
      const leak = secretForms().exec(everything);
      assert.equal(leak, null, `secret-like text in CLI output: …${leak && everything.slice(Math.max(0, leak.index - 80), leak.index + 40)}…`);
    });
  });
});
