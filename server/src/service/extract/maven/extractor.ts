/**
 * Image references in a Maven pom.xml: Jib, Spring Boot build-image and fabric8 docker-maven-plugin configurations
 * (anywhere: plugins, pluginManagement, profiles, executions) and the properties those plugins read.
 *
 * Never throws: broken XML yields the references that can still be found plus one problem per XML error.
 */
import type { ExtractedReference, ExtractionContext, ExtractionResult } from '../../types';
import { extractFabric8 } from './fabric8';
import { fabric8PropertyReferences } from './fabric8Properties';
import { extractJib } from './jib';
import { propertyReferences } from './overrides';
import { PluginConfigurations, findPlugins } from './plugins';
import { PropertyIndex, PropertyTable, indexProperties } from './properties';
import { extractSpringBoot } from './springBoot';
import { PomElement, parsePom } from './pom';


type PluginKind = 'jib' | 'spring-boot' | 'fabric8';
type PluginExtractor = (text: string, configuration: PomElement, table: PropertyTable) => ExtractedReference[];

const EXTRACTORS: Record<PluginKind, PluginExtractor> = {
  jib: extractJib,
  'spring-boot': extractSpringBoot,
  fabric8: extractFabric8,
};

export function extractMaven(text: string, context: ExtractionContext = {}): ExtractionResult {
  const { root, problems } = parsePom(text);
  const properties = indexProperties(text, root, context.externalProperties);
  const plugins = findPlugins(text, root).flatMap((plugin) => {
    const kind = pluginKind(plugin);
    return kind ? [{ kind, plugin }] : [];
  });
  const references = [
    ...plugins.flatMap(({ kind, plugin }) => pluginReferences(text, kind, plugin, properties)),
    ...propertyReferences(text, properties, plugins),
    ...fabric8PropertyReferences(text, properties, plugins),
  ];
  return { references: withoutDuplicates(references), problems };
}

function pluginKind({ groupId, artifactId }: PluginConfigurations): PluginKind | undefined {
  if (artifactId === 'jib-maven-plugin') return 'jib';
  if (artifactId === 'spring-boot-maven-plugin') return 'spring-boot';
  // Other plugins share this artifactId (com.spotify, …) with a different configuration.
  if (artifactId === 'docker-maven-plugin' && groupId === 'io.fabric8') return 'fabric8';
  return undefined;
}

function pluginReferences(
  text: string,
  kind: PluginKind,
  plugin: PluginConfigurations,
  properties: PropertyIndex,
): ExtractedReference[] {
  return plugin.configurations.flatMap((configuration) =>
    EXTRACTORS[kind](text, configuration, properties.tableFor(configuration)),
  );
}

/**
 * One property used by several configurations (or read both as `${jib.from.image}` and as Jib's override) would be
 * reported several times at its definition; the first report is kept.
 */
function withoutDuplicates(references: ExtractedReference[]): ExtractedReference[] {
  const seen = new Set<string>();
  return references.filter((reference) => {
    const { span, role, tool } = reference;
    const key = [span.start, span.end, role, tool, reference.text].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
