import type { PullLimit } from '../registry/contract';
import { describePullLimit, isLow } from '../registry/pullLimits';
import type { PullLimitParams } from '../../../shared/protocol';

/** The `imageref/pullLimit` notification for a quota a registry reported. */
export function pullLimitParams(limit: PullLimit): PullLimitParams {
  return {
    registry: limit.registry, limit: limit.limit, remaining: limit.remaining, windowSeconds: limit.windowSeconds,
    low: isLow(limit), message: describePullLimit(limit),
  };
}
