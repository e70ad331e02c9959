/** Block scalars (`|`, `>`) for the fast block reader: their lines, values and ranges as the `yaml` package gives them. */
import type { Node } from 'yaml';
import { scalarNode } from './blockNodes';
import { onlyComment, skipSpaces, UNHANDLED } from './blockScalars';

const SPACE = 0x20;
const DASH = 0x2d;

/**
 * A block scalar (`|`, `|-`, `>`, `>-`) whose indicator is at `at`; its lines are those indented more than
 * `parent`. Folded ones are read only without blank lines in front or more-indented lines.
 */
export function blockScalar(t: string, starts: number[], ends: number[], line: number, at: number, parent: number): { node: Node; nextLine: number } {
  const folded = t.charCodeAt(at) === 0x3e;
  const chomp = t.charCodeAt(at + 1);
  const strip = chomp === DASH;
  if (!onlyComment(t, at + (strip ? 2 : 1), ends[line])) throw UNHANDLED;
  const parts: string[] = [];
  let contentIndent = -1;
  let lastContent = -1;
  let l = line + 1;
  for (; l < starts.length; l++) {
    const start = starts[l];
    const lineEnd = ends[l];
    const indent = skipSpaces(t, start, lineEnd);
    if (indent === lineEnd) {
      if (contentIndent < 0 && lineEnd - start > 0) throw UNHANDLED; // leading blank lines with spaces: rare
      parts.push(contentIndent >= 0 && lineEnd - start > contentIndent ? t.slice(start + contentIndent, lineEnd) : '');
      continue;
    }
    const column = indent - start;
    if (contentIndent < 0) {
      if (column <= parent) break;
      contentIndent = column;
    } else if (column < contentIndent) break;
    else if (folded && column > contentIndent) throw UNHANDLED;
    parts.push(t.slice(start + contentIndent, lineEnd));
    lastContent = l;
  }
  const kept = lastContent < 0 ? [] : parts.slice(0, lastContent - line);
  let value = folded ? fold(kept) : kept.join('\n');
  if (!strip && kept.length) value += '\n';
  const valueEnd = lastContent < 0 ? ends[line] : Math.min(t.length, ends[lastContent] + (t.charCodeAt(ends[lastContent]) === 0x0d ? 2 : 1));
  const node = scalarNode(value, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', at, valueEnd);
  return { node, nextLine: lastContent < 0 ? line + 1 : lastContent + 1 };
}


/** Folded lines: a line break between two lines becomes a space; n empty lines between them, n line breaks. */
function fold(lines: string[]): string {
  let value = '';
  let empty = 0;
  for (const part of lines) {
    if (part === '') {
      if (value === '') throw UNHANDLED; // empty lines in front: kept as breaks, rare
      empty++;
    } else if (part.charCodeAt(0) === SPACE) {
      throw UNHANDLED; // more indented: kept as written
    } else {
      if (value !== '') value += empty ? '\n'.repeat(empty) : ' ';
      value += part;
      empty = 0;
    }
  }
  return value;
}
