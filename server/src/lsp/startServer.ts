import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments,
  TextDocumentSyncKind, type Connection, type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadExtractionContext } from '../host/buildContext';
import { createRegistryHost, type RegistryHost } from '../host/registryHost';
import { fileKindOf } from '../service/fileKind';
import { ImagerefLanguageService } from '../service/languageService';
import type { ExtractionContext } from '../service/types';
import { Notifications, PIN_ALL_KIND, ServerCommands, type InitializationOptions, type SetTrustedParams } from '../../../shared/protocol';
import { VERSION } from '../version';
import { ConfigurationStore } from './configuration';
import { describe, ValidationScheduler } from './validationScheduler';


/** LSP wiring only: every answer comes from the language service. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const configuration = new ConfigurationStore(connection);
  let options: InitializationOptions = {};
  let registryHost: RegistryHost = { problems: [] };
  let service = new ImagerefLanguageService({});
  let scheduler: ValidationScheduler | undefined;
  const log = (line: string) => connection.console.log(line);

  const rebuildService = () => {
    void registryHost.client?.close();
    registryHost = createRegistryHost({
      settings: configuration.settings, trusted: options.trusted !== false, cacheDir: options.cacheDir, log,
    });
    for (const problem of registryHost.problems) connection.window.showWarningMessage(problem);
    service = new ImagerefLanguageService({ registry: registryHost.client });
    scheduler?.status.setOffline(!registryHost.client);
  };

  connection.onInitialize((params: InitializeParams) => {
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    const capabilities = params.capabilities;
    configuration.initialize(options.settings, !!capabilities.workspace?.configuration);
    rebuildService();
    scheduler = new ValidationScheduler(
      connection, documents, () => service, () => configuration.settings, contextOf, !!capabilities.window?.workDoneProgress,
    );
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, PIN_ALL_KIND] },
        executeCommandProvider: { commands: [ServerCommands.refresh, ServerCommands.clearCache] },
      },
      serverInfo: { name: 'imageref', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    try {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'imageref' });
    } catch {
      // Dynamic registration unsupported: the client pushes settings, or there are none.
    }
    await configuration.refresh();
    rebuildService();
    scheduler?.scheduleAll();
  });

  connection.onDidChangeConfiguration(async (change) => {
    await configuration.refresh(change.settings);
    rebuildService();
    scheduler?.scheduleAll();
  });

  connection.onNotification(Notifications.setTrusted, (params: Partial<SetTrustedParams> | undefined) => {
    options.trusted = params?.trusted !== false;
    rebuildService();
    scheduler?.scheduleAll();
  });

  documents.onDidOpen((e) => scheduler?.schedule(e.document.uri));
  documents.onDidChangeContent((e) => scheduler?.schedule(e.document.uri));
  documents.onDidClose((e) => scheduler?.close(e.document.uri));

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    return guarded(connection, 'hover', null, () =>
      service.hover(document, params.position, configuration.settings, contextOf(document)));
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return guarded(connection, 'code actions', [], () =>
      service.codeActions(document, params.range, params.context.diagnostics, configuration.settings, params.context.only, contextOf(document)));
  });

  connection.onExecuteCommand(async (params) => {
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

const contexts = new Map<string, { at: number; context: ExtractionContext }>();
const CONTEXT_FRESH_MS = 5000;

/** gradle.properties and parent poms, re-read at most every few seconds (not on every keystroke). */
function contextOf(document: TextDocument): ExtractionContext {
  const kind = fileKindOf(document.uri, document.languageId);
  if (!kind || !document.uri.startsWith('file:')) return {};
  const cached = contexts.get(document.uri);
  if (cached && Date.now() - cached.at < CONTEXT_FRESH_MS) return cached.context;
  let context: ExtractionContext = {};
  try {
    context = loadExtractionContext(path.normalize(fileURLToPath(document.uri)), kind, document.getText());
  } catch {
    // An unreadable neighbour adds nothing.
  }
  contexts.set(document.uri, { at: Date.now(), context });
  return context;
}

async function guarded<T>(connection: Connection, what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    connection.console.error(`imageref: ${what} failed: ${describe(error)}`);
    return fallback;
  }
}
