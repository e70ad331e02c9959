/**
 * The Gradle lexer (char-code scanning, fast paths for identifiers, numbers, operators and plain strings) against a
 * frozen copy of the regex-based lexer it replaced: the same tokens, offsets, string parts and problems for the
 * fixtures, the mutation corpus, mutated files and random text (ASCII, Unicode identifiers, quotes, escapes, `$`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'mocha';
import { lexGradle, type GradleDialect } from '../../server/src/service/extract/gradle/lexer';
import { lexGradle as baselineLex } from '../support/gradleLexerBaseline/lexer';
import { applyMutations, corpus, type Mutation } from '../support/mutate';
import { fuzzRuns } from '../fuzz/referenceArbitraries';

const DIALECTS: GradleDialect[] = ['groovy', 'kotlin'];

function assertSameLex(text: string): void {
  for (const dialect of DIALECTS) assert.deepStrictEqual(lexGradle(text, dialect), baselineLex(text, dialect), `${dialect}: ${JSON.stringify(text.slice(0, 200))}`);
}

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'gradle');

/** Pieces that exercise every branch of the lexer; random sequences of them make the texts below. */
const PIECES = [
  'jib', 'from', '.', '?.', '?:', '::', '==', '!=', '<=', '>=', '+=', '-=', '->', '&&', '||', '..', '!!', '!', '?', ':', '=', '<', '>',
  '{', '}', '(', ')', '[', ']', ',', ';', '+', '-', '/', '*', ' ', '  ', '\t', '\n', '\r\n', '\r', '\f', '\v', '\uFEFF',
  '//', '/*', '*/', '#!', '"', "'", '"""', "'''", '`', '\\', '\\n', '\\u0041', '\\u00', '\\$', '$', '${', '$x', '$a.b', '$_', '$1',
  '1', '1.8', '0x1F', '1_000L', '2.5e3f', '1.', '.5', 'é', 'Ünïcode', 'a\u0301', 'x\u200d', '𝒳', '\ud835', 'ǅ', '_', 'a$b', 'A',
  'implementation', 'image', 'val', 'def', 'by', 'extra', 'ext', '"eclipse-temurin:21-jre"', "'plain'", '"a${b}c"', '"""raw\n$x"""',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert-token' as const), at: fc.nat(), token: fc.nat() }),
  fc.record({ op: fc.constant('insert-text' as const), at: fc.nat(), text: fc.string({ maxLength: 12, unit: 'binary' }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(40) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('unterminated' as const), which: fc.nat(), at: fc.nat() }),
);

describe('gradle lexer: the same tokens as the regex-based lexer it replaced', () => {
  it('every Gradle fixture', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.includes('gradle'));
    assert.ok(files.length >= 10);
    for (const file of files) assertSameLex(readFileSync(path.join(FIXTURES, file), 'utf8'));
  });

  it('the mutation corpus of Gradle files and Testcontainers sources', () => {
    for (const kind of ['gradle-groovy', 'gradle-kotlin', 'java', 'kotlin', 'groovy'] as const) for (const text of corpus(kind)) assertSameLex(text);
  });

  it('random sequences of lexer pieces', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => assertSameLex(pieces.join(''))), { numRuns: fuzzRuns(2000) });
  });

  it('random text, binary included', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: 'binary' }), assertSameLex), { numRuns: fuzzRuns(1000) });
  });

  it('mutated Gradle files', () => {
    for (const kind of ['gradle-groovy', 'gradle-kotlin'] as const) {
      const seeds = corpus(kind);
      fc.assert(
        fc.property(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => assertSameLex(applyMutations(seeds[seed], mutations, kind))),
        { numRuns: fuzzRuns(300) },
      );
    }
  });
});
