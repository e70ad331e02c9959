/**
 * The bundled language server as the VS Code extension runs it: `fork(dist/server.js, ['--node-ipc'])` with the
 * extension's node flags (shared/serverProcess.ts), JSON-RPC over the IPC channel (vscode-languageclient's
 * TransportKind.ipc), initialised offline.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../shared/serverProcess';

interface Published {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export class IpcServer {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters = new Map<string, { version: number; resolve: (p: Published) => void }>();
  private stderr = '';

  /** As the extension forks it, unless told otherwise (`env`: what is added to this process's environment). */
  constructor(serverModule: string, execArgv: readonly string[] = SERVER_EXEC_ARGV, env: Readonly<Record<string, string>> = SERVER_ENV) {
    this.process = fork(serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      execArgv: [...execArgv], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.process.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + String(chunk)).slice(-4000)));
    this.connection = createMessageConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      const waiter = this.waiters.get(p.uri);
      if (waiter && (p.version === undefined || p.version >= waiter.version)) {
        this.waiters.delete(p.uri);
        waiter.resolve(p);
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Declares what VS Code declares for watched files, so the server registers the build-context globs as it does there. */
  async initialize(): Promise<void> {
    const capabilities = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };
    await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities, initializationOptions: { settings: { offline: true } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the first publishDiagnostics of `uri` for `version` (or later); register before sending. */
  published(uri: string, version: number, timeoutMs = 120_000): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.set(uri, { version, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** didOpen, resolved when that version's diagnostics arrive. */
  async openAndWait(uri: string, languageId: string, text: string): Promise<Published> {
    const done = this.published(uri, 1);
    await this.open(uri, languageId, text, 1);
    return done;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
