import type { NoAnswerError } from './errors';

/**
 * Registry origins that have just not answered within the limit. A lookup that was already waiting for such an
 * origin (behind the first contact, or for a place in the request limit) fails with the same failure at once
 * instead of waiting a full timeout of its own. Lookups that start later try again: the host may be back.
 */
export class UnansweredHosts {
  private tick = 0;
  private readonly last = new Map<string, { at: number; error: NoAnswerError }>();

  /** The mark of a lookup that begins now. */
  mark(): number {
    return this.tick;
  }

  noted(origin: string, error: NoAnswerError): void {
    if (this.last.get(origin)?.error === error) return;
    this.last.set(origin, { at: ++this.tick, error });
  }

  /** Throws the origin's failure when it went unanswered after `since`. */
  check(origin: string, since: number): void {
    const entry = this.last.get(origin);
    if (entry && entry.at > since) throw entry.error;
  }
}
