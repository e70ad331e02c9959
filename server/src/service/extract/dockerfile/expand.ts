/**
 * Variable expansion of one Dockerfile word, following BuildKit's shell lexer (frontend/dockerfile/shell/lex.go):
 * quotes, the escape character, `$VAR`, `${VAR}` and the modifiers `-` `+` `?` (each with or without `:`) and
 * `#` `##` `%` `%%`. dockerfile-ast only lists the variables of an instruction; it does not substitute them, and it
 * cannot tell where each character of the result came from, which we need to decide whether a reference is editable.
 */
import type { Span } from '../../types';

/** A piece of an expanded word and, when known, the document text it was copied from. */
export interface Piece {
  text: string;
  /** Where `text` comes from in the document (an escaped character's span also covers its escape character). */
  span?: Span;
  /** True when the piece stands for a variable whose value is unknown; `text` then shows the variable. */
  unresolved?: boolean;
  /** The outermost variable this piece was substituted through. */
  via?: { name: string; usedAt: Span };
  /** An unresolved piece standing for BuildKit's automatic platform ARG of this name. */
  platformArg?: string;
  /** For an unresolved piece: where its value comes from (shown in the hover). */
  note?: string;
  /**
   * The empty default of `ARG NAME=""`: `$NAME` alone is unresolved (its value is passed with --build-arg), while the
   * modifiers (`${NAME:-x}`) see the empty string, as BuildKit does without a build argument.
   */
  emptyDefault?: true;
}

/**
 * Variables visible to a word, by name: the expanded value, or null when declared without a default value.
 * A name that is absent is unknown.
 */
export type ArgEnv = ReadonlyMap<string, readonly Piece[] | null>;

/** Expands the document text in [start, end) as one word. */
export function expandWord(text: string, start: number, end: number, env: ArgEnv, escapeChar: string): Piece[] {
  // Most words (`alpine:3.20`, `ghcr.io/org/app@sha256:…`) have nothing to expand: one literal piece, no lexer.
  if (start < end && isPlain(text, start, end, escapeChar.charCodeAt(0))) return [{ text: text.slice(start, end), span: { start, end } }];
  return new WordLexer(text, start, end, env, escapeChar).lexUntil(undefined, false);
}

/** No escape character, `$` or quote in text [start, end). */
function isPlain(text: string, start: number, end: number, escape: number): boolean {
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === escape || c === 0x24 || c === 0x22 || c === 0x27) return false;
  }
  return true;
}

export function piecesText(pieces: readonly Piece[]): string {
  if (pieces.length === 1) return pieces[0].text;
  let text = '';
  for (let i = 0; i < pieces.length; i++) text += pieces[i].text;
  return text;
}

/** `[A-Za-z_]`, by char code (0 for no character). */
function isNameStart(c: number): boolean {
  const lower = c | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || c === 0x5f;
}

/** `[A-Za-z0-9_]`. */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

type Modifier = '-' | '+' | '?' | '#' | '##' | '%' | '%%';

