/**
 * fast-check generators of image references: valid ones built from the grammar of distribution/reference, and
 * near-valid ones (one to three small mutations of a valid one), plus strings matching the raw reference regexp and
 * arbitrary text. Shared by the fuzz run (100,000 cases) and the default reliability run (2,000 cases).
 */
import fc from 'fast-check';
import { REFERENCE_REGEXP } from '../support/referenceOracle';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const ALNUM = [...LOWER_ALNUM, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')];
const WORD = [...ALNUM, '_'];
const HEX = '0123456789abcdef'.split('');

const chars = (alphabet: string[], minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

const alnumRun = chars(LOWER_ALNUM, 1, 6);
const separator = fc.constantFrom('.', '_', '__', '-', '--', '---');

/** regexp.go pathComponent. */
export const pathComponent = fc
  .tuple(alnumRun, fc.array(fc.tuple(separator, alnumRun), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([s, a]) => s + a).join(''));

/** One to four components; sometimes a path close to the 255-character limit. */
export const path = fc.oneof(
  { weight: 8, arbitrary: fc.array(pathComponent, { minLength: 1, maxLength: 4 }).map((c) => c.join('/')) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 240, max: 262 }).chain((length) =>
      fc.constantFrom('a', 'org/a', 'x-y/b_c').map((prefix) => (prefix + 'z'.repeat(length)).slice(0, length).replace(/\/$/, 'q')),
    ),
  },
);

const domainLabel = fc.oneof(
  chars(ALNUM, 1, 1),
  fc.tuple(chars(ALNUM, 1, 1), chars([...ALNUM, '-'], 0, 6), chars(ALNUM, 1, 1)).map(([a, b, c]) => a + b + c),
);
const port = fc.integer({ min: 0, max: 99999 }).map((p) => `:${p}`);

export const domain = fc.tuple(
  fc.oneof(
    { weight: 4, arbitrary: fc.array(domainLabel, { minLength: 2, maxLength: 4 }).map((l) => l.join('.')) },
    { weight: 1, arbitrary: domainLabel },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'localhost', 'docker.io', 'index.docker.io', 'registry-1.docker.io', 'ghcr.io', '127.0.0.1', 'Foo', 'MyRegistry',
        '[::1]', '[fe80::1]', '[2001:db8::ff00:42:8329]', '[ABCD::1]', 'gcr.io', '123456789012.dkr.ecr.us-east-1.amazonaws.com',
      ),
    },
  ),
  fc.option(port, { nil: '' }),
).map(([host, p]) => host + p);

/** regexp.go tag, with lengths around the 128 limit now and then. */
export const tag = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(chars(WORD, 1, 1), chars([...WORD, '.', '-'], 0, 12)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.constantFrom('latest', '1.0', '17-jdk', 'v1.2.3-rc.1', '_x', 'A') },
  { weight: 1, arbitrary: fc.integer({ min: 126, max: 130 }).map((n) => 'v' + '1'.repeat(n - 1)) },
);

const ALGORITHMS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Mostly well-formed digests; sometimes the wrong length, uppercase hex, or an unknown or uppercase algorithm. */
export const digest = fc
  .tuple(
    fc.constantFrom('sha256', 'sha256', 'sha256', 'sha384', 'sha512', 'SHA256', 'sha1', 'md5', 'sha256+b64', 'multihash.sha256', 'Sha512'),
    fc.constantFrom(0, 0, 0, 0, -1, 1, -32),
    fc.boolean(),
    fc.integer({ min: 0, max: 0xffffff }),
  )
  .map(([algorithm, delta, upper, seed]) => {
    const length = Math.max(1, (ALGORITHMS[algorithm.toLowerCase()] ?? 64) + delta);
    let hex = '';
    for (let i = 0; hex.length < length; i++) hex += HEX[(seed * (i + 7) + i * i) % 16];
    return `${algorithm}:${upper && seed % 3 === 0 ? hex.toUpperCase() : hex}`;
  });

/** A reference built from the grammar's parts: domain, path, tag and digest each optional where the grammar allows. */
export const structured = fc
  .tuple(fc.option(domain, { nil: undefined }), path, fc.option(tag, { nil: undefined }), fc.option(digest, { nil: undefined }))
  .map(([d, p, t, g]) => (d !== undefined ? `${d}/` : '') + p + (t !== undefined ? `:${t}` : '') + (g !== undefined ? `@${g}` : ''));

/** Characters a near-valid reference gains: separators in the wrong place, case, brackets, whitespace, non-ASCII. */
const NOISE = [
  ...'aZ09', '.', '_', '-', '/', ':', '@', '[', ']', '%', '+', ' ', '\t', '\n', '#', '$', '{', '}', '"', '\\',
  'é', 'İ', '\u212A' /* Kelvin sign, lowercases to k */, '\u0000', '\u200b', '😀',
];

type Mutation = (s: string, at: number, c: string) => string;
const MUTATIONS: Mutation[] = [
  (s, at, c) => s.slice(0, at) + c + s.slice(at), // insert
  (s, at) => s.slice(0, at) + s.slice(at + 1), // delete
  (s, at, c) => s.slice(0, at) + c + s.slice(at + 1), // replace
  (s, at) => s.slice(0, at) + s.charAt(at).toUpperCase() + s.slice(at + 1), // uppercase one character
  (s, at) => s.slice(0, at), // truncate
  (s, at) => s.slice(0, at) + s.slice(at, at + 3) + s.slice(at), // duplicate a few characters
  (s) => s.replace(':', '@'),
  (s) => s.replace('@', ':'),
  (s) => s.replace('/', '//'),
  (s) => `https://${s}`,
];

export const nearValid = fc
  .tuple(structured, fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.nat(), fc.constantFrom(...NOISE)), { minLength: 1, maxLength: 3 }))
  .map(([s, edits]) => edits.reduce((acc, [m, at, c]) => MUTATIONS[m](acc, acc.length === 0 ? 0 : at % (acc.length + 1), c), s));

/** Strings the raw reference regexp accepts (its digest part knows no algorithm lengths). */
export const regexpMatching = fc.stringMatching(REFERENCE_REGEXP, { size: 'small' });

/** Everything the properties run on. */
export const anyReference = fc.oneof(
  { weight: 4, arbitrary: structured },
  { weight: 4, arbitrary: nearValid },
  { weight: 1, arbitrary: regexpMatching },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...NOISE, ...'abc123'), maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
);

/** IMAGEREF_FUZZ_RUNS when set, else `fallback`. */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.IMAGEREF_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
