/**
 * An oracle for image references: a line-by-line transcription of distribution/reference (regexp.go, reference.go,
 * normalize.go `ParseNormalizedNamed` / `splitDockerDomain`) and go-digest (`Digest.Validate`), built from the same
 * regular expressions. It answers only "valid or not, and which parts"; the parser under test gives the messages.
 *
 * Version: distribution/reference v0.6 (IPv6 domains allowed; the 255-character limit counts the path only).
 */

// regexp.go, verbatim (Go RE2 and JavaScript agree on these: ASCII classes, leftmost-first alternation).
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

/** ReferenceRegexp: anchored(capture(namePat), optional(":" capture(tag)), optional("@" capture(digestPat))). */
export const REFERENCE_REGEXP = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digestPat}))?$`);
/** anchoredNameRegexp: anchored(optional(capture(domainAndPort), "/"), capture(remoteName)). */
const ANCHORED_NAME_REGEXP = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
/** anchoredIdentifierRegexp */
const ANCHORED_IDENTIFIER_REGEXP = /^[a-f0-9]{64}$/;
/** Exported for generators: the pieces of the grammar. */
export const GRAMMAR = { pathComponent, domainNameComponent, ipv6address, domainAndPort, tag, digestPat, remoteName, namePat };

const NAME_TOTAL_LENGTH_MAX = 255;
/** go-digest: algorithms docker registers (crypto/sha256, crypto/sha512), hex characters each. */
const DIGEST_ALGORITHMS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const DIGEST_REGEXP_ANCHORED = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export interface OracleParts {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

export type OracleResult = { ok: true; parts: OracleParts } | { ok: false; reason: string };

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

/** normalize.go splitDockerDomain (v0.6). */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost') [domain, remote] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remote] = [maybeDomain, maybeRemote];
  else if (goToLower(maybeDomain) !== maybeDomain) [domain, remote] = [maybeDomain, maybeRemote];
  else [domain, remote] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

/** Go's strings.ToLower is Unicode-aware; JavaScript's toLowerCase is close enough for "is anything uppercase". */
function goToLower(s: string): string {
  return s.toLowerCase();
}

/** go-digest Digest.Validate. */
function validateDigest(s: string): string | undefined {
  const i = s.indexOf(':');
  if (i <= 0 || i + 1 === s.length) return 'digest: invalid format';
  const algorithm = s.slice(0, i);
  const encoded = s.slice(i + 1);
  const size = DIGEST_ALGORITHMS[algorithm];
  if (size === undefined) return DIGEST_REGEXP_ANCHORED.test(s) ? 'digest: unsupported algorithm' : 'digest: invalid format';
  if (encoded.length !== size) return 'digest: invalid length';
  if (!/^[a-f0-9]+$/.test(encoded)) return 'digest: invalid encoding';
  return undefined;
}

/** reference.go Parse. */
function parse(s: string): OracleResult {
  const matches = REFERENCE_REGEXP.exec(s);
  if (!matches) {
    if (s === '') return { ok: false, reason: 'repository name must have at least one component' };
    if (REFERENCE_REGEXP.test(s.toLowerCase())) return { ok: false, reason: 'repository name must be lowercase' };
    return { ok: false, reason: 'invalid reference format' };
  }
  const nameMatch = ANCHORED_NAME_REGEXP.exec(matches[1]);
  let domain = '';
  let path = matches[1];
  if (nameMatch) {
    domain = nameMatch[1] ?? '';
    path = nameMatch[2];
  }
  if (path.length > NAME_TOTAL_LENGTH_MAX) return { ok: false, reason: 'repository name must not be more than 255 characters' };
  const parts: OracleParts = { domain, path };
  if (matches[2] !== undefined && matches[2] !== '') parts.tag = matches[2];
  if (matches[3] !== undefined && matches[3] !== '') {
    const error = validateDigest(matches[3]);
    if (error) return { ok: false, reason: error };
    parts.digest = matches[3];
  }
  return { ok: true, parts };
}

/** normalize.go ParseNormalizedNamed: what `docker pull` accepts. */
export function oracleParseNormalized(s: string): OracleResult {
  if (ANCHORED_IDENTIFIER_REGEXP.test(s)) return { ok: false, reason: 'cannot specify 64-byte hexadecimal strings' };
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (goToLower(remote) !== remote) return { ok: false, reason: 'repository name must be lowercase' };
  const result = parse(`${domain}/${remainder}`);
  if (!result.ok) return result;
  return result;
}
