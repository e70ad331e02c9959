import type { DiagnosticCode } from './codes';

/** The README anchor of a code's row in the table of diagnostic codes (`<a id="rule-unpinned">`). */
export const ruleAnchor = (code: string) => `rule-${code}`;

/** What a code means, for SARIF rule metadata, hovers and the README table. One entry per code. */
export interface RuleDoc {
  /** SARIF `name`: a short PascalCase identifier. */
  name: string;
  /** One sentence: what was found. */
  short: string;
  /** Why it matters, in a sentence or two. */
  full: string;
  /** How to fix or silence it (markdown). */
  fix: string;
  /** The default severity (the rule may publish another in some contexts; `note` says when). */
  severity: 'error' | 'warning' | 'information';
  note?: string;
}

const SILENCE = 'Silence one occurrence with an `imageref-ignore <code>` comment on the line above, or set the severity in `.imageref.json` or `imageref.rules`.';

export const RULE_DOCS: Record<DiagnosticCode, RuleDoc> = {
  'invalid-reference': {
    name: 'InvalidReference', severity: 'error',
    short: 'The text is not a valid image reference.',
    full: 'The build tool will refuse this reference when it pulls or pushes: the grammar of distribution/reference (or Jib\'s) does not accept it, e.g. an uppercase repository or a digest that is too short.',
    fix: 'Correct the reference; the quick fix lowercases an uppercase repository.',
  },
  'scheme-prefix': {
    name: 'SchemePrefix', severity: 'error',
    short: '`https://` or `http://` is typed in front of the image reference.',
    full: 'Image references carry no URL scheme; Docker, BuildKit and Jib reject `https://ghcr.io/…`. Jib\'s own `registry://`, `docker://` and `tar://` prefixes are legal and not reported.',
    fix: 'Remove the scheme (quick fix).',
  },
  'tag-and-digest': {
    name: 'TagAndDigest', severity: 'warning', note: 'information in Dockerfiles',
    short: 'The reference carries both a tag and a digest; the tag is ignored when pulling.',
    full: 'When a reference has both, the digest decides what is pulled and the tag is documentation only; Jib in some versions rejects the form or ignores the tag silently.',
    fix: 'Drop the tag and keep the digest (the preferred quick fix for Jib).',
  },
  'implicit-latest': {
    name: 'ImplicitLatest', severity: 'warning',
    short: 'A base image has no tag and no digest, so `latest` is used implicitly.',
    full: '`latest` moves whenever the image is republished: builds are not reproducible and can change without any change to the build file.',
    fix: 'Pin the reference to a digest (quick fix when online) or name a version tag.',
  },
  'latest-tag': {
    name: 'LatestTag', severity: 'warning',
    short: 'A base image uses the `latest` tag explicitly.',
    full: '`latest` moves whenever the image is republished: builds are not reproducible and can change without any change to the build file.',
    fix: 'Pin the reference to a digest (quick fix when online) or name a version tag.',
  },
  unpinned: {
    name: 'UnpinnedBaseImage', severity: 'information',
    short: 'A base image is referenced by tag only, not pinned to a digest.',
    full: 'A tag can be moved to another image at any time; a digest names exactly one image. Pinning makes builds reproducible and protects against a tampered tag.',
    fix: 'Pin to the digest the tag resolves to now (quick fix when online; `imageref fix` pins every reference).',
  },
  'digest-on-target': {
    name: 'DigestOnTarget', severity: 'error',
    short: 'A pushed (target) image reference carries a digest.',
    full: 'A digest names content that already exists; a build cannot push to it. Jib and Spring Boot fail or push to an unexpected name.',
    fix: 'Remove the digest (quick fix).',
  },
  'malformed-file': {
    name: 'MalformedFile', severity: 'warning',
    short: 'The build file itself could not be parsed where image references live.',
    full: 'Unterminated XML, unbalanced braces or similar: references in the damaged part may be missed, and the build tool will likely fail too.',
    fix: 'Repair the file at the reported place.',
  },
  'tag-not-found': {
    name: 'TagNotFound', severity: 'error',
    short: 'The registry has no such tag.',
    full: 'The build will fail to pull this image: the repository exists but the tag does not (a typo, or a tag that was deleted).',
    fix: 'Use a tag the repository has (the hover lists what the registry answered).',
  },
  'repository-not-found': {
    name: 'RepositoryNotFound', severity: 'error',
    short: 'The registry has no such repository.',
    full: 'The build will fail to pull this image: the registry answered that the repository does not exist (or is not visible with the credentials found).',
    fix: 'Correct the repository name, or configure credentials if it is private.',
  },
  'digest-not-found': {
    name: 'DigestNotFound', severity: 'error',
    short: 'The registry has no manifest with this digest.',
    full: 'The build will fail to pull this image: the pinned digest is unknown to the registry (garbage-collected, mistyped, or from another registry).',
    fix: 'Pin to a digest the registry has: remove the digest and pin again.',
  },
  'stale-digest': {
    name: 'StaleDigest', severity: 'warning',
    short: 'The pinned digest is no longer what the tag points to.',
    full: 'The reference carries a tag and a digest, and the tag has moved since the pin: the build still pulls the old image, which may lack security fixes.',
    fix: 'Update the digest to the tag\'s current one (quick fix), after reviewing the new image.',
  },
  'platform-missing': {
    name: 'PlatformMissing', severity: 'error',
    short: 'The image has no manifest for a configured platform.',
    full: 'A platform configured for the build (Dockerfile `--platform`, Jib `platforms` or its default linux/amd64, Spring Boot `imagePlatform`) is not in the image index, or is not the platform of a single-platform image (read from its config): the build fails for that platform.',
    fix: 'Choose an image that is published for the platform, or drop the platform.',
  },
  'single-platform-digest': {
    name: 'SinglePlatformDigest', severity: 'error',
    short: 'The digest names a single-platform manifest instead of the multi-platform index.',
    full: 'The build is configured for several platforms but the pinned digest is the manifest of one of them: every platform gets that one image.',
    fix: 'Use the digest of the multi-platform index (quick fix).',
  },
  'credentials-missing': {
    name: 'CredentialsMissing', severity: 'warning',
    short: 'The registry wants credentials and none are configured.',
    full: 'The registry answered 401 and no credentials were found in the places the build tool looks (docker config, credential helpers, Jib\'s configuration): the build will likely fail to pull.',
    fix: 'Log in (`docker login`) or configure the credential helper the message names.',
  },
  'credentials-rejected': {
    name: 'CredentialsRejected', severity: 'error',
    short: 'The registry rejected the configured credentials.',
    full: 'Credentials were found and sent to the registry, which refused them: the build will fail to pull.',
    fix: 'Renew the credentials (`docker login` again, or fix the helper).',
  },
  'tool-version': {
    name: 'ToolVersion', severity: 'warning',
    short: "The build file's Jib or Spring Boot plugin is older than a feature its configuration uses.",
    full: 'Features arrived in known plugin versions (Jib: `from.credHelper` 0.10.0, `docker://`/`tar://` 1.6.0, `platforms` 2.5.0/2.6.0, OCI index base images 3.3.0; Spring Boot: `imagePlatform` 3.4.0, docker credential helpers 3.5.0). An older plugin ignores the setting or fails the build.',
    fix: 'Update the plugin to the version the message cites, or drop the setting.',
  },
  'credentials-mismatch': {
    name: 'CredentialsMismatch', severity: 'warning', note: 'Jib files only',
    short: 'docker finds credentials for the registry and Jib does not, or the reverse.',
    full: 'docker and Jib look credentials up in different orders and match config keys differently (Jib asks a credential helper for the bare host, matches `https://` and path forms, and reads `containers/auth.json` first): `docker pull` working says little about the Jib build.',
    fix: 'Follow the message: it names the key each tool asks for. The quick fix sets Jib\'s `credHelper` for the image (Maven `<from><credHelper>`, Gradle `from { credHelper = … }`) when docker uses a helper for the host. `imageref auth <reference> --jib` shows both chains step by step.',
  },
  'registry-unreachable': {
    name: 'RegistryUnreachable', severity: 'information',
    short: 'The registry could not be reached.',
    full: 'The registry timed out, refused the connection or answered with a server error, so the reference could not be checked. Nothing is known to be wrong with the reference.',
    fix: 'Check the network or proxy; run offline (`--offline`, `imageref.offline`) where no registry is reachable.',
  },
  'rate-limited': {
    name: 'RateLimited', severity: 'information',
    short: 'The registry is rate limiting requests.',
    full: 'The registry answered 429 (Docker Hub\'s pull limits, for example), so the reference could not be checked now.',
    fix: 'Wait (the message says how long when the registry does), or log in for a higher limit.',
  },
  'newer-tag': {
    name: 'NewerTag', severity: 'information', note: 'off unless given a severity',
    short: 'A newer tag of the same family exists.',
    full: 'The repository has a newer version with the same suffix (`21.0.4_7-jre` → `21.0.5_11-jre`, never `-jre` → `-jdk`); a tag that names more than the major stays on its major. Off by default: turn it on with `{"newer-tag": "information"}`.',
    fix: 'Use the newer tag (quick fix; a pinned reference gets the new tag\'s digest too).',
  },
};

/** The markdown help of a code: what, why, how to fix, how to silence. */
export function ruleHelpMarkdown(code: DiagnosticCode): string {
  const doc = RULE_DOCS[code];
  return `**${code}**: ${doc.short}\n\n${doc.full}\n\n**Fix:** ${doc.fix}\n\n${SILENCE.replace('<code>', code)}`;
}
