/**
 * The versions of the image-building plugins a build file uses: jib-maven-plugin, the Jib Gradle plugin and the
 * Spring Boot plugin (Maven plugin or parent, Gradle plugin), written as a literal or as a property.
 */
import type { ExtractionContext, FileKind } from './types';

export interface ToolVersions {
  jib?: PluginVersion;
  springBoot?: PluginVersion;
}

export interface PluginVersion {
  /** e.g. "jib-maven-plugin", "com.google.cloud.tools.jib", "spring-boot-starter-parent". */
  plugin: string;
  version: string;
}

export function readToolVersions(text: string, kind: FileKind, context?: ExtractionContext): ToolVersions {
  if (kind === 'maven') return mavenVersions(text, context);
  if (kind === 'gradle-groovy' || kind === 'gradle-kotlin') return gradleVersions(text, context);
  return {};
}

function withoutXmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
}

function mavenVersions(raw: string, context?: ExtractionContext): ToolVersions {
  const text = withoutXmlComments(raw);
  const property = (name: string): string | undefined => {
    const props = /<properties>([\s\S]*?)<\/properties>/.exec(text)?.[1] ?? '';
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`<${escaped}>\\s*([^<]*?)\\s*</${escaped}>`).exec(props)?.[1] ?? context?.externalProperties?.get(name);
  };
  const resolve = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const resolved = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => property(name) ?? whole);
    return /\$\{/.test(resolved) ? undefined : resolved.trim();
  };
  const pluginVersion = (artifactId: string): string | undefined => {
    for (const plugin of text.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)) {
      const body = plugin[1];
      if (!new RegExp(`<artifactId>\\s*${artifactId}\\s*</artifactId>`).test(body)) continue;
      // The plugin's own <version>, not one inside its <configuration> or <dependencies>.
      const own = body.replace(/<(configuration|dependencies|executions)>[\s\S]*?<\/\1>/g, '');
      const version = /<version>\s*([^<]*?)\s*<\/version>/.exec(own)?.[1];
      if (version) return resolve(version);
    }
    return undefined;
  };
  const versions: ToolVersions = {};
  const jib = pluginVersion('jib-maven-plugin');
  if (jib) versions.jib = { plugin: 'jib-maven-plugin', version: jib };
  const boot = pluginVersion('spring-boot-maven-plugin');
  if (boot) versions.springBoot = { plugin: 'spring-boot-maven-plugin', version: boot };
  else {
    const parent = /<parent>([\s\S]*?)<\/parent>/.exec(text)?.[1];
    if (parent && /<artifactId>\s*spring-boot-starter-parent\s*<\/artifactId>/.test(parent)) {
      const version = resolve(/<version>\s*([^<]*?)\s*<\/version>/.exec(parent)?.[1]);
      if (version) versions.springBoot = { plugin: 'spring-boot-starter-parent', version };
    }
  }
  return versions;
}

function gradleVersions(text: string, context?: ExtractionContext): ToolVersions {
  const variable = (name: string): string | undefined => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const assigned = new RegExp(`(?:\\bval|\\bdef|\\bext\\.|\\bset\\(\\s*["'])\\s*${escaped}\\b["']?\\s*[=,]\\s*(["'])([^"'$]+)\\1`).exec(text)?.[2];
    return assigned ?? context?.externalProperties?.get(name);
  };
  const resolve = (value: string): string | undefined => {
    const resolved = value.replace(/\$\{?([A-Za-z_][\w.]*)\}?/g, (whole, name: string) => variable(name) ?? whole);
    return resolved.includes('$') ? undefined : resolved.trim();
  };
  const pluginId = (id: string): string | undefined => {
    if (!text.includes(id)) return undefined; // the pattern needs it: no scan of the whole text for a plugin not used
    const escaped = id.replace(/\./g, '\\.');
    const m = new RegExp(`\\bid\\s*\\(?\\s*["']${escaped}["']\\s*\\)?\\s*version\\s*\\(?\\s*(["'])([^"'\\n]+)\\1`).exec(text);
    return m ? resolve(m[2]) : undefined;
  };
  const classpath = (coordinates: string): string | undefined => {
    if (!text.includes(coordinates)) return undefined;
    const m = new RegExp(`["']${coordinates.replace(/\./g, '\\.')}:([^"'\\n]+)["']`).exec(text);
    return m ? resolve(m[1]) : undefined;
  };
  const versions: ToolVersions = {};
  const jibId = pluginId('com.google.cloud.tools.jib');
  const jibClasspath = jibId ? undefined : classpath('com.google.cloud.tools:jib-gradle-plugin');
  if (jibId) versions.jib = { plugin: 'com.google.cloud.tools.jib', version: jibId };
  else if (jibClasspath) versions.jib = { plugin: 'jib-gradle-plugin', version: jibClasspath };
  const bootId = pluginId('org.springframework.boot');
  const bootClasspath = bootId ? undefined : classpath('org.springframework.boot:spring-boot-gradle-plugin');
  if (bootId) versions.springBoot = { plugin: 'org.springframework.boot', version: bootId };
  else if (bootClasspath) versions.springBoot = { plugin: 'spring-boot-gradle-plugin', version: bootClasspath };
  return versions;
}
