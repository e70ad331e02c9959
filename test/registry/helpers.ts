import assert from 'node:assert/strict';
import type { RegistryFailure, ResolvedImage, ResolveOutcome } from '../../server/src/registry/contract';

export function image(outcome: ResolveOutcome): ResolvedImage {
  if (!outcome.ok) assert.fail(`expected success, got ${outcome.failure.kind}: ${outcome.failure.message}`);
  return outcome.image;
}

export function failure(outcome: ResolveOutcome, kind: RegistryFailure['kind']): RegistryFailure {
  if (outcome.ok) assert.fail(`expected ${kind}, got success ${outcome.image.digest}`);
  assert.equal(outcome.failure.kind, kind, outcome.failure.message);
  return outcome.failure;
}

/** A mutable clock for TTL tests. */
export function fakeClock(start = Date.now()): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
