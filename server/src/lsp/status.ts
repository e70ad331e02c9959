import type { Connection } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Notifications, type ServerState, type StatusParams } from '../../../shared/protocol';

/** Progress shown by LSP work-done progress only past this many lookups; the status item always. */
const PROGRESS_THRESHOLD = 3;

/** The `imageref/status` notification (the extension's status bar item) and work-done progress. */
export class StatusReporter {
  private pending = 0;
  private last: ServerState = 'idle';
  private problem: ServerState = 'idle';

  constructor(private readonly connection: Connection, private readonly progressSupported: boolean) {}

  begin(count: number): () => void {
    this.pending += count;
    this.send();
    let progress: Promise<{ done(): void } | undefined> = Promise.resolve(undefined);
    if (this.progressSupported && count > PROGRESS_THRESHOLD) {
      progress = this.connection.window
        .createWorkDoneProgress()
        .then((p) => {
          p.begin('imageref', undefined, `Resolving ${count} image references`);
          return p;
        })
        .catch(() => undefined);
    }
    return () => {
      this.pending -= count;
      void progress.then((p) => p?.done());
      this.send();
    };
  }

  /** Remember whether the registry was unreachable or rate limiting, from the diagnostics just computed. */
  observe(diagnostics: readonly Diagnostic[]): void {
    const codes = new Set(diagnostics.map((d) => d.code));
    this.problem = codes.has('rate-limited') ? 'rate-limited' : codes.has('registry-unreachable') ? 'unreachable' : 'idle';
    this.send();
  }

  setOffline(offline: boolean): void {
    this.problem = offline ? 'offline' : 'idle';
    this.send();
  }

  private send(): void {
    const state: ServerState = this.pending > 0 ? 'resolving' : this.problem;
    if (state === this.last && state !== 'resolving') return;
    this.last = state;
    const params: StatusParams = { state, pending: this.pending };
    void this.connection.sendNotification(Notifications.status, params);
  }
}
