/** Character-level helpers of the Gradle lexer: identifiers, numbers, punctuation, escapes. */

const IDENTIFIER = /[\p{L}\p{Nl}_$][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*/uy;
const IDENTIFIER_WITHOUT_DOLLAR = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;

/** Two-character operators, read before single characters so `?.` is not read as `?` and `.`. */
const OPERATORS = ['?.', '?:', '::', '==', '!=', '<=', '>=', '+=', '-=', '->', '&&', '||', '..', '!!'];

/** ASCII letters, `_` and (outside strings) `$` start an identifier; digits may follow. */
function isAsciiIdentifierStart(code: number, allowDollar: boolean): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (allowDollar && code === 36);
}

function isAsciiIdentifierPart(code: number, allowDollar: boolean): boolean {
  return isAsciiIdentifierStart(code, allowDollar) || (code >= 48 && code <= 57);
}

/**
 * The identifier starting at `pos`, or '' when there is none. Inside a string `$` ends an identifier
 * (`"$a$b"` is two interpolations), so callers there pass `allowDollar` false. ASCII is scanned by hand (the lexer's
 * hottest path); an identifier that meets a non-ASCII character is matched by the Unicode pattern from its start.
 */
export function matchIdentifier(text: string, pos: number, allowDollar = true): string {
  const first = text.charCodeAt(pos);
  if (first < 128 && !isAsciiIdentifierStart(first, allowDollar)) return '';
  let end = pos + 1;
  if (first < 128) {
    let code = text.charCodeAt(end);
    while (code < 128 && isAsciiIdentifierPart(code, allowDollar)) code = text.charCodeAt(++end);
    // NaN (the end of the text) and ASCII non-identifier characters end it here.
    if (!(code >= 128)) return text.slice(pos, end);
  }
  const pattern = allowDollar ? IDENTIFIER : IDENTIFIER_WITHOUT_DOLLAR;
  pattern.lastIndex = pos;
  const match = pattern.exec(text);
  return match ? match[0] : '';
}

/** The length of the number at `pos` (digits with suffixes, underscores, hex and one fraction: 1.8 0x1F 1_000L 2.5e3f), or 0. */
export function numberLength(text: string, pos: number): number {
  if (!isDigit(text.charCodeAt(pos))) return 0;
  let end = wordEnd(text, pos + 1);
  if (text.charCodeAt(end) === 46 /* . */ && isDigit(text.charCodeAt(end + 1))) end = wordEnd(text, end + 2);
  return end - pos;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The end of a run of `\w` characters (ASCII letters, digits, `_`) from `pos`. */
function wordEnd(text: string, pos: number): number {
  while (isAsciiIdentifierPart(text.charCodeAt(pos), false)) pos++;
  return pos;
}

/** Two-character operators by their two code units. */
const OPERATOR_BY_CODES = new Map(OPERATORS.map((op) => [op.charCodeAt(0) * 65536 + op.charCodeAt(1), op]));

/** An operator or a single code unit: anything unknown (binary garbage included) becomes punctuation. */
export function matchPunctuation(text: string, pos: number): string {
  const second = text.charCodeAt(pos + 1);
  const op = second === second ? OPERATOR_BY_CODES.get(text.charCodeAt(pos) * 65536 + second) : undefined;
  return op ?? text[pos];
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
