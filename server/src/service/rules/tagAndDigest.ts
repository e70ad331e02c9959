import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { documentSpan } from '../ranges';
import { validParse, type SyntacticRule } from './rule';
import { JIB_BASE_IMAGE_CACHE_NOTE } from '../jibCache';

/** `tag-and-digest`: `repo:tag@sha256:…`. Harmful for Jib (credential lookup), informational for Dockerfiles. */
export const tagAndDigest: SyntacticRule = {
  code: 'tag-and-digest',
  check(reference) {
    const parse = validParse(reference);
    if (!parse || reference.ref.role !== 'base') return undefined;
    const { tag, digest, spans } = parse.ref;
    if (tag === undefined || digest === undefined || !spans.tag) return undefined;
    const testcontainers = reference.ref.tool === 'testcontainers';
    const jib = reference.ref.tool === 'jib' || testcontainers;
    const message = testcontainers
      ? `Both tag \`${tag}\` and a digest: Testcontainers' DockerImageName reads \`repo:tag@sha256:…\` as a repository named ` +
        `\`repo:${tag}\` and rejects it. Use the digest-only form \`repo@sha256:…\`.`
      : jib
      ? `Both tag \`${tag}\` and a digest: Jib looks credentials up differently for \`repo:tag@digest\`, and builds ` +
        'from private registries fail with "The credential helper … has nothing for server URL". ' +
        `Use the digest-only form \`repo@sha256:…\`. ${JIB_BASE_IMAGE_CACHE_NOTE}`
      : `Both tag \`${tag}\` and a digest: the builder pulls by digest and ignores the tag; it is informational only.`;
    return {
      code: 'tag-and-digest',
      span: documentSpan(reference, { start: spans.tag.start - 1, end: spans.tag.end }),
      message,
      severity: jib ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    };
  },
};
