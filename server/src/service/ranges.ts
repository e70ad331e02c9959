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
  const lines = lineStartsOf(document, text);
  const startPosition = lines ? lines.positionAt(start) : document.positionAt(start);
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || c === CR) return { start: startPosition, end: lines ? lines.positionAt(end) : document.positionAt(end) };
  }
  return { start: startPosition, end: { line: startPosition.line, character: startPosition.character + (end - start) } };
}

const LF = 0x0a;
const CR = 0x0d;

function clamp(n: number, length: number): number {
  return n < 0 ? 0 : n > length ? length : n;
}

/**
 * Where the lines of a text without `\r` start, found with indexOf: what TextDocument.positionAt answers, without its
 * table of line offsets, which it builds a character at a time (a tenth of a short CLI run on 11,000 diagnostics of
 * a 21,000-line file, mostly before V8 optimises it). One per document text, dropped with the document.
 */
class LineStarts {
  private hint = 0;

  constructor(private readonly starts: Int32Array) {}

  static of(text: string): LineStarts {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return new LineStarts(starts);
  }

  positionAt(offset: number): { line: number; character: number } {
    const starts = this.starts;
    // Diagnostics come mostly in document order: try the line found last, and the next one, before searching.
    let line = this.hint;
    if (!(starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset))) {
      line++;
      if (!(line < starts.length && starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset))) {
        let low = 0;
        let high = starts.length;
        while (low < high) {
          const mid = (low + high) >>> 1;
          if (starts[mid] > offset) high = mid;
          else low = mid + 1;
        }
        line = low - 1;
      }
    }
    this.hint = line;
    return { line, character: offset - starts[line] };
  }
}

const lineStarts = new WeakMap<TextDocument, { text: string; lines: LineStarts | null }>();

/** The line starts of the document's current text, or null when it has a `\r` (then TextDocument's rules apply). */
function lineStartsOf(document: TextDocument, text: string): LineStarts | null {
  const known = lineStarts.get(document);
  if (known !== undefined && known.text === text) return known.lines;
  const lines = text.includes('\r') ? null : LineStarts.of(text);
  lineStarts.set(document, { text, lines });
  return lines;
}
