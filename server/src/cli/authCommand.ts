/**
 * `imageref auth <reference> [--jib] [--cred-helper NAME] [--format text|json]`: the credential lookup chain for
 * the reference's registry as docker (default) or Jib walks it. Exit 0 when credentials are found, 1 when not.
 * No secret is ever printed: the chain carries none.
 */
import * as os from 'node:os';
import { createHostCredentialChains } from '../host/credentialChains';
import type { CredentialChain } from '../registry/contract';
import { parseReference } from '../service/reference/parse';
import type { CliOptions } from './args';
import { UsageError } from './args';
import type { CommandResult } from './resolveCommand';

export async function authCommand(options: CliOptions, env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const raw = options.positionals[0];
  if (raw === undefined || options.positionals.length > 1) throw new UsageError('auth takes exactly one reference');
  if (options.format === 'sarif') throw new UsageError('auth --format must be text or json');
  if (options.credHelper && !options.jib) throw new UsageError('--cred-helper is Jib\'s from.credHelper: use it with --jib');
  const parsed = parseReference(raw, { jib: options.jib });
  if (!parsed.ok) throw new UsageError(`${raw} is not a valid image reference: ${parsed.error.message}`);
  const tool = options.jib ? 'jib' : 'docker';
  const chain = await createHostCredentialChains(env).chain(parsed.ref.registry, tool, options.credHelper);
  const json = { reference: parsed.ref.normalized, registry: chain.registry, tool, steps: chain.steps, found: chain.found, nearMisses: chain.nearMisses };
  const stdout = options.format === 'json' ? JSON.stringify(json, null, 2) : formatChain(json.reference, chain, env.HOME ?? os.homedir());
  return { exitCode: chain.found ? 0 : 1, stdout };
}

export function formatChain(reference: string, chain: CredentialChain, home: string): string {
  const who = chain.tool === 'jib' ? 'Jib' : 'docker';
  const shown = (file: string) => (home && file.startsWith(home + '/') ? `~${file.slice(home.length)}` : file);
  const lines = [`${who} looks up credentials for ${chain.registry} (${reference}):`];
  chain.steps.forEach((step, i) => {
    const where = [step.helper, step.file && shown(step.file)].filter(Boolean).join(', ');
    lines.push(`  ${i + 1}. ${step.found ? '✓' : '✗'} ${step.source} "${step.key}"${where ? ` (${where})` : ''}${step.note ? `: ${step.note}` : ''}`);
  });
  if (chain.steps.length === 0) lines.push('  (no place to look)');
  const found = chain.steps.find((s) => s.found);
  const stop = chain.problems.find((p) => p.startsWith('Jib stops'));
  if (chain.found && found) lines.push(`Outcome: credentials found (${found.source} "${found.key}")`);
  else if (stop) lines.push(`Outcome: no credentials: ${stop} (the later steps are what Jib would try without it)`);
  else lines.push(`Outcome: no credentials found; ${who} pulls anonymously`);
  for (const problem of chain.problems.filter((p) => p !== stop)) lines.push(`Problem: ${problem}`);
  if (chain.nearMisses.length) {
    lines.push('Near misses (meant for this registry, not matched):');
    for (const miss of chain.nearMisses) lines.push(`  - ${miss.source} "${miss.key}"${miss.file ? ` (${shown(miss.file)})` : ''}: ${miss.why}`);
  }
  return lines.join('\n');
}
