/** Stable diagnostic codes. Quick fixes switch on these; never rename one. */
export const SYNTACTIC_CODES = [
  'invalid-reference',
  'scheme-prefix',
  'tag-and-digest',
  'implicit-latest',
  'latest-tag',
  'unpinned',
  'digest-on-target',
  'tool-version',
] as const;

export const REGISTRY_CODES = [
  'tag-not-found',
  'repository-not-found',
  'digest-not-found',
  'stale-digest',
  'platform-missing',
  'single-platform-digest',
  'credentials-missing',
  'credentials-rejected',
  'registry-unreachable',
  'rate-limited',
  'credentials-mismatch',
  'newer-tag',
] as const;

/** Problems the extractors report about the file itself (e.g. malformed XML). */
export const FILE_CODES = ['malformed-file'] as const;

export type DiagnosticCode =
  | (typeof SYNTACTIC_CODES)[number]
  | (typeof REGISTRY_CODES)[number]
  | (typeof FILE_CODES)[number];

export const ALL_CODES: readonly DiagnosticCode[] = [...SYNTACTIC_CODES, ...REGISTRY_CODES, ...FILE_CODES];

export const SOURCE = 'imageref';
