import { readFileSync } from 'node:fs';
import type { ImagerefRegistryClient } from '../registry/client';
import type { PullLimit } from '../registry/contract';
import type { ImagerefSettings } from '../service/settings';

export interface RegistryHost {
  /** Absent when offline or untrusted: then nothing touches the network and no credential helper runs. */
  client?: ImagerefRegistryClient;
  /** Problems building it (e.g. an unreadable CA file), one line each. */
  problems: string[];
}

export interface RegistryHostOptions {
  settings: ImagerefSettings;
  trusted: boolean;
  cacheDir?: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** A registry reported a new pull quota (Docker Hub's `ratelimit-remaining`). */
  onPullLimit?: (limit: PullLimit) => void;
}

/** Build the registry client a front end injects into the service. The one place clients are constructed. */
export function createRegistryHost(options: RegistryHostOptions): RegistryHost {
  const { settings, trusted } = options;
  if (settings.offline || !trusted) return { problems: [] };
  const problems: string[] = [];
  const extraCaCerts: string[] = [];
  for (const file of settings.caCertificates) {
    try {
      extraCaCerts.push(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`imageref.caCertificates: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
  }
  // Loaded only when used: an offline run (CLI --offline, untrusted workspace) never pays for the HTTP stack.
  const { createCredentialProvider } = require('../registry/credentials') as typeof import('../registry/credentials');
  const { createRegistryClient } = require('../registry/client') as typeof import('../registry/client');
  const { withCredentialChains } = require('../registry/credentials') as typeof import('../registry/credentials');
  const credentialOptions = { env: options.env ?? process.env, allowHelpers: true, logger: options.log };
  // Each lookup also carries docker's (and for Jib, Jib's) lookup chain, for hovers and credentials-mismatch.
  const credentials = withCredentialChains(createCredentialProvider(credentialOptions), credentialOptions);
  const client = createRegistryClient({
    credentials,
    cacheDir: options.cacheDir,
    tagTtlSeconds: settings.cache.ttl,
    timeoutMs: settings.requestTimeout,
    insecureRegistries: settings.insecureRegistries,
    extraCaCerts,
    logger: options.log,
    onPullLimit: options.onPullLimit,
  });
  return { client, problems };
}
