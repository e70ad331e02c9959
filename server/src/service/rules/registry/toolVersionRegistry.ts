import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bodySpan } from '../../ranges';
import { pulledImage } from '../../resolution';
import { chainsOf } from '../../credentialChainText';
import { TOOL_FEATURES, tooOld, type ToolFeatureId } from '../../toolVersions';
import type { RegistryRule } from './registryRule';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/**
 * `tool-version` for what only the registry can tell: an OCI index or a manifest list by digest as Jib's base image,
 * or a Spring Boot image whose registry wants credentials that docker keeps in a credential helper.
 */
export const toolVersionRegistry: RegistryRule = {
  codes: ['tool-version'],
  check(reference, resolution) {
    const version = reference.ref.toolVersion;
    if (!version || reference.ref.role !== 'base') return undefined;
    const image = pulledImage(resolution);
    const used: ToolFeatureId[] = [];
    if (reference.ref.tool === 'jib' && image?.kind === 'index') {
      if (image.mediaType === OCI_INDEX) used.push('jib-oci-index');
      else if (reference.parse?.ok && reference.parse.ref.digest) used.push('jib-manifest-list-digest');
    }
    if (reference.ref.tool === 'spring-boot') {
      const docker = chainsOf(resolution)?.docker;
      if (docker?.steps.some((s) => s.found && (s.source === 'credHelpers' || s.source === 'credsStore'))) used.push('boot-credential-helpers');
    }
    for (const id of used) {
      const message = tooOld(TOOL_FEATURES[id], version.plugin, version.version);
      if (message) return { code: 'tool-version', severity: DiagnosticSeverity.Warning, span: bodySpan(reference), message };
    }
    return undefined;
  },
};
