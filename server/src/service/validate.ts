import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyse, type AnalysedReference } from './analyse';
import { SOURCE } from './codes';
import { extract } from './extract';
import { knownResolution, lookupsFor, type KnownOutcomes, type Lookup } from './lookups';
import { SYNTACTIC_RULES } from './rules';
import { REGISTRY_RULES } from './rules/registry';
import type { Finding } from './rules/rule';
import { severityFor, type ImagerefSettings } from './settings';
import type { ExtractionContext, ExtractionProblem, FileKind, Span } from './types';

export interface DocumentAnalysis {
  kind: FileKind;
  references: AnalysedReference[];
  problems: ExtractionProblem[];
}

/**
 * Real build files are kilobytes; past this a document is not analysed (one problem says so), which bounds time and
 * memory for whatever an editor opens.
 */
export const MAX_ANALYSED_CHARACTERS = 4 * 1024 * 1024;

export function analyseText(text: string, kind: FileKind, context?: ExtractionContext): DocumentAnalysis {
  if (text.length > MAX_ANALYSED_CHARACTERS) {
    const size = (text.length / 1048576).toFixed(1);
    const message = `imageref does not analyse files this large (${size} MB; the limit is ${MAX_ANALYSED_CHARACTERS / 1048576} MB).`;
    return { kind, references: [], problems: [{ span: { start: 0, end: 0 }, message }] };
  }
  const { references, problems } = extract(text, kind, context);
  return { kind, references: references.map(analyse), problems: capProblems(problems) };
}

/**
 * Past this, a document's extraction problems are cut: a pom of 4 million stray `<` would otherwise give 4 million
 * diagnostics, whose LSP message is too large to serialise (the server died with "Invalid string length").
 */
export const MAX_PROBLEMS = 100;
/** What an editor is sent at most per document (the CLI reports everything). */
export const MAX_DIAGNOSTICS = 1000;

function capProblems(problems: ExtractionProblem[]): ExtractionProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - MAX_PROBLEMS;
  const last = problems[MAX_PROBLEMS];
  return [...problems.slice(0, MAX_PROBLEMS), { span: last.span, message: `${more} more problems in this file are not shown; fix the ones above first.` }];
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** Registry lookups whose answers are not known yet; validate again once they are. */
  pending: Lookup[];
}

/**
 * Diagnostics for a document from what is known now: the syntactic rules always, the registry rules for the
 * references whose lookups are in `outcomes`. Pure: the caller resolves `pending` and calls again.
 */
export function validate(
  document: TextDocument,
  analysis: DocumentAnalysis,
  settings: ImagerefSettings,
  outcomes: KnownOutcomes | undefined,
): ValidationResult {
  const findings: Finding[] = [];
  const pending = new Map<string, Lookup>();
  for (const reference of analysis.references) {
    const syntactic = SYNTACTIC_RULES.map((rule) => rule.check(reference)).filter((f): f is Finding => !!f);
    const lookups = outcomes ? lookupsFor(reference) : {};
    const resolution = outcomes && knownResolution(lookups, outcomes);
    if (outcomes && !resolution) {
      for (const lookup of [lookups.tag, lookups.digest]) if (lookup && !outcomes.has(lookup.key)) pending.set(lookup.key, lookup);
    }
    const registry = resolution ? REGISTRY_RULES.map((rule) => rule.check(reference, resolution)).filter((f): f is Finding => !!f) : [];
    findings.push(...withoutMootAdvice(syntactic, registry), ...registry);
  }
  const diagnostics = [...analysis.problems.map(problemFinding), ...findings]
    .map((finding) => toDiagnostic(document, finding, settings))
    .filter((d): d is Diagnostic => d !== undefined);
  return { diagnostics: dedupe(diagnostics).sort(byPosition), pending: [...pending.values()] };
}

const NOTHING_TO_PIN = new Set(['tag-not-found', 'repository-not-found']);
const PINNING_ADVICE = new Set(['unpinned', 'implicit-latest', 'latest-tag']);

/** Advice to pin a tag is moot once the registry said the tag or repository does not exist. */
function withoutMootAdvice(syntactic: Finding[], registry: Finding[]): Finding[] {
  if (!registry.some((f) => NOTHING_TO_PIN.has(f.code))) return syntactic;
  return syntactic.filter((f) => !PINNING_ADVICE.has(f.code));
}

function problemFinding(problem: ExtractionProblem): Finding {
  return { code: 'malformed-file', span: problem.span, message: problem.message, severity: DiagnosticSeverity.Warning };
}

function toDiagnostic(document: TextDocument, finding: Finding, settings: ImagerefSettings): Diagnostic | undefined {
  const severity = severityFor(settings, finding.code, finding.severity);
  if (severity === undefined) return undefined;
  const diagnostic = Diagnostic.create(rangeOf(document, finding.span), finding.message, severity, finding.code, SOURCE);
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

export function rangeOf(document: TextDocument, span: Span) {
  const length = document.getText().length;
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  return { start: document.positionAt(clamp(span.start)), end: document.positionAt(clamp(Math.max(span.start, span.end))) };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** One ARG used by several FROMs yields the same finding several times: publish it once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
