/** Platforms configured in a pom: Jib `<platforms>`, `os/architecture[/variant]` strings. */
import type { Platform } from '../../types';
import { elementValue } from './content';
import { interpolate, PropertyTable } from './properties';
import { PomElement, child, children } from './pom';

export interface ConfiguredPlatforms {
  platforms: Platform[];
  platformsExplicit: boolean;
}

export const NO_PLATFORMS: ConfiguredPlatforms = { platforms: [], platformsExplicit: false };

/** What Jib uses when no platform is configured. */
export const JIB_DEFAULT_PLATFORMS: ConfiguredPlatforms = {
  platforms: [{ os: 'linux', architecture: 'amd64' }],
  platformsExplicit: false,
};

/** `linux/arm64` or `linux/arm64/v8`; undefined when it is not of that form. */
export function parsePlatform(value: string): Platform | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)(?:\/([^/\s]+))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, os, architecture, variant] = match;
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** A comma separated list of platforms (`jib.from.platforms`, buildx); entries that do not parse are skipped. */
export function parsePlatformList(value: string): Platform[] {
  return value
    .split(',')
    .map((entry) => parsePlatform(entry))
    .filter((platform): platform is Platform => platform !== undefined);
}

/** Jib `<from><platforms><platform><os/><architecture/></platform>…`; undefined when `<platforms>` is absent. */
export function jibPlatformsElement(
  text: string,
  platformsElement: PomElement | undefined,
  table: PropertyTable,
): ConfiguredPlatforms | undefined {
  if (!platformsElement) return undefined;
  const read = (element: PomElement, name: string) => {
    const value = elementValue(text, child(element, name))?.value;
    return value === undefined ? undefined : interpolate(value, table).text;
  };
  const platforms: Platform[] = [];
  for (const platform of children(platformsElement, 'platform')) {
    const os = read(platform, 'os');
    const architecture = read(platform, 'architecture');
    // Jib rejects a platform without both; such an entry names no platform to check.
    if (os && architecture) platforms.push({ os, architecture });
  }
  return { platforms, platformsExplicit: true };
}

/** Platforms written as text elements, e.g. fabric8 `<buildx><platforms><platform>linux/amd64</platform>`. */
export function platformStrings(text: string, elements: PomElement[], table: PropertyTable): Platform[] {
  return elements.flatMap((element) => {
    const value = elementValue(text, element)?.value;
    return value === undefined ? [] : parsePlatformList(interpolate(value, table).text);
  });
}
