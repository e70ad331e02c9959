import type { CredentialChain, CredentialChainPair, CredentialStep } from '../registry/contract';
import type { AnalyzedReference } from './analysis';
import { firstFailure, type ReferenceResolution } from './resolution';

/** The chains the registry side attached to a reference's answers (image credentials or the failure). */
export function chainsOf(resolution: ReferenceResolution): CredentialChainPair | undefined {
  for (const outcome of [resolution.digest, resolution.tag]) {
    if (outcome?.ok && outcome.image.credentials.chains) return outcome.image.credentials.chains;
  }
  return firstFailure(resolution)?.credentialChains;
}

/** The chain of the tool that reads the file: Jib's for Jib configuration, docker's otherwise. */
export function chainFor(reference: AnalyzedReference, resolution: ReferenceResolution): CredentialChain | undefined {
  const chains = chainsOf(resolution);
  return reference.ref.tool === 'jib' ? chains?.jib : chains?.docker;
}

/** Steps worth showing: a config file that is simply not present is left out. */
function shownSteps(chain: CredentialChain): CredentialStep[] {
  return chain.steps.filter((s) => !(s.source === 'config file' && s.note === 'not present'));
}

function stepText(step: CredentialStep): string {
  const how = step.found ? 'found' : step.note ?? 'nothing';
  return `${step.source} \`${step.key}\`${step.helper ? ` (${step.helper})` : ''}: ${how}`;
}

/** One line for a diagnostic: "Looked in (Jib's order): from.credHelper `h` (…): not installed; auths `h`: …". */
export function chainSummary(chain: CredentialChain): string {
  const who = chain.tool === 'jib' ? 'Jib' : 'docker';
  const steps = shownSteps(chain).map(stepText);
  const miss = chain.nearMisses[0];
  const near = miss ? ` Near miss: ${miss.source} \`${miss.key}\`: ${miss.why}.` : '';
  return `Looked in (${who}'s order): ${steps.join('; ') || 'no place'}.${near}`;
}

/** Markdown lines for the hover: the chain in short, numbered, then the near misses. */
export function chainMarkdown(chain: CredentialChain): string[] {
  const who = chain.tool === 'jib' ? 'Jib' : 'docker';
  const lines = [`**Credentials (${who}'s lookup):** ${chain.found ? 'found' : 'none found'}`, ''];
  shownSteps(chain).forEach((step, i) => lines.push(`${i + 1}. ${step.found ? '✓' : '✗'} ${stepText(step)}`));
  for (const miss of chain.nearMisses) lines.push(`- near miss: ${miss.source} \`${miss.key}\`: ${miss.why}`);
  lines.push('');
  return lines;
}
