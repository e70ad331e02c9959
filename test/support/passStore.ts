/**
 * A throw-away gpg key (batch, no passphrase) and password store for Debian's real docker-credential-pass, in a
 * temporary HOME / GNUPGHOME / PASSWORD_STORE_DIR. `close()` stops the gpg-agent it started and removes it all.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class PassStore {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'imageref-pass-'));
  readonly home = path.join(this.root, 'home');
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    const gnupg = path.join(this.root, 'gnupg');
    fs.mkdirSync(gnupg, { mode: 0o700 });
    fs.mkdirSync(path.join(this.home, '.docker'), { recursive: true });
    this.env = {
      PATH: process.env.PATH, HOME: this.home, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: path.join(this.root, 'store'),
    };
    this.run('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'imageref test <test@example.invalid>', 'default', 'default', 'never']);
    const colons = this.run('gpg', ['--list-keys', '--with-colons']);
    const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(colons)?.[1];
    if (!fingerprint) throw new Error('gpg made no key');
    this.run('pass', ['init', fingerprint]);
  }

  /** `docker-credential-pass store` of one server URL. */
  store(serverUrl: string, username: string, secret: string): void {
    this.run('docker-credential-pass', ['store'], JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }));
  }

  writeDockerConfig(content: unknown): string {
    const file = path.join(this.home, '.docker', 'config.json');
    fs.writeFileSync(file, JSON.stringify(content, null, 2));
    return file;
  }

  close(): void {
    try {
      this.run('gpgconf', ['--kill', 'gpg-agent']);
    } catch {
      // no agent was started
    }
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private run(command: string, args: string[], input?: string): string {
    return execFileSync(command, args, { env: this.env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  }
}
