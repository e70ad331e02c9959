import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, LSPErrorCodes, MessageType, ProposedFeatures, ResponseError,
  ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type CancellationToken, type Connection, type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProjectConfigCache } from '../host/projectConfig';
import { createRegistryHost, type RegistryHost } from '../host/registryHost';
import { withProjectConfig } from '../service/projectConfig';
import type { ImagerefSettings } from '../service/settings';
import { ImagerefLanguageService } from '../service/languageService';
import {
  Notifications, PIN_ALL_KIND, PROJECT_CONFIG_FILE, ServerCommands, type InitializationOptions, type SetTrustedParams, type UpdateDigestsParams,
} from '../../../shared/protocol';
import { VERSION } from '../version';
import { BuildFileWatching } from './buildFileWatching';
import { ConfigurationStore } from './configuration';
import { pullLimitParams } from './pullLimit';
import { collectDigestUpdates } from './updateDigests';
import { describe, ValidationScheduler } from './validationScheduler';


/** LSP wiring only: every answer comes from the language service. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const configuration = new ConfigurationStore(connection);
  let options: InitializationOptions = {};
  let registryHost: RegistryHost = { problems: [] };
  let service = new ImagerefLanguageService({});
  let scheduler: ValidationScheduler | undefined;
  let dynamicConfiguration = false;
  let dynamicWatchedFiles = false;
  let relativeWatchPatterns = false;
  /** The client fills in a code action's `edit` through codeAction/resolve (VS Code, Neovim 0.8+). */
  let resolvesEdits = false;
  const log = (line: string) => connection.console.log(line);
  const projectConfigs = new ProjectConfigCache(CONTEXT_FRESH_MS);
  const warnedConfigs = new Set<string>();
  // gradle.properties, settings files and parent poms: the service asks it; it revalidates dependants of a change.
  const buildFiles = new BuildFileWatching(connection, documents, (uri) => scheduler?.schedule(uri));
  let workspaceFolders: string[] = [];
  let inlayHintRefresh = false;

  /** The nearest `.imageref.json` of a document on disk; its warnings are shown once per content. */
  const projectConfigOf = (document: TextDocument) => {
    if (!document.uri.startsWith('file:')) return undefined;
    let file: string;
    try {
      file = path.normalize(fileURLToPath(document.uri));
    } catch {
      return undefined;
    }
    const found = projectConfigs.forFile(file);
    const problems = found ? [...found.warnings, ...(found.error ? [`${found.error}; its settings are not applied`] : [])] : [];
    const key = found && `${found.file}\n${problems.join('\n')}`;
    if (found && problems.length && !warnedConfigs.has(key!)) {
      warnedConfigs.add(key!);
      for (const problem of problems) connection.console.warn(`imageref: ${found.file}: ${problem}`);
      // A notification, not window/showMessageRequest: it needs no answer, which not every client gives.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `imageref: ${path.basename(found.file)}: ${problems.join('; ')}` });
    }
    return found ? { found, file } : undefined;
  };
  const settingsFor = (document: TextDocument): ImagerefSettings => {
    const config = projectConfigOf(document)?.found;
    return config ? withProjectConfig(configuration.settings, config.config) : configuration.settings;
  };
  const ignored = (document: TextDocument): boolean => {
    const config = projectConfigOf(document);
    return !!config?.found.ignores(config.file);
  };

  const rebuildService = () => {
    void registryHost.client?.close();
    registryHost = createRegistryHost({
      settings: configuration.settings, trusted: options.trusted !== false, cacheDir: options.cacheDir, log,
      onPullLimit: (limit) => void connection.sendNotification(Notifications.pullLimit, pullLimitParams(limit)),
    });
    for (const problem of registryHost.problems) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problem });
    service = new ImagerefLanguageService({ registry: registryHost.client, buildContext: buildFiles });
    scheduler?.status.setOffline(!registryHost.client);
  };

  connection.onInitialize((params: InitializeParams) => {
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const capabilities = params.capabilities;
    configuration.initialize(options.settings, !!capabilities.workspace?.configuration);
    dynamicConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatchedFiles = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    relativeWatchPatterns = !!capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    resolvesEdits = !!capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    inlayHintRefresh = !!capabilities.workspace?.inlayHint?.refreshSupport;
    rebuildService();
    scheduler = new ValidationScheduler(
      connection, documents, () => service, settingsFor, () => undefined, ignored, !!capabilities.window?.workDoneProgress,
    );
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':'] },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, PIN_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: [ServerCommands.refresh, ServerCommands.clearCache, ServerCommands.updatePinnedDigests] },
      },
      serverInfo: { name: 'imageref', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    scheduler?.status.setOffline(!registryHost.client);
    // Only a client that declared dynamic registration is asked (Neovim warns about every unrequested one).
    if (dynamicConfiguration) {
      try {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'imageref' });
      } catch {
        // The client declared it but refused: it pushes settings, or there are none.
      }
    }
    if (dynamicWatchedFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${PROJECT_CONFIG_FILE}` }] })
        .catch(() => undefined);
    }
    void buildFiles.start(dynamicWatchedFiles, relativeWatchPatterns);
    // Documents opened meanwhile were validated with the initialization settings: again only if these differ.
    const before = JSON.stringify(configuration.settings);
    await configuration.refresh();
    if (JSON.stringify(configuration.settings) === before) return;
    rebuildService();
    scheduler?.scheduleAll();
  });

  // `.imageref.json` changed (VS Code's client watches it; other clients when they let us register a watcher).
  connection.onDidChangeWatchedFiles((params) => {
    buildFiles.filesChanged(params.changes);
    if (!params.changes.some((change) => change.uri.endsWith(`/${PROJECT_CONFIG_FILE}`))) return;
    projectConfigs.clear();
    warnedConfigs.clear();
    scheduler?.scheduleAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    await configuration.refresh(change.settings);
    rebuildService();
    scheduler?.scheduleAll();
    // `imageref.inlayHints` may have changed: the client asks for the hints again.
    if (inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.onNotification(Notifications.setTrusted, (params: Partial<SetTrustedParams> | undefined) => {
    options.trusted = params?.trusted !== false;
    rebuildService();
    scheduler?.scheduleAll();
  });

  documents.onDidOpen((e) => scheduler?.schedule(e.document.uri));
  documents.onDidChangeContent((e) => {
    scheduler?.schedule(e.document.uri);
    buildFiles.documentChanged(e.document.uri);
  });
  documents.onDidClose((e) => {
    scheduler?.close(e.document.uri);
    buildFiles.documentClosed(e.document.uri);
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || ignored(document)) return null;
    return cancellable(token, (signal) => guarded(connection, 'hover', null, () =>
      service.hover(document, params.position, settingsFor(document), undefined, signal)));
  });

  connection.onCompletion(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || ignored(document)) return null;
    return cancellable(token, () => guarded(connection, 'completion', null, () =>
      service.completion(document, params.position, settingsFor(document))));
  });

  connection.languages.inlayHint.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || ignored(document)) return [];
    return cancellable(token, (signal) => guarded(connection, 'inlay hints', [], () =>
      service.inlayHints(document, params.range, settingsFor(document), undefined, signal)));
  });

  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || ignored(document)) return [];
    return cancellable(token, (signal) => guarded(connection, 'code actions', [], () =>
      service.codeActions(document, params.range, params.context.diagnostics, settingsFor(document), params.context.only, undefined, signal, { resolvable: resolvesEdits })));
  });

  connection.onCodeActionResolve(async (action, token) => {
    const uri = (action.data as { uri?: unknown } | undefined)?.uri;
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || ignored(document)) return action;
    return cancellable(token, (signal) => guarded(connection, 'code action resolve', action, () =>
      service.resolveCodeAction(action, document, settingsFor(document), undefined, signal)));
  });

  connection.onExecuteCommand(async (params, token) => {
    if (params.command === ServerCommands.updatePinnedDigests) {
      if (!registryHost.client) {
        return new ResponseError(LSPErrorCodes.RequestFailed, 'Update Pinned Digests needs the registry: imageref is offline (imageref.offline, or an untrusted workspace)');
      }
      const given = (params.arguments?.[0] ?? {}) as UpdateDigestsParams;
      const folders = Array.isArray(given.folders) ? given.folders.filter((f) => typeof f === 'string') : workspaceFolders;
      return cancellable(token, (signal) => collectDigestUpdates(folders, { documents, service, settingsFor, ignored }, signal));
    }
    if (params.command === ServerCommands.refresh) {
      service.forgetRegistryAnswers();
      scheduler?.scheduleAll({ refresh: true });
    } else if (params.command === ServerCommands.clearCache) {
      service.forgetRegistryAnswers();
      await registryHost.client?.clearCache();
      scheduler?.scheduleAll({ refresh: true });
    }
  });

  documents.listen(connection);
  connection.listen();
}

/** How long a looked-up `.imageref.json` is trusted before it is looked up again. */
const CONTEXT_FRESH_MS = 5000;

/**
 * Run a request with an AbortSignal that `$/cancelRequest` fires; a cancelled request answers RequestCancelled
 * at once (its registry lookups are aborted), as LSP asks.
 */
async function cancellable<T>(token: CancellationToken, run: (signal: AbortSignal) => Promise<T>): Promise<T | ResponseError<void>> {
  const cancelled = () => new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'request cancelled');
  if (token.isCancellationRequested) return cancelled();
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  try {
    const aborted = new Promise<'cancelled'>((resolve) => abort.signal.addEventListener('abort', () => resolve('cancelled'), { once: true }));
    const result = await Promise.race([run(abort.signal), aborted]);
    return result === 'cancelled' || abort.signal.aborted ? cancelled() : result;
  } finally {
    subscription.dispose();
  }
}

async function guarded<T>(connection: Connection, what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    connection.console.error(`imageref: ${what} failed: ${describe(error)}`);
    return fallback;
  }
}
