/**
 * Properties of the reference parser, checked against distribution/reference's grammar as the oracle. Registered by
 * test/fuzz/reference.test.ts (IMAGEREF_FUZZ_RUNS cases, 100,000 in `npm run test:fuzz`) and by
 * test/reliability/reference.test.ts (2,000 cases in the default run).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatReference } from '../../server/src/service/reference/format';
import { lowercaseRepositoryFix, parseReference } from '../../server/src/service/reference/parse';
import { oracleParseNormalized } from '../support/referenceOracle';
import { anyReference, nearValid, structured } from './referenceArbitraries';

export interface PropertyStats {
  cases: number;
  valid: number;
  invalid: number;
  /** Cases of the known divergence below, skipped by the agreement property. */
  knownDivergence: number;
}

/**
 * Known divergence (reported as a bug, see the skipped test below): distribution/reference reads `my_reg.local/app`
 * as a domain-less path (its first component is a valid path component but not a valid host), so
 * ParseNormalizedNamed accepts it with Domain() = "" and containerd then pulls from host `my_reg.local`. The parser
 * rejects it as an invalid registry host.
 */
export function isDomainlessDotted(oracle: ReturnType<typeof oracleParseNormalized>): boolean {
  return oracle.ok && oracle.parts.domain === '';
}

/**
 * Known divergence 2 (reported): `[A0]/app` — a bracketed "IPv6 address" without a colon, with an uppercase hex digit.
 * splitDockerDomain takes the uppercase first component as a domain and ipv6address `\[[a-fA-F0-9:]+\]` matches it;
 * the parser's isDomainComponent does not treat a bracketed component without ':' as a domain.
 */
export function isColonlessBracketDomain(oracle: ReturnType<typeof oracleParseNormalized>): boolean {
  return oracle.ok && /^\[[a-fA-F0-9]*\]$/.test(oracle.parts.domain);
}

function parts(raw: string) {
  const result = parseReference(raw);
  if (!result.ok) return undefined;
  const { registry, repository, tag, digest } = result.ref;
  return { registry, repository, tag, digest };
}

