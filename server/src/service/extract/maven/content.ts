/**
 * The text content of an element with exact offsets.
 *
 * The content is decoded here from the raw document text: CDATA is unwrapped, comments and processing instructions are
 * skipped, entities are decoded, and every decoded character remembers the source range it came from.
 */
import type { Span } from '../../types';
import type { PomElement } from './pom';

export interface ElementValue {
  /** Decoded, trimmed text. */
  value: string;
  /** Source range of `value` (whitespace excluded). */
  span: Span;
  /** The document text at `span` is exactly `value` (no entity, comment or CDATA boundary inside). */
  literal: boolean;
}

interface DecodedChar {
  char: string;
  start: number;
  end: number;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The element's text, or undefined when it has none (self-closing, empty, whitespace only, broken open tag). */
export function elementValue(text: string, element: PomElement | undefined): ElementValue | undefined {
  const range = element && contentRange(element);
  if (!range) return undefined;
  const plain = plainValue(text, range.start, range.end);
  if (plain !== null) return plain;
  const chars = decodeContent(text, range.start, range.end);
  if (!chars) return undefined;
  const first = chars.findIndex((c) => !isXmlSpace(c.char));
  if (first < 0) return undefined;
  let last = chars.length - 1;
  while (isXmlSpace(chars[last].char)) last--;
  const kept = chars.slice(first, last + 1);
  const value = kept.map((c) => c.char).join('');
  const span = { start: kept[0].start, end: kept[kept.length - 1].end };
  return { value, span, literal: text.slice(span.start, span.end) === value };
}

/**
 * The common case without any markup or reference in the content (no `<`, no `&`): the trimmed text as written, or
 * undefined when it is whitespace only. Null when the content needs decoding.
 */
function plainValue(text: string, start: number, end: number): ElementValue | undefined | null {
  let first = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 || c === 38) return null; // < &
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return undefined;
  return { value: text.slice(first, last + 1), span: { start: first, end: last + 1 }, literal: true };
}

/** Raw content: after the open tag, up to the first child element or the closing tag (or the end when unclosed). */
function contentRange(element: PomElement): Span | undefined {
  const { openEnd: start, selfClosing } = element;
  if (start === undefined || selfClosing) return undefined;
  const end = element.children[0]?.start ?? element.closeStart ?? element.end;
  return end > start ? { start, end } : undefined;
}

/** Undefined for an unterminated CDATA section: the value is still being written (and the section is a problem). */
function decodeContent(text: string, start: number, end: number): DecodedChar[] | undefined {
  const out: DecodedChar[] = [];
  let i = start;
  while (i < end) {
    if (text.startsWith('<!--', i)) {
      i = skipPast(text, i, '-->', end);
    } else if (text.startsWith('<![CDATA[', i)) {
      const contentEnd = text.indexOf(']]>', i + 9);
      if (contentEnd < 0 || contentEnd + 3 > end) return undefined;
      for (let j = i + 9; j < contentEnd; j++) out.push({ char: text[j], start: j, end: j + 1 });
      i = contentEnd + 3;
    } else if (text.startsWith('<?', i)) {
      i = skipPast(text, i, '?>', end);
    } else if (text[i] === '&') {
      i = decodeEntity(text, i, end, out);
    } else {
      out.push({ char: text[i], start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** Decodes `&name;` / `&#N;` / `&#xN;` at `i`; an unknown or unterminated one is kept as written. */
function decodeEntity(text: string, i: number, end: number, out: DecodedChar[]): number {
  const match = /^&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/.exec(text.slice(i, Math.min(end, i + 40)));
  const decoded = match ? decodeEntityName(match[1]) : undefined;
  if (!match || decoded === undefined) {
    out.push({ char: '&', start: i, end: i + 1 });
    return i + 1;
  }
  const entityEnd = i + match[0].length;
  for (const char of decoded) out.push({ char, start: i, end: entityEnd });
  return entityEnd;
}

function decodeEntityName(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[name];
}

function skipPast(text: string, i: number, terminator: string, end: number): number {
  return Math.min(indexOrEnd(text, terminator, i, end) + terminator.length, end);
}

function indexOrEnd(text: string, needle: string, from: number, end: number): number {
  const index = text.indexOf(needle, from);
  return index < 0 || index + needle.length > end ? end : index;
}

function isXmlSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
