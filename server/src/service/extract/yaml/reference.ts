/** Turns a YAML scalar into an ExtractedReference: exact span of the value inside its quotes, variables resolved. */
import type { Scalar } from 'yaml';
import type { ExtractedReference, Span } from '../../types';
import { interpolate } from './interpolate';

export type ScalarTraits = Pick<ExtractedReference, 'role' | 'tool' | 'context' | 'fileKind'> &
  Partial<Pick<ExtractedReference, 'platforms' | 'platformsExplicit'>> & {
    /** Values of `${VAR}` / `$VAR` (Compose `.env`, GitLab `variables:`); absent: `$` is taken literally. */
    variables?: (name: string) => string | undefined;
    /**
     * Where a variable's value is written in this document (GitLab `variables:`): a value that is exactly one
     * variable is then reported, and fixed, at its definition.
     */
    definition?: (name: string) => Scalar | undefined;
    /** Whether `$$` means a literal `$` (Compose) or stays `$$`. */
    dollarDollar?: boolean;
    /** A prefix that is not part of the reference (`docker://` of a GitHub Actions step). */
    prefix?: string;
  };

/**
 * The reference a scalar names. `text` is the original document (template actions unmasked), so that a value with
 * `{{ … }}` is seen and left unresolved. An empty value names nothing.
 */
export function scalarReference(text: string, scalar: Scalar, traits: ScalarTraits): ExtractedReference | undefined {
  if (!scalar.range) return undefined;
  let value = String(scalar.value ?? '');
  let span = contentSpan(scalar);
  const literal = text.slice(span.start, span.end) === value;
  if (traits.prefix && value.startsWith(traits.prefix)) {
    value = value.slice(traits.prefix.length);
    if (literal) span = { start: span.start + traits.prefix.length, end: span.end };
  }
  if (value.trim() === '') return undefined;
  const original = text.slice(span.start, span.end);
  const reference: ExtractedReference = {
    text: value,
    span,
    editable: literal,
    unresolved: false,
    role: traits.role,
    tool: traits.tool,
    context: traits.context,
    platforms: traits.platforms ?? [],
    platformsExplicit: traits.platformsExplicit ?? false,
    fileKind: traits.fileKind,
  };
  if (original.includes('{{')) {
    return { ...reference, text: original, editable: false, unresolved: true };
  }
  const single = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(value);
  const definition = single && literal ? traits.definition?.(single[1] ?? single[2]) : undefined;
  if (definition) {
    const defined = scalarReference(text, definition, { ...traits, definition: undefined, prefix: undefined });
    if (defined) return { ...defined, via: { name: single![1] ?? single![2], usedAt: span } };
  }
  const fallback = literal && traits.variables ? defaultOnly(value, span, traits.variables) : undefined;
  if (fallback) return { ...reference, text: fallback.text, span: fallback.span, via: { name: fallback.name, usedAt: span } };
  if (traits.variables && value.includes('$')) {
    const result = interpolate(value, traits.variables, traits.dollarDollar ?? true);
    if (result.text !== value || result.unresolved) {
      reference.text = result.text;
      reference.unresolved = result.unresolved;
      reference.editable = false;
      const names = [...new Set(result.names)];
      if (names.length === 1 && !result.unresolved) reference.via = { name: names[0], usedAt: span };
    }
  }
  return reference;
}

/**
 * `${NAME:-image:1}` with NAME unset: the default is the reference, reported and fixed where it is written (as a
 * Dockerfile `ARG` default is).
 */
function defaultOnly(value: string, span: Span, variables: (name: string) => string | undefined): { text: string; span: Span; name: string } | undefined {
  const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)([^${}]+)\}$/.exec(value);
  if (!match) return undefined;
  const [, name, operator, fallback] = match;
  const known = variables(name);
  if (known !== undefined && !(operator === ':-' && known === '')) return undefined;
  const start = span.start + 2 + name.length + operator.length;
  return { text: fallback, span: { start, end: start + fallback.length }, name };
}

/** The value's characters: inside the quotes of a quoted scalar; the whole value of a plain or block one. */
function contentSpan(scalar: Scalar): Span {
  const [start, valueEnd] = scalar.range!;
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, valueEnd - 1) };
  return { start, end: valueEnd };
}
