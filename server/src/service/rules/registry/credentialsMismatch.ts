import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { CredentialChain, CredentialStep } from '../../../registry/contract';
import { bodySpan } from '../../ranges';
import { chainsOf } from '../../credentialChainText';
import { JIB_BASE_IMAGE_CACHE_NOTE } from '../../jibCache';
import type { RegistryRule } from './registryRule';

/**
 * `credentials-mismatch`: in a Jib file, docker's lookup finds credentials for the registry and Jib's does not, or
 * the reverse. The message names the key each tool asks for and the fix; `data.credHelper` feeds the quick fix.
 */
export const credentialsMismatch: RegistryRule = {
  codes: ['credentials-mismatch'],
  check(reference, resolution) {
    if (reference.ref.tool !== 'jib' || reference.ref.jibAuth?.hasUsernamePassword) return undefined;
    const chains = chainsOf(resolution);
    const { docker, jib } = chains ?? {};
    if (!docker || !jib || docker.found === jib.found) return undefined;
    const registry = jib.registry;
    const span = bodySpan(reference);
    if (docker.found) {
      const used = docker.steps.find((s) => s.found) as CredentialStep;
      const helper = used.helper?.replace(/^docker-credential-/, '');
      const fix = helper && used.key === askedHost(jib)
        ? `Set Jib's credHelper for this image to \`${helper}\` (quick fix), so Jib asks it for "${askedHost(jib)}" first.`
        : `Add an entry Jib matches (key "${askedHost(jib)}" or "https://${askedHost(jib)}") to ~/.docker/config.json, or set Jib's credHelper.`;
      return {
        code: 'credentials-mismatch',
        severity: DiagnosticSeverity.Warning,
        span,
        message: `docker finds credentials for ${registry} (${describe(used)}) but Jib does not (${tried(jib)}). ${fix} ${JIB_BASE_IMAGE_CACHE_NOTE}`,
        ...(helper && used.key === askedHost(jib) ? { data: { credHelper: helper } } : {}),
      };
    }
    const used = jib.steps.find((s) => s.found) as CredentialStep;
    const dockerKey = docker.steps[0]?.key ?? registry;
    return {
      code: 'credentials-mismatch',
      severity: DiagnosticSeverity.Warning,
      span,
      message: `Jib finds credentials for ${registry} (${describe(used)}) but docker does not (${tried(docker)}): ` +
        `\`docker pull\` and \`docker build\` will fail. Add a credHelpers or auths entry for "${dockerKey}" to docker's config.json (\`docker login ${registry}\`).`,
    };
  },
};

/** The host Jib asks its from.credHelper for: the first step's key, else the registry. */
function askedHost(jib: CredentialChain): string {
  return jib.steps.find((s) => s.source === 'from.credHelper')?.key ?? (jib.registry === 'docker.io' ? 'registry-1.docker.io' : jib.registry);
}

function describe(step: CredentialStep): string {
  return `${step.source} "${step.key}"${step.helper ? ` via ${step.helper}` : ''}`;
}

/** The keys a tool asked for, each once, e.g. `asks for "h.example" in credHelpers, auths`. */
function tried(chain: CredentialChain): string {
  const bySource = new Map<string, Set<string>>();
  for (const step of chain.steps) {
    if (step.source === 'config file') continue;
    bySource.set(step.source, (bySource.get(step.source) ?? new Set()).add(step.key));
  }
  const parts = [...bySource].map(([source, keys]) => `${source} ${[...keys].map((k) => `"${k}"`).join(', ')}`);
  const miss = chain.nearMisses[0];
  const near = miss ? `; near miss: ${miss.source} "${miss.key}": ${miss.why}` : '';
  const stop = chain.problems.find((p) => p.startsWith('Jib stops'));
  return `it asks ${parts.join('; ') || 'nowhere'}${near}${stop ? `; ${stop}` : ''}`;
}
