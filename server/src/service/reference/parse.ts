/**
 * Image reference parser and normalizer. Accepts exactly what distribution/reference's ParseNormalizedNamed accepts
 * (what `docker pull` and BuildKit accept), and reports each rejection with its own code and the span of the
 * offending part. With `{ jib: true }` it applies the differences of Jib's ImageReference.parse.
 *
 *   reference := name [":" tag] ["@" digest]      name := [domain "/"] path
 */
import type { Span } from '../types';
import { checkDigest } from './digest';
import { checkDomain, isDomainComponent, referenceError } from './domain';
import { formatReference, normalizeName } from './format';
import type { ParseOptions, ParseResult, ParsedReference, ReferenceError } from './types';

export { formatReference } from './format';

/**
 * reference.go RepositoryNameTotalLengthMax. Since distribution/reference PR #9 (2024) only the path counts, not the
 * domain; it is the normalized path, so `library/` counts for official images.
 */
const MAX_PATH_LENGTH = 255;
const MAX_TAG_LENGTH = 128;
/** `[A-Za-z0-9_.-]`: what a tag and (in either case) a path component are made of. Char codes, not a regex per character. */
function isNameCharacter(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d;
}
/** An image ID: ParseNormalizedNamed refuses it so that it is never taken for a repository name. */
const IMAGE_ID = /^[a-f0-9]{64}$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

interface Layout {
  domain?: Span;
  path: Span;
  tag?: Span;
  digest?: Span;
}

export function parseReference(raw: string, options: ParseOptions = {}): ParseResult {
  const jib = options.jib === true;
  if (jib && raw === 'scratch') return { ok: true, scratch: true, ref: scratchReference() };
  const wholeError = checkWhole(raw);
  if (wholeError) return { ok: false, error: wholeError };
  const layout = splitReference(raw, jib);
  const error = checkLayout(raw, layout, jib);
  return error ? { ok: false, error } : { ok: true, ref: buildReference(raw, layout) };
}

/**
 * For `uppercase-repository`: the reference with its path lowercased (domain, tag and digest untouched), or undefined
 * when the reference has no such error or lowercasing alone would not make it valid.
 */
export function lowercaseRepositoryFix(raw: string, options: ParseOptions = {}): string | undefined {
  const result = parseReference(raw, options);
  if (result.ok || result.error.code !== 'uppercase-repository') return undefined;
  const { start, end } = result.error.span;
  const fixed = raw.slice(0, start) + asciiLowercase(raw.slice(start, end)) + raw.slice(end);
  return parseReference(fixed, options).ok ? fixed : undefined;
}

/** Problems with the string as a whole, before its parts mean anything. */
function checkWhole(raw: string): ReferenceError | undefined {
  if (raw.trim() === '') return referenceError('empty', 'the image reference is empty', 0, raw.length);
  const space = /\s+/.exec(raw);
  if (space) {
    return referenceError('whitespace', 'an image reference cannot contain whitespace', space.index, space.index + space[0].length);
  }
  const scheme = SCHEME.exec(raw);
  if (scheme) {
    return referenceError('scheme', `an image reference has no scheme; remove '${scheme[0]}'`, 0, scheme[0].length);
  }
  if (IMAGE_ID.test(raw)) {
    return referenceError('bare-digest', 'this looks like an image ID, not a reference; write name@sha256:<hex> to pin a digest', 0, raw.length);
  }
  return undefined;
}

/**
 * Cut at the first `@` (no other part may contain one) and at the last `:` after the last `/` (tags contain
 * neither), then at the first `/` when what precedes it is a domain.
 */
