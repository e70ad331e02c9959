/** Spring Boot `<image><buildpacks><buildpack>`: the entries that are images are pulled, like the builder. */
import type { ExtractedReference } from '../../types';
import { buildpackImage, withoutPrefix } from '../buildpackReference';
import type { PropertyTable } from './properties';
import { ReferenceTraits, referenceFromElement } from './reference';
import { PomElement, child, children } from './pom';

export function extractBuildpacks(text: string, image: PomElement | undefined, table: PropertyTable, traits: ReferenceTraits): ExtractedReference[] {
  const references: ExtractedReference[] = [];
  for (const element of children(child(image, 'buildpacks'), 'buildpack')) {
    const reference = referenceFromElement(text, element, table, traits);
    const found = reference && buildpackImage(reference.text);
    if (!reference || !found) continue;
    const prefixInSpan = found.prefixLength > 0 && text.startsWith('docker://', reference.span.start);
    references.push({
      ...reference,
      text: found.text,
      span: prefixInSpan ? withoutPrefix(reference.span, found.prefixLength) : reference.span,
    });
  }
  return references;
}
