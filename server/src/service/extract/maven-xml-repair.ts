/**
 * Repairing @xml-tools' tree of a pom where an element was left unclosed.
 *
 * @xml-tools accepts any closing tag name: in `<from><image>x</from><to>…</to></configuration>` the `</from>` closes
 * `<image>`, `<to>` lands inside `<from>`, and `</configuration>` closes `<from>`. The tree is rebuilt the way the
 * author meant it: an element whose child took its closing tag ends at that tag, and its later children move up.
 */
import type { XMLElement } from '@xml-tools/ast';
import { tookParentsClosingTag } from './maven-xml-problems';
import type { PomElement } from './maven-xml';

export function repairedTree(text: string, rootNode: XMLElement): PomElement {
  /**
   * Places `nodes` (in document order) as children of `element` and returns the nodes that lie after `element`'s
   * real end: they come after a child that took `element`'s closing tag, and belong to `element`'s parent.
   */
  const placeNodes = (element: PomElement, nodes: readonly XMLElement[]): XMLElement[] => {
    const queue = [...nodes];
    for (let node = queue.shift(); node; node = queue.shift()) {
      const child = pomElement(node);
      adopt(element, child);
      const [inside, after] = splitUnclosed(text, node, element.node);
      // Nodes after the child's real end are the child's later siblings.
      const siblings = [...placeNodes(child, inside), ...after];
      if (tookParentsClosingTag(node, element.node)) {
        // The siblings still lie before the closing tag that ends `element`.
        return [...placeNodes(element, siblings), ...queue];
      }
      queue.unshift(...siblings);
    }
    return [];
  };

  const root = pomElement(rootNode);
  // Elements after the root's real end (trailing garbage) still hold information; keep them under the root.
  placeNodes(root, placeNodes(root, rootNode.subElements));
  return root;
}

/**
 * Where an element that was never closed ends is unknown; it is guessed from the indentation: its first child that
 * starts a later line no deeper than the element's own tag is its next sibling (`<from>` without `</from>` before
 * `<to>`). Only for an element that begins its line and is itself unclosed, not one that lost its closing tag to an
 * unclosed child.
 */
function splitUnclosed(
  text: string,
  node: XMLElement,
  parent: XMLElement,
): [inside: XMLElement[], after: XMLElement[]] {
  const all = node.subElements;
  const { closeBody, isSelfClosing } = node.syntax;
  const unclosed = tookParentsClosingTag(node, parent) || (!closeBody && !isSelfClosing);
  if (!unclosed || all.some((c) => tookParentsClosingTag(c, node)) || !beginsLine(text, node)) return [all, []];
  const { startLine, startColumn } = node.position;
  const index = all.findIndex((c) => c.position.startLine > startLine && c.position.startColumn <= startColumn);
  return index < 0 ? [all, []] : [all.slice(0, index), all.slice(index)];
}

function beginsLine(text: string, node: XMLElement): boolean {
  const lineStart = text.lastIndexOf('\n', node.position.startOffset - 1) + 1;
  return text.slice(lineStart, node.position.startOffset).trim() === '';
}

function pomElement(node: XMLElement): PomElement {
  return { name: node.name, node, children: [] };
}

function adopt(parent: PomElement, child: PomElement): void {
  child.parent = parent;
  parent.children.push(child);
}