function splitReference(raw: string, jib: boolean): Layout {
  const at = raw.indexOf('@');
  const nameAndTagEnd = at < 0 ? raw.length : at;
  const digest = at < 0 ? undefined : { start: at + 1, end: raw.length };
  const beforeDigest = raw.slice(0, nameAndTagEnd);
  const tagColon = beforeDigest.lastIndexOf(':');
  const hasTag = tagColon > beforeDigest.lastIndexOf('/');
  const nameEnd = hasTag ? tagColon : nameAndTagEnd;
  const tag = hasTag ? { start: tagColon + 1, end: nameAndTagEnd } : undefined;
  const firstSlash = beforeDigest.slice(0, nameEnd).indexOf('/');
  if (firstSlash >= 0 && isDomainComponent(raw.slice(0, firstSlash), jib)) {
    return { domain: { start: 0, end: firstSlash }, path: { start: firstSlash + 1, end: nameEnd }, tag, digest };
  }
  return { path: { start: 0, end: nameEnd }, tag, digest };
}

function checkLayout(raw: string, layout: Layout, jib: boolean): ReferenceError | undefined {
  return checkNamePresent(raw, layout)
    ?? (layout.domain && checkDomain(raw, layout.domain, jib))
    ?? checkPath(raw, layout)
    ?? (layout.tag && checkTag(raw, layout.tag))
    ?? (layout.digest && checkDigest(raw, layout.digest, jib));
}

function checkNamePresent(raw: string, { domain, path }: Layout): ReferenceError | undefined {
  const end = raw.includes('@') ? raw.indexOf('@') : raw.length;
  if (!domain && raw.startsWith('[') && !raw.slice(0, end).includes('/')) {
    // `[::1]:5000` with no `/name`: normalization would read it as the Hub image `[:` with tag `1]:5000`.
    return referenceError('empty-path-component', `'${raw.slice(0, end)}' is a registry address with no repository; add '/<name>'`, 0, end);
  }
  if (domain || path.end > path.start) return undefined;
  const separator = raw[path.end] ?? '';
  return referenceError('empty-path-component', `the image name is missing before '${separator}'`, path.end, path.end + 1);
}

function checkPath(raw: string, layout: Layout): ReferenceError | undefined {
  const { path } = layout;
  const text = raw.slice(path.start, path.end);
  const componentError = checkPathComponents(raw, path);
  if (componentError) return componentError;
  const lowered = asciiLowercase(text);
  if (lowered !== text) {
    return referenceError('uppercase-repository', `repository path '${text}' must be lowercase: '${lowered}'`, path.start, path.end);
  }
  const { repository } = normalizeName(textOf(raw, layout.domain), text);
  if (repository.length > MAX_PATH_LENGTH) {
    const implied = repository === text ? '' : " (with the implied 'library/')";
    return referenceError('name-too-long', `repository path is ${repository.length} characters${implied}; the maximum is ${MAX_PATH_LENGTH}`, path.start, path.end);
  }
  return undefined;
}

/** The components of the path at `span`; letters of either case pass here (case is checked by the caller). */
function checkPathComponents(raw: string, span: Span): ReferenceError | undefined {
  let start = span.start;
  const components = raw.slice(span.start, span.end).split('/');
  for (let i = 0; i < components.length; i++) {
    const component = components[i];
    const error = component === '' ? emptyComponentError(raw, start) : checkPathComponent(component, start);
    if (error) return error;
    start += component.length + 1;
  }
  return undefined;
}

/** An empty component at `at`: point at the slash(es) around it. */
function emptyComponentError(raw: string, at: number): ReferenceError {
  const slashBefore = raw[at - 1] === '/';
  const slashAfter = raw[at] === '/';
  const where = slashBefore && slashAfter ? "'//'" : slashBefore ? "a trailing '/'" : "a leading '/'";
  const start = slashBefore ? at - 1 : at;
  const end = slashAfter ? at + 1 : at;
  return referenceError('empty-path-component', `the repository path has an empty component (${where})`, start, end);
}

