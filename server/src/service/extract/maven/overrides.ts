/**
 * Image references written as properties that the plugins read in place of their configuration
 * (`<jib.from.image>` in `<properties>`, the same as `-Djib.from.image=` on the command line).
 * Jib also reads a property named just `image` as its target (Jib's multi-module example sets it in the parent pom);
 * being so generic a name, it is only taken as an image when the pom configures Jib.
 */
import type { ExtractedReference } from '../../types';
import { jibFromTraits, jibToTraits } from './jib';
import { PluginConfigurations } from './plugins';
import type { PropertyIndex, PropertyTable } from './properties';
import { ReferenceTraits, referenceFromElement } from './reference';
import { springBootTraits } from './springBoot';
import { PomElement, child } from './pom';

/** The first configured section of each plugin, whose platforms and credentials the property images share. */
interface PluginSections {
  jibFrom?: PomElement;
  jibTo?: PomElement;
  springBootImage?: PomElement;
}

type TraitsFor = (text: string, sections: PluginSections, table: PropertyTable) => ReferenceTraits;

const OVERRIDES: Record<string, TraitsFor> = {
  'jib.from.image': (text, s, table) => jibFromTraits(text, s.jibFrom, table, 'jib.from.image property'),
  'jib.to.image': (text, s, table) => jibToTraits(text, s.jibFrom, s.jibTo, table, 'jib.to.image property'),
  image: (text, s, table) => jibToTraits(text, s.jibFrom, s.jibTo, table, 'image property (jib to.image)'),
  'spring-boot.build-image.builder': (text, s, table) =>
    springBootTraits(text, s.springBootImage, table, 'base', 'spring-boot.build-image.builder property'),
  'spring-boot.build-image.runImage': (text, s, table) =>
    springBootTraits(text, s.springBootImage, table, 'base', 'spring-boot.build-image.runImage property'),
  'spring-boot.build-image.imageName': (text, s, table) =>
    springBootTraits(text, s.springBootImage, table, 'target', 'spring-boot.build-image.imageName property'),
};

export function propertyReferences(
  text: string,
  properties: PropertyIndex,
  plugins: { kind: string; plugin: PluginConfigurations }[],
): ExtractedReference[] {
  const sections = pluginSections(plugins);
  const usesJib = plugins.some((p) => p.kind === 'jib');
  const references: ExtractedReference[] = [];
  for (const definition of properties.definitions) {
    const traitsFor = Object.hasOwn(OVERRIDES, definition.name) ? OVERRIDES[definition.name] : undefined;
    if (!traitsFor || (definition.name === 'image' && !usesJib)) continue;
    const table = properties.tableFor(definition.element);
    const reference = referenceFromElement(text, definition.element, table, traitsFor(text, sections, table));
    if (reference) references.push(reference);
  }
  return references;
}

function pluginSections(plugins: { kind: string; plugin: PluginConfigurations }[]): PluginSections {
  const first = (kind: string, name: string) =>
    plugins
      .filter((p) => p.kind === kind)
      .flatMap((p) => p.plugin.configurations)
      .map((configuration) => child(configuration, name))
      .find((section) => section !== undefined);
  return { jibFrom: first('jib', 'from'), jibTo: first('jib', 'to'), springBootImage: first('spring-boot', 'image') };
}
