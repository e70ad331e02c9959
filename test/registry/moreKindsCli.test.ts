import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/** `imageref check` and `imageref fix` on the new kinds against a real registry (Basic auth). */
describe('CLI against a real registry: Compose with .env, a manifest, a Testcontainers class, Quarkus', function () {
  this.timeout(60000);
  let registry: TestRegistry;
  let index: PushedIndex;
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    index = await pushIndex(registry, 'team/base', '21');
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-kinds-online-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({
      auths: { [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } },
    }));
    env = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), XDG_CACHE_HOME: path.join(home, 'cache') };
  });
  after(async () => registry?.stop());

  function run(args: string[], cwd: string) {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('check reports a tag missing from the registry (through .env), fix pins the rest in each file\'s own style', () => {
    const dir = mkdtempSync(path.join(home, 'project-'));
    const host = registry.host;
    const files: Record<string, string> = {
      '.env': `REGISTRY=${host}\nMISSING_TAG=99\n`,
      'compose.yaml': 'services:\n  db:\n    image: "${REGISTRY}/team/base:${MISSING_TAG}"\n  cache:\n    image: \'' + host + '/team/base:21\' # cache\n',
      'k8s/app.yaml': `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      image: ${host}/team/base:21\n`,
      'src/test/java/AppTests.java': `import org.testcontainers.containers.GenericContainer;\nclass AppTests {\n  GenericContainer<?> c = new GenericContainer<>("${host}/team/base:21");\n}\n`,
      'src/main/resources/application.properties': `quarkus.jib.base-jvm-image=${host}/team/base:21\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const check = run(['check', '--format', 'json', '.'], dir);
    const records = JSON.parse(check.stdout) as Array<{ file: string; code: string }>;
    assert.deepEqual(records.map((r) => [r.file, r.code]).sort(), [
      ['compose.yaml', 'tag-not-found'], ['compose.yaml', 'unpinned'], ['k8s/app.yaml', 'unpinned'],
      ['src/main/resources/application.properties', 'unpinned'], ['src/test/java/AppTests.java', 'unpinned'],
    ], check.stderr);
    const fix = run(['fix', '.'], dir);
    assert.equal(fix.code, 0, `${fix.stdout}${fix.stderr}`);
    const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
    const d = index.digest;
    assert.match(read('compose.yaml'), new RegExp(`image: '${host}/team/base:21@${d}' # cache\\n`));
    assert.match(read('compose.yaml'), /image: "\$\{REGISTRY\}\/team\/base:\$\{MISSING_TAG\}"/, 'the unresolvable one is left alone');
    assert.match(read('k8s/app.yaml'), new RegExp(`image: ${host}/team/base:21@${d}\\n`));
    assert.match(read('src/test/java/AppTests.java'), new RegExp(`new GenericContainer<>\\("${host}/team/base@${d}"\\); // tag: 21\\n`));
    assert.equal(read('src/main/resources/application.properties'), `quarkus.jib.base-jvm-image=${host}/team/base@${d}\n`);
  });
});
