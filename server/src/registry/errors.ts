import type { RegistryFailure, RegistryFailureKind } from './contract';

/** Internal: carries a RegistryFailure up to `resolve`, which turns it into an outcome (resolve never throws). */
export class RegistryError extends Error {
  constructor(readonly failure: RegistryFailure) {
    super(failure.message);
  }
}

export function fail(kind: RegistryFailureKind, message: string, extra: Partial<RegistryFailure> = {}): never {
  throw new RegistryError({ ...extra, kind, message });
}

/** Error codes from a distribution error body `{"errors":[{"code":…}]}`; bodies may be anything. */
export function errorCodes(body: Buffer): string[] {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (!Array.isArray(doc.errors)) return [];
    return doc.errors
      .map((e: unknown) => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined))
      .filter((c): c is string => typeof c === 'string');
  } catch {
    return [];
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** A host that did not connect or answer within its limit; lookups already waiting for it share this failure. */
export class NoAnswerError extends RegistryError {}

export function failNoAnswer(message: string): never {
  throw new NoAnswerError({ kind: 'unreachable', message });
}

/** Rejection for a caller whose AbortSignal fired. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}
