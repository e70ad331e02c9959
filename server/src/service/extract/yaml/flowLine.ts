/**
 * Flow collections that open and close on one line (`branches: [main, dev]`, `ports: ["80:80"]`, `{a: b}`), for the
 * fast block reader. Anything else in a flow (an implicit pair in a sequence, a key without a value, a comment, a
 * line break) is left to the `yaml` package.
 */
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { mapNode, pairNode, scalarNode, seqNode } from './blockNodes';
import { plainValue, quotedScalar, skipSpaces, UNHANDLED } from './blockScalars';

const SPACE = 0x20;

/** The collection whose bracket is at `at`; `end` is the end of the line. Returns the node and the offset after it. */
export function flowCollection(t: string, at: number, end: number): { node: Node; end: number } {
  const map = t.charCodeAt(at) === 0x7b; /* { */
  const close = map ? 0x7d : 0x5d;
  const node = map ? mapNode(true) : seqNode(true);
  let i = skipSpaces(t, at + 1, end);
  while (t.charCodeAt(i) !== close) {
    if (i >= end) throw UNHANDLED;
    const first = item(t, i, end, map);
    i = skipSpaces(t, first.end, end);
    if (map) {
      if (t.charCodeAt(i) !== 0x3a /* : */ || !flowBreak(t.charCodeAt(i + 1), true)) throw UNHANDLED;
      i = skipSpaces(t, i + 1, end);
      const value = item(t, i, end, false);
      (node as YAMLMap).items.push(pairNode(first.node, value.node));
      i = skipSpaces(t, value.end, end);
    } else {
      (node as YAMLSeq).items.push(first.node);
    }
    const c = t.charCodeAt(i);
    if (c === 0x2c /* , */) i = skipSpaces(t, i + 1, end);
    else if (c !== close) throw UNHANDLED;
  }
  node.range = [at, i + 1, i + 1];
  return { node, end: i + 1 };
}

function item(t: string, at: number, end: number, key: boolean): { node: Node; end: number } {
  const c = t.charCodeAt(at);
  if (c === 0x22 || c === 0x27) return quotedScalar(t, at, end);
  if (c === 0x5b || c === 0x7b) {
    if (key) throw UNHANDLED;
    return flowCollection(t, at, end);
  }
  if (!plainInFlowStart(c, t.charCodeAt(at + 1))) throw UNHANDLED;
  let i = at;
  for (; i < end; i++) {
    const d = t.charCodeAt(i);
    if (d === 0x2c || d === 0x5d || d === 0x7d || d === 0x5b || d === 0x7b) break;
    if (d === 0x23 /* # */ && t.charCodeAt(i - 1) === SPACE) throw UNHANDLED;
    if (d === 0x3a /* : */ && flowBreak(t.charCodeAt(i + 1), i + 1 === end)) {
      if (!key) throw UNHANDLED; // `[a: b]`, a pair inside a sequence
      break;
    }
  }
  let valueEnd = i;
  while (valueEnd > at && t.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
  if (valueEnd === at) throw UNHANDLED;
  return { node: scalarNode(plainValue(t.slice(at, valueEnd)), 'PLAIN', at, valueEnd), end: valueEnd };
}

/** A `:` followed by this character ends a key in a flow. */
function flowBreak(c: number, atEnd: boolean): boolean {
  return atEnd || c === SPACE || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x5b || c === 0x7b;
}

function plainInFlowStart(c: number, next: number): boolean {
  switch (c) {
    case 0x2c: case 0x5d: case 0x7d: case 0x23: case 0x26: case 0x2a: case 0x21: case 0x7c: case 0x3e: case 0x25: case 0x40: case 0x60:
      return false;
    case 0x2d: case 0x3f: case 0x3a:
      return !(next === SPACE || next === 0x2c || next === 0x5d || next === 0x7d || Number.isNaN(next));
    default:
      return true;
  }
}
