/** Shared shapes of the language service. Pure: no transport, no network. */

/** Half-open offset span [start, end) into a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** A base image is pulled (pinning, platform and credential rules apply); a target image is pushed. */
export type Role = 'base' | 'target';

/** Which build tool reads the reference; rules differ (Jib's parser and credential lookup, BuildKit's). */
export type Tool = 'dockerfile' | 'jib' | 'spring-boot' | 'fabric8' | 'compose' | 'kubernetes' | 'github-actions' | 'gitlab-ci' | 'skaffold' | 'testcontainers' | 'quarkus';

export type FileKind = 'dockerfile' | 'maven' | 'gradle-groovy' | 'gradle-kotlin' | YamlFileKind | SourceFileKind | QuarkusFileKind;

/** Quarkus application.properties and application.yaml. */
export type QuarkusFileKind = 'quarkus-properties' | 'quarkus-yaml';

/** Java, Kotlin and Groovy sources, read for Testcontainers images. */
export type SourceFileKind = 'java' | 'kotlin' | 'groovy';

/** The YAML files that name images: their comments are `#`. */
export type YamlFileKind = 'compose' | 'kubernetes' | 'github-actions' | 'gitlab-ci' | 'skaffold';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/**
 * One image reference found in a build file.
 * `span` is where diagnostics are reported and where fixes edit; when `editable` is true the document text at
 * `span` is exactly `text`. A reference assembled from several pieces (e.g. `${REG}/app:${TAG}`) is reported at the
 * place it is used and is not editable.
 */
export interface ExtractedReference {
  /** The reference after variable substitution (may still contain unresolved `${…}` when `unresolved` is true). */
  text: string;
  span: Span;
  editable: boolean;
  /** True when some variable in the reference could not be resolved: only what is known is analyzed. */
  unresolved: boolean;
  role: Role;
  tool: Tool;
  /** Human description of where it came from, e.g. "FROM", "jib from.image", "spring-boot runImage". */
  context: string;
  /** Platforms configured for this reference (Dockerfile --platform, Jib platforms). Empty: none configured. */
  platforms: readonly Platform[];
  /** True when platforms were configured explicitly (false: tool default, e.g. Jib's linux/amd64). */
  platformsExplicit: boolean;
  /** When the reference came from a variable or property: its name and where it was used. */
  via?: { name: string; usedAt: Span };
  /** Jib `from.image` prefixes: registry:// docker:// tar:// (already stripped from `text`). */
  jibPrefix?: 'registry' | 'docker' | 'tar';
  /** Jib `from.credHelper` / `from.auth` configured in the build file for this reference. */
  jibAuth?: { credHelper?: string; hasUsernamePassword?: boolean };
  /** Kind of the file (drives comment syntax for fixes). */
  fileKind: FileKind;
  /** Where the values of unresolved variables come from (`--build-arg`, BuildKit's platform ARGs), for the hover. */
  notes?: string[];
  /** The version of the plugin that reads the reference (jib-maven-plugin, Jib or Spring Boot Gradle plugin), when the file says. */
  toolVersion?: { plugin: string; version: string };
}

/** Problems found by an extractor itself (e.g. malformed XML), reported as diagnostics by the service. */
export interface ExtractionProblem {
  span: Span;
  message: string;
}

/** Something an extractor explains at a place that is not an image reference (e.g. a FROM that selects a stage). */
export interface ExtractionNote {
  span: Span;
  markdown: string;
}

export interface ExtractionResult {
  references: ExtractedReference[];
  problems: ExtractionProblem[];
  /** Hover texts for places that are not image references. */
  notes?: ExtractionNote[];
}

/** Extra inputs an extractor may use, e.g. values from gradle.properties or a parent pom. */
export interface ExtractionContext {
  /** Properties known from outside the file (gradle.properties, parent pom `<properties>`), by name. */
  externalProperties?: ReadonlyMap<string, string>;
  /** Globs of files to read as Kubernetes manifests (the `imageref.kubernetes.files` setting). */
  kubernetesFiles?: readonly string[];
}
