import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from './analysis';
import { SOURCE } from './codes';
import { rangeOf, rangesOf } from './ranges';
import { knownResolution, lookupsFor, namedTag, tagListLookup, type KnownOutcomes, type Lookup } from './resolution';
import { SYNTACTIC_RULES } from './rules';
import { REGISTRY_RULES } from './rules/registry';
import type { Finding } from './rules/rule';
import { severityFor, type ImagerefSettings } from './settings';
import { withoutSuppressed } from './suppressions';
import type { ExtractionProblem, Span } from './types';

/** What an editor is sent at most per document (the CLI reports everything). */
export const MAX_DIAGNOSTICS = 1000;

/** From this many references and problems, ranges come from rangesOf. */
const MANY_RANGES = 256;

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** Registry lookups whose answers are not known yet; validate again once they are. */
  pending: Lookup[];
}

/**
 * Diagnostics for a document from what is known now: the syntactic rules always, the registry rules for the
 * references whose lookups are in `outcomes`. Pure: the caller resolves `pending` and calls again.
 */
export function diagnose(
  document: TextDocument,
  analysis: DocumentAnalysis,
  settings: ImagerefSettings,
  outcomes: KnownOutcomes | undefined,
): ValidationResult {
  const pending = new Map<string, Lookup>();
  // The tag list is asked only when a rule that needs it is on (newer-tag is off by default).
  const wantsTags = severityFor(settings, 'newer-tag', DiagnosticSeverity.Information) !== undefined;
  const diagnostics: Diagnostic[] = [];
  // Past a few hundred findings, one table of line starts for them all (see rangesOf).
  const range = analysis.references.length + analysis.problems.length >= MANY_RANGES ? rangesOf(document) : (span: Span) => rangeOf(document, span);
  const publish = (finding: Finding) => {
    const diagnostic = toDiagnostic(finding, settings, range);
    if (diagnostic) diagnostics.push(diagnostic);
  };
  for (const problem of analysis.problems) publish(problemFinding(problem));
  // Indexed loops, not map/filter/spread or for-of, and each finding made a diagnostic at once: a 10,000-FROM
  // Dockerfile goes through here with 11,000 findings, mostly in code V8 has not optimised yet (where a for-of
  // allocates an iterator result per step), and every intermediate array or object kept is garbage to collect.
  const { references } = analysis;
  for (let r = 0; r < references.length; r++) {
    const reference = references[r];
    let syntactic: Finding[] | undefined;
    for (let k = 0; k < SYNTACTIC_RULES.length; k++) {
      const finding = SYNTACTIC_RULES[k].check(reference);
      // A list made with its first finding has room for it alone, not for the 16 a first push makes.
      if (!finding) continue;
      if (syntactic === undefined) syntactic = [finding];
      else syntactic.push(finding);
    }
    if (!outcomes) {
      if (syntactic === undefined) continue;
      const errors = hasReferenceError(syntactic);
      for (let k = 0; k < syntactic.length; k++) if (!errors || !PINNING_ADVICE.has(syntactic[k].code)) publish(syntactic[k]);
      continue;
    }
    syntactic ??= [];
    const lookups = lookupsFor(reference);
    if (wantsTags && namedTag(reference) !== undefined) lookups.tags = tagListLookup(reference);
    const resolution = knownResolution(lookups, outcomes);
    if (!resolution) {
      for (const lookup of [lookups.tag, lookups.digest, lookups.tags]) if (lookup && !outcomes.has(lookup.key)) pending.set(lookup.key, lookup);
    }
    const registry = resolution ? REGISTRY_RULES.map((rule) => rule.check(reference, resolution)).filter((f): f is Finding => !!f) : [];
    for (const finding of withoutMootAdvice(withoutAdviceOnErrors(syntactic), registry)) publish(finding);
    for (const finding of registry) publish(finding);
  }
  // Sorted first (a stable sort), then de-duplicated: the same ones are kept, in the same order.
  // The findings come mostly in document order: a file whose diagnostics are already in order skips the sort.
  if (!isSorted(diagnostics)) diagnostics.sort(byPosition);
  return { diagnostics: withoutSuppressed(document, analysis.kind, dedupeSorted(diagnostics)), pending: [...pending.values()] };
}

const NOTHING_TO_PIN = new Set(['tag-not-found', 'repository-not-found']);
const PINNING_ADVICE = new Set(['unpinned', 'implicit-latest', 'latest-tag']);

/** Advice to pin a tag is moot once the registry said the tag or repository does not exist. */
function withoutMootAdvice(syntactic: Finding[], registry: Finding[]): Finding[] {
  if (!registry.some((f) => NOTHING_TO_PIN.has(f.code))) return syntactic;
  return syntactic.filter((f) => !PINNING_ADVICE.has(f.code));
}

const REFERENCE_ERRORS = new Set(['scheme-prefix', 'invalid-reference']);

/** One actionable problem per reference: while it has an error, advice about pinning it waits until it is fixed. */
function withoutAdviceOnErrors(syntactic: Finding[]): Finding[] {
  if (!hasReferenceError(syntactic)) return syntactic;
  return syntactic.filter((f) => !PINNING_ADVICE.has(f.code));
}

function hasReferenceError(findings: readonly Finding[]): boolean {
  for (let k = 0; k < findings.length; k++) if (REFERENCE_ERRORS.has(findings[k].code)) return true;
  return false;
}

function problemFinding(problem: ExtractionProblem): Finding {
  return { code: 'malformed-file', span: problem.span, message: problem.message, severity: DiagnosticSeverity.Warning };
}

function toDiagnostic(finding: Finding, settings: ImagerefSettings, range: (span: Span) => Range): Diagnostic | undefined {
  const severity = severityFor(settings, finding.code, finding.severity);
  if (severity === undefined) return undefined;
  // Diagnostic.create's fields, in its order (JSON output keeps it), as one literal.
  const diagnostic: Diagnostic = { range: range(finding.span), message: finding.message, severity, code: finding.code, source: SOURCE };
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

function isSorted(diagnostics: readonly Diagnostic[]): boolean {
  for (let i = 1; i < diagnostics.length; i++) if (byPosition(diagnostics[i - 1], diagnostics[i]) > 0) return false;
  return true;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * One ARG used by several FROMs yields the same finding several times: publish it once. The diagnostics are sorted by
 * start, so the same ones are next to each other among those of their start line; no key string is built.
 */
function dedupeSorted(diagnostics: Diagnostic[]): Diagnostic[] {
  let kept = 0;
  let lineStart = 0;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    if (kept === 0 || diagnostics[kept - 1].range.start.line !== d.range.start.line) lineStart = kept;
    let seen = false;
    for (let k = lineStart; k < kept && !seen; k++) seen = sameDiagnostic(diagnostics[k], d);
    if (!seen) diagnostics[kept++] = d;
  }
  diagnostics.length = kept;
  return diagnostics;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.code === b.code && a.message === b.message && a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}
