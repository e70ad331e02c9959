/**
 * The entry of the bundled CLI, dist-cli/imageref.js: loads the bundle proper (dist-cli/imageref-core.js, built from
 * cli/bundle.ts) through V8's code cache, and runs the command line when it is the program.
 * IMAGEREF_NO_COMPILE_CACHE=1 loads it without the cache.
 */
import * as path from 'node:path';
import { compileCacheDir, requireWithCompileCache } from './compileCache';

/** Which functions a run compiles depends on the command and on going online: one cache for each. */
function variant(args: string[]): string {
  const command = args.find((a) => !a.startsWith('-')) ?? '';
  return `${/^[a-z]{1,20}$/.test(command) ? command : 'other'}${args.includes('--offline') ? '-offline' : ''}`;
}

/** A check worker (cli/checkWorkers.ts) is started through this file too, so that it loads the bundle from the cache. */
const inCheckWorker = process.argv[2] === '--imageref-check-worker' && !(require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;

const core = requireWithCompileCache(
  path.join(__dirname, 'imageref-core.js'),
  process.env.IMAGEREF_NO_COMPILE_CACHE ? undefined : compileCacheDir(),
  inCheckWorker ? 'check-worker' : variant(process.argv.slice(2)),
) as typeof import('./bundle');

export const { main, runAction } = core;

if (inCheckWorker) core.runCheckWorker();
else {
  core.useCheckWorkerScript(__filename);
  if (require.main === module) void core.main();
}
