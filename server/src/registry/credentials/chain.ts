/**
 * The credential lookup chain as data: every step docker or Jib takes for a registry, the outcome, and the near
 * misses. The steps come from the one lookup in provider.ts, so the chain shown is the lookup used.
 */
import type { CredentialChain, CredentialChainPair, CredentialFlavour, CredentialNearMiss } from '../contract';
import { readDockerConfig } from './dockerConfig';
import { listCredentialHelper } from './helper';
import { configNearMisses, listNearMisses } from './nearMisses';
import { createCredentialProvider, type CredentialProviderOptions } from './provider';
import type { CredentialLookup, CredentialProvider } from './types';

export interface CredentialChains {
  /** `jibCredHelper`: Jib's `from.credHelper` from the build file (Jib only). Never rejects. */
  chain(registry: string, tool: CredentialFlavour, jibCredHelper?: string): Promise<CredentialChain>;
}

export function createCredentialChains(options: CredentialProviderOptions = {}): CredentialChains {
  const provider = createCredentialProvider(options);
  return {
    async chain(registry, tool, jibCredHelper) {
      const lookup = await provider.lookup(registry, tool, tool === 'jib' ? jibCredHelper : undefined);
      return chainOf(lookup, registry, tool, options);
    },
  };
}

/**
 * A provider whose lookups also carry the chains (`source.chains`): docker's for a docker lookup; for a Jib lookup
 * Jib's and docker's, so that a Jib file can be told when the two tools disagree.
 */
export function withCredentialChains(provider: CredentialProvider, options: CredentialProviderOptions = {}): CredentialProvider {
  return {
    async lookup(registry, flavour, jibCredHelper) {
      const lookup = await provider.lookup(registry, flavour, jibCredHelper);
      const chains: CredentialChainPair = { [flavour]: await chainOf(lookup, registry, flavour, options) };
      if (flavour === 'jib') chains.docker = await chainOf(await provider.lookup(registry, 'docker'), registry, 'docker', options);
      return { ...lookup, source: { ...lookup.source, chains } };
    },
  };
}

/** Jib stops at a `from.credHelper` it cannot run ("The system does not have docker-credential-… CLI"). */
function jibStopsAtCredHelper(lookup: CredentialLookup): boolean {
  const first = lookup.steps?.[0];
  return first?.source === 'from.credHelper' && /^(not installed|the file does not exist)/.test(first.note ?? '');
}

async function chainOf(lookup: CredentialLookup, registry: string, tool: CredentialFlavour, options: CredentialProviderOptions): Promise<CredentialChain> {
  const steps = lookup.steps ?? [];
  const nearMisses: CredentialNearMiss[] = [];
  const files = [...new Set(steps.filter((s) => s.file && s.source !== 'config file').map((s) => s.file as string))];
  for (const file of files) {
    const read = readDockerConfig(file, file.endsWith('.dockercfg'));
    if (read.kind === 'ok') nearMisses.push(...configNearMisses(read.config, file, registry, tool));
  }
  const stops = tool === 'jib' && jibStopsAtCredHelper(lookup);
  const found = lookup.credential !== undefined && !stops;
  // A helper's `list` explains a miss; when the tool found credentials it is not run.
  if (options.allowHelpers && !found) {
    const asked = new Map<string, string[]>();
    for (const step of steps) {
      if (!step.helper || /^(not installed|not run|skipped)/.test(step.note ?? '')) continue;
      asked.set(step.helper, [...(asked.get(step.helper) ?? []), step.key]);
    }
    for (const [helper, keys] of asked) {
      const listed = await listCredentialHelper(helper, { env: options.env ?? process.env, timeoutMs: options.helperTimeoutMs ?? 5000 });
      if (listed.kind === 'listed') nearMisses.push(...listNearMisses(helper, listed.serverUrls, keys, registry, tool));
    }
  }
  return { registry, tool, steps, found, nearMisses, problems: lookup.problems };
}
