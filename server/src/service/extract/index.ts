import type { ExtractionContext, ExtractionResult, FileKind } from '../types';
import { extractDockerfile } from './dockerfile';
import { extractGradle } from './gradle';
import { extractMaven } from './maven';

/** Extract the references of one document. An extractor bug becomes a file problem, never a crash. */
export function extract(text: string, kind: FileKind, context?: ExtractionContext): ExtractionResult {
  try {
    switch (kind) {
      case 'dockerfile':
        return extractDockerfile(text, context);
      case 'maven':
        return extractMaven(text, context);
      case 'gradle-groovy':
        return extractGradle(text, 'groovy', context);
      case 'gradle-kotlin':
        return extractGradle(text, 'kotlin', context);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { references: [], problems: [{ span: { start: 0, end: 0 }, message: `imageref could not read this file: ${reason}` }] };
  }
}
