import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'imageref.js');

/** A real LSP client: spawns `imageref lsp --stdio` and speaks JSON-RPC to it. */
export class LspTestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<{ uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** Methods of the requests the server sent to this client, in order. */
  readonly serverRequests: string[] = [];
  /** Every capability the server registered (client/registerCapability), in order. */
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  stderr = '';

  constructor(env: NodeJS.ProcessEnv = process.env, nodeArgs: string[] = [], serverArgs: string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, CLI, 'lsp', '--stdio', ...serverArgs], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
    });
    this.connection.onRequest('workspace/configuration', () => (this.serverRequests.push('workspace/configuration'), [null]));
    this.connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.serverRequests.push('client/registerCapability');
      this.registrations.push(...(params?.registrations ?? []));
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => (this.serverRequests.push('window/workDoneProgress/create'), null));
    this.connection.listen();
  }

  async initialize(initializationOptions: unknown = {}, capabilities: Record<string, unknown> = {}): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities, initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version }, contentChanges: [{ text }],
    });
  }

  /** Wait for a publishDiagnostics for `uri` that `accept` takes (default: any), including ones already received. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15000): Promise<Diagnostic[]> {
    const earlier = (this.published.get(uri) ?? []).find(accept);
    if (earlier) return Promise.resolve(earlier.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, accept, resolve: (p) => { clearTimeout(timer); resolve(p.diagnostics); } });
    });
  }

  /** Every publication received for `uri`, in order. */
  allPublished(uri: string): PublishDiagnosticsParams[] {
    return [...(this.published.get(uri) ?? [])];
  }

  /** The last publication received for `uri`. */
  lastPublished(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  forget(uri: string): void {
    this.published.delete(uri);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    // Wait for the process to end: a server still writing its cache races the caller removing the directory.
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      if (!(await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 2000))]))) {
        this.process.kill();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      }
    }
  }
}
