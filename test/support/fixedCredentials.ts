import type { Credential, CredentialLookup, CredentialProvider } from '../../server/src/registry/credentials';

export interface FixedCredentials extends CredentialProvider {
  /** Registries looked up, in order. */
  calls: string[];
}

/** A CredentialProvider answering `credential` for `registry` (or every registry when omitted). */
export function fixedCredentials(credential?: Credential, registry?: string): FixedCredentials {
  const calls: string[] = [];
  return {
    calls,
    async lookup(host: string): Promise<CredentialLookup> {
      calls.push(host);
      const searched = [`test provider: ${credential && (!registry || registry === host) ? 'match' : 'none'} for ${host}`];
      if (!credential || (registry && registry !== host)) return { source: { source: 'anonymous' }, searched, problems: [] };
      return { credential, source: { source: 'test provider', key: host }, searched, problems: [] };
    },
  };
}
