/**
 * The registry client's contract with the language service: the only registry module the service may import, and
 * only its types. The client is constructed by a front end (host/) and injected.
 */

/** Which tool will pull the image: Jib looks credentials up in its own order. */
export type CredentialFlavour = 'docker' | 'jib';

export interface ResolveRequest {
  /** Normalized registry host as in a reference: `docker.io`, `ghcr.io`, `localhost:5000`, `[::1]:5000`. */
  registry: string;
  /** Repository path, normalized (`library/ubuntu` on docker.io). */
  repository: string;
  /** A tag (`17`) or a digest (`sha256:…`). */
  tagOrDigest: string;
  flavour?: CredentialFlavour;
  /** Jib `from.credHelper` from the build file, tried first for Jib. */
  jibCredHelper?: string;
  /** Skip the tag → digest cache (the "refresh" command). Digest-addressed content is immutable and stays cached. */
  refresh?: boolean;
  signal?: AbortSignal;
  /**
   * Read the manifest or index itself, for its platforms (default true). False: a tag is answered by one HEAD
   * (digest, media type, size) unless its content is already cached; `platforms` is then empty and `headOnly` set.
   */
  platforms?: boolean;
  /**
   * When the reference names a single image manifest, read its config blob for the platform (os, architecture,
   * variant, os.version) — only when a rule or the hover needs it. Implies `platforms`.
   */
  imageConfig?: boolean;
}

export interface PlatformEntry {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  digest: string;
  size: number;
  mediaType: string;
  /** BuildKit attestation manifest (platform unknown/unknown, vnd.docker.reference.type=attestation-manifest). */
  attestation: boolean;
}

/** Which credential source answered, never the secret itself. */
export interface CredentialSourceInfo {
  /** e.g. "credHelpers (ecr-login)", "credsStore (desktop)", "auths", "anonymous", "jib from.credHelper". */
  source: string;
  /** The config key or server URL that matched, e.g. "https://index.docker.io/v1/". */
  key?: string;
  /** The file it came from, e.g. "/home/u/.docker/config.json". */
  file?: string;
  /** The lookup chains for this registry (docker's always; Jib's too for a Jib lookup), when the host computes them. */
  chains?: CredentialChainPair;
}

/** One place a tool looks for credentials, in its order (`imageref auth`, the hover's chain). Never a secret. */
export interface CredentialStep {
  /** e.g. "credHelpers", "credsStore", "auths", "from.credHelper", "well-known helper", "config file". */
  source: string;
  /** The config key or server URL asked for (userinfo dropped). */
  key: string;
  /** The helper executable run, e.g. "docker-credential-pass". */
  helper?: string;
  file?: string;
  found: boolean;
  note?: string;
}

/** An entry meant for this registry that the tool's key rules do not match. */
export interface CredentialNearMiss {
  key: string;
  /** "auths", "credHelpers", or "docker-credential-<name> list". */
  source: string;
  file?: string;
  why: string;
}

/** The lookup chain for one registry as one tool walks it. */
export interface CredentialChain {
  registry: string;
  tool: CredentialFlavour;
  steps: CredentialStep[];
  found: boolean;
  nearMisses: CredentialNearMiss[];
  /** Helpers that failed (timed out, printed garbage), one line each. */
  problems: string[];
}

export interface CredentialChainPair {
  docker?: CredentialChain;
  jib?: CredentialChain;
}

export interface ResolvedImage {
  /** Digest of the manifest or index the reference points at. */
  digest: string;
  mediaType: string;
  kind: 'index' | 'manifest';
  /** For an index, one entry per child manifest; for a single manifest, its platform when known (from the config). */
  platforms: PlatformEntry[];
  /** Size in bytes of the manifest/index body. */
  size: number;
  /** Epoch ms when the tag → digest answer was obtained from the registry (not the cache). */
  resolvedAt: number;
  fromCache: boolean;
  credentials: CredentialSourceInfo;
  /** The content was not read (request.platforms false): `platforms` is unknown, not empty. */
  headOnly?: boolean;
}

export type RegistryFailureKind =
  | 'tag-not-found'
  | 'repository-not-found'
  | 'digest-not-found'
  | 'credentials-missing'
  | 'credentials-rejected'
  | 'rate-limited'
  | 'unreachable'
  | 'invalid-response'
  | 'insecure-refused'
  | 'offline'
  | 'cancelled';

export interface RegistryFailure {
  kind: RegistryFailureKind;
  /** One line, safe to show: never contains a secret. */
  message: string;
  /** For rate-limited: seconds from Retry-After when the registry sent it. */
  retryAfterSeconds?: number;
  /** For credentials-missing/rejected: where credentials were looked for, e.g. ["credHelpers: none for …", …]. */
  credentialSearch?: string[];
  /** Suggested credential helper for well-known hosts (ECR, GCR, ACR). */
  suggestedHelper?: string;
  /** For credential failures: the lookup chains, when the host computes them. */
  credentialChains?: CredentialChainPair;
}

export type ResolveOutcome = { ok: true; image: ResolvedImage } | { ok: false; failure: RegistryFailure };

export interface TagListRequest {
  registry: string;
  repository: string;
  flavour?: CredentialFlavour;
  jibCredHelper?: string;
  /** Skip the cached list. */
  refresh?: boolean;
  signal?: AbortSignal;
}

export interface TagList {
  /** Every tag the registry listed, in the registry's order, without duplicates. */
  tags: string[];
  /** False when the page cap stopped the listing before the registry's last page. */
  complete: boolean;
  /** Epoch ms when the registry answered (not the cache). */
  listedAt: number;
  fromCache: boolean;
}

export type TagListOutcome = { ok: true; list: TagList } | { ok: false; failure: RegistryFailure };

/** A registry's pull quota as its `ratelimit-limit` / `ratelimit-remaining` headers reported it (Docker Hub). */
export interface PullLimit {
  registry: string;
  limit: number;
  remaining: number;
  windowSeconds?: number;
  /** Epoch ms of the response that reported it. */
  seenAt: number;
}

export interface RegistryClient {
  /** Resolve a tag or digest to the manifest or index it names, with its platforms. Never throws. */
  resolve(request: ResolveRequest): Promise<ResolveOutcome>;
  /** The repository's tags (`/v2/<name>/tags/list`, every page), cached with the tag TTL. Never throws. */
  listTags?(request: TagListRequest): Promise<TagListOutcome>;
}
