import type { PullLimit } from '../registry/contract';
import { describePullLimit, isLow } from '../registry/pullLimits';

/** A stderr note per registry that reported fewer than 10 % of its pull limit left during the run. */
export function lowPullLimitNotes(limits: Iterable<PullLimit>): string[] {
  return [...limits].filter(isLow).map((limit) => `imageref: note: ${describePullLimit(limit)}, fewer than 10 % remain; builds that pull may soon be refused (log in for a higher limit)`);
}
