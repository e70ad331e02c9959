/**
 * Reads a gradle.properties file (java.util.Properties text format): `key=value`, `key: value`,
 * `key value`, comments starting with `#` or `!`, lines continued by a trailing backslash, escapes.
 */

/** Parses properties; a later key replaces an earlier one. */
export function readGradleProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const [key, value] = splitKeyValue(line);
    if (key !== '') properties.set(key, value);
  }
  return properties;
}

/** Lines with comments and blank lines removed and continuation lines joined (escapes still encoded). */
function logicalLines(text: string): string[] {
  const physical = text.split(/\r\n|\r|\n/);
  const lines: string[] = [];
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line[0] === '#' || line[0] === '!') continue;
    while (endsWithContinuation(line) && i + 1 < physical.length) {
      line = line.slice(0, -1) + physical[++i].replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    lines.push(line);
  }
  return lines;
}

/** An odd number of trailing backslashes continues the line (`\\` is an escaped backslash). */
function endsWithContinuation(line: string): boolean {
  const trailing = /\\*$/.exec(line)![0].length;
  return trailing % 2 === 1;
}

/** The key ends at the first unescaped `=`, `:` or whitespace; one separator and whitespace around it follow. */
function splitKeyValue(line: string): [string, string] {
  let end = 0;
  while (end < line.length && !'=: \t\f'.includes(line[end])) end += line[end] === '\\' ? 2 : 1;
  end = Math.min(end, line.length);
  let valueStart = end;
  while (valueStart < line.length && ' \t\f'.includes(line[valueStart])) valueStart++;
  if (valueStart < line.length && '=:'.includes(line[valueStart])) valueStart++;
  while (valueStart < line.length && ' \t\f'.includes(line[valueStart])) valueStart++;
  return [unescape(line.slice(0, end)), unescape(line.slice(valueStart))];
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ESCAPES[escape] ?? escape;
  });
}
