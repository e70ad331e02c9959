import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTree } from '../../bench/scan';
import { analyzeInWorkers, plannedWorkers, type WorkerFile } from '../../server/src/cli/checkWorkers';
import { CLI, REPO_ROOT } from '../support/lspClient';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `imageref-${name}-`));

/** A tree of every kind (540 build files), a project configuration, a binary build file. */
function mixedTree(): string {
  const root = tmp('parallel');
  generateTree(root, 0.03);
  writeFileSync(path.join(root, 'group-3', '.imageref.json'), JSON.stringify({ rules: { unpinned: 'error' }, ignore: ['svc-3/pom.xml'], unknownKey: 1 }));
  writeFileSync(path.join(root, 'group-5', 'svc-5', 'Dockerfile.bin'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0, 1, 2]));
  return root;
}

function check(cli: string, cwd: string, args: string[], env: Record<string, string>, cache: string) {
  const result = spawnSync(process.execPath, [cli, 'check', '--offline', ...args], {
    cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, XDG_CACHE_HOME: cache, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('imageref check --offline in worker threads', function () {
  this.timeout(240000);
  let root: string;
  before(() => {
    root = mixedTree();
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`prints the same ${format} report, notes and exit code as one thread`, () => {
      const cache = tmp('cache');
      const single = check(CLI, root, ['.', '--format', format], { IMAGEREF_WORKERS: '0' }, cache);
      const parallel = check(CLI, root, ['.', '--format', format], { IMAGEREF_WORKERS: '2' }, cache);
      assert.equal(single.code, 1, single.stderr);
      assert.ok(single.stdout.length > 10000);
      assert.match(single.stderr, /skipped group-5\/svc-5\/Dockerfile\.bin: binary file/);
      assert.match(single.stderr, /group-3\/\.imageref\.json: /);
      assert.equal(parallel.stdout, single.stdout);
      assert.equal(parallel.stderr, single.stderr);
      assert.equal(parallel.code, single.code);
    });
  }

  it('a binary file named on the command line is an error (exit 2) in a parallel run too', () => {
    const cache = tmp('cache');
    const args = ['.', 'group-5/svc-5/Dockerfile.bin'];
    const single = check(CLI, root, args, { IMAGEREF_WORKERS: '0' }, cache);
    const parallel = check(CLI, root, args, { IMAGEREF_WORKERS: '1' }, cache);
    assert.equal(single.code, 2);
    assert.match(single.stderr, /imageref: group-5\/svc-5\/Dockerfile\.bin: binary file, not a build file/);
    assert.deepEqual(parallel, single);
  });

  it('the bundled CLI starts its workers through its own entry and the compile cache, with the same report', () => {
    const dist = tmp('dist-cli');
    const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'buildCli.mjs'), '--out-dir', dist], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const cli = path.join(dist, 'imageref.js');
    const cache = tmp('cache');
    const single = check(cli, root, ['.'], { IMAGEREF_WORKERS: '0' }, cache);
    const parallel = check(cli, root, ['.'], { IMAGEREF_WORKERS: '1' }, cache);
    const again = check(cli, root, ['.'], { IMAGEREF_WORKERS: '2' }, cache);
    assert.equal(single.code, 1, single.stderr);
    assert.deepEqual(parallel, single);
    assert.deepEqual(again, single);
    const cached = readdirSync(path.join(cache, 'imageref', 'v8'));
    assert.ok(cached.some((name) => name.endsWith('-check-worker.bin')), cached.join(', '));
    assert.ok(!cached.some((name) => name.endsWith('.tmp')), cached.join(', '));
  });
});

describe('check workers: how many', () => {
  it('none unless IMAGEREF_WORKERS asks; never for an online run or no files', () => {
    assert.equal(plannedWorkers(20000, true, {}, 8), 0);
    assert.equal(plannedWorkers(20000, true, { IMAGEREF_WORKERS: '0' }, 8), 0);
    assert.equal(plannedWorkers(0, true, { IMAGEREF_WORKERS: '3' }, 8), 0);
    assert.equal(plannedWorkers(20000, false, { IMAGEREF_WORKERS: '3' }, 2), 0);
    assert.equal(plannedWorkers(20000, true, { IMAGEREF_WORKERS: 'many' }, 2), 0);
  });

  it('IMAGEREF_WORKERS=N: N workers, never more than files or 16; auto: one less than the cores', () => {
    assert.equal(plannedWorkers(5, true, { IMAGEREF_WORKERS: '3' }, 2), 3);
    assert.equal(plannedWorkers(2, true, { IMAGEREF_WORKERS: '3' }, 2), 2);
    assert.equal(plannedWorkers(20000, true, { IMAGEREF_WORKERS: '40' }, 2), 16);
    assert.equal(plannedWorkers(20000, true, { IMAGEREF_WORKERS: 'auto' }, 8), 7);
    assert.equal(plannedWorkers(20000, true, { IMAGEREF_WORKERS: 'auto' }, 1), 1);
  });
});

describe('check workers: failures are never silent', function () {
  this.timeout(30000);
  const files: WorkerFile[] = Array.from({ length: 200 }, (_, i) => ({ path: `f${i}`, kind: 'dockerfile', explicit: false, settings: 0 }));
  const worker = (source: string) => {
    const file = path.join(tmp('worker'), 'worker.js');
    writeFileSync(file, `const { parentPort } = require('node:worker_threads');\n${source}\n`);
    return file;
  };
  // The main thread takes chunks too: it fails none, so that only the worker's share is lost.
  const here = (file: WorkerFile) => ({ skipped: file.path });

  it('a worker that dies rejects the run, saying how many files were not checked', async () => {
    const script = worker("parentPort.on('message', () => process.exit(3));");
    await assert.rejects(analyzeInWorkers(files, { workers: 1, settings: [], references: false, analyzeHere: here, script }),
      /a check worker stopped \(exit code 3\); [1-9]\d* files were not checked/);
  });

  it('a worker that throws rejects the run with its error', async () => {
    const script = worker("parentPort.on('message', () => { throw new Error('boom in worker'); });");
    await assert.rejects(analyzeInWorkers(files, { workers: 1, settings: [], references: false, analyzeHere: here, script }),
      /a check worker failed \(boom in worker\); [1-9]\d* files were not checked/);
  });

  it('a failure in one file analyzed by a worker is reported with its message', async () => {
    const script = worker("parentPort.on('message', (m) => { if (m !== 'close') parentPort.postMessage({ id: m.id, error: 'cannot analyze f1' }); });");
    await assert.rejects(analyzeInWorkers(files, { workers: 1, settings: [], references: false, analyzeHere: here, script }), /^Error: cannot analyze f1$/);
  });

  it('with no workers every file is analyzed here, in order', async () => {
    const outcomes = await analyzeInWorkers(files, { workers: 0, settings: [], references: false, analyzeHere: here });
    assert.deepEqual(outcomes, files.map((f) => ({ skipped: f.path })));
    assert.ok(!existsSync('f0'));
  });
});
