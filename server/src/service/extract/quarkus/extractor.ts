/**
 * Image references of Quarkus configuration (application.properties, application.yaml, their `-profile` variants):
 * `quarkus.jib.base-jvm-image` and `quarkus.jib.base-native-image` are the base images Jib pulls (Jib's rules and
 * platforms, `quarkus.jib.platforms`); `quarkus.container-image.image`, or else the name assembled from
 * `quarkus.container-image.registry`, `group`, `name` and `tag`, is the target. `%prod.` profile keys are read too.
 * `${other.key}` and `${key:default}` are resolved from the same file; anything else stays unresolved.
 */
import type { ExtractedReference, ExtractionResult, FileKind, Platform, Role, Tool } from '../../types';
import type { ConfigEntry } from './entries';
import { readProperties } from './properties';
import { readYamlConfig } from './yamlConfig';

const BASES: Record<string, string> = { 'quarkus.jib.base-jvm-image': 'jib base-jvm-image', 'quarkus.jib.base-native-image': 'jib base-native-image' };
const IMAGE = 'quarkus.container-image.image';
const PARTS = ['registry', 'group', 'name', 'tag'].map((p) => `quarkus.container-image.${p}`);
const JIB_DEFAULT_PLATFORMS: readonly Platform[] = Object.freeze([Object.freeze({ os: 'linux', architecture: 'amd64' })]);

export function extractQuarkus(text: string, kind: 'quarkus-properties' | 'quarkus-yaml'): ExtractionResult {
  const read = kind === 'quarkus-properties' ? { entries: readProperties(text), problems: [] } : readYamlConfig(text);
  const byKey = new Map<string, ConfigEntry>();
  for (const entry of read.entries) byKey.set(entry.key, entry);
  const resolve = (value: string) => resolveExpressions(value, byKey);
  const references: ExtractedReference[] = [];
  const make = (entry: ConfigEntry, role: Role, tool: Tool, context: string, platforms: readonly Platform[], explicit: boolean) => {
    const resolved = resolve(entry.value);
    if (resolved.text.trim() === '') return;
    const reference: ExtractedReference = {
      text: resolved.text, span: entry.span, editable: entry.editable && !resolved.substituted, unresolved: resolved.unresolved,
      role, tool, context, platforms, platformsExplicit: explicit, fileKind: kind satisfies FileKind,
    };
    if (resolved.via) reference.via = { name: resolved.via, usedAt: entry.span };
    references.push(reference);
  };
  for (const entry of read.entries) {
    const { profile, key } = splitProfile(entry.key);
    const where = profile ? `quarkus %${profile} ` : 'quarkus ';
    if (BASES[key]) {
      const platforms = platformsOf(byKey.get(profile ? `%${profile}.quarkus.jib.platforms` : '') ?? byKey.get('quarkus.jib.platforms'));
      make(entry, 'base', 'jib', where + BASES[key], platforms ?? JIB_DEFAULT_PLATFORMS, platforms !== undefined);
    } else if (key === IMAGE) {
      make(entry, 'target', 'quarkus', `${where}container-image.image`, [], false);
    }
  }
  const assembled = byKey.has(IMAGE) ? undefined : assembledTarget(byKey, resolve);
  if (assembled) references.push(assembled);
  return { references, problems: read.problems };

  /** registry/group/name:tag with Quarkus' defaults (`${user.name}`, the application name and version) when unset. */
  function assembledTarget(entries: Map<string, ConfigEntry>, resolveValue: typeof resolve): ExtractedReference | undefined {
    const given = PARTS.map((k) => entries.get(k));
    if (given.every((e) => e === undefined)) return undefined;
    const [registry, group, name, tag] = given;
    const part = (entry: ConfigEntry | undefined, fallback: string) => (entry ? resolveValue(entry.value) : resolveValue(fallback));
    const pieces = [
      registry ? part(registry, '') : undefined,
      part(group, '${user.name}'),
      part(name, '${quarkus.application.name}'),
    ].filter((p) => p !== undefined && p.text !== '');
    const tagPart = part(tag, '${quarkus.application.version}');
    const textOf = pieces.map((p) => p!.text).join('/') + (tagPart.text ? `:${tagPart.text}` : '');
    const at = (name ?? given.find((e) => e !== undefined))!;
    const unresolved = [...pieces, tagPart].some((p) => p!.unresolved);
    return {
      text: textOf, span: at.span, editable: false, unresolved, role: 'target', tool: 'quarkus',
      context: 'quarkus container-image registry/group/name:tag', platforms: [], platformsExplicit: false, fileKind: kind,
    };
  }
}

function splitProfile(key: string): { profile?: string; key: string } {
  const match = /^%([^.]+)\.(.*)$/.exec(key);
  return match ? { profile: match[1], key: match[2] } : { key };
}

/** `quarkus.jib.platforms=linux/amd64,linux/arm64/v8`. */
function platformsOf(entry: ConfigEntry | undefined): Platform[] | undefined {
  if (!entry) return undefined;
  const platforms: Platform[] = [];
  for (const item of entry.value.split(',')) {
    const [os, architecture, variant] = item.trim().split('/');
    if (os && architecture) platforms.push(variant ? { os, architecture, variant } : { os, architecture });
  }
  return platforms.length ? platforms : undefined;
}

interface Resolved {
  text: string;
  unresolved: boolean;
  substituted: boolean;
  via?: string;
}

/** `${key}` and `${key:default}` (nested: `${BUILD_TAG:${quarkus.application.version}}`) from the same file. */
function resolveExpressions(value: string, entries: Map<string, ConfigEntry>, depth = 0): Resolved {
  if (!value.includes('${')) return { text: value, unresolved: false, substituted: false };
  const names: string[] = [];
  const unknown = new Map<string, string>();
  let text = value;
  // Innermost expressions first; an unresolved one is parked as a placeholder so that its neighbours still resolve.
  for (let pass = 0; pass < 8 && text.includes('${'); pass++) {
    const before = text;
    text = text.replace(/\$\{([^{}:]+)(?::([^{}]*))?\}/g, (match, name: string, fallback: string | undefined) => {
      names.push(name);
      const entry = entries.get(name);
      if (entry && depth < 5) {
        const inner = resolveExpressions(entry.value, entries, depth + 1);
        if (!inner.unresolved) return inner.text;
      } else if (fallback !== undefined) {
        return fallback;
      }
      const placeholder = `\u0000${unknown.size}\u0000`;
      unknown.set(placeholder, match);
      return placeholder;
    });
    if (text === before) break;
  }
  for (const [placeholder, original] of unknown) text = text.split(placeholder).join(original);
  const via = names.length === 1 && /^\$\{[^{}]+\}$/.test(value) ? names[0] : undefined;
  return { text, unresolved: unknown.size > 0 || text.includes('${'), substituted: true, via };
}
