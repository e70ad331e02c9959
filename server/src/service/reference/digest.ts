/**
 * The digest after `@`. distribution/reference hands it to go-digest's `digest.Parse`, which accepts only registered
 * algorithms (docker registers sha256, sha384 and sha512) and exactly the algorithm's length of lowercase hex.
 */
import type { Span } from '../types';
import { referenceError } from './domain';
import type { ReferenceError } from './types';

/** Hex characters per registered algorithm (go-digest algorithm.go: size in bytes × 2). */
export const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** regexp.go digestPat, algorithm part: components of `[A-Za-z][A-Za-z0-9]*` joined by one of `-_+.`. */
const ALGORITHM_SYNTAX = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;

/** Validate the digest at `span` of `raw` (without the `@`, which sits at span.start - 1). */
export function checkDigest(raw: string, span: Span, jib: boolean): ReferenceError | undefined {
  const text = raw.slice(span.start, span.end);
  if (text === '') return referenceError('invalid-digest', "the digest after '@' is empty", span.start - 1, span.start);
  const colon = text.indexOf(':');
  if (colon < 0) {
    return referenceError('invalid-digest', `digest '${text}' must have the form 'algorithm:hex', e.g. 'sha256:…'`, span.start, span.end);
  }
  const algorithm = { start: span.start, end: span.start + colon };
  const hex = { start: algorithm.end + 1, end: span.end };
  return checkAlgorithm(raw, algorithm, jib) ?? checkHex(raw, raw.slice(algorithm.start, algorithm.end), hex);
}

function checkAlgorithm(raw: string, span: Span, jib: boolean): ReferenceError | undefined {
  const algorithm = raw.slice(span.start, span.end);
  if (!ALGORITHM_SYNTAX.test(algorithm)) {
    const shown = algorithm === '' ? "the digest algorithm before ':' is missing" : `digest algorithm '${algorithm}' is malformed`;
    return referenceError('invalid-digest', shown, span.start, algorithm === '' ? span.end + 1 : span.end);
  }
  // Jib's DescriptorDigest.DIGEST_REGEX is the literal `sha256:[a-f0-9]{64}`.
  if (jib && algorithm !== 'sha256') {
    return referenceError('jib-digest-algorithm', `Jib accepts only sha256 digests, not ${algorithm}`, span.start, span.end);
  }
  if (DIGEST_HEX_LENGTHS[algorithm] !== undefined) return undefined;
  const lower = algorithm.toLowerCase();
  const message = DIGEST_HEX_LENGTHS[lower] !== undefined
    ? `digest algorithm '${algorithm}' must be lowercase: '${lower}'`
    : `unknown digest algorithm '${algorithm}'; expected sha256, sha384 or sha512`;
  return referenceError('digest-unknown-algorithm', message, span.start, span.end);
}

function checkHex(raw: string, algorithm: string, span: Span): ReferenceError | undefined {
  const hex = raw.slice(span.start, span.end);
  if (hex === '') {
    return referenceError('invalid-digest', `the ${algorithm} digest has no hex value after ':'`, span.start - 1, span.start);
  }
  const nonHex = /[^0-9a-fA-F]/.exec(hex);
  if (nonHex) {
    const at = span.start + nonHex.index;
    return referenceError('invalid-character', `'${nonHex[0]}' is not a hexadecimal digit; digests are hex`, at, at + 1);
  }
  const expected = DIGEST_HEX_LENGTHS[algorithm] ?? 0;
  if (hex.length !== expected) {
    return referenceError('digest-length', `${algorithm} digest must have ${expected} hex characters, found ${hex.length}`, span.start, span.end);
  }
  if (/[A-F]/.test(hex)) {
    return referenceError('digest-uppercase', `${algorithm} digest hex must be lowercase`, span.start, span.end);
  }
  return undefined;
}
