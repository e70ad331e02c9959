/**
 * Evaluates the small subset of Groovy/Kotlin expressions that image references are written with:
 * string literals (with `${…}` / `$name`), variable and property uses, `+` concatenation and `?:`.
 * Anything else is "missing": unresolved, shown as `${source}`.
 */
import type { Span } from '../../types';
import type { InterpolationPart, Token } from './lexer';
import { isBlock, isToken, isValue, itemsSpan, type Item } from './parser';
import { readVariableUse, type VariableTable, type VariableUse } from './variables';

export interface Resolved {
  text: string;
  unresolved: boolean;
  /** Set when the value is exactly one string literal of this file (the place to edit it). */
  literal?: { span: Span; editable: boolean };
  /** Set when the value came from exactly one known variable or property. */
  via?: { name: string; usedAt: Span };
  /** Nothing was recognised; `text` is a `${…}` placeholder. */
  missing?: boolean;
}

/** Wrappers that do not change a string value: `x as String`, `x!!`, `x.get()`, `x.toString()`. */
const TRAILING_NO_OPS = [['!!'], ['.', 'get', '(', ')'], ['?.', 'get', '(', ')'], ['.', 'toString', '(', ')'], ['?.', 'toString', '(', ')']];

/** Longer chains of variables (`def a = b; def b = c; …`) are not followed (protects the stack). */
const MAX_VARIABLE_CHAIN = 64;

export class Evaluator {
  /** Variables being evaluated, to stop `def a = b; def b = a`. */
  private readonly visiting = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly variables: VariableTable,
    private readonly external: ReadonlyMap<string, string>,
  ) {}

  evaluate(items: readonly Item[]): Resolved {
    if (items.length === 0) return { text: '', unresolved: true, missing: true };
    return this.evaluateAt(items, itemsSpan(items));
  }

  /** `usedAt` is where a variable found here counts as used (`${x}` as a whole for interpolations). */
  private evaluateAt(items: readonly Item[], usedAt: Span): Resolved {
    const result = this.evaluateExpression(items, usedAt);
    if (result.missing) result.text = '${' + this.source(items) + '}';
    return result;
  }

  private evaluateExpression(items: readonly Item[], usedAt: Span): Resolved {
    const elvis = splitTopLevel(items, '?:');
    if (elvis.length > 1) return this.evaluateElvis(elvis);
    const operands = splitTopLevel(items, '+');
    if (operands.length > 1) return this.concatenate(operands.map((operand) => this.evaluate(operand)));
    const inner = unwrap(items);
    if (inner !== items) return this.evaluateExpression(inner, usedAt);
    if (items.length === 1 && isToken(items[0]) && items[0].kind === 'string') return this.evaluateString(items[0]);
    const use = readVariableUse(items);
    return use ? this.lookup(use, usedAt) : { text: '', unresolved: true, missing: true };
  }

  /** `a ?: b`: the first alternative that resolves, else the first one. */
  private evaluateElvis(alternatives: Item[][]): Resolved {
    const results = alternatives.filter((alternative) => alternative.length > 0).map((alternative) => this.evaluate(alternative));
    return results.find((result) => !result.unresolved) ?? results[0] ?? { text: '', unresolved: true, missing: true };
  }

  private evaluateString(token: Token): Resolved {
    const info = token.string!;
    const span = { start: info.contentStart, end: info.contentEnd };
    const parts = info.parts;
    if (parts.length === 1 && parts[0].kind === 'interpolation') return this.evaluateInterpolation(parts[0]);
    if (parts.every((part) => part.kind === 'text')) {
      const text = parts.map((part) => (part.kind === 'text' ? part.value : '')).join('');
      const editable = parts.every((part) => part.kind === 'text' && !part.escaped);
      return { text, unresolved: false, literal: { span, editable } };
    }
    return this.concatenate(parts.map((part) => (part.kind === 'text' ? { text: part.value, unresolved: false } : this.evaluateInterpolation(part))));
  }

  private evaluateInterpolation(part: InterpolationPart): Resolved {
    const usedAt = { start: part.start, end: part.end };
    if (part.tokens.length === 0) return { text: this.text.slice(part.start, part.end), unresolved: true };
    const result = this.evaluateExpression(part.tokens, usedAt);
    // An unknown `$x` / `${x}` stays in the text exactly as written.
    return result.missing ? { text: this.text.slice(part.start, part.end), unresolved: true } : result;
  }

  /** A composed value: never a single literal; `via` only when exactly one variable took part. */
  private concatenate(pieces: Resolved[]): Resolved {
    const text = pieces.map((piece) => piece.text).join('');
    const unresolved = pieces.some((piece) => piece.unresolved);
    const vias = pieces.filter((piece) => piece.via);
    return vias.length === 1 ? { text, unresolved, via: vias[0].via } : { text, unresolved };
  }

  private lookup(use: VariableUse, usedAt: Span): Resolved {
    const via = { name: use.name, usedAt };
    const followable = use.source === 'any' && !this.visiting.has(use.name) && this.visiting.size < MAX_VARIABLE_CHAIN;
    const value = followable ? this.variables.lookup(use.name) : undefined;
    if (value) {
      this.visiting.add(use.name);
      const result = this.evaluate(value);
      this.visiting.delete(use.name);
      if (result.missing) return { text: '', unresolved: true, missing: true };
      return { text: result.text, unresolved: result.unresolved, literal: result.literal, via };
    }
    const external = this.external.get(use.name);
    if (external !== undefined) return { text: external, unresolved: false, via };
    return { text: '', unresolved: true, missing: true };
  }

  private source(items: readonly Item[]): string {
    const span = itemsSpan(items);
    return this.text.slice(span.start, span.end);
  }
}

