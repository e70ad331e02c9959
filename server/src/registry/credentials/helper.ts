/**
 * Running a docker credential helper (docker/docker-credential-helpers protocol): `docker-credential-<name> get`,
 * the server URL on stdin, `{"ServerURL","Username","Secret"}` on stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type HelperResult =
  | { kind: 'found'; username: string; secret: string }
  | { kind: 'not-found' }
  | { kind: 'not-installed' }
  /** `problem` is one line naming the helper, never containing a secret. */
  | { kind: 'failed'; problem: string };

export interface HelperRunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const MAX_OUTPUT = 1024 * 1024;

/** A helper named without a path is looked up on PATH from `env`; one given with a path must exist. */
export function findExecutable(nameOrPath: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = process.platform === 'win32' ? [nameOrPath, `${nameOrPath}.exe`] : [nameOrPath];
  const isExecutable = (file: string): boolean => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (nameOrPath.includes('/') || nameOrPath.includes(path.sep)) return candidates.find(isExecutable);
  const pathVar = env.PATH ?? env.Path ?? '';
  for (const dir of pathVar.split(path.delimiter)) {
    if (dir === '') continue;
    const found = candidates.map((c) => path.join(dir, c)).find(isExecutable);
    if (found) return found;
  }
  return undefined;
}

/** Never rejects. The process (and, on POSIX, its process group) is killed when it outlives `timeoutMs`. */
export async function runCredentialHelper(nameOrPath: string, serverUrl: string, options: HelperRunOptions): Promise<HelperResult> {
  const name = path.basename(nameOrPath);
  const run = await runHelperProcess(nameOrPath, 'get', serverUrl, options);
  if (run.kind !== 'exited') return run;
  return interpret(name, run.code, run.signal, run.out, run.err);
}

export type HelperListResult =
  | { kind: 'listed'; serverUrls: string[] }
  | { kind: 'not-installed' }
  | { kind: 'failed'; problem: string };

/** `docker-credential-<name> list`: the server URLs the helper holds (the user names it also prints are dropped). */
export async function listCredentialHelper(nameOrPath: string, options: HelperRunOptions): Promise<HelperListResult> {
  const name = path.basename(nameOrPath);
  const run = await runHelperProcess(nameOrPath, 'list', '', options);
  if (run.kind !== 'exited') return run;
  if (run.code !== 0) return { kind: 'failed', problem: `${name} list failed (exit ${run.code ?? run.signal})` };
  try {
    const parsed: unknown = JSON.parse(run.out);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { kind: 'listed', serverUrls: Object.keys(parsed) };
  } catch {
    // reported below
  }
  return { kind: 'failed', problem: `${name} list printed something that is not a JSON object` };
}

type ProcessRun =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null; out: string; err: string }
  | { kind: 'not-installed' }
  | { kind: 'failed'; problem: string };

function runHelperProcess(nameOrPath: string, command: 'get' | 'list', input: string, options: HelperRunOptions): Promise<ProcessRun> {
  const name = path.basename(nameOrPath);
  const executable = findExecutable(nameOrPath, options.env);
  if (!executable) return Promise.resolve({ kind: 'not-installed' });
  return new Promise((resolve) => {
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outBytes = 0;
    // A helper is often a shell script (gcloud's is); its own children must die with it, hence a process group.
    // Required here: node:child_process (and the net and stream modules under it) costs an offline start ~5 ms.
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const child = spawn(executable, [command], {
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
      detached: process.platform !== 'win32',
    });
    const finish = (result: ProcessRun): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      kill(child.pid, () => child.kill('SIGKILL'));
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
      finish({ kind: 'failed', problem: `${name} timed out after ${formatSeconds(options.timeoutMs)}` });
    }, options.timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= MAX_OUTPUT) into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.stdin.on('error', () => undefined); // EPIPE when the helper exits without reading
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish(err.code === 'ENOENT' ? { kind: 'not-installed' } : { kind: 'failed', problem: `${name} could not be started (${err.code ?? 'error'})` });
    });
    child.on('close', (code, signal) => {
      finish({ kind: 'exited', code, signal, out: Buffer.concat(stdout).toString('utf8'), err: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

function interpret(name: string, code: number | null, signal: NodeJS.Signals | null, out: string, err: string): HelperResult {
  // docker's client checks the text on a failed exit; Jib looks for it whatever the exit code.
  if (out.includes('credentials not found')) return { kind: 'not-found' };
  if (code !== 0) {
    const why = signal ? `was killed by ${signal}` : `failed (exit ${code})`;
    // A helper may print its answer, Secret included, and still fail: never echo output that looks like JSON.
    const shown = (text: string) => (/^\s*[[{]/.test(text) ? '' : firstLine(text));
    const said = shown(err) || shown(out);
    return { kind: 'failed', problem: `${name} ${why}${said ? `: ${said}` : ''}` };
  }
  if (out.trim() === '') return { kind: 'failed', problem: `${name} printed nothing` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    return { kind: 'failed', problem: `${name} printed something that is not JSON` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'failed', problem: `${name} answered without a Username and Secret` };
  const o = parsed as Record<string, unknown>;
  // docker-credential-helpers before 0.7 (Debian's docker-credential-pass 0.6.4) answer a URL they do not hold with
  // exit 0 and an empty Username and Secret: nothing for this URL, not a broken helper.
  if (o.Username === '' && o.Secret === '') return { kind: 'not-found' };
  if (typeof o.Username !== 'string' || typeof o.Secret !== 'string' || o.Username === '' || o.Secret === '') {
    return { kind: 'failed', problem: `${name} answered without a Username and Secret` };
  }
  return { kind: 'found', username: o.Username, secret: o.Secret };
}

/** Diagnostic text from a failed helper: its first line, shortened. Only ever shown for a failed run. */
function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function kill(pid: number | undefined, fallback: () => void): void {
  try {
    if (pid === undefined || process.platform === 'win32') throw new Error('no process group');
    process.kill(-pid, 'SIGKILL');
  } catch {
    fallback();
  }
}

function formatSeconds(ms: number): string {
  return `${ms / 1000} s`;
}
