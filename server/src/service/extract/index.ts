import type { ExtractionContext, ExtractionResult, FileKind } from '../types';
import { extractDockerfile } from './dockerfile';
import { extractGradle } from './gradle';
import { extractMaven } from './maven';
import { extractCompose } from './compose';
import { extractGithubActions } from './githubActions';
import { extractGitlabCi } from './gitlabCi';
import { extractKubernetes } from './kubernetes';
import { extractSkaffold } from './skaffold';
import { extractTestcontainers } from './testcontainers';
import { extractQuarkus } from './quarkus';

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
      case 'compose':
        return extractCompose(text, context);
      case 'kubernetes':
        return extractKubernetes(text);
      case 'github-actions':
        return extractGithubActions(text);
      case 'gitlab-ci':
        return extractGitlabCi(text);
      case 'skaffold':
        return extractSkaffold(text);
      case 'java':
      case 'kotlin':
      case 'groovy':
        return extractTestcontainers(text, kind);
      case 'quarkus-properties':
      case 'quarkus-yaml':
        return extractQuarkus(text, kind);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { references: [], problems: [{ span: { start: 0, end: 0 }, message: `imageref could not read this file: ${reason}` }] };
  }
}
