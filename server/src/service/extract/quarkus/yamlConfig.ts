/** application.yaml flattened to entries: nested keys joined by `.` (`quarkus: jib: base-jvm-image:`), flat keys kept. */
import { isMap, type Node } from 'yaml';
import type { ExtractionProblem } from '../../types';
import { entries, parseYamlFile, scalarReference, textScalar } from '../yaml';
import type { ConfigEntry } from './entries';

const MAX_DEPTH = 20;

export function readYamlConfig(text: string): { entries: ConfigEntry[]; problems: ExtractionProblem[]; errorAt?: number } {
  const file = parseYamlFile(text);
  const found: ConfigEntry[] = [];
  const walk = (node: Node | undefined, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH || !isMap(node)) return;
    for (const { key, value } of entries(node)) {
      const full = prefix ? `${prefix}.${key}` : key;
      const scalar = textScalar(value);
      if (scalar) {
        const reference = scalarReference(text, scalar, { role: 'base', tool: 'quarkus', context: full, fileKind: 'quarkus-yaml' });
        if (reference) found.push({ key: full, value: reference.text, span: reference.span, editable: reference.editable && !reference.unresolved });
      } else {
        walk(value, full, depth + 1);
      }
    }
  };
  for (const document of file.documents) walk(document.contents as Node | undefined, '', 0);
  return { entries: found, problems: file.problems, errorAt: file.errorAt };
}
