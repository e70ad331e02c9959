/**
 * A small hand-written lexer for Gradle build scripts (Groovy DSL and Kotlin DSL).
 *
 * It only knows what the extractor needs: identifiers, numbers, punctuation and strings (with their
 * interpolations lexed into tokens), with exact offsets. Comments and whitespace are skipped; a token
 * remembers whether a line break preceded it so the parser can find statement ends. It never throws:
 * unterminated strings and comments end at the end of the line or of the text and are reported.
 */
import type { ExtractionProblem } from '../../types';
import { decodeEscape, matchIdentifier, matchPunctuation, numberLength } from './lexerChars';
import { StringReader, type StringPart, type Token, type TokenKind } from './tokens';

export type { InterpolationPart, StringInfo, StringPart, TextPart, Token, TokenKind } from './tokens';

export type GradleDialect = 'groovy' | 'kotlin';

export interface LexResult {
  tokens: Token[];
  problems: ExtractionProblem[];
}

/** Deeper `${ "${ … }" }` nesting than this is kept as plain text (protects the stack on garbage). */
const MAX_INTERPOLATION_DEPTH = 32;

export function lexGradle(text: string, dialect: GradleDialect): LexResult {
  const lexer = new Lexer(text, dialect);
  const tokens = lexer.lexTokens(false);
  return { tokens, problems: lexer.problems };
}

