import * as path from 'node:path';

const SETTINGS_FILES = ['settings.gradle', 'settings.gradle.kts'];

/**
 * The gradle.properties files a Gradle build file sees, nearest first: those of its folder and every folder up to
 * the build root (the nearest folder with settings.gradle(.kts)). With no settings file above it, Gradle treats the
 * build file's own folder as the root. `read` gives a file's text or undefined (missing).
 */
export function gradlePropertiesFiles(buildFile: string, read: (file: string) => string | undefined): string[] {
  const start = path.dirname(buildFile);
  const root = buildRootOf(start, read);
  if (!root) return [path.join(start, 'gradle.properties')];
  const files: string[] = [];
  for (let current = start; ; current = path.dirname(current)) {
    files.push(path.join(current, 'gradle.properties'));
    if (current === root) return files;
  }
}

/** The nearest folder at or above `dir` holding a settings file; undefined when there is none. */
export function buildRootOf(dir: string, read: (file: string) => string | undefined): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (SETTINGS_FILES.some((name) => read(path.join(current, name)) !== undefined)) return current;
    if (path.dirname(current) === current) return undefined;
  }
}
