import type { PullLimit } from './contract';

/** Below this share of the limit, front ends say so (Docker Hub's anonymous limit is 100 pulls per 6 hours). */
export const LOW_PULL_SHARE = 0.1;

/** `100;w=21600` → { count: 100, windowSeconds: 21600 } (Docker Hub's `ratelimit-limit` / `ratelimit-remaining`). */
function parseQuota(value: string | undefined): { count: number; windowSeconds?: number } | undefined {
  const match = value === undefined ? null : /^\s*(\d+)\s*(?:;\s*w\s*=\s*(\d+))?/.exec(value);
  if (!match) return undefined;
  return { count: Number(match[1]), windowSeconds: match[2] !== undefined ? Number(match[2]) : undefined };
}

/** The pull limit a response reports, if it carries both headers. */
export function parsePullLimit(registry: string, headers: Record<string, string | undefined>, now: number): PullLimit | undefined {
  const limit = parseQuota(headers['ratelimit-limit']);
  const remaining = parseQuota(headers['ratelimit-remaining']);
  if (!limit || !remaining || limit.count <= 0) return undefined;
  return { registry, limit: limit.count, remaining: remaining.count, windowSeconds: limit.windowSeconds ?? remaining.windowSeconds, seenAt: now };
}

export function isLow(limit: PullLimit): boolean {
  return limit.remaining < limit.limit * LOW_PULL_SHARE;
}

/** One line for a front end: `docker.io: 8 of 100 pulls left (the limit counts over 6 h)`. */
export function describePullLimit(limit: PullLimit): string {
  const window = limit.windowSeconds ? ` (the limit counts over ${formatWindow(limit.windowSeconds)})` : '';
  return `${limit.registry}: ${limit.remaining} of ${limit.limit} pulls left${window}`;
}

function formatWindow(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** The latest pull limit each registry reported, from the responses the client gets anyway (HEADs, GETs). */
export class PullLimitTracker {
  private readonly latest = new Map<string, PullLimit>();

  constructor(private readonly onChange?: (limit: PullLimit) => void) {}

  observe(registry: string, headers: Record<string, string | undefined>, now: number): void {
    const limit = parsePullLimit(registry, headers, now);
    if (!limit) return;
    const before = this.latest.get(registry);
    this.latest.set(registry, limit);
    if (!before || before.remaining !== limit.remaining || before.limit !== limit.limit) this.onChange?.(limit);
  }

  all(): PullLimit[] {
    return [...this.latest.values()];
  }
}
