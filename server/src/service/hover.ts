import type { ResolvedImage } from '../registry/contract';
import type { AnalyzedReference } from './analysis';
import { formatPlatform } from './platforms';
import { firstFailure, namedTag, pulledImage, type ReferenceResolution } from './resolution';
import { chainFor, chainMarkdown } from './credentialChainText';
import { newestInFamily } from './tags';

const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/vnd.oci.image.index.v1+json': 'OCI image index (multi-platform)',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'Docker manifest list (multi-platform)',
  'application/vnd.oci.image.manifest.v1+json': 'OCI image manifest (single platform)',
  'application/vnd.docker.distribution.manifest.v2+json': 'Docker image manifest v2 (single platform)',
};

export interface HoverOptions {
  /** The registry a lookup is still waiting for, when the hover's budget ran out first. */
  waitingFor?: string;
  /** A digest-only reference: the tags a bounded search found pointing at its digest. */
  digestTags?: { tags: string[]; searched: number };
}

/**
 * Markdown explaining a reference. What the user came for comes first, so that it shows in the editor's default
 * hover size: the digest and the platforms (or what the registry said); then the reference's parts and details.
 * Never a secret.
 */
export function hoverMarkdown(reference: AnalyzedReference, resolution: ReferenceResolution | undefined, now: number, options: HoverOptions = {}): string {
  const { ref } = reference;
  const lines: string[] = [`**${ref.role === 'base' ? 'Base image (pulled)' : 'Target image (pushed)'}** — ${ref.context}`, ''];
  if (ref.via) lines.push(`From \`${ref.via.name}\`.`, '');
  if (ref.unresolved) {
    const known = ref.notes?.length ? ['', ...ref.notes] : [];
    return [...lines, `\`${ref.text}\` uses a variable imageref cannot resolve; it is not checked.`, ...known].join('\n');
  }
  if (ref.jibPrefix === 'tar') return [...lines, `Jib \`tar://\`: a local image file, \`${reference.body}\`.`].join('\n');
  const parse = reference.parse;
  if (!parse) return lines.join('\n');
  if (!parse.ok) return [...lines, `Invalid: ${parse.error.message}`].join('\n');
  if (parse.scratch) return [...lines, '`scratch`: an empty base image; nothing is pulled.'].join('\n');
  const p = parse.ref;
  const image = resolution && !firstFailure(resolution) ? pulledImage(resolution) : undefined;
  if (resolution) lines.push(...registrySection(reference, resolution));
  else if (options.waitingFor) lines.push(`_Still waiting for ${options.waitingFor}; hover again for the digest and platforms._`, '');
  lines.push('| | |', '|---|---|');
  lines.push(`| Registry | \`${p.registry}\` |`, `| Repository | \`${p.repository}\` |`);
  const commentTag = reference.commentTag ? `\`${reference.commentTag.tag}\` (tag comment)` : '—';
  lines.push(`| Tag | ${p.tag !== undefined ? '`' + p.tag + '`' : p.digest ? commentTag : '`latest` (implicit)'} |`);
  if (p.digest) lines.push(`| Digest | \`${p.digest}\` |`);
  lines.push(`| Normalized | \`${p.normalized}\` |`);
  if (ref.jibPrefix === 'docker') lines.push('| Source | local Docker daemon (`docker://`) |');
  if (ref.platforms.length) {
    lines.push(`| Platforms | ${ref.platforms.map(formatPlatform).join(', ')}${ref.platformsExplicit ? '' : ' (default)'} |`);
  }
  lines.push('');
  if (image) {
    lines.push(`**Media type:** ${MEDIA_TYPE_NAMES[image.mediaType] ?? image.mediaType}`, '');
    lines.push(`Resolved ${ago(now - image.resolvedAt)}${image.fromCache ? ' (cached)' : ''}; credentials: ${credentialText(image)}.`, '');
  }
  if (ref.jibAuth?.credHelper) lines.push(`Jib asks \`${helperCommand(ref.jibAuth.credHelper)}\` first (\`from.credHelper\`).`, '');
  if (ref.jibAuth?.hasUsernamePassword) lines.push('Jib uses the `auth` username and password from the build file for this image.', '');
  const chain = resolution && chainFor(reference, resolution);
  if (chain) lines.push('', ...chainMarkdown(chain));
  const digestTags = options.digestTags;
  if (digestTags?.tags.length) {
    lines.push('', `**Tags with this digest:** ${digestTags.tags.map((t) => `\`${t}\``).join(', ')} (of ${digestTags.searched} tags checked)`);
  }
  return lines.join('\n').trimEnd();
}

/** Jib's credHelper is a helper name (`ecr-login`) or a path to the executable. */
function helperCommand(credHelper: string): string {
  return credHelper.includes('/') || credHelper.startsWith('docker-credential-') ? credHelper : `docker-credential-${credHelper}`;
}

function registrySection(reference: AnalyzedReference, resolution: ReferenceResolution): string[] {
  const failure = firstFailure(resolution);
  if (failure) {
    if (failure.kind === 'offline' || failure.kind === 'cancelled') return [`_Registry: not asked (${failure.kind})._`, ''];
    return [`**Registry:** ${failure.message}`, ''];
  }
  const image = pulledImage(resolution);
  if (!image) return [];
  const out: string[] = [`**Digest:** \`${image.digest}\``, ''];
  const tagImage = resolution.tag?.ok ? resolution.tag.image : undefined;
  if (tagImage && resolution.digest) out.push(`Tag now points at \`${tagImage.digest}\`.`, '');
  out.push(...platformTable(image));
  out.push(...familyLine(reference, resolution));
  return out;
}

function familyLine(reference: AnalyzedReference, resolution: ReferenceResolution): string[] {
  const tag = namedTag(reference);
  if (tag === undefined || !resolution.tags?.ok) return [];
  const newest = newestInFamily(tag, resolution.tags.list.tags);
  if (newest === undefined) return [];
  return [newest === tag ? `\`${tag}\` is the newest tag of its family.` : `**Newest of the family:** \`${newest}\``, ''];
}

/** One row per platform; attestation manifests are labelled, never counted; Windows images show their os.version. */
function platformTable(image: ResolvedImage): string[] {
  if (image.platforms.length === 0) return [];
  const osVersions = image.platforms.some((p) => p.osVersion);
  const rows = image.platforms.map((p) => {
    const name = p.attestation ? '_attestation_' : formatPlatform(p);
    const version = osVersions ? ` ${p.osVersion ?? ''} |` : '';
    return `| ${name} |${version} \`${p.digest.slice(0, 19)}…\` | ${p.size.toLocaleString('en-US')} B |`;
  });
  const header = osVersions ? ['| Platform | OS version | Digest | Size |', '|---|---|---|---|'] : ['| Platform | Digest | Size |', '|---|---|---|'];
  return [...header, ...rows, ''];
}

function credentialText(image: ResolvedImage): string {
  const { source, key, file } = image.credentials;
  return [source, key && `key \`${key}\``, file && `in \`${file}\``].filter(Boolean).join(', ');
}

function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}
