import type { FileKind } from './types';

/** Decide the kind of a build file: by file name first, language id second. */
export function fileKindOf(uriOrPath: string, languageId?: string): FileKind | undefined {
  const name = baseName(uriOrPath);
  const lower = name.toLowerCase();
  if (lower === 'pom.xml') return 'maven';
  if (lower.endsWith('.gradle.kts')) return 'gradle-kotlin';
  if (lower.endsWith('.gradle')) return 'gradle-groovy';
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return 'dockerfile';
  // `Dockerfile*` (Dockerfile.dev, Containerfile-arm) but not the images and docs named after them.
  if (/^(dockerfile|containerfile)/i.test(name) && !NOT_DOCKERFILES.test(lower)) return 'dockerfile';
  return languageId === 'dockerfile' ? 'dockerfile' : undefined;
}

const NOT_DOCKERFILES = /\.(png|jpe?g|gif|svg|ico|webp|md|markdown|txt|rst|adoc|html?|pdf|zip|gz|tgz|json|ya?ml)$/;

function baseName(uriOrPath: string): string {
  let decoded = uriOrPath;
  try {
    decoded = decodeURIComponent(uriOrPath);
  } catch {
    // keep the raw text: a malformed escape is no reason to fail
  }
  const withoutQuery = decoded.replace(/[?#].*$/, '');
  return withoutQuery.slice(Math.max(withoutQuery.lastIndexOf('/'), withoutQuery.lastIndexOf('\\')) + 1);
}
