/**
 * Jib (`jib-maven-plugin`, any groupId): `<from>` is the base image, `<to>` the target.
 * Jib also reads `jib.*` properties (command line or pom `<properties>`) in place of the configuration.
 */
import type { ExtractedReference } from '../../types';
import { elementValue } from './content';
import { JIB_DEFAULT_PLATFORMS, ConfiguredPlatforms, jibPlatformsElement, parsePlatformList } from './platforms';
import { interpolate, PropertyTable } from './properties';
import { ReferenceTraits, referenceFromElement } from './reference';
import { PomElement, child, descend } from './pom';

type JibAuth = NonNullable<ExtractedReference['jibAuth']>;

export function extractJib(text: string, configuration: PomElement, table: PropertyTable): ExtractedReference[] {
  const from = child(configuration, 'from');
  const to = child(configuration, 'to');
  const references = [
    referenceFromElement(text, child(from, 'image'), table, jibFromTraits(text, from, table, 'jib from.image')),
    referenceFromElement(text, child(to, 'image'), table, jibToTraits(text, from, to, table, 'jib to.image')),
  ];
  return references.filter((r): r is ExtractedReference => r !== undefined);
}

/** Traits of a base image read by Jib; `from` is the `<from>` configuration, when there is one. */
export function jibFromTraits(
  text: string,
  from: PomElement | undefined,
  table: PropertyTable,
  context: string,
): ReferenceTraits {
  return {
    role: 'base',
    tool: 'jib',
    context,
    ...jibPlatforms(text, from, table),
    jibAuth: jibAuth(text, from, table, 'from'),
    jibPrefixes: true,
  };
}

/** A target image is built for the base image's platforms. */
export function jibToTraits(
  text: string,
  from: PomElement | undefined,
  to: PomElement | undefined,
  table: PropertyTable,
  context: string,
): ReferenceTraits {
  const platforms = jibPlatforms(text, from, table);
  return { role: 'target', tool: 'jib', context, ...platforms, jibAuth: jibAuth(text, to, table, 'to') };
}

function jibPlatforms(text: string, from: PomElement | undefined, table: PropertyTable): ConfiguredPlatforms {
  const property = propertyValue(table, 'jib.from.platforms');
  if (property !== undefined) return { platforms: parsePlatformList(property), platformsExplicit: true };
  return jibPlatformsElement(text, child(from, 'platforms'), table) ?? JIB_DEFAULT_PLATFORMS;
}

function jibAuth(
  text: string,
  section: PomElement | undefined,
  table: PropertyTable,
  which: 'from' | 'to',
): JibAuth | undefined {
  const credHelper =
    propertyValue(table, `jib.${which}.credHelper`) ?? credHelperElement(text, child(section, 'credHelper'), table);
  const hasUsernamePassword =
    propertyValue(table, `jib.${which}.auth.username`) !== undefined ||
    elementValue(text, descend(section, 'auth', 'username')) !== undefined;
  if (credHelper === undefined && !hasUsernamePassword) return undefined;
  const auth: JibAuth = {};
  if (credHelper !== undefined) auth.credHelper = credHelper;
  if (hasUsernamePassword) auth.hasUsernamePassword = true;
  return auth;
}

/** `<credHelper>name</credHelper>` or, since Jib 3.2, `<credHelper><helper>name</helper>…</credHelper>`. */
function credHelperElement(text: string, element: PomElement | undefined, table: PropertyTable): string | undefined {
  const value = elementValue(text, child(element, 'helper') ?? element)?.value;
  return value === undefined ? undefined : interpolate(value, table).text;
}

function propertyValue(table: PropertyTable, name: string): string | undefined {
  const source = table.get(name);
  return source === undefined ? undefined : interpolate(source.value, table).text;
}
