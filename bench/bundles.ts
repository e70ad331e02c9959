/**
 * The bundles users run, built from the current sources by the project's own build scripts: the CLI as
 * `scripts/buildCli.mjs` makes dist-cli/imageref.js (the GitHub Action, pre-commit), and the language server as
 * `scripts/buildExtension.mjs --production` makes dist/server.js (what the VS Code extension forks). Built once per
 * bench run into out/bench/bundle/, so that a stale committed dist-cli/ is never what gets measured.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { log, REPO_ROOT } from './common';

const DIR = path.join(REPO_ROOT, 'out', 'bench', 'bundle');

export interface Bundles {
  /** `node <cli> check …`: the bundled command line. */
  cli: string;
  /** `node <server> --node-ipc` (as the extension forks it) or `--stdio`. */
  server: string;
}

let built: Bundles | undefined;

export function bundles(): Bundles {
  if (built) return built;
  log('building the bundled CLI and server (scripts/buildCli.mjs, scripts/buildExtension.mjs --production)');
  const run = (script: string, args: string[]) =>
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', script), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  run('buildCli.mjs', ['--out-dir', path.join(DIR, 'cli')]);
  run('buildExtension.mjs', ['--production', '--out-dir', path.join(DIR, 'extension')]);
  built = { cli: path.join(DIR, 'cli', 'imageref.js'), server: path.join(DIR, 'extension', 'server.js') };
  return built;
}
