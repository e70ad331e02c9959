import type { ResolveOutcome, ResolveRequest } from '../registry/types';
import type { AnalysedReference } from './analyse';
import type { ReferenceResolution } from './rules/registry/registryRule';

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

/** The lookups a reference needs: its tag (`latest` when implicit) and/or its digest. */
export function lookupsFor(reference: AnalysedReference): ReferenceLookups {
  if (!reference.registryCheckable || !reference.parse?.ok) return {};
  const { registry, repository, tag, digest } = reference.parse.ref;
  const flavour = reference.ref.tool === 'jib' ? 'jib' : 'docker';
  const jibCredHelper = reference.ref.jibAuth?.credHelper;
  const make = (ref: string): Lookup => ({
    key: `${registry}/${repository}|${ref}|${flavour}|${jibCredHelper ?? ''}`,
    request: { registry, repository, reference: ref, flavour, jibCredHelper },
  });
  return {
    tag: tag !== undefined || digest === undefined ? make(tag ?? 'latest') : undefined,
    digest: digest !== undefined ? make(digest) : undefined,
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