/** Removes enclosing parentheses, casts and no-op calls around an expression. */
function unwrap(items: readonly Item[]): readonly Item[] {
  for (;;) {
    const cast = topLevelIndex(items, 'as');
    const noOp = TRAILING_NO_OPS.find((suffix) => endsWith(items, suffix));
    const parens = enclosingParens(items);
    if (cast > 0) items = items.slice(0, cast);
    else if (noOp && items.length > noOp.length) items = items.slice(0, items.length - noOp.length);
    else if (parens > 0) items = items.slice(parens, items.length - parens);
    else return items;
  }
}

function endsWith(items: readonly Item[], suffix: readonly string[]): boolean {
  const offset = items.length - suffix.length;
  return offset >= 0 && suffix.every((value, index) => isValue(items[offset + index], value));
}

/** How many layers of parentheses enclose the whole expression: 2 for `((a))`, 0 for `(a) + (b)`. */
function enclosingParens(items: readonly Item[]): number {
  const opens: number[] = [];
  let layers = 0;
  while (layers < items.length && isValue(items[layers], '(')) layers++;
  for (let index = 0; index < items.length; index++) {
    if (isValue(items[index], '(')) opens.push(index);
    if (!isValue(items[index], ')')) continue;
    const open = opens.pop();
    // A leading `(` closed before the end does not enclose everything, nor does any inside it.
    if (open !== undefined && open < layers && index !== items.length - 1 - open) layers = open;
  }
  return opens.length > 0 ? 0 : layers;
}

/** Index of the first `value` token outside brackets (not at index 0), or -1. */
function topLevelIndex(items: readonly Item[], value: string): number {
  let depth = 0;
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && depth === 0 && isValue(items[index], value)) return index;
    depth += bracketDelta(items[index]);
  }
  return -1;
}

function bracketDelta(item: Item): number {
  if (isBlock(item) || !isToken(item) || item.kind !== 'punct') return 0;
  if (item.value === '(' || item.value === '[') return 1;
  return item.value === ')' || item.value === ']' ? -1 : 0;
}

/** Splits at an operator outside brackets; a single element when it does not occur. */
function splitTopLevel(items: readonly Item[], operator: string): Item[][] {
  const pieces: Item[][] = [[]];
  let depth = 0;
  for (const item of items) {
    if (depth === 0 && isValue(item, operator) && item.kind === 'punct') pieces.push([]);
    else pieces[pieces.length - 1].push(item);
    depth += bracketDelta(item);
  }
  return pieces;
}
