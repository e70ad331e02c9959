/**
 * Loads a CommonJS bundle through V8's code cache, so that a short CLI run does not spend a third of its time
 * compiling two megabytes of JavaScript (Node 22's module.enableCompileCache does this; Node 20 has no such switch).
 * The cache lives in the user's own cache folder (never a shared temporary folder: cached code is trusted code),
 * keyed by Node's version and the bundle's size and modification time; V8 rejects data made for other sources or
 * flags. Any failure to read or write the cache only costs the compile it would have saved.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'imageref', 'v8');
}

type Wrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/**
 * Requires `file` (a CommonJS module) with its compiled code cached under `cacheDir`; returns its exports. The cache
 * holds the functions the run that wrote it compiled, so runs that take different paths (an offline check, an online
 * one, the language server) each keep their own: `variant` names the path.
 */
export function requireWithCompileCache(file: string, cacheDir: string | undefined, variant = 'default'): unknown {
  const source = readFileSync(file, 'utf8');
  const stats = statSync(file);
  const build = `${process.version}-${process.arch}-${stats.size}-${Math.round(stats.mtimeMs)}-`;
  const cacheFile = cacheDir && path.join(cacheDir, `${build}${variant.replace(/[^a-z0-9-]/gi, '_')}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // first run, or no cache folder: compile from source
  }
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), { filename: file, cachedData });
  const mod = new Module(file, require.main);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const run = script.runInThisContext() as Wrapper;
  run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // After the run, so that the functions this run compiled are in the cache too.
    process.once('exit', () => save(cacheFile, build, script));
  }
  return mod.exports;
}

function save(cacheFile: string, build: string, script: vm.Script): void {
  // Check workers are threads of one process: each writes its own temporary file.
  const { threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  const temporary = `${cacheFile}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, script.createCachedData());
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, cacheFile);
    // Caches of earlier builds are never read again.
    for (const name of readdirSync(path.dirname(cacheFile))) {
      if (name.endsWith('.bin') && !name.startsWith(build)) rmSync(path.join(path.dirname(cacheFile), name), { force: true });
    }
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the cache is an optimisation only
    }
  }
}
