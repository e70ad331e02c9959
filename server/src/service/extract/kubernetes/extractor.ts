/**
 * Image references of Kubernetes manifests: every `containers`, `initContainers` and `ephemeralContainers` list of
 * every document that has `apiVersion` and `kind`. The lists are found wherever they are nested (Pod, Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job, CronJob's jobTemplate, a List's items, custom resources with a pod
 * template), so no workload kind is missed. Helm template values (`{{ … }}`) are unresolved.
 */
import { isMap, isSeq, type Document, type Node } from 'yaml';
import type { ExtractedReference, ExtractionResult } from '../../types';
import { entries, get, items, parseYamlFile, scalarReference, stringScalar, textScalar, yamlResult } from '../yaml';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
/** Deeper than any real manifest; bounds the walk of a hostile one. */
const MAX_DEPTH = 40;

export function extractKubernetes(text: string): ExtractionResult {
  const file = parseYamlFile(text);
  const references: ExtractedReference[] = [];
  // A file named by the `imageref.kubernetes.files` setting may have no document with a header: read them all.
  const headed = file.documents.filter((d) => stringScalar(get(d.contents, 'kind')) && get(d.contents, 'apiVersion'));
  for (const document of headed.length ? headed : file.documents) {
    const kind = stringScalar(get(document.contents, 'kind'))?.value ?? 'manifest';
    walk(document.contents, 0, (list, containers) => {
      for (const container of items(containers, document)) {
        const image = textScalar(get(container, 'image', document));
        if (!image) continue;
        const name = stringScalar(get(container, 'name', document))?.value;
        const reference = scalarReference(text, image, {
          role: 'base',
          tool: 'kubernetes',
          context: `kubernetes ${kind} ${list}${name ? `[${name}]` : ''}.image`,
          fileKind: 'kubernetes',
        });
        if (reference) references.push(reference);
      }
    }, document);
  }
  return yamlResult(text, file, references);
}

function walk(node: unknown, depth: number, found: (list: string, containers: Node) => void, document: Document.Parsed): void {
  if (depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const { key, value } of entries(node)) {
      if (CONTAINER_LISTS.has(key) && isSeq(value)) found(key, value);
      else walk(value, depth + 1, found, document);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walk(item, depth + 1, found, document);
  }
}

/** A YAML text that declares Kubernetes objects: a top-level `apiVersion:` and `kind:` in some document. */
export function looksLikeKubernetes(text: string): boolean {
  return /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*\S/m.test(text);
}
