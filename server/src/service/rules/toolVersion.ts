import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../ranges';
import { TOOL_FEATURES, tooOld, type ToolFeatureId } from '../toolVersions';
import type { AnalyzedReference } from '../analysis';
import type { SyntacticRule } from './rule';

/** `tool-version`: the build file's Jib or Spring Boot plugin is older than a feature its configuration uses. */
export const toolVersion: SyntacticRule = {
  code: 'tool-version',
  check(reference) {
    const version = reference.ref.toolVersion;
    if (!version) return undefined;
    for (const id of featuresUsed(reference)) {
      const message = tooOld(TOOL_FEATURES[id], version.plugin, version.version);
      if (message) return { code: 'tool-version', severity: DiagnosticSeverity.Warning, span: bodySpan(reference), message };
    }
    return undefined;
  },
};

/** Features of the configuration, newest first, so the message cites the version the file needs. */
function featuresUsed(reference: AnalyzedReference): ToolFeatureId[] {
  const { ref } = reference;
  const used: ToolFeatureId[] = [];
  if (ref.tool === 'jib' && ref.role === 'base') {
    if (ref.platformsExplicit && ref.platforms.length > 1) used.push('jib-platforms');
    if (ref.platformsExplicit && ref.platforms.length === 1) used.push('jib-platform');
    if (ref.jibPrefix === 'docker') used.push('jib-docker-prefix');
    if (ref.jibPrefix === 'tar') used.push('jib-tar-prefix');
    if (ref.jibAuth?.credHelper) used.push('jib-cred-helper');
  }
  if (ref.tool === 'spring-boot' && ref.role === 'base' && ref.platformsExplicit) used.push('boot-image-platform');
  return used;
}
