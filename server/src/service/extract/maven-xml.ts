/**
 * XML access for pom.xml files on top of @xml-tools (error tolerant, with offsets). Broken input still gives a tree:
 * @xml-tools' AST, repaired where an element was left unclosed (see maven-xml-repair.ts).
 */
import { parse, DocumentCstNode } from '@xml-tools/parser';
import { buildAst, XMLElement } from '@xml-tools/ast';
import type { ExtractionProblem } from '../types';
import { xmlProblems } from './maven-xml-problems';
import { repairedTree } from './maven-xml-repair';

/** An element of the repaired tree; `node` is the @xml-tools element with the source positions. */
export interface PomElement {
  name: string | null;
  node: XMLElement;
  parent?: PomElement;
  children: PomElement[];
}

export interface ParsedPom {
  root: PomElement | undefined;
  problems: ExtractionProblem[];
}

export function parsePom(text: string): ParsedPom {
  try {
    const open = unterminatedSection(text);
    const parsed = open ? blankFrom(text, open.span.start) : text;
    const { cst, lexErrors, parseErrors, tokenVector } = parse(parsed);
    const rootNode = buildAst(cst as DocumentCstNode, tokenVector).rootElement ?? undefined;
    const root = rootNode && repairedTree(parsed, rootNode);
    const problems = xmlProblems(parsed, rootNode, lexErrors, parseErrors);
    // Elements left open by the unterminated section are a consequence of it.
    return { root, problems: open ? [...problems.filter((p) => p.span.start < open.span.start), open] : problems };
  } catch (error) {
    // Never expected, but a build file must never make the extractor throw.
    const message = `XML: could not be parsed (${String(error)})`;
    return { root: undefined, problems: [{ span: { start: 0, end: 0 }, message }] };
  }
}

/**
 * An unterminated `<!--` or `<![CDATA[` makes the rest of the document a comment or character data. @xml-tools
 * instead drops a few tokens and parses on, so commented-out plugins would come back to life; the rest of the
 * document is blanked (offsets and lines kept) before parsing.
 */
function unterminatedSection(text: string): ExtractionProblem | undefined {
  const sections = [
    { opener: '<!--', closer: '-->', message: 'XML: comment is not closed (missing -->)' },
    { opener: '<![CDATA[', closer: ']]>', message: 'XML: CDATA section is not closed (missing ]]>)' },
  ];
  for (let i = text.indexOf('<!'); i >= 0; i = text.indexOf('<!', i + 2)) {
    const section = sections.find((s) => text.startsWith(s.opener, i));
    if (!section) continue;
    const end = text.indexOf(section.closer, i + section.opener.length);
    if (end < 0) return { span: { start: i, end: i + section.opener.length }, message: section.message };
    i = end;
  }
  return undefined;
}

function blankFrom(text: string, start: number): string {
  return text.slice(0, start) + text.slice(start).replace(/[^\r\n]/g, ' ');
}

/** Depth-first, document order of the repaired tree. */
export function* allElements(element: PomElement): Generator<PomElement> {
  yield element;
  for (const child of element.children) yield* allElements(child);
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
