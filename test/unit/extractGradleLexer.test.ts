import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { lexGradle, type GradleDialect, type Token } from '../../server/src/service/extract/gradle/lexer';

function lex(text: string, dialect: GradleDialect = 'groovy'): Token[] {
  return lexGradle(text, dialect).tokens;
}

function values(text: string, dialect: GradleDialect = 'groovy'): string[] {
  return lex(text, dialect).map((token) => token.value);
}

describe('gradle lexer', () => {
  it('reads identifiers, punctuation and numbers with exact offsets', () => {
    const text = 'jib.to.image = 1.8';
    const tokens = lex(text);
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.value, text.slice(t.start, t.end)]),
      [
        ['ident', 'jib', 'jib'],
        ['punct', '.', '.'],
        ['ident', 'to', 'to'],
        ['punct', '.', '.'],
        ['ident', 'image', 'image'],
        ['punct', '=', '='],
        ['number', '1.8', '1.8'],
      ],
    );
  });

  it('skips line and block comments and records line breaks', () => {
    const tokens = lex('a // b { c\n/* d\n e */ f /* g */ h');
    assert.deepEqual(
      tokens.map((t) => [t.value, t.lineBreakBefore]),
      [
        ['a', false],
        ['f', true],
        ['h', false],
      ],
    );
  });

  it('nests block comments in Kotlin but not in Groovy', () => {
    const text = '/* outer /* inner */ still comment */ x';
    assert.deepEqual(values(text, 'kotlin'), ['x']);
    assert.deepEqual(values(text, 'groovy'), ['still', 'comment', '*', '/', 'x']);
  });

  it('keeps // inside a string', () => {
    const text = 'def url = "http://example.com" // trailing';
    const string = lex(text)[3];
    assert.equal(string.kind, 'string');
    assert.equal(text.slice(string.string!.contentStart, string.string!.contentEnd), 'http://example.com');
  });

  it('splits a Groovy GString into text and ${} / $name interpolations (dotted in Groovy)', () => {
    const text = '"$registry/app:${tag.trim()}-$project.version"';
    const parts = lex(text)[0].string!.parts;
    assert.deepEqual(
      parts.map((p) => [p.kind, text.slice(p.start, p.end)]),
      [
        ['interpolation', '$registry'],
        ['text', '/app:'],
        ['interpolation', '${tag.trim()}'],
        ['text', '-'],
        ['interpolation', '$project.version'],
      ],
    );
    const inner = parts[2].kind === 'interpolation' ? parts[2].tokens.map((t) => t.value) : [];
    assert.deepEqual(inner, ['tag', '.', 'trim', '(', ')']);
  });

  it('reads Kotlin $name as a simple identifier only', () => {
    const text = '"$project.version"';
    const parts = lex(text, 'kotlin')[0].string!.parts;
    assert.deepEqual(
      parts.map((p) => [p.kind, text.slice(p.start, p.end)]),
      [
        ['interpolation', '$project'],
        ['text', '.version'],
      ],
    );
  });

  it('never interpolates Groovy single-quoted strings', () => {
    const text = "'$notVar ${x}' '''$y'''";
    const [single, triple] = lex(text);
    assert.deepEqual(single.string!.parts.map((p) => p.kind), ['text']);
    assert.equal(single.string!.parts[0].kind === 'text' && single.string!.parts[0].value, '$notVar ${x}');
    assert.equal(triple.string!.quote, "'''");
    assert.deepEqual(triple.string!.parts.map((p) => p.kind), ['text']);
  });

  it('lexes braces and strings inside ${} without ending the interpolation early', () => {
    const text = '"a${ m["}"] + { "{" }() }b" next';
    const tokens = lex(text);
    assert.deepEqual(tokens.map((t) => t.value), [text.slice(0, text.indexOf(' next')), 'next']);
    const parts = tokens[0].string!.parts;
    assert.deepEqual(parts.map((p) => p.kind), ['text', 'interpolation', 'text']);
  });

  it('handles triple-quoted strings spanning lines, with extra closing quotes as content', () => {
    const text = '"""\njib {\n""""" x';
    const tokens = lex(text, 'kotlin');
    assert.equal(tokens.length, 2);
    const info = tokens[0].string!;
    assert.equal(text.slice(info.contentStart, info.contentEnd), '\njib {\n""');
    assert.equal(tokens[1].value, 'x');
  });

  it('decodes escapes, marks them, and does not escape in Kotlin raw strings', () => {
    const [groovy] = lex('"a\\$b\\u0041"');
    const part = groovy.string!.parts[0];
    assert.deepEqual(part.kind === 'text' && [part.value, part.escaped], ['a$bA', true]);
    const [raw] = lex('"""C:\\dir\\$x"""', 'kotlin');
    const rawParts = raw.string!.parts;
    assert.deepEqual(rawParts.map((p) => p.kind), ['text', 'interpolation']);
    assert.equal(rawParts[0].kind === 'text' && rawParts[0].value, 'C:\\dir\\');
  });

  it('ends an unterminated single-line string at the line end and reports it', () => {
    const text = "image = 'abc\nnext";
    const { tokens, problems } = lexGradle(text, 'groovy');
    assert.deepEqual(tokens.map((t) => t.value), ['image', '=', "'abc", 'next']);
    assert.equal(tokens[2].string!.terminated, false);
    assert.deepEqual(problems.map((p) => p.message), ['Unterminated string literal']);
  });

  it('reports an unterminated block comment and stops at the end', () => {
    const { tokens, problems } = lexGradle('a /* b { c', 'kotlin');
    assert.deepEqual(tokens.map((t) => t.value), ['a']);
    assert.deepEqual(problems, [{ span: { start: 2, end: 4 }, message: 'Unterminated comment' }]);
  });

  it('reads Kotlin backtick identifiers and multi-character operators', () => {
    assert.deepEqual(values('`my name`?.x ?: y!!', 'kotlin'), ['my name', '?.', 'x', '?:', 'y', '!!']);
  });
});
