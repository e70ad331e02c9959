import { LRUCache } from 'lru-cache';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { RegistryClient, ResolveOutcome } from '../registry/contract';
import { analyzeText, type AnalyzedReference, type DocumentAnalysis } from './analysis';
import { fingerprintOf, type BuildContextProvider } from './buildContext';
import { codeActions } from './codeActions';
import { completeTags, tagSiteAt } from './completion';
import { resolvePinAction } from './codeActionResolve';
import { fileKindOf } from './fileKind';
import { hoverMarkdown } from './hover';
import { rangeOf } from './ranges';
import { knownResolution, lookupsFor, type KnownOutcomes, type Lookup, type ReferenceLookups } from './resolution';
import { waitAtMost } from './wait';
import type { ImagerefSettings } from './settings';
import type { ExtractionContext } from './types';
import { diagnose, type ValidationResult } from './validation';

export interface LanguageServiceDependencies {
  /** Absent: offline, registry rules never run. */
  registry?: RegistryClient;
  now?: () => number;
  /** gradle.properties, parent poms: asked whenever a method is given no explicit context. */
  buildContext?: BuildContextProvider;
  /** How long completion waits for a tag list (default COMPLETION_BUDGET_MS). */
  completionBudgetMs?: number;
}

/** How long a code action request may wait for pin digests when the client cannot resolve edits later. */
export const PIN_WAIT_MS = 500;

/** Transient answers are kept briefly so that a registry that comes back is asked again soon. */
const TRANSIENT_TTL_MS = 60_000;
const TRANSIENT = new Set(['unreachable', 'rate-limited', 'invalid-response']);

/**
 * The pure language service: documents in, LSP types out. Registry answers are remembered per lookup so that
 * validation stays synchronous; the front end resolves `pending` lookups and validates again.
 */
export class ImagerefLanguageService {
  private readonly outcomes = new LRUCache<string, ResolveOutcome>({ max: 5_000 });
  private readonly analyses = new Map<string, { version: number; text: string; fingerprint: string; analysis: DocumentAnalysis }>();
  private readonly now: () => number;

  constructor(private readonly deps: LanguageServiceDependencies) {
    this.now = deps.now ?? Date.now;
  }

  isSupported(document: TextDocument): boolean {
    return fileKindOf(document.uri, document.languageId, document.getText()) !== undefined;
  }

  /**
   * The analysis of a document, cached on its version, text and the fingerprint of its build context. An explicit
   * `context` wins over the injected provider.
   */
  analysisOf(document: TextDocument, context?: ExtractionContext): DocumentAnalysis | undefined {
    const text = document.getText();
    const kind = fileKindOf(document.uri, document.languageId, text);
    if (!kind) return undefined;
    const cached = this.analyses.get(document.uri);
    const provided = context
      ? { context, fingerprint: fingerprintOf(context) }
      : this.deps.buildContext?.contextFor({ uri: document.uri, kind, text }) ?? { context: undefined, fingerprint: '' };
    if (cached && cached.version === document.version && cached.text === text && cached.fingerprint === provided.fingerprint) return cached.analysis;
    const analysis = analyzeText(text, kind, provided.context);
    this.analyses.set(document.uri, { version: document.version, text, fingerprint: provided.fingerprint, analysis });
    return analysis;
  }

  /**
   * The image reference a diagnostic's range lies in: its whole text (after variable substitution) and the range
   * of the reference in the document. Undefined for diagnostics about the file itself.
   */
  referenceAt(document: TextDocument, range: Range, context?: ExtractionContext): { text: string; range: Range } | undefined {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const inside = (span: { start: number; end: number }) => span.start <= start && end <= span.end;
    const references = this.analysisOf(document, context)?.references ?? [];
    const reference = references.find((r) => inside(r.ref.span)) ?? references.find((r) => r.ref.via && inside(r.ref.via.usedAt));
    if (!reference) return undefined;
    return { text: reference.ref.text, range: rangeOf(document, inside(reference.ref.span) ? reference.ref.span : reference.ref.via!.usedAt) };
  }

  forgetDocument(uri: string): void {
    this.analyses.delete(uri);
  }

  validate(document: TextDocument, settings: ImagerefSettings, context?: ExtractionContext): ValidationResult {
    const analysis = this.analysisOf(document, context);
    if (!analysis) return { diagnostics: [], pending: [] };
    const online = this.deps.registry && !settings.offline;
    return diagnose(document, analysis, settings, online ? this.outcomes : undefined);
  }

