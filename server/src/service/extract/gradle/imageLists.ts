/**
 * Image settings written as lists or single calls: Spring Boot `buildpacks = [...]` / `buildpacks.set(listOf(...))`,
 * bmuschko's `Dockerfile` task `from(...)` (also `from(Dockerfile.From("…"))`), `DockerBuildImage`
 * `images.add(...)` / `images.set(listOf(...))` / `images = [...]`, and `docker { javaApplication { baseImage, images } }`.
 */
import { isToken, isValue, type Item } from './parser';
import type { Scope } from './scopes';
import { splitArguments } from './variables';

/** Spring Boot buildpacks, bmuschko's Dockerfile `from`, `DockerBuildImage` `images`, `docker { javaApplication { } }`. */
export type CollectionImageProperty = 'buildpack' | 'dockerfileFrom' | 'dockerImage' | 'appBaseImage' | 'appImage';

const LIST_FACTORIES = new Set(['listOf', 'setOf', 'mutableListOf', 'mutableSetOf', 'arrayOf', 'asList']);
const COLLECTION_ADDS = new Set(['add', 'addAll']);

/** What a property of a scope is, when it holds images; `list` when it holds several. */
const LISTED: Partial<Record<Scope['kind'], Record<string, { property: CollectionImageProperty; list: boolean }>>> = {
  boot: { buildpacks: { property: 'buildpack', list: true } },
  'bmuschko-dockerfile': { from: { property: 'dockerfileFrom', list: false } },
  // `tags` is the name of `images` before the plugin's version 6.
  'bmuschko-build': { images: { property: 'dockerImage', list: true }, tags: { property: 'dockerImage', list: true } },
  'bmuschko-app': { baseImage: { property: 'appBaseImage', list: false }, images: { property: 'appImage', list: true } },
};

export function imageListSetting(scope: Scope, statement: { path: string[]; value: Item[] }): Array<{ property: CollectionImageProperty; value: Item[] }> | undefined {
  const path = statement.path.length > 1 && COLLECTION_ADDS.has(statement.path[statement.path.length - 1]) ? statement.path.slice(0, -1) : statement.path;
  if (path.length !== 1) return undefined;
  const kind = LISTED[scope.kind]?.[path[0]];
  if (!kind) return undefined;
  const values = kind.list ? listElements(statement.value) : [unwrapFrom(statement.value)];
  return values.map((value) => ({ property: kind.property, value }));
}

/** `[a, b]`, `listOf(a, b)`, or one element. */
function listElements(value: Item[]): Item[][] {
  const first = value[0];
  const last = value[value.length - 1];
  if (isValue(first, '[') && isValue(last, ']')) return splitArguments(value.slice(1, -1));
  if (isToken(first) && first.kind === 'ident' && LIST_FACTORIES.has(first.value) && isValue(value[1], '(') && isValue(last, ')')) {
    return splitArguments(value.slice(2, -1));
  }
  return [value];
}

/** `Dockerfile.From("openjdk:8").withStage("build")`, `new Dockerfile.From('…')`: the image is the first argument. */
function unwrapFrom(value: Item[]): Item[] {
  const at = value.findIndex((item, i) => isValue(item, 'From') && isValue(value[i + 1], '('));
  if (at < 0) return value;
  const argument = value[at + 2];
  return isToken(argument) && argument.kind === 'string' ? [argument] : value;
}
