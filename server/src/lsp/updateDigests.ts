import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { findWorkspaceFiles, readWorkspaceFile } from '../host/workspaceFiles';
import { fileKindOf } from '../service/fileKind';
import type { ImagerefLanguageService } from '../service/languageService';
import type { ImagerefSettings } from '../service/settings';
import type { UpdateDigestsResult } from '../../../shared/protocol';

export interface DigestUpdateDeps {
  documents: TextDocuments<TextDocument>;
  service: ImagerefLanguageService;
  settingsFor(document: TextDocument): ImagerefSettings;
  ignored(document: TextDocument): boolean;
}

/** Files checked at once: each asks its tags afresh, and the registry client bounds the requests anyway. */
const PARALLEL_FILES = 8;

/**
 * "Update Pinned Digests": every build file under the folders (open ones as the editor has them, unsaved text
 * included), every stale pinned digest in it, as one workspace edit for the client to preview and apply.
 */
export async function collectDigestUpdates(folderUris: readonly string[], deps: DigestUpdateDeps, signal?: AbortSignal): Promise<UpdateDigestsResult> {
  const folders = folderUris.flatMap((uri) => {
    try {
      return [path.normalize(fileURLToPath(uri))];
    } catch {
      return [];
    }
  });
  const byUri = new Map<string, TextDocument>();
  for (const document of deps.documents.all()) if (fileKindOf(document.uri, document.languageId, document.getText())) byUri.set(document.uri, document);
  for (const file of await findWorkspaceFiles(folders)) {
    const uri = pathToFileURL(file.path).toString();
    if (byUri.has(uri)) continue;
    const text = await readWorkspaceFile(file.path);
    // The kind comes from the file's name (or content); the language id matters only for a Dockerfile.
    const languageId = file.kind === 'dockerfile' ? 'dockerfile' : 'plaintext';
    if (text !== undefined) byUri.set(uri, TextDocument.create(uri, languageId, 0, text));
  }
  const documents = [...byUri.values()].filter((d) => !deps.ignored(d));
  const changes: Record<string, TextEdit[]> = {};
  for (let i = 0; i < documents.length && !signal?.aborted; i += PARALLEL_FILES) {
    await Promise.all(documents.slice(i, i + PARALLEL_FILES).map(async (document) => {
      const edits = await deps.service.digestUpdates(document, deps.settingsFor(document), undefined, signal);
      if (edits.length) changes[document.uri] = edits;
    }));
  }
  const updates = Object.values(changes).reduce((n, edits) => n + edits.length, 0);
  return { edit: { changes }, updates, files: Object.keys(changes).length, scanned: documents.length };
}
