/**
 * Mutated build files of every kind through the whole language service with a scripted registry (so pins, "pin all",
 * stale and index digests are offered and applied): bounded time, ranges inside the document, hovers inside, and no
 * fix that edits outside the reference it fixes. IMAGEREF_FUZZ_RUNS / 10 files per kind (200 by default, 10,000 in
 * `npm run test:fuzz`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS, type ImagerefSettings } from '../../server/src/service/settings';
import type { FileKind } from '../../server/src/service/types';
import { exerciseDocument } from '../support/exercise';
import { applyMutations, corpus, KINDS, URIS, type Mutation } from '../support/mutate';
import { scriptedRegistry } from '../support/scriptedRegistry';
import { fuzzRuns } from './referenceArbitraries';

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert-token' as const), at: fc.nat(), token: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert-text' as const), at: fc.nat(), text: fc.string({ maxLength: 12, unit: 'binary' }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), from: fc.nat(), length: fc.nat(60), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('binary' as const), at: fc.nat(), bytes: fc.array(fc.nat(254), { minLength: 1, maxLength: 24 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('line-endings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('long-token' as const), at: fc.nat(), length: fc.integer({ min: 100, max: 20000 }), char: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unterminated' as const), which: fc.nat(), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('case' as const), at: fc.nat(), length: fc.nat(20) }) },
);

describe('fuzz: mutated build files through the whole language service', function () {
  const perKind = Math.ceil(fuzzRuns(2000) / 10);
  this.timeout(Math.max(120_000, perKind * 200));
  const settings: ImagerefSettings = { ...DEFAULT_SETTINGS, pinStyle: 'auto' };
  const totals: Record<string, { files: number; diagnostics: number; actions: number; edits: number; maxMs: number }> = {};

  after(() => {
    if (process.env.IMAGEREF_FUZZ_REPORT) console.log(`      ${JSON.stringify(totals)}`);
  });

  for (const kind of KINDS) {
    it(`${kind}: ${perKind} mutated files — bounded time, ranges inside, fixes stay inside the reference`, async () => {
      const seeds = corpus(kind);
      assert.ok(seeds.length >= 1);
      const service = new ImagerefLanguageService({ registry: scriptedRegistry() });
      const total = (totals[kind] = { files: 0, diagnostics: 0, actions: 0, edits: 0, maxMs: 0 });
      const styles = ['auto', 'digest', 'tag+digest'] as const;
      await fc.assert(
        fc.asyncProperty(
          fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.nat(2), fc.array(fc.nat(), { maxLength: 3 }),
          async (seed, mutations, style, hovers) => {
            const text = applyMutations(seeds[seed], mutations, kind as FileKind);
            const result = await exerciseDocument(service, { ...settings, pinStyle: styles[style] }, URIS[kind], kind, text, {
              hoverOffsets: hovers.map((h) => h % (text.length + 1)),
            });
            total.files++;
            total.diagnostics += result.diagnostics.length;
            total.actions += result.actions.length;
            total.edits += result.edits;
            total.maxMs = Math.max(total.maxMs, Math.round(result.totalMs));
          },
        ),
        { numRuns: perKind, seed: seedFromEnv() },
      );
      // The scripted registry made pins possible: some fixes must have been offered and checked.
      assert.ok(total.edits > 0, `no fix was offered in ${total.files} ${kind} files`);
    });
  }

  it('regression: a Gradle pin never replaces a "// tag:" that sits inside a later string on the line', async () => {
    // eclipse-temurin:18 is one the scripted registry answers with an index, so a pin is offered.
    const service = new ImagerefLanguageService({ registry: scriptedRegistry() });
    for (const text of [
      "jib { from { image = 'eclipse-temurin:18'; def x = '// tag: z' } }\n",
      'jib { from { image = "eclipse-temurin:18" } } ; val x = " // tag: z"\n',
      "jib { from { image = 'eclipse-temurin:18' // tag: 16\n} }\n",
    ]) {
      const result = await exerciseDocument(service, settings, URIS['gradle-groovy'], 'gradle-groovy', text);
      assert.ok(result.edits > 0, text);
    }
  });
});

function seedFromEnv(): number | undefined {
  const seed = Number(process.env.IMAGEREF_FUZZ_SEED);
  return Number.isInteger(seed) ? seed : undefined;
}
