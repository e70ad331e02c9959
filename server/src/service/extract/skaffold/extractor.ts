/**
 * Image references of skaffold.yaml: `build.artifacts[].image` is what Skaffold builds and pushes (a target); the base
 * images it builds from are pulled: `jib.fromImage` (read by Jib's rules), `buildpacks.builder` and `runImage`,
 * `ko.fromImage`. Profiles (`profiles[].build.artifacts`) are read too.
 */
import type { Document } from 'yaml';
import type { ExtractedReference, ExtractionResult, Tool } from '../../types';
import { get, items, parseYamlFile, scalarReference, textScalar, yamlResult } from '../yaml';

const BASES: ReadonlyArray<[builder: string, field: string, tool: Tool]> = [
  ['jib', 'fromImage', 'jib'],
  ['buildpacks', 'builder', 'skaffold'],
  ['buildpacks', 'runImage', 'skaffold'],
  ['ko', 'fromImage', 'skaffold'],
];

export function extractSkaffold(text: string): ExtractionResult {
  const file = parseYamlFile(text);
  const references: ExtractedReference[] = [];
  for (const document of file.documents) {
    const builds = [{ build: get(document.contents, 'build'), where: '' }];
    items(get(document.contents, 'profiles'), document).forEach((profile, index) => {
      const name = textScalar(get(profile, 'name', document))?.value ?? index;
      builds.push({ build: get(profile, 'build', document), where: `profiles[${name}].` });
    });
    for (const { build, where } of builds) readArtifacts(text, build, where, document, references);
  }
  return yamlResult(text, file, references);
}

function readArtifacts(text: string, build: unknown, where: string, document: Document.Parsed, into: ExtractedReference[]): void {
  items(get(build, 'artifacts', document), document).forEach((artifact, index) => {
    const add = (node: unknown, role: 'base' | 'target', tool: Tool, context: string) => {
      const scalar = textScalar(node);
      const reference = scalar && scalarReference(text, scalar, { role, tool, context, fileKind: 'skaffold' });
      if (reference) into.push(reference);
    };
    add(get(artifact, 'image', document), 'target', 'skaffold', `skaffold ${where}build.artifacts[${index}].image`);
    for (const [builder, field, tool] of BASES) {
      add(get(get(artifact, builder, document), field, document), 'base', tool, `skaffold ${where}build.artifacts[${index}].${builder}.${field}`);
    }
  });
}
