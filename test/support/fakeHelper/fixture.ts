/**
 * A throwaway HOME, DOCKER_CONFIG and PATH for credential tests, with the fake helper scripts of this directory
 * installed as `docker-credential-<name>`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCredentialProvider, CredentialProviderOptions } from '../../../server/src/registry/credentials';

/** The scripts live next to this file's source, not in out/. */
export const SCRIPTS = path.resolve(__dirname, '../../../../test/support/fakeHelper');

export type Script = 'found' | 'token' | 'not-found' | 'hang' | 'garbage' | 'fail' | 'holds-one';

export class Sandbox {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'imageref-cred-'));
  readonly home = path.join(this.root, 'home');
  readonly bin = path.join(this.root, 'bin');
  readonly helperLog = path.join(this.root, 'helper.log');
  readonly pidFile = path.join(this.root, 'pids');
  readonly logLines: string[] = [];
  readonly env: NodeJS.ProcessEnv = { PATH: this.bin, HOME: this.home, FAKE_HELPER_LOG: this.helperLog, FAKE_HELPER_PIDS: this.pidFile };

  constructor() {
    fs.mkdirSync(this.bin, { recursive: true });
    fs.mkdirSync(path.join(this.home, '.docker'), { recursive: true });
  }

  /** Installs a fake script as `docker-credential-<name>` on the sandbox PATH; returns its path. */
  helper(name: string, script: Script): string {
    const target = path.join(this.bin, `docker-credential-${name}`);
    fs.symlinkSync(path.join(SCRIPTS, script), target);
    return target;
  }

  /** Writes `content` (JSON-encoded unless a string) to `relative` under HOME; returns the absolute path. */
  write(relative: string, content: unknown): string {
    const file = path.isAbsolute(relative) ? relative : path.join(this.home, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  }

  dockerConfig(content: unknown): string {
    return this.write('.docker/config.json', content);
  }

  provider(options: CredentialProviderOptions = {}) {
    return createCredentialProvider({
      env: this.env,
      homeDir: this.home,
      allowHelpers: true,
      helperTimeoutMs: 3000,
      logger: (line) => this.logLines.push(line),
      ...options,
    });
  }

  /** Server URLs the fake helpers were asked for, as "docker-credential-<name> <url>". */
  asked(): string[] {
    return fs.existsSync(this.helperLog) ? fs.readFileSync(this.helperLog, 'utf8').split('\n').filter(Boolean) : [];
  }

  pids(): number[] {
    return fs.existsSync(this.pidFile) ? fs.readFileSync(this.pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export function basicAuth(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

export async function waitUntil(check: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
