import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readDotEnv } from '../service/extract/compose';
import { readGradleProperties } from '../service/extract/gradle';
import { readMavenProperties } from '../service/extract/maven';
import type { ExtractionContext, FileKind } from '../service/types';

const MAX_PARENT_POMS = 5;
const MAX_PROPERTIES_FILE = 1024 * 1024;

/**
 * Values a build file reads from elsewhere: gradle.properties of the project and its parents, a pom's parent
 * `<properties>` (via `<parent><relativePath>`, default `../pom.xml`), a Compose file's `.env`. Missing or unreadable files add nothing.
 */
export function loadExtractionContext(filePath: string, kind: FileKind, text: string): ExtractionContext {
  const properties = new Map<string, string>();
  if (kind === 'gradle-groovy' || kind === 'gradle-kotlin') addGradleProperties(path.dirname(filePath), properties);
  if (kind === 'maven') addParentPomProperties(filePath, text, properties, 0);
  if (kind === 'compose') addDotEnv(path.dirname(filePath), properties);
  return properties.size ? { externalProperties: properties } : {};
}

function addGradleProperties(dir: string, into: Map<string, string>): void {
  // The nearest gradle.properties wins; a root project's file is read for subprojects too.
  for (let current = dir, depth = 0; depth < 4; depth++) {
    const text = readSmallFile(path.join(current, 'gradle.properties'));
    if (text !== undefined) for (const [k, v] of readGradleProperties(text)) if (!into.has(k)) into.set(k, v);
    const parent = path.dirname(current);
    if (parent === current || existsSync(path.join(current, 'settings.gradle')) || existsSync(path.join(current, 'settings.gradle.kts'))) break;
    current = parent;
  }
}

/** Compose reads `.env` from the project directory (the Compose file's folder). */
function addDotEnv(dir: string, into: Map<string, string>): void {
  const text = readSmallFile(path.join(dir, '.env'));
  if (text !== undefined) for (const [k, v] of readDotEnv(text)) into.set(k, v);
}

function addParentPomProperties(pomPath: string, text: string, into: Map<string, string>, depth: number): void {
  if (depth >= MAX_PARENT_POMS) return;
  const parentBlock = /<parent>([\s\S]*?)<\/parent>/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  if (!parentBlock) return;
  const relative = /<relativePath>\s*([^<]*?)\s*<\/relativePath>/.exec(parentBlock[1])?.[1];
  if (relative === '') return; // an explicitly empty relativePath means: resolve from the repository only
  let parentPath = path.resolve(path.dirname(pomPath), relative ?? '../pom.xml');
  if (isDirectory(parentPath)) parentPath = path.join(parentPath, 'pom.xml');
  const parentText = readSmallFile(parentPath);
  if (parentText === undefined || parentPath === pomPath) return;
  for (const [k, v] of readMavenProperties(parentText)) if (!into.has(k)) into.set(k, v);
  addParentPomProperties(parentPath, parentText, into, depth + 1);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readSmallFile(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_PROPERTIES_FILE) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
