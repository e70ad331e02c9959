import type { ResolvedImage } from '../registry/contract';
import type { AnalyzedReference } from './analysis';
import { formatPlatform } from './platforms';
import { firstFailure, namedTag, type ReferenceResolution } from './resolution';
import { newestInFamily } from './tags';

const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/vnd.oci.image.index.v1+json': 'OCI image index (multi-platform)',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'Docker manifest list (multi-platform)',
  'application/vnd.oci.image.manifest.v1+json': 'OCI image manifest (single platform)',
  'application/vnd.docker.distribution.manifest.v2+json': 'Docker image manifest v2 (single platform)',
};

/** Markdown explaining a reference: its parts, then what the registry said (never a secret). */
export function hoverMarkdown(
  reference: AnalyzedReference,
  resolution: ReferenceResolution | undefined,
  now: number,
  digestTags?: { tags: string[]; searched: number },
): string {
  const { ref } = reference;
  const lines: string[] = [`**${ref.role === 'base' ? 'Base image (pulled)' : 'Target image (pushed)'}** — ${ref.context}`, ''];
  if (ref.via) lines.push(`From \`${ref.via.name}\`.`, '');
  if (ref.unresolved) return [...lines, `\`${ref.text}\` uses a variable imageref cannot resolve; it is not checked.`].join('\n');
  if (ref.jibPrefix === 'tar') return [...lines, `Jib \`tar://\`: a local image file, \`${reference.body}\`.`].join('\n');
  const parse = reference.parse;
  if (!parse) return lines.join('\n');
  if (!parse.ok) return [...lines, `Invalid: ${parse.error.message}`].join('\n');
  if (parse.scratch) return [...lines, '`scratch`: an empty base image; nothing is pulled.'].join('\n');
  const p = parse.ref;
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
  if (ref.jibAuth?.credHelper) lines.push(`Jib asks \`${helperCommand(ref.jibAuth.credHelper)}\` first (\`from.credHelper\`).`, '');
  if (ref.jibAuth?.hasUsernamePassword) lines.push('Jib uses the `auth` username and password from the build file for this image.', '');
  if (resolution) lines.push(...registrySection(reference, resolution, now));
  if (digestTags?.tags.length) {
    lines.push('', `**Tags with this digest:** ${digestTags.tags.map((t) => `\`${t}\``).join(', ')} (of ${digestTags.searched} tags checked)`);
  }
  return lines.join('\n');
}

/** Jib's credHelper is a helper name (`ecr-login`) or a path to the executable. */
function helperCommand(credHelper: string): string {
  return credHelper.includes('/') || credHelper.startsWith('docker-credential-') ? credHelper : `docker-credential-${credHelper}`;
}

function registrySection(reference: AnalyzedReference, resolution: ReferenceResolution, now: number): string[] {
  const failure = firstFailure(resolution);
  if (failure) {
    if (failure.kind === 'offline' || failure.kind === 'cancelled') return [`_Registry: not asked (${failure.kind})._`];
    return [`**Registry:** ${failure.message}`];
  }
  const image = resolution.digest?.ok ? resolution.digest.image : resolution.tag?.ok ? resolution.tag.image : undefined;
  if (!image) return [];
  const out: string[] = [];
  const tagImage = resolution.tag?.ok ? resolution.tag.image : undefined;
  if (tagImage && resolution.digest) out.push(`Tag now points at \`${tagImage.digest}\`.`, '');
  out.push(`**Digest:** \`${image.digest}\``, '', `**Media type:** ${MEDIA_TYPE_NAMES[image.mediaType] ?? image.mediaType}`, '');
  out.push(...platformTable(image));
  out.push(...familyLine(reference, resolution));
  out.push(`Resolved ${ago(now - image.resolvedAt)}${image.fromCache ? ' (cached)' : ''}; credentials: ${credentialText(image)}.`);
  return out;
}

function familyLine(reference: AnalyzedReference, resolution: ReferenceResolution): string[] {
  const tag = namedTag(reference);
  if (tag === undefined || !resolution.tags?.ok) return [];
  const newest = newestInFamily(tag, resolution.tags.list.tags);
  if (newest === undefined) return [];
  return [newest === tag ? `\`${tag}\` is the newest tag of its family.` : `**Newest of the family:** \`${newest}\``, ''];
}

function platformTable(image: ResolvedImage): string[] {
  if (image.platforms.length === 0) return [];
  const rows = image.platforms.map((p) => {
    const name = p.attestation ? '_attestation_' : formatPlatform(p);
    return `| ${name} | \`${p.digest.slice(0, 19)}…\` | ${p.size.toLocaleString('en-US')} B |`;
  });
  return ['| Platform | Digest | Size |', '|---|---|---|', ...rows, ''];
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
