import { parseReference } from '../service/reference/parse';
import { formatPlatform, platformMatches } from '../service/platforms';
import type { CliOptions } from './args';
import { UsageError } from './args';
import type { CliSession } from './session';

export interface CommandResult {
  exitCode: number;
  stdout: string;
}

export function parseCommand(options: CliOptions): CommandResult {
  const raw = options.positionals[0];
  if (raw === undefined || options.positionals.length > 1) throw new UsageError('parse takes exactly one reference');
  const result = parseReference(raw, { jib: options.jib });
  if (!result.ok) {
    return { exitCode: 1, stdout: JSON.stringify({ valid: false, error: result.error.message, code: result.error.code, span: result.error.span }, null, 2) };
  }
  const { registry, repository, tag, digest, normalized } = result.ref;
  return { exitCode: 0, stdout: JSON.stringify({ valid: true, registry, repository, tag, digest, normalized, ...(result.scratch ? { scratch: true } : {}) }, null, 2) };
}

/**
 * `imageref resolve`. A failure exits 1: with `--format json` it is `{"kind","message"}` on stdout (kinds: the
 * registry client's failure kinds, `invalid-reference`, `offline`, `platform-not-found`), else one line.
 */
export async function resolveCommand(options: CliOptions, session: CliSession): Promise<CommandResult> {
  const raw = options.positionals[0];
  if (raw === undefined || options.positionals.length > 1) throw new UsageError('resolve takes exactly one reference');
  const wanted = options.platform ? parsePlatform(options.platform) : undefined;
  const failure = (kind: string, message: string): CommandResult => ({
    exitCode: 1,
    stdout: options.format === 'json' ? JSON.stringify({ kind, message }, null, 2) : `imageref: ${message}`,
  });
  const parsed = parseReference(raw);
  if (!parsed.ok) return failure('invalid-reference', `${raw}: ${parsed.error.message}`);
  const client = session.registry.client;
  if (!client) return failure('offline', 'resolve needs the network; it was started with --offline');
  const { registry, repository, tag, digest } = parsed.ref;
  // imageConfig: a single-platform image's platform comes from its config.
  const outcome = await client.resolve({ registry, repository, tagOrDigest: digest ?? tag ?? 'latest', imageConfig: true });
  if (!outcome.ok) return failure(outcome.failure.kind, `${parsed.ref.normalized}: ${outcome.failure.message}`);
  const image = outcome.image;
  let platforms = image.platforms;
  if (wanted) {
    platforms = platforms.filter((p) => platformMatches(wanted, p));
    if (platforms.length === 0) return failure('platform-not-found', `${parsed.ref.normalized} has no ${formatPlatform(wanted)}`);
  }
  const json = {
    reference: parsed.ref.normalized,
    digest: image.digest,
    mediaType: image.mediaType,
    platforms: platforms.map((p) => ({
      os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}), ...(p.osVersion ? { osVersion: p.osVersion } : {}),
      digest: p.digest, size: p.size,
      ...(p.attestation ? { attestation: true } : {}),
    })),
  };
  if (options.format === 'json') return { exitCode: 0, stdout: JSON.stringify(json, null, 2) };
  const rows = json.platforms.map((p) => `  ${p.attestation ? 'attestation' : formatPlatform(p)}\t${p.digest}\t${p.size} B`);
  return { exitCode: 0, stdout: [`${json.reference} → ${json.digest} (${json.mediaType})`, ...rows].join('\n') };
}

function parsePlatform(text: string) {
  const [os, architecture, variant, extra] = text.split('/');
  if (!os || !architecture || extra !== undefined) throw new UsageError(`--platform must be os/arch[/variant], not "${text}"`);
  return { os, architecture, variant };
}
