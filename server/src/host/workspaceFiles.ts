import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf, kindNeedsContent } from '../service/fileKind';
import type { FileKind } from '../service/types';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'target', 'build', '.gradle', '.idea', 'out', 'dist']);
/** A workspace walk stops after this many build files (a monorepo's checkout, not the whole disk). */
export const MAX_WORKSPACE_FILES = 5000;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface WorkspaceFile {
  path: string;
  kind: FileKind;
}

/** The build files under `folders` (every kind imageref reads), skipping build output and VCS folders. */
export async function findWorkspaceFiles(folders: readonly string[]): Promise<WorkspaceFile[]> {
  const found: WorkspaceFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (found.length >= MAX_WORKSPACE_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      else if (entry.isFile()) {
        // The path decides most kinds (a workflow by its folder); a YAML file may need its content (Kubernetes).
        const kind = fileKindOf(full) ?? (kindNeedsContent(full) ? fileKindOf(full, undefined, await readWorkspaceFile(full)) : undefined);
        if (kind) found.push({ path: full, kind });
      }
    }
  };
  for (const folder of folders) await walk(folder);
  return found;
}

/** A build file's text, or undefined when it is unreadable, too large or binary. */
export async function readWorkspaceFile(file: string): Promise<string | undefined> {
  try {
    const stats = await fs.stat(file);
    if (stats.size > MAX_FILE_BYTES) return undefined;
    const bytes = await fs.readFile(file);
    return bytes.subarray(0, 8192).includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}
