import { readFileSync, statSync } from 'node:fs';

const MAX_BUILD_FILE = 1024 * 1024;

/** The text of a file the editor has open (unsaved edits included), or undefined when it is not open. */
export type OpenFileText = (absolutePath: string) => string | undefined;

/**
 * Reads the small files a build context is made of: an open editor buffer wins over the disk; what was read from
 * disk is kept until `forget` says the file changed. A missing, unreadable or huge file reads as undefined.
 */
export class BuildFiles {
  private readonly disk = new Map<string, string | undefined>();

  constructor(private readonly openText: OpenFileText = () => undefined) {}

  read(file: string): string | undefined {
    const open = this.openText(file);
    if (open !== undefined) return open;
    if (this.disk.has(file)) return this.disk.get(file);
    const text = readSmallFile(file);
    this.disk.set(file, text);
    return text;
  }

  exists(file: string): boolean {
    return this.read(file) !== undefined;
  }

  /** These files changed on disk (or every file, with no argument): read them again next time. */
  forget(files?: Iterable<string>): void {
    if (!files) return this.disk.clear();
    for (const file of files) this.disk.delete(file);
  }
}

function readSmallFile(file: string): string | undefined {
  try {
    // Most files asked for are missing (settings.gradle above every module, .env): no exception to build for those.
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat || !stat.isFile() || stat.size > MAX_BUILD_FILE) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
