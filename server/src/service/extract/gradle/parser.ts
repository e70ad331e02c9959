/**
 * Groups Gradle tokens into blocks and statements; no grammar beyond that.
 *
 * Every `{ … }` becomes a Block item (closures, lambdas and configuration blocks alike); a statement is the
 * run of items up to a `;`, a closing `}` or a line break that does not continue the expression. What a
 * statement means is decided later by the walker, from its shape.
 */
import type { ExtractionProblem, Span } from '../../types';
import type { Token } from './lexer';

export interface Block {
  kind: 'block';
  start: number;
  end: number;
  statements: Statement[];
}

export type Item = Token | Block;

export interface Statement {
  items: Item[];
}

export interface ParseResult {
  root: Block;
  problems: ExtractionProblem[];
}

/** Deeper `{` nesting than this is kept flat (protects the stack on garbage). */
const MAX_BLOCK_DEPTH = 200;

/** A line ending with one of these continues on the next line. */
const CONTINUES_AFTER = new Set(['=', '+', '-', '*', '/', '%', '.', '?.', ',', '(', '[', '&&', '||', '?:', '->', '+=', '-=', '==', '!=', ':', '?', '::']);
/** A line starting with one of these continues the previous one. */
const CONTINUES_BEFORE = new Set(['.', '?.', '?:', '&&', '||', ')', ']']);

export function isBlock(item: Item | undefined): item is Block {
  return item !== undefined && item.kind === 'block';
}

export function isToken(item: Item | undefined): item is Token {
  return item !== undefined && item.kind !== 'block';
}

/** Whether `item` is a token with this exact value (not a type guard: false says nothing about the kind). */
export function isValue(item: Item | undefined, value: string): boolean {
  return isToken(item) && item.value === value;
}

export function itemsSpan(items: readonly Item[]): Span {
  return { start: items[0].start, end: items[items.length - 1].end };
}

export function parseGradle(tokens: readonly Token[], textLength: number): ParseResult {
  const parser = new Parser(tokens);
  const root = parser.parseRoot(textLength);
  return { root, problems: parser.problems };
}

class Parser {
  private index = 0;
  readonly problems: ExtractionProblem[] = [];

  constructor(private readonly tokens: readonly Token[]) {}

  parseRoot(textLength: number): Block {
    const statements: Statement[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token.value === '}') {
        this.problems.push({ span: { start: token.start, end: token.end }, message: "Unmatched '}'" });
        this.index++;
        continue;
      }
      this.pushStatement(statements, 0);
    }
    return { kind: 'block', start: 0, end: textLength, statements };
  }

  /** Parses the body of the block whose `{` was just consumed, through its `}`. */
  private parseBlock(open: Token, depth: number): Block {
    const statements: Statement[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token.value === '}') {
        this.index++;
        return { kind: 'block', start: open.start, end: token.end, statements };
      }
      this.pushStatement(statements, depth);
    }
    this.problems.push({ span: { start: open.start, end: open.end }, message: "Unclosed '{'" });
    const last = this.tokens[this.tokens.length - 1];
    return { kind: 'block', start: open.start, end: last.end, statements };
  }

  private pushStatement(statements: Statement[], depth: number): void {
    const items = this.parseStatement(depth);
    // A copy of the exact length: the array grown by push has room for 17 items, and the tree is kept until the walk ends.
    if (items.length > 0) statements.push({ items: items.length < 16 ? items.slice() : items });
  }

  private parseStatement(depth: number): Item[] {
    const items: Item[] = [];
    let parens = 0;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token.value === '}') break;
      if (token.value === ';' && parens === 0) {
        this.index++;
        break;
      }
      if (items.length > 0 && parens === 0 && this.endsLine(items[items.length - 1], token)) break;
      this.index++;
      if (token.value === '{' && depth < MAX_BLOCK_DEPTH) {
        items.push(this.parseBlock(token, depth + 1));
        continue;
      }
      if (token.value === '(' || token.value === '[') parens++;
      if ((token.value === ')' || token.value === ']') && parens > 0) parens--;
      items.push(token);
    }
    return items;
  }

  private endsLine(previous: Item, next: Token): boolean {
    if (!next.lineBreakBefore) return false;
    if (isToken(previous) && previous.kind === 'punct' && CONTINUES_AFTER.has(previous.value)) return false;
    return !(next.kind === 'punct' && CONTINUES_BEFORE.has(next.value));
  }
}
