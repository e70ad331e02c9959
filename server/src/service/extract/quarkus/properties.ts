/**
 * Entries of a Java properties file with exact value spans: `key=value`, `key: value`, `key value`, `#` and `!`
 * comments, backslash continuations and escapes. A value is editable in place when its source text is its value
 * (no escape, no continuation).
 */
import type { Span } from '../../types';
import type { ConfigEntry } from './entries';

export function readProperties(text: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const lines = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let logical = '';
  let start = -1;
  let segments: Array<{ from: number; text: string }> = [];
  for (let match = lines.exec(text); match && match[0] !== ''; match = lines.exec(text)) {
    const lineStart = match.index;
    const line = match[0].replace(/[\r\n]+$/, '');
    const body = logical === '' ? line.replace(/^[ \t\f]+/, '') : line.replace(/^[ \t\f]+/, '');
    const offset = lineStart + line.length - body.length;
    if (logical === '' && (body === '' || body[0] === '#' || body[0] === '!')) continue;
    if (start < 0) start = offset;
    const continued = /(^|[^\\])(\\\\)*\\$/.test(body);
    const piece = continued ? body.slice(0, -1) : body;
    segments.push({ from: offset, text: piece });
    logical += piece;
    if (continued) continue;
    const entry = entryOf(segments, start);
    if (entry) entries.push(entry);
    logical = '';
    start = -1;
    segments = [];
  }
  return entries;
}

function entryOf(segments: Array<{ from: number; text: string }>, start: number): ConfigEntry | undefined {
  const first = segments[0].text;
  const keyMatch = /^((?:\\.|[^=:\s\\])+)[ \t\f]*(?:[=:][ \t\f]*)?/.exec(first);
  if (!keyMatch) return undefined;
  const key = unescape(keyMatch[1]);
  const valueStart = start + keyMatch[0].length;
  const raw = segments.map((s, i) => (i === 0 ? s.text.slice(keyMatch[0].length) : s.text)).join('');
  const value = unescape(raw);
  const single = segments.length === 1;
  const trimmedEnd = valueStart + raw.replace(/[ \t\f]+$/, '').length;
  const span: Span = { start: valueStart, end: single ? trimmedEnd : segments[segments.length - 1].from + segments[segments.length - 1].text.length };
  return { key, value: value.replace(/[ \t\f]+$/, ''), span, editable: single && !raw.includes('\\') };
}

function unescape(value: string): string {
  return value.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[c] ?? c;
  });
}
