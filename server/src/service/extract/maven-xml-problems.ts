/**
 * One problem per XML error, with messages people can act on. @xml-tools reports lexer and parser errors (errors at
 * the end of input carry NaN offsets) but accepts any closing tag name, so mismatched tags are found here.
 */
import type { XMLElement } from '@xml-tools/ast';
import type { parse } from '@xml-tools/parser';
import type { ExtractionProblem, Span } from '../types';

type ParseOutput = ReturnType<typeof parse>;
type LexError = ParseOutput['lexErrors'][number];
type ParseError = ParseOutput['parseErrors'][number];

const TOKEN_NAMES: Record<string, string> = {
  OPEN: "'<'",
  CLOSE: "'>'",
  SLASH_OPEN: "'</'",
  SLASH_CLOSE: "'/>'",
  EQUALS: "'='",
  STRING: 'a quoted attribute value',
  Name: 'a name',
};

export function xmlProblems(
  text: string,
  root: XMLElement | undefined,
  lexErrors: LexError[],
  parseErrors: ParseError[],
): ExtractionProblem[] {
  const problems = [
    ...lexErrors.map((error) => lexProblem(text, error)),
    ...parseErrors.flatMap((error) => parseProblem(text, error, root)),
    ...(root ? closingTagProblems(root) : []),
  ];
  return withoutCascades(text, problems.sort((a, b) => a.span.start - b.span.start));
}

/**
 * One mistake inside a tag (typically an unterminated attribute value) makes the parser report an error at every
 * following token up to the tag's `>`; only the first is kept.
 */
function withoutCascades(text: string, problems: ExtractionProblem[]): ExtractionProblem[] {
  const kept: ExtractionProblem[] = [];
  for (const problem of problems) {
    const previous = kept[kept.length - 1];
    const sameTag =
      previous !== undefined &&
      insideTag(text, previous.span.start) &&
      !text.slice(previous.span.start, problem.span.start).includes('>');
    if (!sameTag) kept.push(problem);
  }
  return kept;
}

function insideTag(text: string, offset: number): boolean {
  return text.lastIndexOf('<', offset) > text.lastIndexOf('>', offset - 1);
}

function lexProblem(text: string, error: LexError): ExtractionProblem {
  const span = clampSpan(text, error.offset, error.offset + Math.max(error.length ?? 1, 1));
  const character = /->(.+?)<-/s.exec(error.message)?.[1];
  const message = character !== undefined ? `unexpected character '${character}'` : oneLine(error.message);
  return { span, message: `XML: ${message}` };
}

function parseProblem(text: string, error: ParseError, root: XMLElement | undefined): ExtractionProblem[] {
  const { startOffset, endOffset } = error.token;
  if (!Number.isNaN(startOffset)) {
    const span = clampSpan(text, startOffset, (endOffset ?? startOffset) + 1);
    return [{ span, message: `XML: ${friendlyMessage(error.message)}` }];
  }
  const end = { start: text.length, end: text.length };
  if (!root) return [{ span: end, message: 'XML: no root element' }];
  const unclosed = lastUnclosed(root);
  // An element whose closing tag a child took is already reported as that child's missing closing tag.
  if (unclosed && unclosed.subElements.some((child) => tookParentsClosingTag(child, unclosed))) return [];
  const detail = unclosed?.name ? `: <${unclosed.name}> is not closed` : '';
  return [{ span: end, message: `XML: unexpected end of document${detail}` }];
}

function closingTagProblems(root: XMLElement): ExtractionProblem[] {
  const problems: ExtractionProblem[] = [];
  for (const element of nodes(root)) {
    const open = element.syntax.openName;
    const close = element.syntax.closeName;
    if (!open || !close || open.image === close.image) continue;
    if (element.subElements.some((child) => tookParentsClosingTag(child, element))) continue; // a consequence
    if (hasAncestorNamed(element, close.image)) {
      problems.push({ span: tokenSpan(open), message: `XML: <${open.image}> is not closed (found </${close.image}>)` });
    } else {
      const message = `XML: closing tag </${close.image}> does not match <${open.image}>`;
      problems.push({ span: tokenSpan(close), message });
    }
  }
  return problems;
}

/** True when `child` took `parent`'s closing tag, i.e. `child` itself was never closed. */
export function tookParentsClosingTag(child: XMLElement, parent: XMLElement): boolean {
  const close = child.syntax.closeName?.image;
  return close !== undefined && close !== child.syntax.openName?.image && close === parent.syntax.openName?.image;
}

function friendlyMessage(message: string): string {
  const mismatch = /Expecting token of type --> (\w+) <-- but found --> '(.*)' <--/s.exec(message);
  if (mismatch) return `expected ${TOKEN_NAMES[mismatch[1]] ?? mismatch[1]} but found '${mismatch[2]}'`;
  const alternatives = /one of these possible Token sequences:(.*)but found: '(.*)'/s.exec(message);
  if (alternatives) {
    const expected = [...alternatives[1].matchAll(/\[(\w+)\]/g)].map((m) => TOKEN_NAMES[m[1]] ?? m[1]);
    return `expected ${[...new Set(expected)].join(' or ')} but found '${alternatives[2]}'`;
  }
  return oneLine(message);
}

function lastUnclosed(root: XMLElement): XMLElement | undefined {
  let last: XMLElement | undefined;
  for (const element of nodes(root)) {
    const { openBody, closeBody, isSelfClosing } = element.syntax;
    if (openBody && !closeBody && !isSelfClosing) last = element;
  }
  return last;
}

function hasAncestorNamed(element: XMLElement, name: string): boolean {
  for (let parent = element.parent; parent.type === 'XMLElement'; parent = parent.parent) {
    if (parent.name === name) return true;
  }
  return false;
}

function* nodes(element: XMLElement): Generator<XMLElement> {
  yield element;
  for (const child of element.subElements) yield* nodes(child);
}

function tokenSpan(token: { startOffset: number; endOffset: number }): Span {
  return { start: token.startOffset, end: token.endOffset + 1 };
}

function clampSpan(text: string, start: number, end: number): Span {
  const s = Math.min(Math.max(start, 0), text.length);
  return { start: s, end: Math.min(Math.max(end, s), text.length) };
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
