import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCacheDir } from '../../server/src/cli/compileCache';

const LOADER = path.resolve(__dirname, '../../server/src/cli/compileCache.js');

/** Loads `file` through the code cache in a fresh node process; prints what the module exported. */
function load(file: string, cacheDir: string | undefined, variant?: string) {
  const script = `const { requireWithCompileCache } = require(${JSON.stringify(LOADER)});
    const m = requireWithCompileCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)}, ${JSON.stringify(variant)});
    process.stdout.write(JSON.stringify({ answer: m.answer(), file: m.file, dir: m.dir, req: m.req }));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { answer: number; file: string; dir: string; req: string };
}

describe('the bundled CLI\'s code cache (cli/compileCache.ts)', function () {
  this.timeout(30000);
  let dir: string;
  let module: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-compile-cache-'));
    module = path.join(dir, 'bundle', 'core.js');
    mkdirSync(path.dirname(module));
    writeFileSync(module, '#!/usr/bin/env node\nexports.answer = () => 6 * 7;\nexports.file = __filename;\nexports.dir = __dirname;\n' +
      'exports.req = typeof require("node:path").join;\n');
  });

  it('runs the module as CommonJS (exports, require, __filename, __dirname; a shebang line is allowed)', () => {
    assert.deepEqual(load(module, undefined), { answer: 42, file: module, dir: path.dirname(module), req: 'function' });
  });

  it('writes the cache on the first run, private to the user, and loads from it on the next', () => {
    const cache = path.join(dir, 'cache', 'v8');
    assert.equal(load(module, cache).answer, 42);
    const files = readdirSync(cache);
    assert.equal(files.length, 1);
    assert.match(files[0], new RegExp(`^${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+-default\\.bin$`));
    assert.ok(readFileSync(path.join(cache, files[0])).length > 0);
    assert.equal(statSync(path.join(cache, files[0])).mode & 0o777, 0o600);
    assert.equal(statSync(cache).mode & 0o777, 0o700);
    assert.equal(load(module, cache).answer, 42);
    assert.deepEqual(readdirSync(cache), files, 'a cache that was used is not rewritten under another name');
    load(module, cache, 'check-offline');
    assert.equal(readdirSync(cache).length, 2, 'each variant (command path) has its own cache of the same build');
  });

  it('a corrupt cache file, an unwritable cache folder or a changed module cost only the compile', () => {
    const cache = path.join(dir, 'cache');
    load(module, cache);
    const [name] = readdirSync(cache);
    writeFileSync(path.join(cache, name), 'not V8 data');
    assert.equal(load(module, cache).answer, 42);
    load(module, cache, 'lsp');
    writeFileSync(module, 'exports.answer = () => 43;\n');
    assert.equal(load(module, cache).answer, 43);
    assert.equal(readdirSync(cache).length, 1, 'the caches of the earlier build are removed');
    const notAFolder = path.join(dir, 'file');
    writeFileSync(notAFolder, '');
    assert.equal(load(module, path.join(notAFolder, 'v8')).answer, 43);
  });

  it('lives in the user\'s cache folder (XDG_CACHE_HOME, else ~/.cache), never a shared temporary folder', () => {
    assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'imageref', 'v8'));
    assert.equal(compileCacheDir({}), path.join(os.homedir(), '.cache', 'imageref', 'v8'));
  });
});
