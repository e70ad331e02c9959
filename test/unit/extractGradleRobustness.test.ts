import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'mocha';
import { extractGradle } from '../../server/src/service/extract/gradle';
import type { GradleDialect } from '../../server/src/service/extract/gradle/lexer';
import type { ExtractionResult } from '../../server/src/service/types';
import { FIXTURES, fixture, at } from '../support/text';

function texts(text: string, dialect: GradleDialect = 'groovy'): string[] {
  return extractGradle(text, dialect).references.map((ref) => ref.text);
}

/** Every span lies inside the text and an editable span holds exactly the reference text. */
function assertConsistent(text: string, result: ExtractionResult): void {
  for (const ref of result.references) {
    assert.ok(0 <= ref.span.start && ref.span.start <= ref.span.end && ref.span.end <= text.length);
    if (ref.editable) assert.equal(at(text, ref.span), ref.text);
  }
}

/** A small deterministic generator, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('gradle extractor: comments, strings and malformed input', () => {
  it('ignores references in comments, triple-quoted strings and GStrings', () => {
    const text = fixture('gradle', 'tricky.gradle');
    const result = extractGradle(text, 'groovy');
    assert.deepEqual(result.problems, []);
    const [from, to, ...rest] = result.references;
    assert.equal(rest.length, 0);
    assert.deepEqual([from.text, at(text, from.span), from.editable], ['eclipse-temurin:21-jre', 'eclipse-temurin:21-jre', true]);
    assert.equal(to.text, 'registry.example.com/app:x}');
    assert.equal(at(text, to.span), "registry.example.com/app:${ 'x' + '}' }");
  });

  it('ignores a jib block in a line comment in both dialects', () => {
    const groovy = "// jib { from { image = 'x' } }\njib.to.image = 'real'";
    const kotlin = '// jib { from { image = "x" } }\njib { to { image = "real" } }';
    assert.deepEqual(texts(groovy), ['real']);
    assert.deepEqual(texts(kotlin, 'kotlin'), ['real']);
  });

  it('ignores block comments, nested in Kotlin only', () => {
    const text = '/* outer /* inner */ jib { from { image = "hidden" } } */\njib.to.image = "real"';
    assert.deepEqual(texts(text, 'kotlin'), ['real']);
    // Groovy comments do not nest: the first */ ends it and the jib block is code (the stray */ after it
    // is a syntax error that swallows the next statement).
    assert.deepEqual(texts(text, 'groovy'), ['hidden']);
  });

  it('reads a string containing // as a string, not a comment', () => {
    const text = "jib { from { image = 'registry.example.com//base:1' } } // trailing comment\njib.to.image = 'x'";
    const refs = extractGradle(text, 'groovy').references;
    assert.deepEqual(refs.map((r) => at(text, r.span)), ['registry.example.com//base:1', 'x']);
  });

  it('keeps brace nesting right when strings contain braces', () => {
    const text = 'jib {\n  def a = "}"\n  def b = \'{{\'\n  from { image = "base:1" }\n}\njib.to.image = "target:1"';
    assert.deepEqual(texts(text), ['base:1', 'target:1']);
  });

  it('ignores a Kotlin raw string that looks like configuration', () => {
    const text = 'val snippet = """\njib { from { image = "in-raw-string" } }\n"""\njib.from.image = "real"';
    assert.deepEqual(texts(text, 'kotlin'), ['real']);
  });

  it('returns what it can from an unterminated string and reports it', () => {
    const text = "jib {\n  from { image = 'eclipse-temurin:21\n  }\n  to { image = 'target:1' }\n}";
    const result = extractGradle(text, 'groovy');
    assert.deepEqual(result.references.map((r) => [r.text, at(text, r.span)]), [
      ['eclipse-temurin:21', 'eclipse-temurin:21'],
      ['target:1', 'target:1'],
    ]);
    assert.deepEqual(result.problems.map((p) => p.message), ['Unterminated string literal']);
  });

  it('returns what it can from an unterminated comment and unbalanced braces', () => {
    const unclosed = "jib {\n  from { image = 'base:1'\n";
    const result = extractGradle(unclosed, 'groovy');
    assert.deepEqual(result.references.map((r) => r.text), ['base:1']);
    assert.deepEqual(result.problems.map((p) => p.message), ["Unclosed '{'", "Unclosed '{'"]);

    const extra = "}}\njib.to.image = 'target:1'\n/* never closed";
    const second = extractGradle(extra, 'kotlin');
    assert.deepEqual(second.references.map((r) => r.text), ['target:1']);
    assert.deepEqual(second.problems.map((p) => p.message).sort(), ["Unmatched '}'", "Unmatched '}'", 'Unterminated comment']);
  });

  it('survives binary garbage, deep nesting and deep interpolation', () => {
    const next = random(42);
    const garbage = Array.from({ length: 20000 }, () => String.fromCharCode(Math.floor(next() * 0x10000))).join('');
    const inputs = [garbage, '{'.repeat(50000), '}'.repeat(1000), '"${'.repeat(5000), '('.repeat(10000) + 'jib', '\0\u0001\uFFFF\uD800'];
    for (const input of inputs) {
      for (const dialect of ['groovy', 'kotlin'] as const) {
        const result = extractGradle(input, dialect);
        assertConsistent(input, result);
      }
    }
  });

  it('never throws on truncated or shuffled fixtures and keeps spans consistent', () => {
    const next = random(7);
    const files = readdirSync(path.join(FIXTURES, 'gradle')).filter((name) => name.includes('.gradle'));
    for (const file of files) {
      const text = fixture('gradle', file);
      const dialect = file.endsWith('.kts') ? 'kotlin' : 'groovy';
      for (let run = 0; run < 60; run++) {
        const cut = Math.floor(next() * text.length);
        const other = Math.floor(next() * text.length);
        for (const input of [text.slice(0, cut), text.slice(cut) + text.slice(0, other), text.slice(0, cut) + text.slice(other)]) {
          assertConsistent(input, extractGradle(input, dialect));
        }
      }
    }
  });

  it('does not loop on self-referencing variables', () => {
    const text = 'def a = b\ndef b = "${a}:1"\njib.from.image = a';
    const [ref] = extractGradle(text, 'groovy').references;
    assert.equal(ref.unresolved, true);
    assert.equal(ref.editable, false);
  });

  it('skips an explicit null and reports an empty string as an empty reference', () => {
    const text = "jib { from { image = null }; to { image = '' } }";
    const refs = extractGradle(text, 'groovy').references;
    assert.deepEqual(refs.map((r) => [r.context, r.text, r.span.start === r.span.end]), [['jib to.image', '', true]]);
  });
});