  /** Ask the registry the pending lookups; answers are remembered for the next `validate`. */
  async resolve(lookups: readonly Lookup[], settings: ImagerefSettings, options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<void> {
    const registry = this.deps.registry;
    if (!registry || settings.offline) return;
    await Promise.all(
      lookups.map(async (lookup) => {
        const outcome = await registry.resolve({ ...lookup.request, signal: options.signal, refresh: options.refresh });
        this.remember(lookup.key, outcome, settings);
      }),
    );
  }

  /** Forget every remembered registry answer (the "refresh" command). */
  forgetRegistryAnswers(): void {
    this.outcomes.clear();
  }

  /**
   * The hover of a position, within `settings.hover.timeout`: what is known then, and which registry it is still
   * waiting for. The lookups are not tied to the request (nor to `signal`, which only ends the wait): they go on,
   * shared with the validation's, and the next hover has the answer.
   */
  async hover(document: TextDocument, position: Position, settings: ImagerefSettings, context?: ExtractionContext, signal?: AbortSignal): Promise<Hover | null> {
    const analysis = this.analysisOf(document, context);
    const offset = document.offsetAt(position);
    const reference = analysis?.references.find((r) => r.ref.span.start <= offset && offset <= r.ref.span.end)
      ?? analysis?.references.find((r) => r.ref.via && r.ref.via.usedAt.start <= offset && offset <= r.ref.via.usedAt.end);
    if (!reference) {
      const note = analysis?.notes?.find((n) => n.span.start <= offset && offset <= n.span.end);
      return note ? { contents: { kind: 'markdown', value: note.markdown }, range: rangeOf(document, note.span) } : null;
    }
    const online = !!this.deps.registry && !settings.offline;
    const lookups = lookupsFor(reference, { full: true });
    const known = this.hoverOutcomes(reference, lookups);
    const pending = [lookups.tag, lookups.digest].filter((l): l is Lookup => !!l && !known.has(l.key));
    if (online && pending.length) await waitAtMost(this.resolve(pending, settings), settings.hover.timeout, signal);
    if (signal?.aborted) return null;
    const resolution = online ? knownResolution(lookups, known) : undefined;
    const waitingFor = online && !resolution && reference.parse?.ok ? reference.parse.ref.registry : undefined;
    const span = offset >= reference.ref.span.start && offset <= reference.ref.span.end ? reference.ref.span : reference.ref.via!.usedAt;
    return {
      contents: { kind: 'markdown', value: hoverMarkdown(reference, resolution, this.now(), { waitingFor }) },
      range: rangeOf(document, span),
    };
  }

  /** Tags after `repo:`; nothing offline (or untrusted: no registry) and nothing when the registry fails. */
  async completion(document: TextDocument, position: Position, settings: ImagerefSettings, context?: ExtractionContext): Promise<CompletionList | null> {
    const registry = this.deps.registry;
    if (!registry?.listTags || settings.offline) return null;
    const analysis = this.analysisOf(document, context);
    const site = analysis && tagSiteAt(analysis, document.offsetAt(position));
    if (!site) return null;
    return completeTags({ document, site, listTags: (request) => registry.listTags!(request), budgetMs: this.deps.completionBudgetMs });
  }

  /** The hover's answers; a failure the validation's lookup of the tag met stands for the hover's lookup too. */
  private hoverOutcomes(reference: AnalyzedReference, lookups: ReferenceLookups): KnownOutcomes {
    const headTag = lookupsFor(reference).tag;
    const get = (key: string) => {
      const outcome = this.outcomes.get(key);
      if (outcome || key !== lookups.tag?.key || !headTag) return outcome;
      const head = this.outcomes.get(headTag.key);
      return head && !head.ok ? head : undefined;
    };
    return { get, has: (key) => get(key) !== undefined };
  }

  async codeActions(
    document: TextDocument,
    range: Range,
    diagnostics: readonly Diagnostic[],
    settings: ImagerefSettings,
    only?: readonly string[],
    context?: ExtractionContext,
    signal?: AbortSignal,
    options: { resolvable?: boolean; waitMs?: number } = {},
  ): Promise<CodeAction[]> {
    const analysis = this.analysisOf(document, context);
    if (!analysis) return [];
    // The lookups are not tied to this request: one that misses the wait still answers the next request.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), options.waitMs ?? PIN_WAIT_MS)));
    try {
      return await codeActions({
        document,
        analysis,
        diagnostics,
        only,
        pinStyle: settings.pinStyle,
        resolvable: options.resolvable,
        knownDigest: (reference) => this.knownTagDigest(reference, settings),
        lookUpDigest: (reference) => (signal?.aborted ? Promise.resolve(undefined) : Promise.race([this.currentTagDigest(reference, settings), waited])),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** `codeAction/resolve`: the edit of a pin offered without one, looked up now. */
  async resolveCodeAction(action: CodeAction, document: TextDocument, settings: ImagerefSettings, context?: ExtractionContext, signal?: AbortSignal): Promise<CodeAction> {
    const analysis = this.analysisOf(document, context);
    if (!analysis) return action;
    return resolvePinAction(action, {
      document,
      analysis,
      pinStyle: settings.pinStyle,
      knownDigest: (reference) => this.knownTagDigest(reference, settings),
      lookUpDigest: (reference) => this.currentTagDigest(reference, settings, signal),
    });
  }

  /** The digest of a reference's tag from a remembered answer (the validation's or the hover's lookup). */
  private knownTagDigest(reference: AnalyzedReference, settings: ImagerefSettings): string | undefined {
    if (!this.deps.registry || settings.offline) return undefined;
    for (const lookup of [lookupsFor(reference).tag, lookupsFor(reference, { full: true }).tag]) {
      const outcome = lookup && this.outcomes.get(lookup.key);
      if (outcome?.ok) return outcome.image.digest;
    }
    return undefined;
  }

  private async currentTagDigest(reference: AnalyzedReference, settings: ImagerefSettings, signal?: AbortSignal): Promise<string | undefined> {
    const tag = lookupsFor(reference).tag;
    if (!tag || signal?.aborted) return undefined;
    if (!this.outcomes.has(tag.key)) await this.resolve([tag], settings, { signal });
    const outcome = this.outcomes.get(tag.key);
    return outcome?.ok ? outcome.image.digest : undefined;
  }

  private remember(key: string, outcome: ResolveOutcome, settings: ImagerefSettings): void {
    if (!outcome.ok && (outcome.failure.kind === 'cancelled' || outcome.failure.kind === 'offline')) return;
    const transient = !outcome.ok && TRANSIENT.has(outcome.failure.kind);
    this.outcomes.set(key, outcome, { ttl: transient ? TRANSIENT_TTL_MS : settings.cache.ttl * 1000 });
  }
}
