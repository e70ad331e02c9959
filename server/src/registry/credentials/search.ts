import * as path from 'node:path';
import type { CredentialFlavour, CredentialStep } from '../contract';
import { displayKey } from './dockerConfig';
import { runCredentialHelper } from './helper';
import type { Credential } from './types';

/**
 * One credential search: runs the helpers it meets (each at most once to failure) and records every place tried
 * (`searched`) and every helper that failed (`problems`). Never a secret.
 */
export class CredentialSearch {
  readonly searched: string[] = [];
  readonly problems: string[] = [];
  /** The same places as structured steps, for `imageref auth` and the hover's chain. */
  readonly steps: CredentialStep[] = [];
  private readonly failed = new Map<string, string>();

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly home: string,
    readonly flavour: CredentialFlavour,
    private readonly allowHelpers: boolean,
    private readonly timeoutMs: number,
  ) {}

  /** Put before every line while one of several files is searched, e.g. "~/.docker/config.json: ". */
  prefix = '';

  note(line: string): void {
    this.searched.push(this.prefix + line);
  }

  /** Records one place tried; the key as shown to the user (userinfo dropped). */
  step(step: CredentialStep): void {
    this.steps.push({ ...step, key: displayKey(step.key) });
  }

  /** A path as shown to the user: the home directory as `~`. */
  display(file: string): string {
    return file === this.home || file.startsWith(this.home + path.sep) ? `~${file.slice(this.home.length)}` : file;
  }

  /**
   * Runs `executable get` for `serverUrl`; `label` names the place in `searched`, e.g. "credsStore desktop".
   * `ifMissing`: the problem to report when the helper is not installed and the tool would stop there.
   */
  async runHelper(
    label: string, executable: string, serverUrl: string, ifMissing?: string, place?: { source: string; file?: string },
  ): Promise<Credential | undefined> {
    const name = path.basename(executable);
    const url = displayKey(serverUrl);
    const step = (found: boolean, note?: string): void => {
      if (place) this.step({ source: place.source, key: serverUrl, helper: executable, ...(place.file ? { file: place.file } : {}), found, ...(note ? { note } : {}) });
    };
    if (!this.allowHelpers) {
      this.note(`${label}: not run for ${url} (credential helpers are off in untrusted workspaces)`);
      step(false, 'not run: credential helpers are off in untrusted workspaces');
      return undefined;
    }
    const failedBefore = this.failed.get(executable);
    if (failedBefore) {
      if (failedBefore !== 'not installed') this.note(`${label}: skipped for ${url} (${failedBefore})`);
      step(false, `skipped: ${failedBefore}`);
      return undefined;
    }
    const result = await runCredentialHelper(executable, serverUrl, { env: this.env, timeoutMs: this.timeoutMs });
    switch (result.kind) {
      case 'found':
        this.note(`${label}: found for ${url}`);
        step(true);
        return result.username === '<token>'
          ? { kind: 'identity-token', token: result.secret }
          : { kind: 'basic', username: result.username, password: result.secret };
      case 'not-found':
        this.note(`${label}: not found for ${url}`);
        step(false, 'the helper has nothing for this key');
        return undefined;
      case 'not-installed':
        this.note(`${label}: not installed (${name} is not on PATH)`);
        step(false, `not installed (${name} is not on PATH)`);
        if (ifMissing) this.problems.push(ifMissing);
        this.failed.set(executable, 'not installed');
        return undefined;
      case 'failed':
        this.note(`${label}: failed for ${url}`);
        step(false, `failed: ${result.problem}`);
        this.problems.push(result.problem);
        this.failed.set(executable, 'failed earlier');
        return undefined;
    }
  }
}
