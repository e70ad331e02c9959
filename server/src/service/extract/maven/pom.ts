/**
 * XML access for pom.xml files on top of the error-tolerant scanner of xmlScanner.ts: broken input still gives a
 * tree (elements left unclosed are ended where the closing tags and the indentation say) and one problem per error.
 */
import type { ExtractionProblem } from '../../types';
import { XmlElement, scanXml } from './xmlScanner';

/**
 * An element of the pom with its source offsets: `openEnd` (after the open tag), `closeStart` (its closing tag),
 * `end`, `selfClosing` (see XmlElement).
 */
export type PomElement = XmlElement;

export interface ParsedPom {
  root: PomElement | undefined;
  problems: ExtractionProblem[];
}

export function parsePom(text: string): ParsedPom {
  try {
    const { elements, problems } = scanXml(text);
    const [root, ...after] = elements;
    // Elements after the root element (trailing garbage, or a root closed too early) still hold information: they
    // are kept under the root. They are reported by the scanner.
    for (const element of after) {
      element.parent = root;
      root.children.push(element);
    }
    return { root, problems };
  } catch (error) {
    // Never expected, but a build file must never make the extractor throw.
    const message = `XML: could not be parsed (${String(error)})`;
    return { root: undefined, problems: [{ span: { start: 0, end: 0 }, message }] };
  }
}

/** Depth-first, document order (iterative: any nesting depth). */
export function* allElements(element: PomElement): Generator<PomElement> {
  const pending: PomElement[] = [element];
  for (let next = pending.pop(); next; next = pending.pop()) {
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i]);
  }
}

export function children(element: PomElement | undefined, name: string): PomElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}

export function child(element: PomElement | undefined, name: string): PomElement | undefined {
  return element?.children.find((sub) => sub.name === name);
}

/** Follows a path of child names, taking the first match at each step. */
export function descend(element: PomElement | undefined, ...names: string[]): PomElement | undefined {
  return names.reduce<PomElement | undefined>((current, name) => child(current, name), element);
}

/** The nearest ancestor element with the given name. */
export function ancestor(element: PomElement, name: string): PomElement | undefined {
  for (let parent = element.parent; parent; parent = parent.parent) {
    if (parent.name === name) return parent;
  }
  return undefined;
}
