import { existsSync, readFileSync, statSync } from 'node:fs';

/** The few questions host/ asks the file system about files next to a build file. */
export interface FileProbe {
  exists(file: string): boolean;
  isDirectory(file: string): boolean;
  /** The file's text, or undefined when it is missing, unreadable or larger than `maxBytes`. */
  readSmall(file: string, maxBytes: number): string | undefined;
}

export const directProbe: FileProbe = {
  exists: (file) => existsSync(file),
  isDirectory(file) {
    try {
      return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  },
  readSmall(file, maxBytes) {
    try {
      const stats = statSync(file, { throwIfNoEntry: false });
      if (!stats || stats.size > maxBytes) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/**
 * Each question asked of the file system once: for one command-line run, where thousands of build files share the
 * same parent folders, gradle.properties and settings files. Not for the language server, whose files change.
 */
export function memoizedProbe(probe: FileProbe = directProbe): FileProbe {
  const exists = new Map<string, boolean>();
  const directories = new Map<string, boolean>();
  const texts = new Map<string, string | undefined>();
  const remember = <T>(map: Map<string, T>, key: string, get: () => T): T => {
    if (map.has(key)) return map.get(key)!;
    const value = get();
    map.set(key, value);
    return value;
  };
  return {
    exists: (file) => remember(exists, file, () => probe.exists(file)),
    isDirectory: (file) => remember(directories, file, () => probe.isDirectory(file)),
    readSmall: (file, maxBytes) => remember(texts, `${maxBytes}:${file}`, () => probe.readSmall(file, maxBytes)),
  };
}
