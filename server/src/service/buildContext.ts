import type { ExtractionContext, FileKind } from './types';

/** What the provider is asked about: one build file, with its current (possibly unsaved) text. */
export interface BuildContextRequest {
  uri: string;
  kind: FileKind;
  text: string;
}

export interface ProvidedBuildContext {
  context: ExtractionContext;
  /**
   * Changes whenever anything the context was made of changes (a file's content, a file appearing); an analysis
   * is cached on it, so a changed gradle.properties or parent pom gives a new analysis of an unchanged document.
   */
  fingerprint: string;
}

/**
 * Values a build file reads from other files (gradle.properties, parent poms). Injected, so the service stays pure:
 * host/buildContext.ts reads the disk (and the editor's unsaved buffers); tests may hand in a map.
 */
export interface BuildContextProvider {
  contextFor(request: BuildContextRequest): ProvidedBuildContext;
}

/** The fingerprint of a context given explicitly (no provider to ask): its properties, in a stable order. */
export function fingerprintOf(context: ExtractionContext | undefined): string {
  const properties = context?.externalProperties;
  const kubernetesFiles = context?.kubernetesFiles ?? [];
  if ((!properties || properties.size === 0) && kubernetesFiles.length === 0) return '';
  const sorted = [...(properties ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(kubernetesFiles.length ? [sorted, kubernetesFiles] : sorted);
}
