/**
 * The plugin versions in which features a build file may use arrived, each with its source: Jib's CHANGELOGs
 * (jib-maven-plugin/CHANGELOG.md and jib-gradle-plugin/CHANGELOG.md give the same versions) and Spring Boot's issues.
 */
export type ToolFeatureId =
  | 'jib-cred-helper' | 'jib-manifest-list-digest' | 'jib-docker-prefix' | 'jib-tar-prefix' | 'jib-platform'
  | 'jib-platforms' | 'jib-oci-index' | 'boot-image-platform' | 'boot-credential-helpers';

export interface ToolFeature {
  tool: 'jib' | 'spring-boot';
  since: string;
  what: string;
  source: string;
}

const JIB_LOG = "Jib's CHANGELOG";

export const TOOL_FEATURES: Record<ToolFeatureId, ToolFeature> = {
  'jib-cred-helper': { tool: 'jib', since: '0.10.0', what: '`from.credHelper`', source: `${JIB_LOG} 0.10.0 (GoogleContainerTools/jib#925)` },
  'jib-manifest-list-digest': {
    tool: 'jib', since: '1.4.0', what: 'a manifest list referenced by digest', source: `${JIB_LOG} 1.4.0 (GoogleContainerTools/jib#1811)`,
  },
  'jib-docker-prefix': { tool: 'jib', since: '1.6.0', what: 'the `docker://` base image prefix', source: `${JIB_LOG} 1.6.0 (GoogleContainerTools/jib#1468)` },
  'jib-tar-prefix': { tool: 'jib', since: '1.6.0', what: 'the `tar://` base image prefix', source: `${JIB_LOG} 1.6.0 (GoogleContainerTools/jib#1905)` },
  'jib-platform': { tool: 'jib', since: '2.5.0', what: '`platforms` (selecting a platform of a manifest list)', source: `${JIB_LOG} 2.5.0 (GoogleContainerTools/jib#1567)` },
  'jib-platforms': { tool: 'jib', since: '2.6.0', what: 'several `platforms` (building a manifest list)', source: `${JIB_LOG} 2.6.0 (GoogleContainerTools/jib#2523)` },
  'jib-oci-index': { tool: 'jib', since: '3.3.0', what: 'an OCI image index as base image', source: `${JIB_LOG} 3.3.0 (GoogleContainerTools/jib#3715)` },
  'boot-image-platform': {
    tool: 'spring-boot', since: '3.4.0', what: '`imagePlatform`', source: 'Spring Boot 3.4.0 (spring-projects/spring-boot#40944)',
  },
  'boot-credential-helpers': {
    tool: 'spring-boot', since: '3.5.0', what: "docker's credential helpers and credential stores for image building",
    source: 'Spring Boot 3.5.0 (spring-projects/spring-boot#44633)',
  },
};

/** -1, 0, 1 comparing the numeric parts of two versions (`3.4`, `3.4.0`, `3.5.0-RC1`: a pre-release counts as its release). */
export function compareVersions(a: string, b: string): number | undefined {
  const parts = (v: string) => /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v.trim())?.slice(1).map((p) => Number(p ?? 0));
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return 0;
}

/** The message for a plugin older than a feature it is used with. */
export function tooOld(feature: ToolFeature, plugin: string, version: string): string | undefined {
  const order = compareVersions(version, feature.since);
  if (order === undefined || order >= 0) return undefined;
  return `${plugin} ${version} is older than ${feature.what}, which arrived in ${feature.since} (${feature.source}). Update the plugin to ${feature.since} or later.`;
}
