/** Character-level helpers of the Gradle lexer: identifiers, numbers, punctuation, escapes. */

const IDENTIFIER = /[\p{L}\p{Nl}_$][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*/uy;
const IDENTIFIER_WITHOUT_DOLLAR = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;

/** Digits with suffixes, underscores, hex and one fraction: 1.8 0x1F 1_000L 2.5e3f. */
export const NUMBER = /\d[\w]*(?:\.\d[\w]*)?/y;

/** Longest operators first so `?.` is not read as `?` and `.`. */
const OPERATORS = ['?.', '?:', '::', '==', '!=', '<=', '>=', '+=', '-=', '->', '&&', '||', '..', '!!'];

/**
 * The identifier starting at `pos`, or '' when there is none. Inside a string `$` ends an identifier
 * (`"$a$b"` is two interpolations), so callers there pass `allowDollar` false.
 */
export function matchIdentifier(text: string, pos: number, allowDollar = true): string {
  const pattern = allowDollar ? IDENTIFIER : IDENTIFIER_WITHOUT_DOLLAR;
  pattern.lastIndex = pos;
  const match = pattern.exec(text);
  return match ? match[0] : '';
}

/** An operator or a single code unit: anything unknown (binary garbage included) becomes punctuation. */
export function matchPunctuation(text: string, pos: number): string {
  for (const op of OPERATORS) {
    if (text.startsWith(op, pos)) return op;
  }
  return text[pos];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
};

/** Decodes the escape sequence starting with the backslash at `pos`. */
export function decodeEscape(text: string, pos: number): { value: string; length: number } {
  const next = text[pos + 1];
  if (next === undefined) return { value: '\\', length: 1 };
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
    return { value: String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16)), length: 6 };
  }
  if (next === '\r' && text[pos + 2] === '\n') return { value: '', length: 3 };
  if (next === '\n' || next === '\r') return { value: '', length: 2 };
  return { value: SIMPLE_ESCAPES[next] ?? next, length: 2 };
}
