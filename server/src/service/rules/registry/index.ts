import { credentialProblems } from './credentials';
import { credentialsMismatch } from './credentialsMismatch';
import { registryFailures } from './failures';
import { newerTag } from './newerTag';
import { platformMissing } from './platformMissing';
import type { RegistryRule } from './registryRule';
import { singlePlatformDigest } from './singlePlatformDigest';
import { staleDigest } from './staleDigest';
import { toolVersionRegistry } from './toolVersionRegistry';

export const REGISTRY_RULES: readonly RegistryRule[] = [
  registryFailures,
  credentialProblems,
  staleDigest,
  singlePlatformDigest,
  platformMissing,
  credentialsMismatch,
  toolVersionRegistry,
  newerTag,
];
