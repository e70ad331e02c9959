/**
 * The credential lookup chain as data: every step docker or Jib takes for a registry, the outcome, and the near
 * misses. The steps come from the one lookup in provider.ts, so the chain shown is the lookup used.
 */
import type { CredentialChain, CredentialFlavour, CredentialNearMiss } from '../contract';
import { readDockerConfig } from './dockerConfig';
import { listCredentialHelper } from './helper';
import { configNearMisses, listNearMisses } from './nearMisses';
import { createCredentialProvider, type CredentialProviderOptions } from './provider';

export interface CredentialChains {
  /** `jibCredHelper`: Jib's `from.credHelper` from the build file (Jib only). Never rejects. */
  chain(registry: string, tool: CredentialFlavour, jibCredHelper?: string): Promise<CredentialChain>;
}

export function createCredentialChains(options: CredentialProviderOptions = {}): CredentialChains {
  const provider = createCredentialProvider(options);
  const env = options.env ?? process.env;
  const timeoutMs = options.helperTimeoutMs ?? 5000;
  return {
    async chain(registry, tool, jibCredHelper) {
      const lookup = await provider.lookup(registry, tool, tool === 'jib' ? jibCredHelper : undefined);
      const steps = lookup.steps ?? [];
      const nearMisses: CredentialNearMiss[] = [];
      const files = [...new Set(steps.filter((s) => s.file && s.source !== 'config file').map((s) => s.file as string))];
      for (const file of files) {
        const read = readDockerConfig(file, file.endsWith('.dockercfg'));
        if (read.kind === 'ok') nearMisses.push(...configNearMisses(read.config, file, registry, tool));
      }
      if (options.allowHelpers) {
        const asked = new Map<string, string[]>();
        for (const step of steps) {
          if (!step.helper || /^(not installed|not run|skipped)/.test(step.note ?? '')) continue;
          asked.set(step.helper, [...(asked.get(step.helper) ?? []), step.key]);
        }
        for (const [helper, keys] of asked) {
          const listed = await listCredentialHelper(helper, { env, timeoutMs });
          if (listed.kind === 'listed') nearMisses.push(...listNearMisses(helper, listed.serverUrls, keys, registry, tool));
        }
      }
      return { registry, tool, steps, found: lookup.credential !== undefined, nearMisses, problems: lookup.problems };
    },
  };
}
