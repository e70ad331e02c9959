/**
 * Past this many nested flow collections (`{`, `[`) a YAML file is not given to the `yaml` package: on some inputs
 * of a few hundred levels (a mutated or binary file, never a real one) it ran for minutes or killed the process with
 * V8's "RegExpCompiler Allocation failed - process out of memory", which no try/catch can stop.
 */
export const MAX_FLOW_DEPTH = 100;

/**
 * The offset of the first bracket that opens a flow collection deeper than `limit`, or -1. Quoted scalars and
 * comments are skipped roughly (a quote or `#` ends at the line's end), which can only make the count lower than the
 * parser's for text that is not YAML anyway.
 */
export function deepFlowAt(text: string, limit = MAX_FLOW_DEPTH): number {
  if (!hasMoreOpenings(text, limit)) return -1; // the usual case, found by the native indexOf
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const end = endOfQuoted(text, i, c);
      i = end;
    } else if (c === 0x23 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 0x20)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
    }
  }
  return -1;
}

/** The offset of the closing quote, or of the line's end when the quote is not closed on its line. */
function endOfQuoted(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i;
    if (c === 0x5c /* \ */ && quote === 0x22) i++;
    else if (c === quote) return i;
  }
  return text.length;
}

/** Whether `text` has more than `limit` of `{` and `[` in all: with fewer, no nesting can be deeper than `limit`. */
function hasMoreOpenings(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}
