import type { Span } from '../types';

/** The parts of a valid reference, as written and normalized. All spans are offsets into `raw`. */
export interface ParsedReference {
  raw: string;
  /** Domain as written (`index.docker.io`, `localhost:5000`, `[::1]:5000`), absent when the name has none. */
  domain?: string;
  /** Path as written (`ubuntu`, `org/app`). */
  path: string;
  tag?: string;
  /** Full digest `algorithm:hex`. */
  digest?: string;
  /** Normalized registry: `docker.io` for Docker Hub (also for `index.docker.io`), else the domain. */
  registry: string;
  /** Normalized repository: `library/ubuntu` for a one-component path on docker.io. */
  repository: string;
  /** `registry/repository[:tag][@digest]` — no implicit `latest` added. */
  normalized: string;
  spans: { domain?: Span; path: Span; tag?: Span; digest?: Span };
}

export type ReferenceErrorCode =
  | 'empty'
  | 'scheme'
  | 'whitespace'
  | 'bare-digest'
  | 'invalid-domain'
  | 'invalid-port'
  | 'invalid-ipv6'
  | 'uppercase-repository'
  | 'invalid-path-component'
  | 'empty-path-component'
  | 'name-too-long'
  | 'invalid-tag'
  | 'tag-too-long'
  | 'invalid-digest'
  | 'digest-unknown-algorithm'
  | 'digest-length'
  | 'digest-uppercase'
  | 'invalid-character'
  /** Jib mode only. */
  | 'jib-digest-algorithm'
  | 'jib-ipv6-domain';

export interface ReferenceError {
  code: ReferenceErrorCode;
  /** One sentence, precise: what is wrong and where, e.g. "sha256 digest must have 64 hex characters, found 63". */
  message: string;
  /** The offending part, offsets into the parsed string. */
  span: Span;
}

export type ParseResult =
  | { ok: true; ref: ParsedReference; /** Jib mode: `scratch` (no image pulled). */ scratch?: boolean }
  | { ok: false; error: ReferenceError };

export interface ParseOptions {
  /** Apply Jib's ImageReference rules where they differ from distribution/reference. */
  jib?: boolean;
}
