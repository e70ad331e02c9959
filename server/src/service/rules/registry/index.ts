import { credentialProblems } from './credentials';
import { registryFailures } from './failures';
import { newerTag } from './newerTag';
import { platformMissing } from './platformMissing';
import type { RegistryRule } from './registryRule';
import { singlePlatformDigest } from './singlePlatformDigest';
import { staleDigest } from './staleDigest';

export const REGISTRY_RULES: readonly RegistryRule[] = [
  registryFailures,
  credentialProblems,
  staleDigest,
  singlePlatformDigest,
  platformMissing,
  newerTag,
];
