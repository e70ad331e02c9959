/**
 * Scalars of the block-style YAML the fast path reads, valued exactly as the `yaml` package's core schema (YAML 1.2)
 * values them: the same tests in the same order, so that `image: 3` is the number 3 either way.
 */
import { parse, type Scalar } from 'yaml';
import { scalarNode } from './blockNodes';

/** Thrown (never caught outside blockYaml.ts) when the text leaves the subset: the `yaml` package reads it instead. */
export const UNHANDLED = Symbol('unhandled YAML');

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain scalar's text. Only text that can be other than a string pays for the tests. */
export function plainValue(source: string): unknown {
  const c = source.charCodeAt(0);
  const maybeOther = source.length === 0 || c === 0x7e /* ~ */ || c === 0x2e /* . */ || c === 0x2b /* + */ || c === 0x2d /* - */ ||
    (c >= 0x30 && c <= 0x39) || c === 0x6e /* n */ || c === 0x4e /* N */ || c === 0x74 /* t */ || c === 0x54 /* T */ ||
    c === 0x66 /* f */ || c === 0x46 /* F */;
  if (!maybeOther) return source;
  if (NULL.test(source)) return null;
  if (BOOL.test(source)) return source[0] === 't' || source[0] === 'T';
  if (INT_OCT.test(source)) return parseInt(source.substring(2), 8);
  if (INT.test(source)) return parseInt(source, 10);
  if (INT_HEX.test(source)) return parseInt(source.substring(2), 16);
  if (FLOAT_NAN.test(source)) return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(source) || FLOAT.test(source)) return parseFloat(source);
  return source;
}

/**
 * A quoted scalar that opens at `start` and closes on the same line (before `lineEnd`); returns the node and the offset
 * after the closing quote. A double-quoted one with escapes is decoded by the `yaml` package itself (rare).
 */
export function quotedScalar(text: string, start: number, lineEnd: number): { node: Scalar; end: number } {
  const quote = text.charCodeAt(start);
  let i = start + 1;
  let escaped = false;
  for (; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 /* " */ && c === 0x5c /* \ */) {
      escaped = true;
      i++;
    } else if (c === quote) {
      if (quote === 0x27 /* ' */ && text.charCodeAt(i + 1) === 0x27) {
        escaped = true;
        i++;
      } else break;
    }
  }
  if (i >= lineEnd) throw UNHANDLED; // runs over lines, or unclosed
  const end = i + 1;
  const inner = text.slice(start + 1, i);
  if (quote === 0x27) return { node: scalarNode(escaped ? inner.replace(/''/g, "'") : inner, 'QUOTE_SINGLE', start, end), end };
  const value = escaped ? decodeDoubleQuoted(text.slice(start, end)) : inner;
  if (typeof value !== 'string') throw UNHANDLED;
  return { node: scalarNode(value, 'QUOTE_DOUBLE', start, end), end };
}

function decodeDoubleQuoted(source: string): unknown {
  try {
    return parse(source);
  } catch {
    throw UNHANDLED; // an invalid escape: the `yaml` package reports it
  }
}

/** The first offset from `i` on that is not a space (or `end`). */
export function skipSpaces(t: string, i: number, end: number): number {
  while (i < end && t.charCodeAt(i) === 0x20) i++;
  return i;
}

/** Whether `from` is the end of its line, or only spaces and then a comment follow it. */
export function onlyComment(t: string, from: number, end: number): boolean {
  const i = skipSpaces(t, from, end);
  return i === end || (t.charCodeAt(i) === 0x23 /* # */ && i > from);
}
