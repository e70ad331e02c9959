import * as path from 'node:path';
import { directProbe, type FileProbe } from './fileProbe';
import { readGradleProperties } from '../service/extract/gradle';
import { readMavenProperties } from '../service/extract/maven';
import type { ExtractionContext, FileKind } from '../service/types';

const MAX_PARENT_POMS = 5;
const MAX_PROPERTIES_FILE = 1024 * 1024;

/**
 * Values a build file reads from elsewhere: gradle.properties of the project and its parents, a pom's parent
 * `<properties>` (via `<parent><relativePath>`, default `../pom.xml`). Missing or unreadable files add nothing.
 */
export function loadExtractionContext(filePath: string, kind: FileKind, text: string, probe: FileProbe = directProbe): ExtractionContext {
  const properties = new Map<string, string>();
  if (kind === 'gradle-groovy' || kind === 'gradle-kotlin') addGradleProperties(path.dirname(filePath), properties, probe);
  if (kind === 'maven') addParentPomProperties(filePath, text, properties, 0, probe);
  return properties.size ? { externalProperties: properties } : {};
}

function addGradleProperties(dir: string, into: Map<string, string>, probe: FileProbe): void {
  // The nearest gradle.properties wins; a root project's file is read for subprojects too.
  for (let current = dir, depth = 0; depth < 4; depth++) {
    const text = probe.readSmall(path.join(current, 'gradle.properties'), MAX_PROPERTIES_FILE);
    if (text !== undefined) for (const [k, v] of readGradleProperties(text)) if (!into.has(k)) into.set(k, v);
    const parent = path.dirname(current);
    if (parent === current || probe.exists(path.join(current, 'settings.gradle')) || probe.exists(path.join(current, 'settings.gradle.kts'))) break;
    current = parent;
  }
}

function addParentPomProperties(pomPath: string, text: string, into: Map<string, string>, depth: number, probe: FileProbe): void {
  if (depth >= MAX_PARENT_POMS) return;
  const parentBlock = /<parent>([\s\S]*?)<\/parent>/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  if (!parentBlock) return;
  const relative = /<relativePath>\s*([^<]*?)\s*<\/relativePath>/.exec(parentBlock[1])?.[1];
  if (relative === '') return; // an explicitly empty relativePath means: resolve from the repository only
  let parentPath = path.resolve(path.dirname(pomPath), relative ?? '../pom.xml');
  if (probe.isDirectory(parentPath)) parentPath = path.join(parentPath, 'pom.xml');
  const parentText = probe.readSmall(parentPath, MAX_PROPERTIES_FILE);
  if (parentText === undefined || parentPath === pomPath) return;
  for (const [k, v] of readMavenProperties(parentText)) if (!into.has(k)) into.set(k, v);
  addParentPomProperties(parentPath, parentText, into, depth + 1, probe);
}