class WordLexer {
  private pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    private readonly env: ArgEnv,
    private readonly escapeChar: string,
  ) {
    this.pos = start;
  }

  /** Reads until the unquoted `stop` character (not consumed) or the end of the word. */
  lexUntil(stop: string | undefined, inDoubleQuotes: boolean): Piece[] {
    const pieces: Piece[] = [];
    let runStart = this.pos;
    const flushRun = () => {
      if (this.pos > runStart) pieces.push(this.literal(runStart, this.pos));
    };
    while (this.pos < this.end) {
      const ch = this.text[this.pos];
      if (ch === stop) break;
      const special = ch === this.escapeChar || ch === '$' || (!inDoubleQuotes && (ch === "'" || ch === '"'));
      if (!special) {
        this.pos++;
        continue;
      }
      flushRun();
      pieces.push(...this.lexSpecial(ch, inDoubleQuotes));
      runStart = this.pos;
    }
    flushRun();
    return pieces;
  }

  private lexSpecial(ch: string, inDoubleQuotes: boolean): Piece[] {
    if (ch === this.escapeChar) return this.lexEscape(inDoubleQuotes);
    if (ch === '$') return this.lexDollar();
    if (ch === "'") return this.lexSingleQuoted();
    return this.lexDoubleQuoted();
  }

  private lexEscape(inDoubleQuotes: boolean): Piece[] {
    const start = this.pos;
    const next = this.text[start + 1];
    const continuation = this.lineBreakLength(start + 1);
    if (continuation > 0) {
      this.pos = start + 1 + continuation;
      return [];
    }
    // In double quotes the escape character only escapes `"`, `$` and itself; elsewhere it stays literal.
    const escapes = start + 1 < this.end && (!inDoubleQuotes || next === '"' || next === '$' || next === this.escapeChar);
    if (!escapes) {
      this.pos = start + 1;
      return [this.literal(start, start + 1)];
    }
    this.pos = start + 2;
    return [{ text: next, span: { start, end: start + 2 } }];
  }

  private lexSingleQuoted(): Piece[] {
    const contentStart = this.pos + 1;
    let close = this.text.indexOf("'", contentStart);
    if (close === -1 || close >= this.end) close = this.end;
    this.pos = Math.min(close + 1, this.end);
    return close > contentStart ? [this.literal(contentStart, close)] : [];
  }

  private lexDoubleQuoted(): Piece[] {
    this.pos++;
    const pieces = this.lexUntil('"', true);
    if (this.pos < this.end) this.pos++;
    return pieces;
  }

  private lexDollar(): Piece[] {
    const start = this.pos;
    const next = start + 1 < this.end ? this.text[start + 1] : '';
    if (next === '{') return this.lexBraced(start);
    if (isNameStart(next.charCodeAt(0))) {
      const nameEnd = this.scanName(start + 1);
      this.pos = nameEnd;
      const name = this.text.slice(start + 1, nameEnd);
      return this.substitute(name, { start, end: nameEnd });
    }
    this.pos = start + 1;
    return [this.literal(start, start + 1)];
  }

  private lexBraced(start: number): Piece[] {
    const nameStart = start + 2;
    const nameEnd = this.scanName(nameStart);
    const name = this.text.slice(nameStart, nameEnd);
    this.pos = nameEnd;
    if (nameEnd < this.end && this.text[nameEnd] === '}' && name !== '') {
      this.pos = nameEnd + 1;
      return this.substitute(name, { start, end: this.pos });
    }
    const modifier = this.readModifier();
    if (name === '' || modifier === undefined) return this.skipBadSubstitution(start);
    const word = this.lexUntil('}', false);
    if (this.pos >= this.end) return [this.unresolvedRaw(start, this.end)];
    this.pos++;
    return this.applyModifier(name, modifier.colon, modifier.op, word, { start, end: this.pos });
  }

  private readModifier(): { op: Modifier; colon: boolean } | undefined {
    const colon = this.text[this.pos] === ':';
    const at = colon ? this.pos + 1 : this.pos;
    const ch = this.text[at];
    const allowed = colon ? '-+?' : '-+?#%';
    if (at >= this.end || !allowed.includes(ch)) return undefined;
    const doubled = !colon && (ch === '#' || ch === '%') && this.text[at + 1] === ch;
    this.pos = at + (doubled ? 2 : 1);
    return { op: (doubled ? ch + ch : ch) as Modifier, colon };
  }

  /** An unsupported form such as `${VAR/a/b}`: kept as written and marked unresolved. */
  private skipBadSubstitution(start: number): Piece[] {
    let close = this.text.indexOf('}', this.pos);
    if (close === -1 || close >= this.end) close = this.end - 1;
    this.pos = close + 1;
    return [this.unresolvedRaw(start, this.pos)];
  }

  private substitute(name: string, usedAt: Span, plain = true): Piece[] {
    const value = this.env.get(name);
    if (value === undefined || value === null) return [{ text: '${' + name + '}', unresolved: true }];
    if (plain && value[0]?.emptyDefault) return [{ text: '${' + name + '}', unresolved: true, note: value[0].note, via: { name, usedAt } }];
    return value.map((piece) => ({ ...piece, via: { name, usedAt } }));
  }

  private applyModifier(name: string, colon: boolean, op: Modifier, word: Piece[], usedAt: Span): Piece[] {
    const value = this.env.get(name);
    const isSet = value !== undefined && value !== null;
    const counts = isSet && (!colon || piecesText(value) !== '');
    switch (op) {
      case '-':
        return counts ? this.substitute(name, usedAt, false) : word;
      case '+':
        return counts ? word : [];
      case '?':
        return counts ? this.substitute(name, usedAt, false) : [this.unresolvedRaw(usedAt.start, usedAt.end)];
      default:
        if (!isSet || word.some((piece) => piece.unresolved)) return [this.unresolvedRaw(usedAt.start, usedAt.end)];
        return [{ text: removePattern(piecesText(value), op, piecesText(word)), via: { name, usedAt } }];
    }
  }

  private scanName(from: number): number {
    let at = from;
    while (at < this.end && isNameChar(this.text.charCodeAt(at))) at++;
    return at;
  }

  private lineBreakLength(at: number): number {
    if (this.text[at] === '\n') return 1;
    if (this.text[at] === '\r') return this.text[at + 1] === '\n' ? 2 : 1;
    return 0;
  }

  private literal(start: number, end: number): Piece {
    return { text: this.text.slice(start, end), span: { start, end } };
  }

  private unresolvedRaw(start: number, end: number): Piece {
    return { text: this.text.slice(start, end), unresolved: true };
  }
}

/** `${VAR#glob}` and friends: remove the shortest/longest prefix (`#`) or suffix (`%`) matching a shell glob. */
function removePattern(value: string, op: Modifier, pattern: string): string {
  const glob = globToRegExp(pattern);
  const lengths = [...Array(value.length + 1).keys()];
  const longest = op === '##' || op === '%%';
  for (const length of longest ? lengths.reverse() : lengths) {
    if (op.startsWith('#') && glob.test(value.slice(0, length))) return value.slice(length);
    if (op.startsWith('%') && glob.test(value.slice(value.length - length))) return value.slice(0, value.length - length);
  }
  return value;
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
