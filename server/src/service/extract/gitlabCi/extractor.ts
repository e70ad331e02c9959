/**
 * Image references of GitLab CI (.gitlab-ci.yml): `image` and `services` at the top, under `default:` and in every
 * job (hidden `.templates` too), in the string form and the `name:` form. `$VAR` / `${VAR}` take the values of the
 * file's `variables:` (a job's own first); predefined CI variables (`$CI_REGISTRY_IMAGE`) stay unresolved.
 */
import type { Document, Scalar } from 'yaml';
import type { ExtractedReference, ExtractionResult } from '../../types';
import { entries, get, items, parseYamlFile, scalarReference, textScalar, yamlResult } from '../yaml';

/** Top-level keys that are not jobs. */
const KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'spec']);

export function extractGitlabCi(text: string): ExtractionResult {
  const file = parseYamlFile(text);
  const references: ExtractedReference[] = [];
  for (const document of file.documents) {
    const root = document.contents;
    const global = variablesOf(root, document);
    const read = (owner: unknown, where: string, variables: Map<string, Scalar>) => {
      const lookup = (name: string) => {
        const value = variables.get(name)?.value;
        return value === undefined || value === null ? undefined : String(value);
      };
      const definition = (name: string) => variables.get(name);
      const add = (node: unknown, context: string) => {
        const scalar = textScalar(node);
        const reference = scalar && scalarReference(text, scalar, { role: 'base', tool: 'gitlab-ci', context, fileKind: 'gitlab-ci', variables: lookup, definition });
        if (reference) references.push(reference);
      };
      const image = get(owner, 'image', document);
      add(textScalar(image) ? image : get(image, 'name', document), `gitlab-ci ${where}image`);
      for (const service of items(get(owner, 'services', document), document)) {
        add(textScalar(service) ? service : get(service, 'name', document), `gitlab-ci ${where}services`);
      }
    };
    read(root, '', global);
    read(get(root, 'default', document), 'default.', global);
    for (const { key, value } of entries(root, document)) {
      if (KEYWORDS.has(key)) continue;
      read(value, `${key}.`, new Map([...global, ...variablesOf(value, document)]));
    }
  }
  return yamlResult(text, file, once(references));
}

/** A global variable used by several jobs is one reference, at its definition. */
function once(references: ExtractedReference[]): ExtractedReference[] {
  const seen = new Set<string>();
  return references.filter((r) => {
    const key = `${r.span.start}:${r.span.end}:${r.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `variables:` of a mapping: `NAME: value` or `NAME: { value: … }`. */
function variablesOf(owner: unknown, document: Document.Parsed): Map<string, Scalar> {
  const variables = new Map<string, Scalar>();
  for (const { key, value } of entries(get(owner, 'variables', document), document)) {
    const scalar = textScalar(value) ?? textScalar(get(value, 'value', document));
    if (scalar) variables.set(key, scalar);
  }
  return variables;
}
