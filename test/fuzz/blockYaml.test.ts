/**
 * Mutated YAML build files (the reliability corpus of every YAML kind, edited with each kind's tokens, binary bytes,
 * line-ending damage, binary bytes …): the fast block reader either declines or gives what the `yaml` package gives, node by node
 * and extraction by extraction, and never throws. IMAGEREF_FUZZ_RUNS / 2 cases per kind (1,000 by default).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FileKind } from '../../server/src/service/types';
import { applyMutations, corpus, type Mutation } from '../support/mutate';
import { agreesWithYaml, extractions } from '../support/yamlShapes';
import { fuzzRuns } from './referenceArbitraries';

const KINDS: FileKind[] = ['compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'skaffold', 'quarkus-yaml'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert-token' as const), at: fc.nat(), token: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert-text' as const), at: fc.nat(), text: fc.string({ maxLength: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(8) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), from: fc.nat(), length: fc.nat(60), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('line-endings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unterminated' as const), which: fc.nat(), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('binary' as const), at: fc.nat(), bytes: fc.array(fc.nat(254), { minLength: 1, maxLength: 8 }) }) },
);

describe('fuzz: the fast block YAML reader against the yaml package', function () {
  const perKind = Math.ceil(fuzzRuns(2000) / 2);
  this.timeout(Math.max(60_000, perKind * 40));
  for (const kind of KINDS) {
    it(`${kind}: declines or agrees, on ${perKind} mutated files`, () => {
      const files = corpus(kind);
      let accepted = 0;
      fc.assert(
        fc.property(fc.nat(files.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (index, mutations) => {
          const text = applyMutations(files[index], mutations, kind);
          if (!agreesWithYaml(text, kind)) return;
          accepted++;
          assert.deepEqual(extractions(text, true), extractions(text, false));
        }),
        { numRuns: perKind },
      );
      // Most single edits leave valid YAML: a reader that declined everything would prove nothing here.
      assert.ok(accepted > perKind / 20, `${accepted} of ${perKind} mutated files read by the fast reader`);
    });
  }
});
