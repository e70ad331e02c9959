/** Turns the text of a pom element into an ExtractedReference, resolving `${…}` properties. */
import type { ExtractedReference, Span } from '../../types';
import { ElementValue, elementValue } from './content';
import { followDefinition, interpolate, PropertyTable, singlePropertyName } from './properties';
import type { PomElement } from './pom';

/** What the plugin extractor knows about a reference; the rest comes from the element's text. */
export type ReferenceTraits = Pick<
  ExtractedReference,
  'role' | 'tool' | 'context' | 'platforms' | 'platformsExplicit' | 'jibAuth'
> & {
  /** Jib `from.image`: strip `registry://`, `docker://`, `tar://`. */
  jibPrefixes?: boolean;
  /** fabric8 names may hold `%l`, `%v`, `%t` placeholders, replaced at build time. */
  fabric8Placeholders?: boolean;
};

interface Resolved {
  text: string;
  span: Span;
  editable: boolean;
  unresolved: boolean;
  via?: { name: string; usedAt: Span };
}

export function referenceFromElement(
  text: string,
  element: PomElement | undefined,
  table: PropertyTable,
  traits: ReferenceTraits,
): ExtractedReference | undefined {
  const value = elementValue(text, element);
  if (!value) return undefined;
  let resolved = resolveValue(value, table);
  if (traits.fabric8Placeholders && /%[a-z]/.test(resolved.text)) {
    resolved = { ...resolved, unresolved: true, editable: false };
  }
  // Explicit fields rather than spreads: this runs once per reference and spreads of rest objects are slow in V8.
  const reference: ExtractedReference = {
    text: resolved.text,
    span: resolved.span,
    editable: resolved.editable,
    unresolved: resolved.unresolved,
    role: traits.role,
    tool: traits.tool,
    context: traits.context,
    platforms: traits.platforms,
    platformsExplicit: traits.platformsExplicit,
    fileKind: 'maven',
  };
  if (resolved.via) reference.via = resolved.via;
  if (traits.jibAuth) reference.jibAuth = traits.jibAuth;
  const { jibPrefixes } = traits;
  return jibPrefixes ? stripJibPrefix(text, reference) : reference;
}

function resolveValue(value: ElementValue, table: PropertyTable): Resolved {
  if (!value.value.includes('${')) {
    return { text: value.value, span: value.span, editable: value.literal, unresolved: false };
  }
  const name = singlePropertyName(value.value);
  const definition = name === undefined ? undefined : followDefinition(name, table);
  if (name !== undefined && definition) {
    // Reported where the value is written, so that a fix edits the property, not its use.
    const interpolated = interpolate(definition.value, table, new Set([name, definition.name]));
    return {
      text: interpolated.text,
      span: definition.span,
      editable: definition.literal && !interpolated.substituted && !interpolated.unresolved,
      unresolved: interpolated.unresolved,
      via: { name, usedAt: value.span },
    };
  }
  const interpolated = interpolate(value.value, table);
  const { text, unresolved } = interpolated;
  const resolved: Resolved = { text, span: value.span, editable: false, unresolved };
  if (name !== undefined && interpolated.substituted) resolved.via = { name, usedAt: value.span };
  return resolved;
}

const JIB_PREFIXES = ['registry', 'docker', 'tar'] as const;

function stripJibPrefix(text: string, reference: ExtractedReference): ExtractedReference {
  const prefix = JIB_PREFIXES.find((p) => reference.text.startsWith(`${p}://`));
  if (!prefix) return reference;
  const length = prefix.length + 3;
  const { span } = reference;
  const spanStartsWithPrefix = text.startsWith(`${prefix}://`, span.start) && span.end - span.start >= length;
  return {
    ...reference,
    text: reference.text.slice(length),
    span: spanStartsWithPrefix ? { start: span.start + length, end: span.end } : span,
    jibPrefix: prefix,
  };
}
