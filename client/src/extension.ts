/**
 * imageref VS Code extension: a thin client. All analysis lives in the language server (dist/server.js),
 * started over node IPC; this file wires the client, commands, workspace trust and the status bar.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { Commands, registerCommands } from './commands';
import { PROJECT_CONFIG_FILE, PullLimitNotification, StatusNotification, type InitializationOptions } from './protocol';
import { PullLimitItem } from './pullLimitItem';
import { ImagerefStatusBar } from './statusBar';
import { isTrusted, watchTrust } from './trust';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../shared/serverProcess';

/** Build files by name, whatever language mode another extension gives them. */
export const FILE_PATTERNS = [
  '**/Dockerfile*',
  '**/Containerfile*',
  '**/*.{dockerfile,Dockerfile,containerfile,Containerfile}',
  '**/pom.xml',
  '**/*.gradle',
  '**/*.gradle.kts',
  // Compose, CI workflows, Skaffold, Quarkus configuration, Testcontainers sources; YAML manifests are told by their
  // content on the server, which answers nothing for other YAML files.
  '**/*.{yaml,yml}',
  '**/application*.properties',
  '**/*.{java,kt,groovy}',
] as const;

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
  // Dockerfiles under other names (the user picked the mode) and new, unsaved ones.
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  // Not analyzed, but synced: an unsaved edit of gradle.properties revalidates the build files that read it.
  { scheme: 'file', pattern: '**/gradle.properties' },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV } } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const initializationOptions: InitializationOptions = {
    settings: currentSettings(),
    cacheDir: context.globalStorageUri.fsPath,
    trusted: isTrusted(),
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    // Sends workspace/didChangeConfiguration when `imageref.*` changes; the server then pulls
    // the section through workspace/configuration.
    // `.imageref.json` (the project configuration, which the server reads from disk) changing re-validates.
    synchronize: { configurationSection: 'imageref', fileEvents: vscode.workspace.createFileSystemWatcher(`**/${PROJECT_CONFIG_FILE}`) },
    diagnosticCollectionName: 'imageref',
    outputChannelName: 'imageref',
  };

  client = new LanguageClient('imageref', 'imageref', serverOptions, clientOptions);

  const statusBar = new ImagerefStatusBar(Commands.showOutput);
  const pullLimitItem = new PullLimitItem();
  context.subscriptions.push(
    statusBar,
    client.onNotification(StatusNotification, (status) => statusBar.update(status, isTrusted())),
    pullLimitItem,
    client.onNotification(PullLimitNotification, (params) => pullLimitItem.update(params)),
    watchTrust(client),
    ...registerCommands(client),
  );

  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `imageref: the language server could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

/** The `imageref` section as plain JSON (what workspace/configuration would return). */
function currentSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('imageref')));
}