/** regexp.go pathComponent `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`, ignoring case. */
function checkPathComponent(component: string, offset: number): ReferenceError | undefined {
  const end = offset + component.length;
  for (let i = 0; i < component.length; i++) {
    if (!isNameCharacter(component.charCodeAt(i))) {
      return referenceError('invalid-character', `'${component[i]}' is not allowed in a repository path`, offset + i, offset + i + 1);
    }
  }
  if (/^[._-]|[._-]$/.test(component)) {
    return referenceError('invalid-path-component', `path component '${component}' must start and end with a lowercase letter or digit`, offset, end);
  }
  const badSeparator = firstBadSeparator(component);
  if (badSeparator !== undefined) {
    return referenceError('invalid-path-component', `path component '${component}' contains '${badSeparator}'; separators are '.', '_', '__' or dashes`, offset, end);
  }
  return undefined;
}

/** The first run of `.`, `_` and `-` that is not one of regexp.go's separators `[._]|__|[-]+`. */
function firstBadSeparator(component: string): string | undefined {
  for (let at = 0; at < component.length; at++) {
    if (!isSeparator(component.charCodeAt(at))) continue;
    const start = at;
    let dashes = true;
    let underscores = true;
    while (at < component.length && isSeparator(component.charCodeAt(at))) {
      const c = component.charCodeAt(at);
      if (c !== 0x2d) dashes = false;
      if (c !== 0x5f) underscores = false;
      at++;
    }
    const length = at - start;
    if (!(length === 1 || dashes || (underscores && length === 2))) return component.slice(start, at);
  }
  return undefined;
}

function isSeparator(c: number): boolean {
  return c === 0x2e || c === 0x5f || c === 0x2d;
}

/** regexp.go tag: `[\w][\w.-]{0,127}`. */
function checkTag(raw: string, span: Span): ReferenceError | undefined {
  const tag = raw.slice(span.start, span.end);
  if (tag === '') return referenceError('invalid-tag', "the tag after ':' is empty", span.start - 1, span.start);
  for (let i = 0; i < tag.length; i++) {
    if (!isNameCharacter(tag.charCodeAt(i))) {
      const at = span.start + i;
      return referenceError('invalid-character', `'${tag[i]}' is not allowed in a tag; tags may contain letters, digits, '_', '.' and '-'`, at, at + 1);
    }
  }
  if (tag.startsWith('.') || tag.startsWith('-')) {
    return referenceError('invalid-tag', `tag '${tag}' must start with a letter, digit or '_'`, span.start, span.end);
  }
  if (tag.length > MAX_TAG_LENGTH) {
    return referenceError('tag-too-long', `tag is ${tag.length} characters; the maximum is ${MAX_TAG_LENGTH}`, span.start, span.end);
  }
  return undefined;
}

function buildReference(raw: string, layout: Layout): ParsedReference {
  const [domain, tag, digest] = [textOf(raw, layout.domain), textOf(raw, layout.tag), textOf(raw, layout.digest)];
  const path = raw.slice(layout.path.start, layout.path.end);
  const { registry, repository } = normalizeName(domain, path);
  const normalized = formatReference({ registry, repository, tag, digest });
  const ref: ParsedReference = { raw, path, registry, repository, normalized, spans: { path: layout.path } };
  if (layout.domain) { ref.domain = domain; ref.spans.domain = layout.domain; }
  if (layout.tag) { ref.tag = tag; ref.spans.tag = layout.tag; }
  if (layout.digest) { ref.digest = digest; ref.spans.digest = layout.digest; }
  return ref;
}

/** Jib's ImageReference.scratch(): no registry, repository `scratch`, nothing to pull. */
function scratchReference(): ParsedReference {
  return { raw: 'scratch', path: 'scratch', registry: '', repository: 'scratch', normalized: 'scratch', spans: { path: { start: 0, end: 7 } } };
}

function textOf(raw: string, span: Span | undefined): string | undefined {
  return span ? raw.slice(span.start, span.end) : undefined;
}

const ASCII_UPPERCASE = /[A-Z]/;

function asciiLowercase(text: string): string {
  // Nearly every path is lowercase already: test first, and allocate only when there is something to replace.
  return ASCII_UPPERCASE.test(text) ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text;
}
