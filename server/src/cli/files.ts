import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf, kindNeedsContent } from '../service/fileKind';
import type { FileKind } from '../service/types';

export class InputError extends Error {}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'target', 'build', '.gradle', '.idea']);
/** Beyond this a build file is not a build file; say so instead of spending minutes on it. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface SourceFile {
  path: string;
  kind: FileKind;
  /** Named on the command line (an unreadable one is an error), rather than found in a folder (skipped). */
  explicit: boolean;
  /** The file's text, when finding its kind took reading it (a YAML manifest): it is read once. */
  text?: string;
}

export interface FoundFiles {
  files: SourceFile[];
  /** One line per path that does not exist or cannot be read; the other paths are still checked. */
  missing: string[];
}

/** Supported files under each path (a file given by name is taken even when its name is not a build file's). */
export function findFiles(paths: string[]): FoundFiles {
  const files: SourceFile[] = [];
  const missing: string[] = [];
  for (const given of paths.length ? paths : ['.']) {
    let stats;
    try {
      stats = statSync(given);
    } catch {
      missing.push(`${given}: no such file or directory`);
      continue;
    }
    if (stats.isDirectory()) walk(given, files);
    else {
      const content = contentFor(given);
      const kind = fileKindOf(given, undefined, content?.text);
      // A YAML or properties file that is no manifest or Quarkus configuration has nothing to check; others are read as a Dockerfile.
      if (kind || !kindNeedsContent(given)) files.push({ path: given, kind: kind ?? 'dockerfile', explicit: true, text: content?.source });
    }
  }
  return { files, missing };
}

function walk(dir: string, into: SourceFile[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${dir}: cannot read directory (${(error as NodeJS.ErrnoException).code})`);
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, into);
    } else if (entry.isFile()) {
      const content = contentFor(full);
      const kind = fileKindOf(full, undefined, content?.text);
      if (kind) into.push({ path: full, kind, explicit: false, text: content?.source });
    }
  }
}

/**
 * A YAML file's text, to tell a Kubernetes manifest by its content; undefined for names that decide alone. `source`
 * is the same text when it is also fit to check (readSource accepts it), so that the file is not read again.
 */
function contentFor(file: string): { text: string; source?: string } | undefined {
  if (!kindNeedsContent(file)) return undefined;
  try {
    const text = readSource(file);
    return { text, source: text };
  } catch {
    // Binary, huge or unreadable: the kind is decided as before, and readSource says why when the file is checked.
  }
  try {
    return statSync(file).size > MAX_FILE_BYTES ? undefined : { text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

/**
 * The order of `localeCompare`. Names of lowercase ASCII letters, digits, `.` and `-` compare the same by code unit,
 * and comparing them so spares most runs the ~5 ms that ICU's collator takes to start.
 */
const PLAIN_NAME = /^[a-z0-9.-]*$/;
function byName(a: string, b: string): number {
  if (PLAIN_NAME.test(a) && PLAIN_NAME.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}

/** Read a build file as text, refusing binary and huge files with one clear line. */
export function readSource(file: string): string {
  let bytes: Buffer;
  try {
    // Open once and ask the descriptor: a scan reads thousands of these, and a path lookup per stat adds up.
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) {
        throw new InputError(`${file}: too large to be a build file (${(size / 1048576).toFixed(1)} MB, limit ${MAX_FILE_BYTES / 1048576} MB)`);
      }
      bytes = readAll(fd, size);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError(`${file}: binary file, not a build file`);
  return bytes.toString('utf8');
}

/** The file's bytes, up to its fstat `size` as readFileSync(fd) reads them, which would ask fstat once more. */
function readAll(fd: number, size: number): Buffer {
  if (size > 0) {
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    for (let read = -1; read !== 0 && length < size; length += read) read = readSync(fd, buffer, length, size - length, null);
    return buffer.subarray(0, length);
  }
  return readFileSync(fd); // a size of 0 may mean "unknown" (procfs): read to the end
}
