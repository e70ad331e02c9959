/**
 * Tags as versions: `21.0.5_11-jre-alpine` is the version 21.0.5_11 of the family `-jre-alpine`. Pure; used by
 * completion (order), newer-tag (the newest of a family) and the precise-tag search (candidates).
 */

export interface TagVersion {
  tag: string;
  /** `v` when the tag is written `v1.2.3`. */
  prefix: string;
  /** The numbers of the version, as digit strings (`21`, `0`, `5`, `11`). */
  numbers: string[];
  /** The separators between them (`.._` for `21.0.5_11`): part of the family, so `17` and `17.0.13_11` differ. */
  separators: string;
  /** What follows the version (`-jre-alpine`, or empty). */
  suffix: string;
}

const VERSION = /^(v?)(\d+(?:[._]\d+)*)(.*)$/;

/** The version in a tag, or undefined for tags that do not start with one (`latest`, `jammy`, `sha-1a2b`). */
export function parseTagVersion(tag: string): TagVersion | undefined {
  const match = VERSION.exec(tag);
  if (!match) return undefined;
  const [, prefix, version, suffix] = match;
  // `1.2a` or `3rc1` carry their own marker; a suffix proper starts with a separator.
  if (suffix && !/^[-+]/.test(suffix)) return undefined;
  return { tag, prefix, numbers: version.split(/[._]/), separators: version.replace(/\d+/g, ''), suffix };
}

function compareNumber(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** Compares versions number by number (1.10 after 1.9; 21.0.5_11 after 21.0.4_7); more numbers win a tie. */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  for (let i = 0; i < Math.min(a.numbers.length, b.numbers.length); i++) {
    const c = compareNumber(a.numbers[i], b.numbers[i]);
    if (c !== 0) return c;
  }
  return a.numbers.length - b.numbers.length;
}

/** Tags of one family can replace each other: same prefix, same shape of version, same suffix. */
export function sameFamily(a: TagVersion, b: TagVersion): boolean {
  return a.prefix === b.prefix && a.separators === b.separators && a.suffix === b.suffix;
}

/**
 * Tags in the order completion offers them: versions of the typed tag's family (same suffix) first, then other
 * versions, each newest first; then tags that are not versions, alphabetically; `latest` last.
 */
export function orderTags(tags: readonly string[], typed?: string): string[] {
  const family = typed ? parseTagVersion(typed)?.suffix : undefined;
  const rank = (tag: string, version: TagVersion | undefined) => {
    if (tag === 'latest') return 3;
    if (!version) return 2;
    return family !== undefined && version.suffix === family ? 0 : 1;
  };
  return tags
    .map((tag) => ({ tag, version: parseTagVersion(tag) }))
    .map((entry) => ({ ...entry, rank: rank(entry.tag, entry.version) }))
    .sort((a, b) => a.rank - b.rank
      || (a.version && b.version ? compareVersions(b.version, a.version) : 0)
      || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .map((entry) => entry.tag);
}

/**
 * The newest tag of `current`'s family, `current` itself when none is newer; undefined when `current` is not a
 * version. A tag that names more than the major (`21.0.4_7-jre`) stays on its major (→ `21.0.5_11-jre`, not
 * `23.0.1_11-jre`); a major-only tag (`17-jre`) is compared with the other major-only tags of its suffix.
 */
export function newestInFamily(current: string, tags: readonly string[]): string | undefined {
  const mine = parseTagVersion(current);
  if (!mine) return undefined;
  let best = mine;
  for (const tag of tags) {
    const version = parseTagVersion(tag);
    if (!version || !sameFamily(mine, version)) continue;
    if (mine.numbers.length > 1 && compareNumber(version.numbers[0], mine.numbers[0]) !== 0) continue;
    if (compareVersions(version, best) > 0) best = version;
  }
  return best.tag;
}

/** A newer tag of `current`'s family (see newestInFamily), or undefined when `current` is the newest. */
export function newerInFamily(current: string, tags: readonly string[]): string | undefined {
  const newest = newestInFamily(current, tags);
  return newest !== undefined && newest !== current ? newest : undefined;
}
