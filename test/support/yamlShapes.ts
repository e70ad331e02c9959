/** The fast block YAML reader compared with the `yaml` package, node by node, on the parts extractors read. */
import assert from 'node:assert/strict';
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { extract } from '../../server/src/service/extract';
import { parseBlockYaml } from '../../server/src/service/extract/yaml/blockYaml';
import { useBlockReader } from '../../server/src/service/extract/yaml/documents';
import type { FileKind } from '../../server/src/service/types';

/** A comparable picture of a node: the parts extractors read. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return { alias: node.source, range: node.range?.slice(0, 2) };
  if (isMap(node)) return { map: node.items.map((p) => [isScalar(p.key) ? String(p.key.value) : shape(p.key), shape(p.value)]) };
  if (isSeq(node)) return { seq: node.items.map(shape) };
  if (isScalar(node)) {
    const v = node.value;
    const range = v === null || v === '' ? undefined : [node.range![0], node.range![1]];
    return { value: typeof v === 'number' ? `number ${v}` : v, type: node.type, range };
  }
  return `other ${String(node)}`;
}

/** The documents' pictures, documents without contents left out (extractors skip them either way). */
function documentShapes(documents: Array<{ contents: unknown }>): unknown[] {
  return documents.map((d) => shape(d.contents)).filter((s) => s !== null && !(typeof s === 'object' && (s as { value?: unknown }).value === null));
}

/** Whether the reader accepted `text`; if so, asserts it agrees with the `yaml` package. */
export function agreesWithYaml(text: string, label: string): boolean {
  const fast = parseBlockYaml(text);
  if (!fast) return false;
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  const slow = Array.isArray(parsed) ? parsed : [];
  assert.deepEqual(slow.flatMap((d) => d.errors.map((e) => e.message)), [], `${label}: the fast reader accepted YAML with errors`);
  assert.deepEqual(documentShapes(fast), documentShapes(slow), label);
  return true;
}

export const YAML_KINDS: FileKind[] = ['compose', 'kubernetes', 'github-actions', 'gitlab-ci', 'skaffold', 'quarkus-yaml'];

/** What every YAML kind extracts from `text`, with the fast reader on or off. */
export function extractions(text: string, blockReader: boolean): unknown[] {
  useBlockReader(blockReader);
  try {
    return YAML_KINDS.map((kind) => extract(text, kind));
  } finally {
    useBlockReader(true);
  }
}
