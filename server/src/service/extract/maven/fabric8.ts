/**
 * fabric8 `io.fabric8:docker-maven-plugin`: `<images><image>` entries. `<name>` is built and pushed when the image
 * has a `<build>`; an image with only `<run>` is pulled to be run, so its name is then a base image.
 */
import type { ExtractedReference } from '../../types';
import { ConfiguredPlatforms, NO_PLATFORMS, platformStrings } from './platforms';
import type { PropertyTable } from './properties';
import { ReferenceTraits, referenceFromElement } from './reference';
import { PomElement, child, children, descend } from './pom';

export function extractFabric8(text: string, configuration: PomElement, table: PropertyTable): ExtractedReference[] {
  return children(child(configuration, 'images'), 'image').flatMap((image) => imageReferences(text, image, table));
}

function imageReferences(text: string, image: PomElement, table: PropertyTable): ExtractedReference[] {
  const build = child(image, 'build');
  const platforms = buildxPlatforms(text, build, table);
  const traits = (role: ReferenceTraits['role'], context: string): ReferenceTraits => ({
    role,
    tool: 'fabric8',
    context,
    ...platforms,
    fabric8Placeholders: true,
  });
  const runOnly = traits('base', 'fabric8 image.name (run)');
  const references = [
    referenceFromElement(text, child(image, 'name'), table, build ? traits('target', 'fabric8 image.name') : runOnly),
    referenceFromElement(text, child(build, 'from'), table, traits('base', 'fabric8 build.from')),
    referenceFromElement(text, descend(build, 'fromExt', 'name'), table, traits('base', 'fabric8 build.fromExt.name')),
  ];
  return references.filter((r): r is ExtractedReference => r !== undefined);
}

function buildxPlatforms(text: string, build: PomElement | undefined, table: PropertyTable): ConfiguredPlatforms {
  const platforms = descend(build, 'buildx', 'platforms');
  if (!platforms) return NO_PLATFORMS;
  return { platforms: platformStrings(text, children(platforms, 'platform'), table), platformsExplicit: true };
}
