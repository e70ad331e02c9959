/**
 * fabric8 docker-maven-plugin's external property configuration: an `<image>` with
 * `<external><type>properties</type></external>` takes its settings from Maven properties named `<prefix>.<key>`
 * (prefix `docker` unless `<prefix>` says otherwise), set in `<properties>`, a profile, a parent pom or `-D`
 * (PropertyConfigHandler, ConfigKey). `<prefix>.from` and `<prefix>.fromExt.name` are base images; `<prefix>.name`
 * is built and pushed when a build is configured (a base, a Dockerfile, a context, an archive, or a `<build>`),
 * otherwise it is an image that is only run, so pulled.
 */
import type { ExtractedReference } from '../../types';
import { elementValue } from './content';
import { NO_PLATFORMS } from './platforms';
import { PluginConfigurations } from './plugins';
import { interpolate, type Interpolated, type PropertyIndex } from './properties';
import { ReferenceTraits, referenceFromElement } from './reference';
import { PomElement, child, children } from './pom';

const DEFAULT_PREFIX = 'docker';
const BASE_KEYS = ['from', 'fromExt.name'];
/** Keys that make the plugin build the image (PropertyConfigHandler.buildConfigured). */
const BUILD_KEYS = ['from', 'fromExt.name', 'dockerFile', 'dockerFileDir', 'contextDir', 'dockerArchive'];

export function fabric8PropertyReferences(
  text: string,
  properties: PropertyIndex,
  plugins: { kind: string; plugin: PluginConfigurations }[],
): ExtractedReference[] {
  const images = plugins
    .filter((p) => p.kind === 'fabric8')
    .flatMap((p) => p.plugin.configurations)
    .flatMap((configuration) => children(child(configuration, 'images'), 'image'))
    .filter((image) => elementValue(text, child(child(image, 'external'), 'type'))?.value === 'properties');
  return images.flatMap((image) => imageReferences(text, image, properties));
}

function imageReferences(text: string, image: PomElement, properties: PropertyIndex): ExtractedReference[] {
  const external = child(image, 'external')!;
  const prefix = elementValue(text, child(external, 'prefix'))?.value || DEFAULT_PREFIX;
  const table = properties.tableFor(image);
  const built = !!child(image, 'build') || BUILD_KEYS.some((key) => table.get(`${prefix}.${key}`) !== undefined);
  const keys: Array<[string, ReferenceTraits['role'], string]> = [
    ...BASE_KEYS.map((key): [string, ReferenceTraits['role'], string] => [key, 'base', `fabric8 ${prefix}.${key} property`]),
    ['name', built ? 'target' : 'base', `fabric8 ${prefix}.name property${built ? '' : ' (run)'}`],
  ];
  const references: ExtractedReference[] = [];
  for (const [key, role, context] of keys) {
    const name = `${prefix}.${key}`;
    const traits: ReferenceTraits = { role, tool: 'fabric8', context, ...NO_PLATFORMS, fabric8Placeholders: true };
    const definitions = properties.definitions.filter((d) => d.name === name);
    for (const definition of definitions) {
      const reference = referenceFromElement(text, definition.element, properties.tableFor(definition.element), traits);
      if (reference) references.push(reference);
    }
    const inherited = definitions.length === 0 ? table.get(name)?.value : undefined;
    if (inherited !== undefined) references.push(inheritedReference(text, external, name, interpolate(inherited, table), traits));
  }
  return references;
}

/** A value from a parent pom (or the command line) has no place here: reported at `<type>properties</type>`. */
function inheritedReference(text: string, external: PomElement, name: string, value: Interpolated, traits: ReferenceTraits): ExtractedReference {
  const span = elementValue(text, child(external, 'type'))!.span;
  return {
    text: value.text,
    span,
    editable: false,
    unresolved: value.unresolved || /%[a-z]/.test(value.text),
    role: traits.role,
    tool: 'fabric8',
    context: traits.context,
    platforms: [],
    platformsExplicit: false,
    via: { name, usedAt: span },
    fileKind: 'maven',
  };
}
