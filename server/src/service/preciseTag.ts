import { compareVersions, parseTagVersion, type TagVersion } from './tags';

/** HEADs a precise-tag search makes at most (one per candidate tag). */
export const PRECISE_TAG_HEADS = 12;
/** Candidates asked at once; the search stops after the batch that finds the digest. */
const BATCH = 4;

/**
 * The tags that may name the same image as `floating` but more precisely, most likely first, at most
 * PRECISE_TAG_HEADS: versions that extend its numbers (`17` → `17.0.13_11`), or its suffix (`21-jre` →
 * `21-jre-jammy`); the same suffix before a longer one, newest first, the longer suffix first between equal
 * versions. For `latest`, or without a tag (a digest-only reference), every version tag, newest first.
 */
export function preciseCandidates(floating: string | undefined, tags: readonly string[]): string[] {
  const base = floating === undefined || floating === 'latest' ? undefined : parseTagVersion(floating);
  if (floating !== undefined && floating !== 'latest' && !base) return [];
  const candidates: Array<{ version: TagVersion; sameSuffix: boolean }> = [];
  for (const tag of tags) {
    if (tag === floating) continue;
    const version = parseTagVersion(tag);
    if (!version) continue;
    if (!base) {
      candidates.push({ version, sameSuffix: true });
      continue;
    }
    if (version.prefix !== base.prefix || !base.numbers.every((n, i) => version.numbers[i] === n)) continue;
    const sameSuffix = version.suffix === base.suffix;
    const longerSuffix = version.suffix.startsWith(base.suffix) && /^[-+]/.test(version.suffix.slice(base.suffix.length));
    const moreNumbers = version.numbers.length > base.numbers.length;
    if ((sameSuffix && moreNumbers) || (longerSuffix && version.numbers.length >= base.numbers.length)) {
      candidates.push({ version, sameSuffix });
    }
  }
  return candidates
    .sort((a, b) => Number(b.sameSuffix) - Number(a.sameSuffix) || compareVersions(b.version, a.version)
      || b.version.suffix.length - a.version.suffix.length)
    .slice(0, PRECISE_TAG_HEADS)
    .map((c) => c.version.tag);
}

/**
 * The candidates whose digest is `digest`, in candidate order; with `first`, stops at the batch that finds one.
 * `digestOf` makes one HEAD per tag (cached by the caller).
 */
export async function tagsWithDigest(
  candidates: readonly string[],
  digest: string,
  digestOf: (tag: string) => Promise<string | undefined>,
  options: { first?: boolean } = {},
): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const digests = await Promise.all(batch.map(digestOf));
    batch.forEach((tag, j) => digests[j] === digest && found.push(tag));
    if (options.first && found.length) return found.slice(0, 1);
  }
  return found;
}