class Lexer {
  pos = 0;
  readonly problems: ExtractionProblem[] = [];
  private lineBreak = false;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly dialect: GradleDialect,
  ) {}

  /** Lexes to the end, or (inside `${`) up to the `}` that closes the interpolation, left unconsumed. */
  lexTokens(insideInterpolation: boolean): Token[] {
    const tokens: Token[] = [];
    let braces = 0;
    for (;;) {
      this.skipTrivia();
      if (this.pos >= this.text.length) return tokens;
      const code = this.text.charCodeAt(this.pos);
      if (insideInterpolation && code === OPEN_BRACE) braces++;
      if (insideInterpolation && code === CLOSE_BRACE) {
        if (braces === 0) return tokens;
        braces--;
      }
      tokens.push(this.nextToken());
    }
  }

  private skipTrivia(): void {
    const text = this.text;
    if (this.pos === 0 && text.startsWith('#!')) this.skipLineComment();
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === LF || code === CR) {
        this.lineBreak = true;
        this.pos++;
      } else if (code === SPACE || code === TAB || code === FORM_FEED || code === VERTICAL_TAB || code === BOM) {
        this.pos++;
      } else if (code === SLASH && text.charCodeAt(this.pos + 1) === SLASH) {
        this.skipLineComment();
      } else if (code === SLASH && text.charCodeAt(this.pos + 1) === STAR) {
        this.skipBlockComment();
      } else {
        return;
      }
    }
  }

  private skipLineComment(): void {
    const text = this.text;
    let pos = this.pos;
    for (let code = text.charCodeAt(pos); pos < text.length && code !== LF && code !== CR; code = text.charCodeAt(++pos));
    this.pos = pos;
  }

  /** Kotlin block comments nest; Groovy (like Java) ones end at the first `*\/`. */
  private skipBlockComment(): void {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      if (this.text.startsWith('/*', this.pos) && (depth === 0 || this.dialect === 'kotlin')) {
        depth++;
        this.pos += 2;
      } else if (this.text.startsWith('*/', this.pos)) {
        this.pos += 2;
        if (--depth === 0) return;
      } else {
        if (this.text[this.pos] === '\n') this.lineBreak = true;
        this.pos++;
      }
    }
    this.problems.push({ span: { start, end: Math.min(start + 2, this.text.length) }, message: 'Unterminated comment' });
  }

  private nextToken(): Token {
    const start = this.pos;
    const ch = this.text[start];
    if (ch === '"' || ch === "'") return this.lexString();
    if (ch === '`' && this.dialect === 'kotlin') return this.lexBacktickIdentifier();
    const identifier = matchIdentifier(this.text, start);
    if (identifier) return this.token('ident', identifier, start, start + identifier.length);
    const number = numberLength(this.text, start);
    if (number > 0) return this.token('number', this.text.slice(start, start + number), start, start + number);
    const punct = matchPunctuation(this.text, start);
    return this.token('punct', punct, start, start + punct.length);
  }

  private token(kind: TokenKind, value: string, start: number, end: number): Token {
    this.pos = end;
    const token: Token = { kind, value, start, end, lineBreakBefore: this.lineBreak };
    this.lineBreak = false;
    return token;
  }

  private lexBacktickIdentifier(): Token {
    const start = this.pos;
    let end = start + 1;
    while (end < this.text.length && !'`\n\r'.includes(this.text[end])) end++;
    const name = this.text.slice(start + 1, end);
    return this.token('ident', name, start, this.text[end] === '`' ? end + 1 : end);
  }

  private lexString(): Token {
    const start = this.pos;
    const q = this.text[start];
    const triple = this.text[start + 1] === q && this.text[start + 2] === q;
    const quote = triple ? (q === '"' ? '"""' : "'''") : q;
    // Groovy '…' and '''…''' never interpolate; Kotlin '…' is a character literal.
    const interpolates = q === '"';
    const escapes = !(triple && q === '"' && this.dialect === 'kotlin');
    const contentStart = start + quote.length;
    const plainEnd = this.plainRunEnd(contentStart);
    if (!triple && this.text[plainEnd] === q) return this.plainString(start, q, plainEnd);
    const reader = new StringReader(contentStart);
    // What the loop below would read first, as one slice.
    if (plainEnd > contentStart) reader.append(this.text.slice(contentStart, plainEnd), contentStart);
    this.pos = plainEnd;
    let terminated = false;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (!triple && (ch === '\n' || ch === '\r')) break;
      if (this.isClosingQuote(quote)) {
        terminated = true;
        break;
      }
      if (escapes && ch === '\\') this.readEscape(reader);
      else if (interpolates && ch === '$' && this.readInterpolation(reader)) continue;
      else if (isStringSpecial(ch)) reader.append(ch, this.pos++);
      else this.readPlainRun(reader);
    }
    const contentEnd = this.pos;
    reader.flush(contentEnd);
    if (!terminated) this.problems.push({ span: { start, end: contentEnd }, message: 'Unterminated string literal' });
    const end = terminated ? contentEnd + quote.length : contentEnd;
    const token = this.token('string', this.text.slice(start, end), start, end);
    token.string = { quote, contentStart: reader.start, contentEnd, parts: reader.parts, terminated };
    return token;
  }

  /** A one-line string of ordinary characters only (most strings): one text part, no reader. */
  private plainString(start: number, quote: string, contentEnd: number): Token {
    const contentStart = start + 1;
    // Array literals, not push: an array grown by push keeps room for 17 elements, and every token is kept until the walk ends.
    const parts: StringPart[] = contentEnd > contentStart
      ? [{ kind: 'text', value: this.text.slice(contentStart, contentEnd), start: contentStart, end: contentEnd, escaped: false }] : [];
    const end = contentEnd + 1;
    const token = this.token('string', this.text.slice(start, end), start, end);
    token.string = { quote, contentStart, contentEnd, parts, terminated: true };
    return token;
  }

  /** Ordinary characters up to the next one the string loop must look at, appended as one slice, not one by one. */
  private readPlainRun(reader: StringReader): void {
    const start = this.pos;
    const end = this.plainRunEnd(start + 1);
    reader.append(this.text.slice(start, end), start);
    this.pos = end;
  }

  /** The first position from `from` on whose character the string loop must look at (or the end of the text). */
  private plainRunEnd(from: number): number {
    const text = this.text;
    let end = from;
    while (end < text.length && !isStringSpecialCode(text.charCodeAt(end))) end++;
    return end;
  }

  /** In `"""a""""` the last three quotes close the string: extra quotes before them are content. */
  private isClosingQuote(quote: string): boolean {
    if (!this.text.startsWith(quote, this.pos)) return false;
    return quote.length === 1 || this.text[this.pos + 3] !== quote[0];
  }

  private readEscape(reader: StringReader): void {
    const { value, length } = decodeEscape(this.text, this.pos);
    reader.append(value, this.pos, true);
    this.pos += length;
  }

  /** Reads `${…}` or `$name` (Groovy: `$a.b.c`); returns false when the `$` is literal text. */
  private readInterpolation(reader: StringReader): boolean {
    const start = this.pos;
    if (this.text[start + 1] === '{') {
      if (this.depth >= MAX_INTERPOLATION_DEPTH) return false;
      reader.flush(start);
      this.pos = start + 2;
      this.depth++;
      const saved = this.lineBreak;
      const tokens = this.lexTokens(true);
      this.lineBreak = saved;
      this.depth--;
      if (this.text[this.pos] === '}') this.pos++;
      reader.addInterpolation(tokens, start, this.pos);
      return true;
    }
    const tokens = this.readDollarPath(start + 1);
    if (tokens.length === 0) return false;
    reader.flush(start);
    this.pos = tokens[tokens.length - 1].end;
    reader.addInterpolation(tokens, start, this.pos);
    return true;
  }

  private readDollarPath(from: number): Token[] {
    const tokens: Token[] = [];
    let pos = from;
    for (;;) {
      const name = matchIdentifier(this.text, pos, false);
      if (!name) break;
      tokens.push({ kind: 'ident', value: name, start: pos, end: pos + name.length, lineBreakBefore: false });
      pos += name.length;
      const more = this.dialect === 'groovy' && this.text[pos] === '.' && matchIdentifier(this.text, pos + 1, false);
      if (!more) break;
      tokens.push({ kind: 'punct', value: '.', start: pos, end: pos + 1, lineBreakBefore: false });
      pos++;
    }
    return tokens;
  }
}

/** Characters that can end a string, start an escape or an interpolation: the string loop looks at each. */
function isStringSpecial(ch: string): boolean {
  return ch === '"' || ch === "'" || ch === '\\' || ch === '$' || ch === '\n' || ch === '\r';
}

function isStringSpecialCode(code: number): boolean {
  return code === DOUBLE_QUOTE || code === SINGLE_QUOTE || code === BACKSLASH || code === DOLLAR || code === LF || code === CR;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const VERTICAL_TAB = 11;
const BOM = 0xfeff;
const SLASH = 47;
const STAR = 42;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const DOLLAR = 36;
