/**
 * Image references of a Compose file (compose.yaml, docker-compose*.yml): `services.<name>.image`. The image of a
 * service that also has `build` is the name given to what is built (a target); otherwise it is pulled (a base).
 * `${VAR}`, `${VAR:-default}` take their values from the `.env` next to the file (given by the host).
 */
import type { Document } from 'yaml';
import type { ExtractedReference, ExtractionContext, ExtractionResult, Platform } from '../../types';
import { entries, get, parseYamlFile, scalarReference, stringScalar, textScalar, yamlResult } from '../yaml';

export function extractCompose(text: string, context?: ExtractionContext): ExtractionResult {
  const file = parseYamlFile(text);
  const variables = (name: string) => context?.externalProperties?.get(name);
  const references: ExtractedReference[] = [];
  const seen = new Set<number>();
  for (const document of file.documents) {
    for (const { key: name, value: service } of entries(get(document.contents, 'services'), document)) {
      const image = textScalar(get(service, 'image', document));
      if (!image || seen.has(image.range?.[0] ?? -1)) continue;
      const built = get(service, 'build', document) !== undefined;
      const platforms = built ? [] : platformOf(service, document);
      const reference = scalarReference(text, image, {
        role: built ? 'target' : 'base',
        tool: 'compose',
        context: `compose services.${name}.image`,
        fileKind: 'compose',
        platforms,
        platformsExplicit: platforms.length > 0,
        variables,
      });
      if (reference) {
        seen.add(image.range?.[0] ?? -1);
        references.push(reference);
      }
    }
  }
  return yamlResult(text, file, references);
}

/** `platform: linux/arm64/v8` of a pulled service. */
function platformOf(service: unknown, document: Document.Parsed): Platform[] {
  const value = stringScalar(get(service, 'platform', document))?.value;
  return value ? parsePlatform(value) : [];
}

export function parsePlatform(value: string): Platform[] {
  const [os, architecture, variant] = value.trim().split('/');
  if (!os || !architecture || /[${]/.test(value)) return [];
  return [variant ? { os, architecture, variant } : { os, architecture }];
}
