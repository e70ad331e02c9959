import { createCredentialChains, type CredentialChains } from '../registry/credentials';

/** The credential chains `imageref auth` shows: the same lookup the registry client uses, helpers run. */
export function createHostCredentialChains(env: NodeJS.ProcessEnv = process.env): CredentialChains {
  return createCredentialChains({ env, allowHelpers: true });
}
