/**
 * The variables of a Compose `.env` file: `KEY=value`, `export KEY=value`, quoted values, `#` comments. Compose
 * substitutes `${VAR}` in the file from these (the shell environment is not read: it differs from one run to
 * another, and a problem that depends on it would come and go).
 */
export function readDotEnv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) continue;
    values.set(match[1], unquote(match[2]));
  }
  return values;
}

function unquote(value: string): string {
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const close = value.indexOf(quote, 1);
    if (close > 0) return value.slice(1, close);
  }
  return value.replace(/\s+#.*$/, '').trim();
}
