/**
 * Image references of GitHub Actions workflows (.github/workflows/*.yml): `jobs.<id>.container` (a string or its
 * `image`), `jobs.<id>.services.<name>.image`, and steps that run a Docker image (`uses: docker://alpine:3.20`).
 * All are pulled. Expressions (`${{ matrix.image }}`) are unresolved.
 */
import type { Document } from 'yaml';
import type { ExtractedReference, ExtractionResult } from '../../types';
import { entries, get, items, parseYamlFile, scalarReference, stringScalar, textScalar, yamlResult } from '../yaml';

const DOCKER_PREFIX = 'docker://';

export function extractGithubActions(text: string): ExtractionResult {
  const file = parseYamlFile(text);
  const references: ExtractedReference[] = [];
  const add = (node: unknown, context: string, prefix?: string) => {
    const scalar = textScalar(node);
    const reference = scalar && scalarReference(text, scalar, { role: 'base', tool: 'github-actions', context, fileKind: 'github-actions', prefix });
    if (reference) references.push(reference);
  };
  for (const document of file.documents) {
    for (const { key: job, value } of entries(get(document.contents, 'jobs'), document)) {
      const container = get(value, 'container', document);
      add(textScalar(container) ? container : get(container, 'image', document), `workflow jobs.${job}.container`);
      for (const { key: service, value: definition } of entries(get(value, 'services', document), document)) {
        add(get(definition, 'image', document), `workflow jobs.${job}.services.${service}.image`);
      }
      for (const step of dockerSteps(value, document)) add(step, `workflow jobs.${job} step uses`, DOCKER_PREFIX);
    }
  }
  return yamlResult(text, file, references);
}

function dockerSteps(job: unknown, document: Document.Parsed): unknown[] {
  return items(get(job, 'steps', document), document)
    .map((step) => get(step, 'uses', document))
    .filter((uses) => stringScalar(uses)?.value.startsWith(DOCKER_PREFIX));
}

/** `.github/workflows/<name>.yml` (or `.yaml`), on any platform's separators. */
export function isWorkflowPath(path: string): boolean {
  return /(^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/i.test(path);
}
