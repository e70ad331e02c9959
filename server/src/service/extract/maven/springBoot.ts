/**
 * Spring Boot `build-image` (`spring-boot-maven-plugin`): `<image><builder>` and `<image><runImage>` are pulled,
 * `<image><name>` is the image built. The `spring-boot.build-image.*` properties stand in for them.
 */
import type { ExtractedReference, Role } from '../../types';
import { elementValue } from './content';
import { ConfiguredPlatforms, NO_PLATFORMS, parsePlatform } from './platforms';
import { interpolate, PropertyTable } from './properties';
import { ReferenceTraits, referenceFromElement } from './reference';
import { PomElement, child } from './pom';
import { extractBuildpacks } from './buildpacks';

const IMAGE_ELEMENTS: { element: string; role: Role; context: string }[] = [
  { element: 'builder', role: 'base', context: 'spring-boot builder' },
  { element: 'runImage', role: 'base', context: 'spring-boot runImage' },
  { element: 'name', role: 'target', context: 'spring-boot image.name' },
];

export function extractSpringBoot(text: string, configuration: PomElement, table: PropertyTable): ExtractedReference[] {
  const image = child(configuration, 'image');
  return IMAGE_ELEMENTS.map(({ element, role, context }) =>
    referenceFromElement(text, child(image, element), table, springBootTraits(text, image, table, role, context)),
  ).filter((r): r is ExtractedReference => r !== undefined)
    .concat(extractBuildpacks(text, image, table, springBootTraits(text, image, table, 'base', 'spring-boot buildpack')));
}

export function springBootTraits(
  text: string,
  image: PomElement | undefined,
  table: PropertyTable,
  role: Role,
  context: string,
): ReferenceTraits {
  return { role, tool: 'spring-boot', context, ...springBootPlatforms(text, image, table) };
}

/** Spring Boot 3.4+ `<imagePlatform>`; without it the builder picks the platform (none configured). */
function springBootPlatforms(text: string, image: PomElement | undefined, table: PropertyTable): ConfiguredPlatforms {
  const source =
    table.get('spring-boot.build-image.imagePlatform')?.value ??
    elementValue(text, child(image, 'imagePlatform'))?.value;
  const platform = source === undefined ? undefined : parsePlatform(interpolate(source, table).text);
  return platform ? { platforms: [platform], platformsExplicit: true } : NO_PLATFORMS;
}
