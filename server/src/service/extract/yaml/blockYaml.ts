/**
 * A fast reader of the block-style YAML that build files are written in: mappings and sequences by indentation,
 * one-line plain and quoted scalars, one-line flow collections (flowLine.ts), literal and plain folded block scalars
 * (blockText.ts), anchors and aliases, comments and `---`. It builds nodes the `yaml` package's tests recognise
 * (blockNodes.ts), with the values and ranges that package gives, 10–40 times faster than it on 5,000-line files (it
 * was >80 % of a keystroke there). Anything else (tags, `?` keys, directives, tabs, multi-line plain or quoted
 * scalars, anything that is not valid YAML) returns undefined, and the caller uses the `yaml` package: the fast path
 * never has to guess.
 */import type { Alias, Node, YAMLMap, YAMLSeq } from 'yaml';
import { aliasNode, mapNode, pairNode, scalarNode, seqNode } from './blockNodes';
import { onlyComment, plainValue, quotedScalar, skipSpaces, UNHANDLED } from './blockScalars';
import { blockScalar } from './blockText';
import { flowCollection } from './flowLine';

export interface BlockDocument {
  contents: Node | null;
  errors: never[];
  warnings: never[];
}

/** The documents of `text`, or undefined when it is not in the subset this reader knows. */
export function parseBlockYaml(text: string): BlockDocument[] | undefined {
  if (text.includes('\t') || text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text)) return undefined;
  try {
    return new BlockReader(text).documents();
  } catch (error) {
    if (error === UNHANDLED) return undefined;
    throw error;
  }
}

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;

