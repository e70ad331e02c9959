import type { FileKind } from './types';

/** Decide the kind of a build file: by file name first, language id second. */
export function fileKindOf(uriOrPath: string, languageId?: string): FileKind | undefined {
  const name = baseName(uriOrPath);
  const lower = name.toLowerCase();
  if (lower === 'pom.xml') return 'maven';
  if (lower.endsWith('.gradle.kts')) return 'gradle-kotlin';
  if (lower.endsWith('.gradle')) return 'gradle-groovy';
  if (/^(dockerfile|containerfile)/i.test(name) || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) {
    return 'dockerfile';
  }
  return languageId === 'dockerfile' ? 'dockerfile' : undefined;
}

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
