/** Where credentials for a registry come from, as docker and as Jib look them up: the only door into this folder. */
export { createCredentialProvider, suggestHelper, type CredentialProviderOptions } from './provider';
export type { Credential, CredentialLookup, CredentialProvider } from './types';
export { createCredentialChains, withCredentialChains, type CredentialChains } from './chain';
