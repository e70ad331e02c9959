import type { RegistryFailure, ResolvedImage, ResolveOutcome, ResolveRequest, TagListOutcome } from '../registry/contract';
import type { AnalyzedReference } from './analysis';

/** What the registry answered to one lookup: a resolve, or (for a `tags` lookup) a tag list. */
export type LookupOutcome = ResolveOutcome | TagListOutcome;

/** Registry answers known so far, by lookup key (a Map or an LRU cache). */
export interface KnownOutcomes {
  get(key: string): LookupOutcome | undefined;
  has(key: string): boolean;
}

/**
 * One registry question: a tag or a digest of one repository, asked the way the reference's tool asks it; with
 * `tags`, the repository's tag list (`request.tagOrDigest` unused).
 */
export interface Lookup {
  key: string;
  request: ResolveRequest;
  tags?: true;
}

export interface ReferenceLookups {
  tag?: Lookup;
  digest?: Lookup;
  tags?: Lookup;
}

/** The tag a reference names: in the reference, or in the comment of a digest-only pin. */
export function namedTag(reference: AnalyzedReference): string | undefined {
  const parsed = reference.parse?.ok ? reference.parse.ref : undefined;
  return parsed?.tag ?? (parsed?.digest !== undefined ? reference.commentTag?.tag : undefined);
}

/** The lookup of another tag of the reference's repository (one HEAD): the digest a "use tag" fix pins to. */
export function otherTagLookup(reference: AnalyzedReference, tag: string): Lookup | undefined {
  const list = tagListLookup(reference);
  if (!list) return undefined;
  const { registry, repository, flavour, jibCredHelper } = list.request;
  return {
    key: `${registry}/${repository}|${tag}|${flavour}|${jibCredHelper ?? ''}|head`,
    request: { registry, repository, tagOrDigest: tag, flavour, jibCredHelper, platforms: false },
  };
}

/** The repository's tag list, for the rules that compare tags (newer-tag). */
export function tagListLookup(reference: AnalyzedReference): Lookup | undefined {
  if (!reference.registryCheckable || !reference.parse?.ok) return undefined;
  const { registry, repository } = reference.parse.ref;
  const flavour = reference.ref.tool === 'jib' ? 'jib' : 'docker';
  const jibCredHelper = reference.ref.jibAuth?.credHelper;
  return {
    key: `${registry}/${repository}|tags|${flavour}|${jibCredHelper ?? ''}`,
    request: { registry, repository, tagOrDigest: '', flavour, jibCredHelper },
    tags: true,
  };
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
  // A digest-only pin's tag comment is the tag it came from: stale-digest compares them as for `repo:tag@digest`.
  const commentTag = tag === undefined && digest !== undefined ? reference.commentTag?.tag : undefined;
  if (commentTag !== undefined) return { tag: make(commentTag, true), digest: make(digest!, true) };
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
  const tag = lookups.tag && (outcomes.get(lookups.tag.key) as ResolveOutcome | undefined);
  const digest = lookups.digest && (outcomes.get(lookups.digest.key) as ResolveOutcome | undefined);
  const tags = lookups.tags && (outcomes.get(lookups.tags.key) as TagListOutcome | undefined);
  if ((lookups.tag && !tag) || (lookups.digest && !digest) || (lookups.tags && !tags)) return undefined;
  return tags ? { tag, digest, tags } : { tag, digest };
}

/** What the registry said about a reference: its tag and/or digest, each looked up on its own. */
export interface ReferenceResolution {
  tag?: ResolveOutcome;
  digest?: ResolveOutcome;
  /** The repository's tags, when a rule asked for them (newer-tag on, or a hover). */
  tags?: TagListOutcome;
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
