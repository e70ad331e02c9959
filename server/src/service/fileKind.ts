import picomatch from 'picomatch';
import { isWorkflowPath } from './extract/githubActions';
import { looksLikeKubernetes } from './extract/kubernetes';
import { mentionsQuarkus } from './extract/quarkus';
import type { FileKind } from './types';

/**
 * Decide the kind of a build file: by file name (and path) first, language id second, content last (a YAML file
 * that declares Kubernetes objects; only when `text` is given).
 */
export function fileKindOf(uriOrPath: string, languageId?: string, text?: string, kubernetesFiles?: readonly string[]): FileKind | undefined {
  const fullPath = decodedPath(uriOrPath);
  if (kubernetesFiles?.length && matchesAny(fullPath, kubernetesFiles)) return 'kubernetes';
  const name = fullPath.slice(Math.max(fullPath.lastIndexOf('/'), fullPath.lastIndexOf('\\')) + 1);
  const lower = name.toLowerCase();
  if (lower === 'pom.xml') return 'maven';
  if (lower.endsWith('.gradle.kts')) return 'gradle-kotlin';
  if (lower.endsWith('.gradle')) return 'gradle-groovy';
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return 'dockerfile';
  // `Dockerfile*` (Dockerfile.dev, Containerfile-arm) but not the images and docs named after them.
  if (/^(dockerfile|containerfile)/i.test(name) && !NOT_DOCKERFILES.test(lower)) return 'dockerfile';
  if (QUARKUS_CONFIG.test(lower)) return text !== undefined && mentionsQuarkus(text) ? (lower.endsWith('.properties') ? 'quarkus-properties' : 'quarkus-yaml') : undefined;
  const yamlKind = yamlKindOf(fullPath, lower, text);
  if (yamlKind) return yamlKind;
  const source = SOURCES[lower.slice(lower.lastIndexOf('.') + 1)];
  if (source && lower.includes('.')) return source;
  return languageId === 'dockerfile' ? 'dockerfile' : undefined;
}

/** application.properties, application-prod.yaml…: Quarkus configuration when it mentions quarkus (Spring Boot uses the names too). */
const QUARKUS_CONFIG = /^application(-[^./\\]+)?\.(properties|ya?ml)$/;

/** Sources read for Testcontainers images (only those that mention testcontainers are lexed). */
const SOURCES: Record<string, FileKind | undefined> = { java: 'java', kt: 'kotlin', groovy: 'groovy' };

const NOT_DOCKERFILES = /\.(png|jpe?g|gif|svg|ico|webp|md|markdown|txt|rst|adoc|html?|pdf|zip|gz|tgz|json|ya?ml)$/;
/** compose.yaml, compose.override.yml, docker-compose.yml, docker-compose.prod.yaml, docker-compose-ci.yml. */
const COMPOSE = /^(docker-compose[^/\\]*|compose(\.[^/\\]*)?)\.ya?ml$/;

function yamlKindOf(fullPath: string, lower: string, text: string | undefined): FileKind | undefined {
  if (!/\.ya?ml$/.test(lower)) return undefined;
  if (COMPOSE.test(lower)) return 'compose';
  if (lower === '.gitlab-ci.yml' || lower === '.gitlab-ci.yaml') return 'gitlab-ci';
  if (lower === 'skaffold.yaml' || lower === 'skaffold.yml') return 'skaffold';
  if (isWorkflowPath(fullPath)) return 'github-actions';
  if (text !== undefined && looksLikeKubernetes(text)) return 'kubernetes';
  return undefined;
}

/** The file name may need content to decide (a YAML file could be a Kubernetes manifest, application.properties Quarkus's). */
export function kindNeedsContent(uriOrPath: string): boolean {
  const path = decodedPath(uriOrPath);
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return (/\.ya?ml$/.test(name) || QUARKUS_CONFIG.test(name)) && fileKindOf(uriOrPath) === undefined;
}

const matchers = new Map<string, (path: string) => boolean>();

/** A glob without a leading `/` or `**` matches at any depth (`deploy/*.yaml` as `**\/deploy/*.yaml`). */
function matchesAny(fullPath: string, globs: readonly string[]): boolean {
  const key = globs.join('\0');
  let matcher = matchers.get(key);
  if (!matcher) {
    const patterns = globs.map((g) => g.replace(/\\/g, '/')).map((g) => (g.startsWith('/') || g.startsWith('**') ? g : `**/${g}`));
    matcher = picomatch(patterns, { dot: true });
    if (matchers.size > 20) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher(fullPath.replace(/^file:\/\//, '').replace(/\\/g, '/'));
}

function decodedPath(uriOrPath: string): string {
  let decoded = uriOrPath;
  try {
    decoded = decodeURIComponent(uriOrPath);
  } catch {
    // keep the raw text: a malformed escape is no reason to fail
  }
  return decoded.replace(/[?#].*$/, '');
}
