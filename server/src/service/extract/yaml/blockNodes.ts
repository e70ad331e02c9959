/**
 * Nodes of the fast block reader: plain objects that the `yaml` package's own tests (isMap, isSeq, isScalar, isPair,
 * isAlias) recognise, by the registered symbols that package marks its nodes with. Its classes define that mark with
 * Object.defineProperty per node, which made building them three times the cost of reading a 5,000-line file.
 */
import type { Alias, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const ALIAS = Symbol.for('yaml.alias');

export function mapNode(flow = false): YAMLMap {
  return { [NODE_TYPE]: MAP, items: [], flow } as unknown as YAMLMap;
}

export function seqNode(flow = false): YAMLSeq {
  return { [NODE_TYPE]: SEQ, items: [], flow } as unknown as YAMLSeq;
}

export function pairNode(key: Node, value: Node): Pair {
  return { [NODE_TYPE]: PAIR, key, value } as unknown as Pair;
}

export function scalarNode(value: unknown, type: Scalar.Type, start: number, end: number): Scalar {
  return { [NODE_TYPE]: SCALAR, value, type, range: [start, end, end] } as unknown as Scalar;
}

/** An alias whose target is known when it is read (the last node before it with that anchor). */
export function aliasNode(source: string, target: Node, start: number, end: number): Alias {
  return { [NODE_TYPE]: ALIAS, source, range: [start, end, end], resolve: () => target } as unknown as Alias;
}
