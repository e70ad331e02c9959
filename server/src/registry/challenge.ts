/** One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1). */
export interface Challenge {
  /** Lower-cased: "bearer", "basic", … */
  scheme: string;
  /** Keys lower-cased; quoted values unescaped. */
  params: Record<string, string>;
}

const TOKEN_END = /[\s,="]/;

/**
 * Parses `Bearer realm="…",service="…", Basic realm="…"` into challenges. Malformed input yields whatever could be
 * read (possibly nothing); it never throws.
 */
export function parseChallenges(header: string | undefined): Challenge[] {
  const out: Challenge[] = [];
  if (!header) return out;
  let current: Challenge | undefined;
  let i = 0;
  const skip = (pattern: RegExp) => {
    while (i < header.length && pattern.test(header[i])) i++;
  };
  const token = () => {
    const start = i;
    while (i < header.length && !TOKEN_END.test(header[i])) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skip(/[\s,]/);
    if (i >= header.length) break;
    const word = token();
    if (!word) {
      i++; // a stray '=' or '"': skip it and carry on
      continue;
    }
    skip(/\s/);
    if (header[i] === '=') {
      i++;
      skip(/\s/);
      const value = header[i] === '"' ? quoted() : token();
      if (current) current.params[word.toLowerCase()] = value;
    } else {
      current = { scheme: word.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;

  function quoted(): string {
    let value = '';
    i++; // opening quote
    while (i < header!.length && header![i] !== '"') {
      if (header![i] === '\\' && i + 1 < header!.length) i++;
      value += header![i++];
    }
    i++; // closing quote (or past the end when unterminated)
    return value;
  }
}

/** The challenge we can answer, Bearer preferred over Basic. */
export function pickChallenge(header: string | undefined): Challenge | undefined {
  const challenges = parseChallenges(header);
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}