class BlockReader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private line = 0;
  /** The node each anchor names, as far as the reader has come (an alias names the last one before it). */
  private readonly anchors = new Map<string, { node: Node; definition: number }>();
  private definitions = 0;
  /** Anchors whose nodes are being read: an alias to one of them would be a cycle. */
  private readonly open = new Set<string>();

  constructor(private readonly text: string) {
    for (let start = 0; start < text.length || start === 0; ) {
      const newline = text.indexOf('\n', start);
      const next = newline < 0 ? text.length : newline + 1;
      let end = newline < 0 ? text.length : newline;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      const indent = skipSpaces(text, start, end);
      this.starts.push(start);
      this.ends.push(end);
      // Blank and comment-only lines have no indentation that counts: -1.
      this.indents.push(indent === end || text.charCodeAt(indent) === HASH ? -1 : indent - start);
      if (newline < 0) break;
      start = next;
    }
  }

  documents(): BlockDocument[] {
    const documents: BlockDocument[] = [];
    let explicit = false;
    while (this.skipEmpty()) {
      const start = this.starts[this.line];
      if (this.atDocumentEdge(this.line) && this.isMarker(start, 0x2d)) {
        if (!onlyComment(this.text, start + 3, this.ends[this.line])) throw UNHANDLED;
        if (explicit) documents.push(emptyDocument());
        explicit = true;
        this.line++;
        continue;
      }
      const c = this.text.charCodeAt(start);
      if (c === 0x25 /* % */ || this.isMarker(start, 0x2e)) throw UNHANDLED;
      if (this.indents[this.line] !== 0) throw UNHANDLED;
      this.anchors.clear();
      this.open.clear();
      const contents = this.node(this.line, start, -1);
      if (contents.kind === 'scalar') throw UNHANDLED; // a document that is one scalar: not a build file
      documents.push({ contents: contents.node, errors: [], warnings: [] });
      explicit = false;
      if (this.skipEmpty() && !this.atDocumentEdge(this.line)) throw UNHANDLED;
    }
    if (explicit) documents.push(emptyDocument());
    return documents;
  }

  /** Moves to the next line with content; false at the end. */
  private skipEmpty(): boolean {
    while (this.line < this.starts.length && this.indents[this.line] < 0) this.line++;
    return this.line < this.starts.length;
  }

  /** A `---` or `...` line, which ends every node of the document. */
  private atDocumentEdge(line: number): boolean {
    const start = this.starts[line];
    return this.indents[line] === 0 && (this.isMarker(start, 0x2d) || this.isMarker(start, 0x2e));
  }

  private isMarker(start: number, c: number): boolean {
    const t = this.text;
    if (t.charCodeAt(start) !== c || t.charCodeAt(start + 1) !== c || t.charCodeAt(start + 2) !== c) return false;
    const after = start + 3 < t.length ? t.charCodeAt(start + 3) : 0x0a;
    return after === SPACE || after === 0x0a || after === 0x0d;
  }

  /**
   * The node whose first character is at `at` on line `line`, inside a parent of indentation `parent` (-1 at the
   * root). Leaves `this.line` at the first line after it.
   */
  private node(line: number, at: number, parent: number): { node: Node; kind: 'block' | 'scalar' } {
    const t = this.text;
    const column = at - this.starts[line];
    if (column <= parent) throw UNHANDLED;
    const c = t.charCodeAt(at);
    const next = at + 1 < this.ends[line] ? t.charCodeAt(at + 1) : SPACE;
    if (c === DASH && next === SPACE) return { node: this.sequence(line, at, column), kind: 'block' };
    const colon = this.keyEnd(line, at);
    if (colon >= 0) return { node: this.mapping(line, at, column, colon), kind: 'block' };
    const node = this.inlineValue(line, at, parent);
    return { node, kind: 'scalar' };
  }

  private sequence(line: number, at: number, indent: number): YAMLSeq {
    const seq = seqNode();
    let dash = at;
    for (;;) {
      const end = this.ends[line];
      const i = skipSpaces(this.text, dash + 1, end);
      seq.items.push(this.anchored(line, i, indent, dash + 1, false, (at) => this.node(line, at, indent).node));
      if (!this.skipEmpty()) break;
      line = this.line;
      const start = this.starts[line];
      if (this.indents[line] > indent) throw UNHANDLED;
      if (this.indents[line] < indent || this.atDocumentEdge(line) || !this.isDash(start + indent, this.ends[line])) break;
      dash = start + indent;
    }
    return seq;
  }

  /** The mapping whose first key starts at `at` and ends at the colon `firstColon`. */
  private mapping(line: number, at: number, indent: number, firstColon: number): YAMLMap {
    const map = mapNode();
    let keyStart = at;
    for (;;) {
      const colon = keyStart === at ? firstColon : this.keyEnd(line, keyStart);
      if (colon < 0) throw UNHANDLED;
      const key = this.key(keyStart, colon);
      const end = this.ends[line];
      const i = skipSpaces(this.text, colon + 1, end);
      const value = this.anchored(line, i, indent, colon + 1, true, (at) => this.inlineValue(line, at, indent));
      map.items.push(pairNode(key, value));
      if (!this.skipEmpty()) break;
      line = this.line;
      if (this.indents[line] > indent) throw UNHANDLED;
      if (this.indents[line] < indent || this.atDocumentEdge(line)) break;
      keyStart = this.starts[line] + indent;
      if (this.isDash(keyStart, this.ends[line])) break; // the compact sequence of a parent key, or not YAML
    }
    return map;
  }

  /**
   * The value of a key or dash, which starts at `at` on `line` or, when the line ends there, on the lines below; an
   * anchor (`&name`) in front of it is recorded for the aliases after it.
   */
  private anchored(line: number, at: number, indent: number, nullAt: number, compact: boolean, inline: (at: number) => Node): Node {
    const t = this.text;
    const end = this.ends[line];
    let anchor: string | undefined;
    if (t.charCodeAt(at) === 0x26 /* & */) {
      const nameEnd = anchorNameEnd(t, at + 1, end);
      anchor = t.slice(at + 1, nameEnd);
      at = skipSpaces(t, nameEnd, end);
      if (at < end && t.charCodeAt(at) !== HASH && this.keyEnd(line, at) >= 0) throw UNHANDLED; // an anchored key
    }
    const mark = this.definitions;
    if (anchor !== undefined) this.open.add(anchor);
    let node: Node;
    if (at === end || (t.charCodeAt(at) === HASH && t.charCodeAt(at - 1) === SPACE)) {
      this.line = line + 1;
      node = this.valueBelow(indent, nullAt, compact);
    } else {
      if (anchor !== undefined && t.charCodeAt(at) === 0x2a /* * */) throw UNHANDLED; // an anchored alias: an error
      node = inline(at);
    }
    if (anchor !== undefined) {
      node.anchor = anchor;
      this.open.delete(anchor);
      // The `yaml` package takes the last anchor before an alias in document order, where a node comes before the
      // nodes inside it: one of the same name inside this node wins over it.
      const inner = this.anchors.get(anchor);
      if (!inner || inner.definition <= mark) this.anchors.set(anchor, { node, definition: ++this.definitions });
    }
    return node;
  }

  /** A value on the lines after its key or dash: a node indented more, a compact sequence, or null. */
  private valueBelow(indent: number, nullAt: number, compactSequence: boolean): Node {
    if (this.skipEmpty()) {
      const line = this.line;
      const lineIndent = this.indents[line];
      const at = this.starts[line] + lineIndent;
      if (lineIndent > indent) return this.node(line, at, indent).node;
      if (compactSequence && lineIndent === indent && this.isDash(at, this.ends[line])) return this.sequence(line, at, indent);
    }
    return scalarNode(null, 'PLAIN', nullAt, nullAt);
  }

  private isDash(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** The offset of the `:` that ends a key starting at `at`, or -1 when the line is not `key: …`. */
  private keyEnd(line: number, at: number): number {
    const t = this.text;
    const end = this.ends[line];
    const c = t.charCodeAt(at);
    let i = at;
    if (c === 0x22 || c === 0x27) {
      i = skipSpaces(t, quotedScalar(t, at, end).end, end);
      return t.charCodeAt(i) === COLON && (i + 1 === end || t.charCodeAt(i + 1) === SPACE) ? i : -1;
    }
    if (!plainStart(t, at, end)) return -1;
    for (; i < end; i++) {
      const d = t.charCodeAt(i);
      if (d === COLON && (i + 1 === end || t.charCodeAt(i + 1) === SPACE)) return i;
      if (d === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  private key(at: number, colon: number) {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 0x22 || c === 0x27) return quotedScalar(t, at, colon).node;
    let end = colon;
    while (t.charCodeAt(end - 1) === SPACE) end--;
    const source = t.slice(at, end);
    return scalarNode(plainValue(source), 'PLAIN', at, end);
  }

  /** A value that starts on its key's or dash's line at `at`; the lines after it must not belong to it. */
  private inlineValue(line: number, at: number, parent: number): Node {
    const t = this.text;
    const end = this.ends[line];
    const c = t.charCodeAt(at);
    let node: Node;
    let after: number;
    if (c === 0x22 || c === 0x27) {
      const quoted = quotedScalar(t, at, end);
      node = quoted.node;
      after = quoted.end;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      const flow = flowCollection(t, at, end);
      node = flow.node;
      after = flow.end;
    } else if (c === 0x7c /* | */ || c === 0x3e /* > */) {
      const block = blockScalar(t, this.starts, this.ends, line, at, parent);
      this.line = block.nextLine;
      return block.node;
    } else if (c === 0x2a /* * */) {
      after = anchorNameEnd(t, at + 1, end);
      node = this.alias(t.slice(at + 1, after), at, after);
    } else {
      if (!plainStart(t, at, end)) throw UNHANDLED;
      after = plainEnd(t, at, end);
      const source = t.slice(at, after);
      node = scalarNode(plainValue(source), 'PLAIN', at, after);
    }
    if (!onlyComment(this.text, after, end)) throw UNHANDLED;
    this.line = line + 1;
    // A more indented line after a one-line value would continue it (a multi-line scalar) or be an error.
    if (this.skipEmpty() && this.indents[this.line] > parent) throw UNHANDLED;
    return node;
  }

  private alias(name: string, start: number, end: number): Alias {
    const target = this.anchors.get(name)?.node;
    // An alias before its anchor is an error the `yaml` package reports; one inside its own anchor, a cycle.
    if (!target || this.open.has(name)) throw UNHANDLED;
    return aliasNode(name, target, start, end);
  }

}

/** The end of an anchor's or alias's name (the characters real files use; others are left to the `yaml` package). */
function anchorNameEnd(t: string, from: number, end: number): number {
  let i = from;
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    const word = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === DASH || c === 0x2e;
    if (!word) break;
  }
  if (i === from || (i < end && t.charCodeAt(i) !== SPACE)) throw UNHANDLED;
  return i;
}

function emptyDocument(): BlockDocument {
  return { contents: null, errors: [], warnings: [] };
}

/** Whether a plain scalar may start at `at` (not an indicator YAML reserves, or one the fast path leaves alone). */
function plainStart(t: string, at: number, end: number): boolean {
  const c = t.charCodeAt(at);
  switch (c) {
    case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x23: case 0x26: case 0x2a: case 0x21:
    case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60:
      return false;
    case 0x2d: case 0x3f: case 0x3a: {
      const next = at + 1 < end ? t.charCodeAt(at + 1) : SPACE;
      return next !== SPACE;
    }
    default:
      return true;
  }
}

/** The end of a one-line plain value starting at `at` (before a comment, trailing spaces left out). */
function plainEnd(t: string, at: number, end: number): number {
  let i = at;
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === HASH && t.charCodeAt(i - 1) === SPACE) break;
    if (c === COLON && (i + 1 === end || t.charCodeAt(i + 1) === SPACE)) throw UNHANDLED; // a nested mapping: not YAML
  }
  while (i > at && t.charCodeAt(i - 1) === SPACE) i--;
  return i;
}
