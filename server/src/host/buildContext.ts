import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprintOf, type BuildContextProvider, type BuildContextRequest, type ProvidedBuildContext } from '../service/buildContext';
import { readDotEnv } from '../service/extract/compose';
import { readGradleProperties } from '../service/extract/gradle';
import { readMavenProperties } from '../service/extract/maven';
import type { ExtractionContext, FileKind } from '../service/types';
import { BuildFiles } from './buildFiles';
import { gradlePropertiesFiles } from './gradleBuild';

const MAX_PARENT_POMS = 10;

export interface BuildContextOptions {
  files?: BuildFiles;
  /** Gradle's user home (its gradle.properties); default $GRADLE_USER_HOME, else ~/.gradle. Null: none. */
  gradleUserHome?: string | null;
}

/**
 * The build context from the file system: gradle.properties of the project up to its build root (the folder with
 * settings.gradle(.kts)) and the user's $GRADLE_USER_HOME/gradle.properties; a pom's parent `<properties>` via
 * `<parent><relativePath>` (default `../pom.xml`). Remembers which files each document's context was made of, so
 * that a front end can revalidate the dependants of a changed file.
 */
export class FileBuildContextProvider implements BuildContextProvider {
  readonly files: BuildFiles;
  private readonly userHome: string | undefined;
  private readonly dependencies = new Map<string, ReadonlySet<string>>();

  constructor(options: BuildContextOptions = {}) {
    this.files = options.files ?? new BuildFiles();
    this.userHome = options.gradleUserHome === null ? undefined : options.gradleUserHome ?? defaultGradleUserHome();
  }

  contextFor(request: BuildContextRequest): ProvidedBuildContext {
    let file: string;
    try {
      file = path.normalize(fileURLToPath(request.uri));
    } catch {
      return { context: {}, fingerprint: '' };
    }
    const { context, consulted } = this.load(file, request.kind, request.text);
    this.dependencies.set(request.uri, consulted);
    const plain = fingerprintOf(context);
    // The plain text itself: exact, a few hundred characters, and no hash to load node:crypto for.
    return { context, fingerprint: plain };
  }

  /** The documents (URIs) whose last context was made of, or looked for, this file. */
  dependantsOf(file: string): string[] {
    const normalized = path.normalize(file);
    return [...this.dependencies].filter(([, files]) => files.has(normalized)).map(([uri]) => uri);
  }

  /** Every file some document's context depends on (for watching them). */
  watchedFiles(): Set<string> {
    const all = new Set<string>();
    for (const files of this.dependencies.values()) for (const file of files) all.add(file);
    return all;
  }

  /** $GRADLE_USER_HOME/gradle.properties, when there is a user home. */
  get userPropertiesFile(): string | undefined {
    return this.userHome && path.join(this.userHome, 'gradle.properties');
  }

  forgetDocument(uri: string): void {
    this.dependencies.delete(uri);
  }

  load(file: string, kind: FileKind, text: string): { context: ExtractionContext; consulted: Set<string> } {
    const consulted = new Set<string>();
    const properties = new Map<string, string>();
    if (kind === 'gradle-groovy' || kind === 'gradle-kotlin') this.addGradleProperties(file, text, properties, consulted);
    if (kind === 'maven') this.addParentPomProperties(file, text, properties, consulted, 0);
    if (kind === 'compose') this.addDotEnv(path.dirname(file), properties, consulted);
    return { context: properties.size ? { externalProperties: properties } : {}, consulted };
  }

  private addGradleProperties(file: string, text: string, into: Map<string, string>, consulted: Set<string>): void {
    // Gradle: the user home's file wins over the project's; only the keys this file mentions are taken from it.
    if (this.userHome) {
      const userFile = path.join(this.userHome, 'gradle.properties');
      consulted.add(userFile);
      const userText = this.files.read(userFile);
      if (userText !== undefined) for (const [k, v] of readGradleProperties(userText)) if (mentions(text, k)) into.set(k, v);
    }
    // The nearest gradle.properties wins; the root project's file is read for subprojects too.
    const read = (f: string) => (consulted.add(f), this.files.read(f));
    for (const propertiesFile of gradlePropertiesFiles(file, read)) {
      const found = read(propertiesFile);
      if (found !== undefined) for (const [k, v] of readGradleProperties(found)) if (!into.has(k)) into.set(k, v);
    }
  }

  /** Compose reads `.env` from the project directory (the Compose file's folder). */
  private addDotEnv(dir: string, into: Map<string, string>, consulted: Set<string>): void {
    const envFile = path.join(dir, '.env');
    consulted.add(envFile);
    const text = this.files.read(envFile);
    if (text !== undefined) for (const [k, v] of readDotEnv(text)) into.set(k, v);
  }

  private addParentPomProperties(pomPath: string, text: string, into: Map<string, string>, consulted: Set<string>, depth: number): void {
    if (depth >= MAX_PARENT_POMS) return;
    const parentBlock = /<parent>([\s\S]*?)<\/parent>/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
    if (!parentBlock) return;
    const relative = /<relativePath>\s*([^<]*?)\s*<\/relativePath>/.exec(parentBlock[1])?.[1];
    if (relative === '') return; // an explicitly empty relativePath means: resolve from the repository only
    let parentPath = path.resolve(path.dirname(pomPath), relative ?? '../pom.xml');
    consulted.add(parentPath);
    let parentText = this.files.read(parentPath);
    if (parentText === undefined && path.basename(parentPath) !== 'pom.xml') {
      parentPath = path.join(parentPath, 'pom.xml'); // <relativePath> may name the parent's folder
      consulted.add(parentPath);
      parentText = this.files.read(parentPath);
    }
    if (parentText === undefined || parentPath === pomPath) return;
    for (const [k, v] of readMavenProperties(parentText)) if (!into.has(k)) into.set(k, v);
    this.addParentPomProperties(parentPath, parentText, into, consulted, depth + 1);
  }
}

/**
 * Values a build file reads from elsewhere, read once from disk (the command line, tests). The editor uses a
 * long-lived FileBuildContextProvider instead, which follows changes.
 */
export function loadExtractionContext(filePath: string, kind: FileKind, text: string, provider = new FileBuildContextProvider()): ExtractionContext {
  return provider.load(path.resolve(filePath), kind, text).context;
}

function defaultGradleUserHome(): string | undefined {
  if (process.env.GRADLE_USER_HOME) return path.resolve(process.env.GRADLE_USER_HOME);
  try {
    return path.join(os.homedir(), '.gradle');
  } catch {
    return undefined;
  }
}

/** The key appears in the text as a whole name (not inside a longer identifier). */
function mentions(text: string, key: string): boolean {
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
    const before = text[at - 1];
    const after = text[at + key.length];
    if (!isNameChar(before) && !isNameChar(after)) return true;
  }
  return false;
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}
