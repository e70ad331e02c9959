import { digestOnTarget } from './digestOnTarget';
import { implicitLatest } from './implicitLatest';
import { invalidReference } from './invalidReference';
import { latestTag } from './latestTag';
import type { SyntacticRule } from './rule';
import { schemePrefix } from './schemePrefix';
import { tagAndDigest } from './tagAndDigest';
import { unpinned } from './unpinned';
import { toolVersion } from './toolVersion';

export const SYNTACTIC_RULES: readonly SyntacticRule[] = [
  invalidReference,
  schemePrefix,
  tagAndDigest,
  implicitLatest,
  latestTag,
  unpinned,
  digestOnTarget,
  toolVersion,
];
