/** The tokens produced by the Gradle lexer, and the builder of a string token's parts. */

export type TokenKind = 'ident' | 'number' | 'string' | 'punct';

/** Literal text inside a string; `value` has escapes decoded, `escaped` tells whether it had any. */
export interface TextPart {
  kind: 'text';
  value: string;
  start: number;
  end: number;
  escaped: boolean;
}

/** `${expression}` or `$name` inside a string; `start`/`end` cover the whole `${…}` / `$name`. */
export interface InterpolationPart {
  kind: 'interpolation';
  tokens: Token[];
  start: number;
  end: number;
}

export type StringPart = TextPart | InterpolationPart;

export interface StringInfo {
  /** The opening delimiter: ' " ''' or """. */
  quote: string;
  contentStart: number;
  contentEnd: number;
  parts: StringPart[];
  terminated: boolean;
}

export interface Token {
  kind: TokenKind;
  /** Identifier name, punctuation, number source; for strings the source including quotes. */
  value: string;
  start: number;
  end: number;
  /** True when a line break (possibly inside a comment) separates this token from the previous one. */
  lineBreakBefore: boolean;
  string?: StringInfo;
}

/** Accumulates the literal text between interpolations of one string. */
export class StringReader {
  readonly parts: StringPart[] = [];
  private value = '';
  private textStart: number;
  private escaped = false;

  constructor(readonly start: number) {
    this.textStart = start;
  }

  append(value: string, at: number, escaped = false): void {
    if (this.value === '' && !this.escaped) this.textStart = at;
    this.value += value;
    this.escaped ||= escaped;
  }

  flush(end: number): void {
    if (this.value !== '' || this.escaped) {
      this.parts.push({ kind: 'text', value: this.value, start: this.textStart, end, escaped: this.escaped });
    }
    this.value = '';
    this.escaped = false;
  }

  addInterpolation(tokens: Token[], start: number, end: number): void {
    this.parts.push({ kind: 'interpolation', tokens, start, end });
  }
}
