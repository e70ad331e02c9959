/**
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `$VAR` and `$$` (a literal `$`), as Docker
 * Compose and GitLab CI substitute them. Values come from the caller (a `.env` file, a `variables:` block); a variable
 * with no value and no default stays unresolved and is kept in the text.
 */
export interface Interpolated {
  text: string;
  unresolved: boolean;
  /** The variables substituted (or left unresolved), in order. */
  names: string[];
}

const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function interpolate(value: string, lookup: (name: string) => string | undefined, dollarDollar = true): Interpolated {
  if (!value.includes('$')) return { text: value, unresolved: false, names: [] };
  let unresolved = false;
  const names: string[] = [];
  const text = value.replace(VARIABLE, (match, braced: string | undefined, operator: string | undefined, argument: string | undefined, bare: string | undefined) => {
    if (match === '$$') return dollarDollar ? '$' : match;
    const name = braced ?? bare!;
    names.push(name);
    const known = lookup(name);
    const empty = known === undefined || known === '';
    switch (operator) {
      case ':-':
        if (!empty) return known;
        return nested(argument ?? '');
      case '-':
        if (known !== undefined) return known;
        return nested(argument ?? '');
      case ':+':
        return empty ? '' : nested(argument ?? '');
      case '+':
        return known === undefined ? '' : nested(argument ?? '');
      default:
        if (known !== undefined) return known;
        unresolved = true;
        return match;
    }
  });
  return { text, unresolved, names };

  function nested(inner: string): string {
    const result = interpolate(inner, lookup, dollarDollar);
    if (result.unresolved) unresolved = true;
    names.push(...result.names);
    return result.text;
  }
}
