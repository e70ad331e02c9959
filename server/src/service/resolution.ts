import type { RegistryFailure, ResolvedImage, ResolveOutcome, ResolveRequest } from '../registry/contract';
import type { AnalyzedReference } from './analysis';

/** Registry answers known so far, by lookup key (a Map or an LRU cache). */
export interface KnownOutcomes {
  get(key: string): ResolveOutcome | undefined;
  has(key: string): boolean;
}

/** One registry question: a tag or a digest of one repository, asked the way the reference's tool asks it. */
export interface Lookup {
  key: string;
  request: ResolveRequest;
}

export interface ReferenceLookups {
  tag?: Lookup;
  digest?: Lookup;
}

/**
 * The lookups a reference needs: its tag (`latest` when implicit) and/or its digest. A tag's content (the index
 * and its platforms) is read only when a rule needs it: platforms are configured, or a pinned digest is compared
 * with the tag's index. Otherwise one HEAD answers it. `full` asks for content anyway (hover).
 */
export function lookupsFor(reference: AnalyzedReference, options: { full?: boolean } = {}): ReferenceLookups {
  if (!reference.registryCheckable || !reference.parse?.ok) return {};
  const { registry, repository, tag, digest } = reference.parse.ref;
  const flavour = reference.ref.tool === 'jib' ? 'jib' : 'docker';
  const jibCredHelper = reference.ref.jibAuth?.credHelper;
  const tagContent = options.full || reference.ref.platforms.length > 0 || digest !== undefined;
  // A single-platform image's platform is in its config blob: read only for platform rules and the hover.
  const imageConfig = !!options.full || reference.ref.platforms.length > 0;
  const make = (ref: string, platforms: boolean): Lookup => ({
    key: `${registry}/${repository}|${ref}|${flavour}|${jibCredHelper ?? ''}|${platforms ? (imageConfig ? 'config' : 'full') : 'head'}`,
    request: { registry, repository, tagOrDigest: ref, flavour, jibCredHelper, platforms, ...(platforms && imageConfig ? { imageConfig } : {}) },
  });
  return {
    tag: tag !== undefined || digest === undefined ? make(tag ?? 'latest', tagContent) : undefined,
    digest: digest !== undefined ? make(digest, true) : undefined,
  };
}

/** The outcomes known so far for a reference; undefined while any of its lookups is still unanswered. */
export function knownResolution(
  lookups: ReferenceLookups,
  outcomes: KnownOutcomes,
): ReferenceResolution | undefined {
  const tag = lookups.tag && outcomes.get(lookups.tag.key);
  const digest = lookups.digest && outcomes.get(lookups.digest.key);
  if ((lookups.tag && !tag) || (lookups.digest && !digest)) return undefined;
  return { tag, digest };
}

/** What the registry said about a reference: its tag and/or digest, each looked up on its own. */
export interface ReferenceResolution {
  tag?: ResolveOutcome;
  digest?: ResolveOutcome;
}

/** The failure that explains a reference's resolution: the digest's first, then the tag's. */
export function firstFailure(resolution: ReferenceResolution): RegistryFailure | undefined {
  for (const outcome of [resolution.digest, resolution.tag]) {
    if (outcome && !outcome.ok) return outcome.failure;
  }
  return undefined;
}

/** The image the reference pulls: by digest when pinned, else by tag. */
export function pulledImage(resolution: ReferenceResolution): ResolvedImage | undefined {
  const outcome = resolution.digest ?? resolution.tag;
  return outcome?.ok ? outcome.image : undefined;
}
