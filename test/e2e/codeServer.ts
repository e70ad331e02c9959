/** A code-server (VS Code 1.100 workbench over HTTP) on a free loopback port, with its own temporary profile. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { freePort } from '../support/registryHarness';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const E2E_CACHE = process.env.IMAGEREF_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'imageref-e2e');

export function codeServerBin(): string {
  return path.join(E2E_CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

export interface CodeServerOptions {
  /** Folder for user data, extensions and the environment's temp homes. */
  dir: string;
  workspace: string;
  /** A .vsix to install, or an unpacked extension folder to copy in; none when the workbench loads it for development. */
  extension?: { vsix: string } | { unpacked: string; id: string };
  userSettings: Record<string, unknown>;
  env: Record<string, string>;
  log: (line: string) => void;
  /** Keep VS Code's workspace trust on (default: off, every folder is trusted). */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  version: string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBin();
  if (!existsSync(bin)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${bin}: run scripts/setup-e2e.sh`);
  }
  const userDataDir = path.join(options.dir, 'user-data');
  const extensionsDir = path.join(options.dir, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Nothing of this machine's own configuration reaches code-server or the extension host.
    XDG_CONFIG_HOME: path.join(options.dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(options.dir, 'xdg-data'),
    ...options.env,
  };
  for (const key of Object.keys(env)) if (/^(http|https|no)_proxy$/i.test(key)) delete env[key];

  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (!options.extension) {
    // nothing to install
  } else if ('vsix' in options.extension) {
    const installed = spawnSync(process.execPath, [bin, ...common, '--force', '--install-extension', options.extension.vsix], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    options.log(`install-extension: ${installed.stdout.trim()} ${installed.stderr.trim()}`);
    if (installed.status !== 0) throw new Error(`code-server --install-extension failed: ${installed.stderr || installed.stdout}`);
  } else {
    spawnSync('cp', ['-r', options.extension.unpacked, path.join(extensionsDir, options.extension.id)]);
  }

  const versionLines = spawnSync(process.execPath, [bin, '--version'], { env, encoding: 'utf8' }).stdout.split('\n');
  // e.g. "4.100.3 409c64e0… with Code 1.100.3" (other lines may be log output)
  const versionOut = (versionLines.find((l) => /with Code/.test(l)) ?? versionLines.join(' ')).trim();

  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      options.workspace,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = (data: Buffer) => data.toString().split('\n').filter(Boolean).forEach((l) => options.log(l));
  child.stdout?.on('data', lines);
  child.stderr?.on('data', lines);

  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 60_000);
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    version: versionOut,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Waits for code-server's /healthz to answer (it is up) or for the process to die. */
async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
