import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Connection, type FileEvent, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BuildFiles } from '../host/buildFiles';
import { FileBuildContextProvider } from '../host/buildContext';
import type { BuildContextProvider, BuildContextRequest, ProvidedBuildContext } from '../service/buildContext';

/** The files a build context is made of, as the client's watcher globs (`.env`: Compose's variables). */
export const BUILD_CONTEXT_GLOBS = ['**/gradle.properties', '**/settings.gradle', '**/settings.gradle.kts', '**/pom.xml', '**/.env'];
const BUILD_CONTEXT_NAMES = new Set(['gradle.properties', 'settings.gradle', 'settings.gradle.kts', 'pom.xml', '.env']);
/** Bounds the folders watched by the fallback (a build file far from any settings file looks up to `/`). */
const MAX_WATCHED_FOLDERS = 256;

/**
 * Keeps open documents in step with the files their build context is made of (gradle.properties, settings files,
 * parent poms): told by the client's watched-files notifications when it lets us register them, otherwise by
 * fs.watch on the folders involved; an open buffer of such a file wins over the disk and revalidates as it is typed.
 */
export class BuildFileWatching implements BuildContextProvider {
  private readonly provider: FileBuildContextProvider;
  private readonly folders = new Map<string, FSWatcher>();
  private fallback = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly revalidate: (uri: string) => void,
    gradleUserHome?: string | null,
  ) {
    this.provider = new FileBuildContextProvider({ files: new BuildFiles((file) => this.openText(file)), gradleUserHome });
  }

  contextFor(request: BuildContextRequest): ProvidedBuildContext {
    const provided = this.provider.contextFor(request);
    if (this.fallback) this.watchFolders();
    return provided;
  }

  /** After `initialized`: register the watchers with a client that supports it, else watch the disk ourselves. */
  async start(dynamicRegistration: boolean, relativePatterns: boolean): Promise<void> {
    const userHomeFile = this.provider.userPropertiesFile;
    if (!dynamicRegistration) {
      this.fallback = true;
      this.watchFolders();
      return;
    }
    const watchers: Array<{ globPattern: string | { baseUri: string; pattern: string } }> = BUILD_CONTEXT_GLOBS.map((globPattern) => ({ globPattern }));
    if (userHomeFile && relativePatterns) {
      watchers.push({ globPattern: { baseUri: pathToFileURL(path.dirname(userHomeFile)).href, pattern: path.basename(userHomeFile) } });
    }
    try {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    } catch {
      this.fallback = true; // declared but refused
      this.watchFolders();
    }
  }

  /** The client reports changed files: read them again and revalidate the documents that depend on them. */
  filesChanged(changes: readonly FileEvent[]): void {
    const files = changes.flatMap((change) => pathOf(change.uri) ?? []);
    this.provider.files.forget(files);
    for (const file of files) this.revalidateDependants(file);
  }

  /** An open document's text changed, or it was closed (its disk copy applies again): its dependants follow. */
  documentChanged(uri: string): void {
    const file = pathOf(uri);
    if (file) this.revalidateDependants(file);
  }

  documentClosed(uri: string): void {
    this.provider.forgetDocument(uri);
    this.documentChanged(uri);
  }

  dispose(): void {
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
  }

  private revalidateDependants(file: string): void {
    for (const uri of this.provider.dependantsOf(file)) if (this.documents.get(uri)) this.revalidate(uri);
  }

  private openText(file: string): string | undefined {
    for (const document of this.documents.all()) if (pathOf(document.uri) === file) return document.getText();
    return undefined;
  }

  private watchFolders(): void {
    for (const file of this.provider.watchedFiles()) {
      const folder = path.dirname(file);
      if (this.folders.has(folder) || this.folders.size >= MAX_WATCHED_FOLDERS) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => this.folderChanged(folder, name?.toString()));
        watcher.on('error', () => undefined);
        this.folders.set(folder, watcher);
      } catch {
        // A folder that does not exist yet (or cannot be watched) is not watched; it may be created later.
      }
    }
  }

  private folderChanged(folder: string, name: string | undefined): void {
    if (name && !BUILD_CONTEXT_NAMES.has(name)) return;
    const changed = name ? [path.join(folder, name)] : [...this.provider.watchedFiles()].filter((f) => path.dirname(f) === folder);
    this.provider.files.forget(changed);
    for (const file of changed) this.revalidateDependants(file);
  }
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

