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

/** The LSP range of a span, clamped to the document (a span from an older text never points outside it). */
export function rangeOf(document: TextDocument, span: Span): Range {
  const length = document.getText().length;
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  return { start: document.positionAt(clamp(span.start)), end: document.positionAt(clamp(Math.max(span.start, span.end))) };
}
