import * as path from 'node:path';

const SETTINGS_FILES = ['settings.gradle', 'settings.gradle.kts'];
type Read = (file: string) => string | undefined;

/**
 * The gradle.properties files a Gradle build file sees, nearest first: those of its folder and every folder up to
 * the build root (the nearest folder with settings.gradle(.kts)). With no settings file above it, Gradle treats the
 * build file's own folder as the root. A precompiled script plugin (buildSrc, an included build such as
 * build-logic) runs in the projects of the main build that apply it: it sees the main build's root properties.
 * `read` gives a file's text or undefined (missing).
 */
export function gradlePropertiesFiles(buildFile: string, read: Read): string[] {
  const plugin = precompiledPluginProject(buildFile);
  const mainRoot = plugin && mainBuildRootOf(plugin, read);
  if (mainRoot) return [path.join(mainRoot, 'gradle.properties')];
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
export function buildRootOf(dir: string, read: Read): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (SETTINGS_FILES.some((name) => read(path.join(current, name)) !== undefined)) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** `<project>/src/main/{kotlin,groovy}/…/x.gradle(.kts)`: the project folder of a precompiled script plugin. */
function precompiledPluginProject(buildFile: string): string | undefined {
  const parts = buildFile.split(path.sep);
  for (let i = parts.length - 2; i >= 2; i--) {
    if ((parts[i] === 'kotlin' || parts[i] === 'groovy') && parts[i - 1] === 'main' && parts[i - 2] === 'src') {
      return parts.slice(0, i - 2).join(path.sep) || path.sep;
    }
  }
  return undefined;
}

/**
 * The root of the build that uses the plugins of `pluginProject`: for buildSrc the folder above it; for an included
 * build, the nearest build above whose settings file includes it (`includeBuild("build-logic")`, also inside
 * `pluginManagement { … }`). Undefined when no such build is found (then the plugin is an ordinary build file).
 */
function mainBuildRootOf(pluginProject: string, read: Read): string | undefined {
  const pluginBuild = buildRootOf(pluginProject, read);
  const buildSrc = pathUpTo(pluginProject, 'buildSrc');
  if (buildSrc && (!pluginBuild || pluginBuild.length <= buildSrc.length)) {
    return buildRootOf(path.dirname(buildSrc), read) ?? path.dirname(buildSrc);
  }
  if (!pluginBuild) return undefined;
  for (let current = path.dirname(pluginBuild); ; current = path.dirname(current)) {
    for (const name of SETTINGS_FILES) {
      const text = read(path.join(current, name));
      if (text !== undefined && includedBuilds(text).some((included) => path.resolve(current, included) === pluginBuild)) return current;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** `buildSrc` folder among the ancestors of `dir` (itself included). */
function pathUpTo(dir: string, name: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (path.basename(current) === name) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** The paths a settings file includes as builds: `includeBuild("x")`, `includeBuild 'x'`, `includeBuild(file("x"))`. */
export function includedBuilds(settingsText: string): string[] {
  const text = settingsText.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  return [...text.matchAll(/\bincludeBuild\s*\(?\s*(?:file\s*\(\s*)?["']([^"'$]+)["']/g)].map((m) => m[1]);
}
