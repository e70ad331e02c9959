import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExtractionContext } from '../service/types';
import type { ImagerefLanguageService } from '../service/languageService';
import type { ImagerefSettings } from '../service/settings';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { SOURCE } from '../service/codes';
import { MAX_DIAGNOSTICS } from '../service/validation';
import { StatusReporter } from './status';

/** Registry work waits for typing to pause; syntactic diagnostics never wait. */
const REGISTRY_DELAY_MS = 250;

interface DocumentState {
  immediate?: NodeJS.Immediate;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
  /** What was last published, so that the same diagnostics for the same version are not sent twice. */
  published?: { version: number; json: string };
}

/**
 * Validates documents: syntactic diagnostics on the next tick after a change (bursts collapse to one run), registry
 * diagnostics when the registry answers. A result for an outdated version is dropped, and a newer change cancels
 * the registry work of the older one.
 */
export class ValidationScheduler {
  private readonly states = new Map<string, DocumentState>();
  readonly status: StatusReporter;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: () => ImagerefLanguageService,
    private readonly settings: (document: TextDocument) => ImagerefSettings,
    /** Undefined: the service asks its build-context provider. */
    private readonly context: (document: TextDocument) => ExtractionContext | undefined,
    /** Documents the project configuration ignores get no diagnostics. */
    private readonly ignored: (document: TextDocument) => boolean,
    progressSupported: boolean,
  ) {
    this.status = new StatusReporter(connection, progressSupported);
  }

  schedule(uri: string, options: { refresh?: boolean } = {}): void {
    const state = this.stateOf(uri);
    if (state.immediate) clearImmediate(state.immediate);
    state.immediate = setImmediate(() => {
      state.immediate = undefined;
      this.runSyntactic(uri, options.refresh ?? false);
    });
  }

  scheduleAll(options: { refresh?: boolean } = {}): void {
    for (const document of this.documents.all()) this.schedule(document.uri, options);
  }

  close(uri: string): void {
    this.cancel(uri);
    this.states.delete(uri);
    this.service().forgetDocument(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(document: TextDocument, diagnostics: Diagnostic[]): void {
    const state = this.stateOf(document.uri);
    const json = JSON.stringify(diagnostics);
    if (state.published?.version === document.version && state.published.json === json) return;
    state.published = { version: document.version, json };
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  private runSyntactic(uri: string, refresh: boolean): void {
    const document = this.documents.get(uri);
    if (!document) return;
    this.cancel(uri);
    let result;
    try {
      if (this.ignored(document)) return this.publish(document, []);
      result = this.service().validate(document, this.settings(document), this.context(document));
    } catch (error) {
      this.connection.console.error(`imageref: validation failed for ${uri}: ${describe(error)}`);
      return;
    }
    this.publish(document, forEditor(result.diagnostics));
    if (result.pending.length === 0) return;
    const state = this.stateOf(uri);
    const abort = new AbortController();
    state.abort = abort;
    state.timer = setTimeout(() => void this.runRegistry(document, result.pending, abort, refresh), refresh ? 0 : REGISTRY_DELAY_MS);
  }

  private async runRegistry(document: TextDocument, pending: Parameters<ImagerefLanguageService['resolve']>[0], abort: AbortController, refresh: boolean) {
    const done = this.status.begin(pending.length);
    try {
      await this.service().resolve(pending, this.settings(document), { signal: abort.signal, refresh });
    } catch (error) {
      this.connection.console.error(`imageref: registry lookup failed: ${describe(error)}`);
    } finally {
      done();
    }
    const current = this.documents.get(document.uri);
    if (abort.signal.aborted || !current || current.version !== document.version) return;
    const result = this.service().validate(current, this.settings(current), this.context(current));
    this.status.observe(result.diagnostics);
    this.publish(current, forEditor(result.diagnostics));
  }

  private cancel(uri: string): void {
    const state = this.states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    state.abort?.abort();
    state.timer = undefined;
    state.abort = undefined;
  }

  private stateOf(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) this.states.set(uri, (state = {}));
    return state;
  }
}

/** An editor gets the first MAX_DIAGNOSTICS, errors first, and a note saying how many more there are. */
function forEditor(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return diagnostics;
  const kept = [...diagnostics].sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1)).slice(0, MAX_DIAGNOSTICS - 1);
  const note = Diagnostic.create(diagnostics[0].range, `${diagnostics.length - kept.length} more imageref diagnostics in this file are not shown; run \`imageref check\` for all of them.`, DiagnosticSeverity.Information, undefined, SOURCE);
  return [...kept, note];
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
