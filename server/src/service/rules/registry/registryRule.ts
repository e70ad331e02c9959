import type { AnalyzedReference } from '../../analysis';
import type { DiagnosticCode } from '../../codes';
import type { ReferenceResolution } from '../../resolution';
import type { Finding } from '../rule';

/** A rule that judges a reference by the registry's answers. */
export interface RegistryRule {
  codes: readonly DiagnosticCode[];
  check(reference: AnalyzedReference, resolution: ReferenceResolution): Finding | undefined;
}
