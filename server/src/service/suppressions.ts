import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileKind } from './types';

/** How a file kind writes a comment that fills a whole line. */
interface CommentSyntax {
  line?: readonly string[];
  block?: ReadonlyArray<readonly [open: string, close: string]>;
}

/** One entry per file kind: adding a kind is one line here. */
const COMMENT_SYNTAX: Record<FileKind, CommentSyntax> = {
  dockerfile: { line: ['#'] },
  maven: { block: [['<!--', '-->']] },
  'gradle-groovy': { line: ['//'], block: [['/*', '*/']] },
  'gradle-kotlin': { line: ['//'], block: [['/*', '*/']] },
  compose: { line: ['#'] },
  kubernetes: { line: ['#'] },
  'github-actions': { line: ['#'] },
  'gitlab-ci': { line: ['#'] },
  skaffold: { line: ['#'] },
  java: { line: ['//'], block: [['/*', '*/']] },
  kotlin: { line: ['//'], block: [['/*', '*/']] },
  groovy: { line: ['//'], block: [['/*', '*/']] },
  'quarkus-properties': { line: ['#', '!'] },
  'quarkus-yaml': { line: ['#'] },
};

const MARKER = 'imageref-ignore';
const DIRECTIVE = /^imageref-ignore(?:\s+(.*))?$/;

/**
 * Drop the diagnostics an inline suppression covers: a comment alone on the line above the line a diagnostic is
 * reported on, `imageref-ignore` followed by the codes it silences (separated by spaces or commas), or by nothing
 * to silence every code. `# imageref-ignore unpinned`, `<!-- imageref-ignore latest-tag -->`, `// imageref-ignore`.
 */
export function withoutSuppressed(document: TextDocument, kind: FileKind, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0 || !document.getText().includes(MARKER)) return diagnostics;
  const syntax = COMMENT_SYNTAX[kind];
  const byLine = new Map<number, Set<string> | 'all' | undefined>();
  const suppressionAbove = (line: number) => {
    if (!byLine.has(line)) byLine.set(line, line < 1 ? undefined : parseSuppression(lineText(document, line - 1), syntax));
    return byLine.get(line);
  };
  return diagnostics.filter((d) => {
    const suppression = suppressionAbove(d.range.start.line);
    return !(suppression === 'all' || suppression?.has(String(d.code)));
  });
}

/** The codes a comment line silences, `all`, or undefined when the line is not an `imageref-ignore` comment. */
export function parseSuppression(text: string, syntax: CommentSyntax): Set<string> | 'all' | undefined {
  const body = commentBody(text.trim(), syntax);
  const match = body === undefined ? null : DIRECTIVE.exec(body.trim());
  if (!match) return undefined;
  const codes = (match[1] ?? '').split(/[\s,]+/).filter(Boolean);
  return codes.length ? new Set(codes) : 'all';
}

function commentBody(line: string, syntax: CommentSyntax): string | undefined {
  for (const prefix of syntax.line ?? []) if (line.startsWith(prefix)) return line.slice(prefix.length);
  for (const [open, close] of syntax.block ?? []) {
    if (line.startsWith(open) && line.endsWith(close) && line.length >= open.length + close.length) return line.slice(open.length, line.length - close.length);
  }
  return undefined;
}

function lineText(document: TextDocument, line: number): string {
  return document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
}