export function describeReferenceProperties(title: string, runs: number): void {
  describe(title, function () {
    // 100,000 cases of four properties take well under a minute; leave room on a slow machine.
    this.timeout(Math.max(60_000, runs * 10));
    const options = (): fc.Parameters<[string]> => ({ numRuns: runs, seed: seedFromEnv(), verbose: 1 });
    const stats: PropertyStats = { cases: 0, valid: 0, invalid: 0, knownDivergence: 0 };

    after(() => {
      // One line for the README's table: how many references each run saw, and the valid/invalid mix.
      if (process.env.IMAGEREF_FUZZ_REPORT) console.log(`      ${title}: ${JSON.stringify(stats)}`);
    });

    it(`accepts exactly what distribution/reference accepts, with the same parts (${runs} cases)`, () => {
      fc.assert(
        fc.property(anyReference, (raw) => {
          const oracle = oracleParseNormalized(raw);
          const actual = parseReference(raw);
          stats.cases++;
          if (isDomainlessDotted(oracle) || isColonlessBracketDomain(oracle)) {
            stats.knownDivergence++;
            return;
          }
          if (oracle.ok) stats.valid++;
          else stats.invalid++;
          if (!actual.ok) {
            assert.ok(!oracle.ok, `parser rejected a valid reference ${JSON.stringify(raw)}: ${actual.error.code} ${actual.error.message}`);
            const { start, end } = actual.error.span;
            assert.ok(0 <= start && start <= end && end <= raw.length, `error span ${start}-${end} outside ${JSON.stringify(raw)}`);
            const message = actual.error.message;
            assert.ok(message.length > 0 && !message.includes('\n'), `error message is empty or spans lines: ${JSON.stringify(message)}`);
            return;
          }
          assert.ok(oracle.ok, `parser accepted ${JSON.stringify(raw)}, distribution/reference says: ${oracle.ok ? '' : oracle.reason}`);
          const { registry, repository, tag, digest } = actual.ref;
          assert.deepEqual({ registry, repository, tag, digest }, {
            registry: oracle.parts.domain, repository: oracle.parts.path, tag: oracle.parts.tag, digest: oracle.parts.digest,
          }, `parts of ${JSON.stringify(raw)}`);
          for (const [part, span] of Object.entries(actual.ref.spans)) {
            assert.ok(span && 0 <= span.start && span.start <= span.end && span.end <= raw.length, `${part} span outside ${raw}`);
          }
        }),
        options(),
      );
    });

    it(`printing a reference and parsing it again gives the same parts (${runs} cases)`, () => {
      fc.assert(
        fc.property(fc.oneof(structured, nearValid), (raw) => {
          const original = parts(raw);
          if (!original) return;
          for (const style of ['normalized', 'familiar'] as const) {
            const printed = formatReference(original, style);
            assert.deepEqual(parts(printed), original, `${style} form ${JSON.stringify(printed)} of ${JSON.stringify(raw)}`);
            assert.ok(oracleParseNormalized(printed).ok, `${style} form ${JSON.stringify(printed)} is not a valid reference`);
          }
          const result = parseReference(raw);
          assert.ok(result.ok);
          assert.equal(result.ref.normalized, formatReference(original), `normalized of ${raw}`);
        }),
        options(),
      );
    });

    it(`the lowercase fix only lowercases the path and yields a valid reference (${runs} cases)`, () => {
      fc.assert(
        fc.property(anyReference, (raw) => {
          const fixed = lowercaseRepositoryFix(raw);
          if (fixed === undefined) return;
          assert.equal(fixed.length, raw.length);
          assert.equal(fixed.toLowerCase(), raw.toLowerCase(), `${raw} → ${fixed}`);
          const oracle = oracleParseNormalized(fixed);
          assert.ok(oracle.ok && !isDomainlessDotted(oracle) && !isColonlessBracketDomain(oracle), `fix ${fixed} of ${raw} is not valid`);
        }),
        options(),
      );
    });

    // BUG (reported): parse.ts checkDomain rejects a first component that holds '.' and '_' ("my_reg.local/app":
    // invalid-domain) although distribution/reference's ParseNormalizedNamed accepts the reference and docker/containerd
    // pull from that host. Enable once the parser agrees (or the divergence is documented as intended).
    it.skip('accepts my_reg.local/app like distribution/reference does (known divergence)', () => {
      const raw = 'my_reg.local/app:1';
      assert.ok(oracleParseNormalized(raw).ok);
      assert.ok(parseReference(raw).ok, JSON.stringify(parseReference(raw)));
    });

    // BUG (reported, low): parse.ts isDomainComponent does not take '[A0]' (bracketed, no ':', uppercase) as a domain,
    // distribution/reference does (uppercase first component → domain; ipv6address matches).
    it.skip('accepts [A0]/app like distribution/reference does (known divergence)', () => {
      assert.ok(oracleParseNormalized('[A0]/app').ok);
      assert.ok(parseReference('[A0]/app').ok, JSON.stringify(parseReference('[A0]/app')));
    });

    it(`Jib mode never throws, keeps spans inside the text, and accepts only sha256 digests (${runs} cases)`, () => {
      fc.assert(
        fc.property(anyReference, (raw) => {
          const result = parseReference(raw, { jib: true });
          if (!result.ok) {
            const { start, end } = result.error.span;
            assert.ok(0 <= start && start <= end && end <= raw.length, `jib error span ${start}-${end} outside ${JSON.stringify(raw)}`);
            return;
          }
          if (result.scratch) return;
          assert.ok(result.ref.digest === undefined || /^sha256:[a-f0-9]{64}$/.test(result.ref.digest), raw);
          assert.ok(!result.ref.registry.startsWith('['), `jib accepted an IPv6 registry: ${raw}`);
        }),
        options(),
      );
    });
  });
}

function seedFromEnv(): number | undefined {
  const seed = Number(process.env.IMAGEREF_FUZZ_SEED);
  return Number.isInteger(seed) ? seed : undefined;
}
