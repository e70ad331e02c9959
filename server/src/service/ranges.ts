import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { AnalyzedReference } from './analysis';
import type { Span } from './types';

/** Map a span inside the parsed body to document offsets; the whole reference when it is not editable. */
export function documentSpan(reference: AnalyzedReference, bodySpan: Span): Span {
  if (reference.bodyStart === undefined) return reference.ref.span;
  return { start: reference.bodyStart + bodySpan.start, end: reference.bodyStart + bodySpan.end };
}

/** The span of the reference proper (without scheme) in the document. */
export function bodySpan(reference: AnalyzedReference): Span {
  return documentSpan(reference, { start: 0, end: reference.body.length });
}

/**
 * The LSP range of a span, clamped to the document (a span from an older text never points outside it). A span
 * with no line break in it (nearly all) ends on its start's line: one line look-up instead of two.
 */
export function rangeOf(document: TextDocument, span: Span): Range {
  const text = document.getText();
  const start = clamp(span.start, text.length);
  const end = clamp(Math.max(span.start, span.end), text.length);
  const startPosition = document.positionAt(start);
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || c === CR) return { start: startPosition, end: document.positionAt(end) };
  }
  return { start: startPosition, end: { line: startPosition.line, character: startPosition.character + (end - start) } };
}

const LF = 0x0a;
const CR = 0x0d;

function clamp(n: number, length: number): number {
  return n < 0 ? 0 : n > length ? length : n;
}
