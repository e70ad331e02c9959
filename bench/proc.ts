/** Whole-process measurements: wall time, CPU time and peak RSS of a child process. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProcessRun {
  wallMs: number;
  /** user + system CPU of the child (from GNU time); NaN when /usr/bin/time is missing. */
  cpuMs: number;
  maxRssKiB: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const haveGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%e', 'true']).status === 0;

/**
 * Runs `command args` to completion. Wall time is measured here (spawn to exit, monotonic clock); CPU time and
 * peak RSS come from GNU time wrapped around the command, whose own cost (a fork+exec, ~1 ms) is in the wall time
 * of every measured command alike.
 */
export function runProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; captureStdout?: boolean } = {},
): Promise<ProcessRun> {
  const dir = haveGnuTime ? mkdtempSync(path.join(os.tmpdir(), 'imageref-bench-time-')) : undefined;
  const timeFile = dir && path.join(dir, 'time');
  const [cmd, argv] = timeFile ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (options.captureStdout) stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - t0;
      let cpuMs = NaN;
      let maxRssKiB = NaN;
      if (timeFile) {
        // GNU time prints "Command exited with non-zero status N" first when the command fails.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [, user, sys, rss] = last.split(' ').map(Number);
        cpuMs = (user + sys) * 1000;
        maxRssKiB = rss;
        rmSync(dir!, { recursive: true, force: true });
      }
      resolve({ wallMs, cpuMs, maxRssKiB, exitCode: code, stdout, stderr });
    });
  });
}

/** VmRSS and VmHWM of a live process, in KiB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssKiB: number; hwmKiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}
