/**
 * Spring Boot `buildpacks` entries (Maven `<buildpacks><buildpack>`, Gradle `buildpacks = [...]`): which of them
 * are images. Spring Boot (like pack) takes `urn:cnb:builder:` ids from the builder, `file://` and paths from the
 * disk, and `docker://` references from a registry; a reference with no prefix is first looked up as a buildpack id
 * in the builder, so `paketo-buildpacks/java` (or `…@1.2.3`, a version) is taken as an image only when it cannot be
 * an id: it names a registry host, or carries a tag or a digest.
 */
import type { Span } from '../types';

const DOCKER = 'docker://';
const NOT_IMAGES = /^(urn:cnb:|file:|https?:\/\/|\.{0,2}\/|~|[A-Za-z]:\\)/;

export interface BuildpackImage {
  /** The reference without `docker://`. */
  text: string;
  /** How many characters of `docker://` were removed from the front. */
  prefixLength: number;
}

export function buildpackImage(value: string): BuildpackImage | undefined {
  if (value.startsWith(DOCKER)) return { text: value.slice(DOCKER.length), prefixLength: DOCKER.length };
  if (NOT_IMAGES.test(value) || value.endsWith('.tgz')) return undefined;
  const slash = value.indexOf('/');
  const first = slash < 0 ? '' : value.slice(0, slash);
  const namesRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const lastComponent = value.slice(slash + 1);
  const tagged = /:[\w][\w.-]*$/.test(lastComponent) || /@sha256:/.test(value);
  return namesRegistry || tagged ? { text: value, prefixLength: 0 } : undefined;
}

/** The span of the reference once `docker://` is removed from a span whose text started with it. */
export function withoutPrefix(span: Span, prefixLength: number): Span {
  return { start: span.start + prefixLength, end: span.end };
}
