import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
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
  return rangeIn(document.getText(), span, document);
}

/**
 * rangeOf for many spans of one text (a large file's diagnostics): positions from a table of line starts found with
 * indexOf, not from TextDocument's table, which it builds a character at a time (a tenth of a CLI run on 11,000
 * diagnostics of a 21,000-line file, mostly before V8 optimises it). A text with `\r` keeps TextDocument's rules.
 * For a few spans TextDocument is cheaper: it keeps its table up to date as the document is edited.
 */
export function rangesOf(document: TextDocument): (span: Span) => Range {
  const text = document.getText();
  if (text.includes('\r')) return (span) => rangeOf(document, span);
  const lines = LineStarts.of(text);
  return (span) => rangeIn(text, span, lines);
}

function rangeIn(text: string, span: Span, positions: { positionAt(offset: number): Position }): Range {
  const start = clamp(span.start, text.length);
  const end = clamp(Math.max(span.start, span.end), text.length);
  const startPosition = positions.positionAt(start);
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || c === CR) return { start: startPosition, end: positions.positionAt(end) };
  }
  return { start: startPosition, end: { line: startPosition.line, character: startPosition.character + (end - start) } };
}

const LF = 0x0a;
const CR = 0x0d;

function clamp(n: number, length: number): number {
  return n < 0 ? 0 : n > length ? length : n;
}

/** Where the lines of a text without `\r` start: TextDocument.positionAt's answers. */
class LineStarts {
  private hint = 0;

  private constructor(private readonly starts: Int32Array) {}

  static of(text: string): LineStarts {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    return new LineStarts(starts);
  }

  positionAt(offset: number): Position {
    const starts = this.starts;
    // Diagnostics come mostly in document order: try the line found last, and the next one, before searching.
    let line = this.hint;
    if (!isOn(starts, line, offset)) {
      line++;
      if (!isOn(starts, line, offset)) {
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

/** Whether `offset` is on line `line` of the table. */
function isOn(starts: Int32Array, line: number, offset: number): boolean {
  return line < starts.length && starts[line] <= offset && (line + 1 === starts.length || starts[line + 1] > offset);
}
