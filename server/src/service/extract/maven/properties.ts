/**
 * Maven properties: where they are defined in a pom, and `${name}` interpolation.
 *
 * Lookup order for a value used inside a profile: that profile's `<properties>`, then the project's, then the other
 * profiles' (which of them is active is unknown, a value from any of them is better than none), then the built-in
 * `project.*` values, then the external properties (parent pom, command line).
 */
import type { Span } from '../../types';
import { elementValue } from './content';
import { PomElement, ancestor, child, children, descend, parsePom } from './pom';

export interface PropertyDefinition {
  name: string;
  /** Decoded, trimmed value as written (not interpolated). */
  value: string;
  /** Where the value is written. */
  span: Span;
  /** The document text at `span` is exactly `value`. */
  literal: boolean;
  element: PomElement;
}

/** A property is either defined in this document (it has a place to edit) or only known by value. */
export type PropertySource =
  | { definition: PropertyDefinition; value: string }
  | { definition?: undefined; value: string };

export interface PropertyTable {
  get(name: string): PropertySource | undefined;
}

export interface PropertyIndex {
  /** Every `<properties>` entry of the project and its profiles, in document order. */
  definitions: PropertyDefinition[];
  /** The properties visible from an element (see the lookup order above). */
  tableFor(element: PomElement): PropertyTable;
}

const MAX_DEPTH = 16;
const PROPERTY_USE = /\$\{([^}]*)\}/g;
const SINGLE_PROPERTY = /^\$\{([^}]*)\}$/;

/** The `<properties>` of a pom (not of its profiles), raw: values are not interpolated. */
export function readMavenProperties(text: string): Map<string, string> {
  const { root } = parsePom(text);
  const result = new Map<string, string>();
  for (const definition of definitionsIn(text, child(root, 'properties'))) {
    result.set(definition.name, definition.value);
  }
  return result;
}

export function indexProperties(
  text: string,
  root: PomElement | undefined,
  external: ReadonlyMap<string, string> = new Map(),
): PropertyIndex {
  const project = byName(definitionsIn(text, child(root, 'properties')));
  const profiles = children(child(root, 'profiles'), 'profile').map((profile) => ({
    profile,
    properties: byName(definitionsIn(text, child(profile, 'properties'))),
  }));
  const builtins = builtinProperties(text, root);
  const definitions = [project, ...profiles.map((p) => p.properties)].flatMap((m) => [...m.values()]);
  definitions.sort((a, b) => a.span.start - b.span.start);

  // The first definition of each name across profiles, in document order: built once, so that a lookup does not scan
  // every profile (quadratic in large poms).
  const inAnyProfile = new Map<string, PropertyDefinition>();
  for (const { properties } of profiles) for (const [name, d] of properties) if (!inAnyProfile.has(name)) inAnyProfile.set(name, d);
  const profileProperties = new Map(profiles.map((p) => [p.profile, p.properties]));

  const tableFor = (element: PomElement): PropertyTable => {
    const own = profileOf(element);
    const ownProperties = own ? profileProperties.get(own) : undefined;
    return {
      get(name) {
        // Own profile, then the project, then the other profiles in document order.
        const definition = ownProperties?.get(name) ?? project.get(name) ?? inAnyProfile.get(name);
        if (definition) return { definition, value: definition.value };
        const value = builtins.get(name) ?? external.get(name);
        return value === undefined ? undefined : { value };
      },
    };
  };
  return { definitions, tableFor };
}

export interface Interpolated {
  text: string;
  /** Some `${…}` could not be resolved (unknown, cyclic or too deep) and is kept as written. */
  unresolved: boolean;
  /** At least one `${…}` was replaced. */
  substituted: boolean;
}

export function interpolate(
  value: string,
  table: PropertyTable,
  visiting: ReadonlySet<string> = new Set(),
): Interpolated {
  let unresolved = false;
  let substituted = false;
  const text = value.replace(PROPERTY_USE, (use, name: string) => {
    const source = table.get(name);
    if (!source || visiting.has(name) || visiting.size >= MAX_DEPTH) {
      unresolved = true;
      return use;
    }
    const inner = interpolate(source.value, table, new Set([...visiting, name]));
    unresolved ||= inner.unresolved;
    substituted = true;
    return inner.text;
  });
  return { text, unresolved, substituted };
}

/** `name` when the value is exactly one `${name}`. */
export function singlePropertyName(value: string): string | undefined {
  return SINGLE_PROPERTY.exec(value)?.[1];
}

/**
 * The definition a single-property value finally comes from, following pure aliases (`<a>${b}</a>`) through this
 * document; undefined when the property is not defined in this document.
 */
export function followDefinition(name: string, table: PropertyTable): PropertyDefinition | undefined {
  const seen = new Set<string>();
  let current = table.get(name)?.definition;
  while (current && !seen.has(current.name) && seen.size < MAX_DEPTH) {
    seen.add(current.name);
    const next = singlePropertyName(current.value);
    const nextDefinition = next === undefined ? undefined : table.get(next)?.definition;
    if (!nextDefinition || seen.has(nextDefinition.name)) break;
    current = nextDefinition;
  }
  return current;
}

function definitionsIn(text: string, properties: PomElement | undefined): PropertyDefinition[] {
  const result: PropertyDefinition[] = [];
  for (const element of properties?.children ?? []) {
    const value = elementValue(text, element);
    if (element.name && value) result.push({ name: element.name, ...value, element });
  }
  return result;
}

/** Later definitions of the same name win, as in Maven. */
function byName(definitions: PropertyDefinition[]): Map<string, PropertyDefinition> {
  return new Map(definitions.map((d) => [d.name, d]));
}

function profileOf(element: PomElement): PomElement | undefined {
  const profile = ancestor(element, 'profile');
  return profile?.parent?.name === 'profiles' ? profile : undefined;
}

/** `${project.groupId}` and friends, from the pom's own elements (groupId and version fall back to the parent's). */
function builtinProperties(text: string, root: PomElement | undefined): Map<string, string> {
  const value = (...path: string[]) => elementValue(text, descend(root, ...path))?.value;
  const entries: [string, string | undefined][] = [
    ['project.groupId', value('groupId') ?? value('parent', 'groupId')],
    ['project.artifactId', value('artifactId')],
    ['project.version', value('version') ?? value('parent', 'version')],
    ['project.name', value('name')],
    ['project.parent.groupId', value('parent', 'groupId')],
    ['project.parent.artifactId', value('parent', 'artifactId')],
    ['project.parent.version', value('parent', 'version')],
  ];
  const builtins = new Map<string, string>();
  for (const [name, v] of entries) {
    if (v !== undefined) builtins.set(name, v);
  }
  return builtins;
}
