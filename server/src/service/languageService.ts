import { LRUCache } from 'lru-cache';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, InlayHint, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { RegistryClient, ResolveOutcome, TagListOutcome } from '../registry/contract';
import { analyzeText, type AnalyzedReference, type DocumentAnalysis } from './analysis';
import { fingerprintOf, type BuildContextProvider } from './buildContext';
import { codeActions } from './codeActions';
import { completeTags, tagSiteAt } from './completion';
import { resolvePinAction } from './codeActionResolve';
import { fileKindOf } from './fileKind';
import { hoverMarkdown } from './hover';
import { hintedReferences, inlayHintFor } from './inlayHints';
import { PRECISE_TAG_HEADS, preciseCandidates, tagsWithDigest } from './preciseTag';
import { rangeOf } from './ranges';
import {
  knownResolution, lookupsFor, namedTag, otherTagLookup, tagListLookup, type KnownOutcomes, type Lookup, type LookupOutcome, type ReferenceLookups,
} from './resolution';
import { parseTagVersion } from './tags';
import { digestUpdateEdits, pinnedLookups, updateSettings } from './updateDigests';
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
  /** Offer "Use the most specific tag" (a tag list and up to PRECISE_TAG_HEADS HEADs per reference; default true). */
  preciseTags?: boolean;
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
  private readonly outcomes = new LRUCache<string, LookupOutcome>({ max: 5_000 });
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
    const kind = fileKindOf(document.uri, document.languageId, text, context?.kubernetesFiles);
    if (!kind) return undefined;
    const cached = this.analyses.get(document.uri);
    // The injected build context, with what the caller gives (the Kubernetes globs, a command line's context) over it.
    const provided = this.deps.buildContext?.contextFor({ uri: document.uri, kind, text });
    const effective = context ? { ...provided?.context, ...context } : provided?.context;
    const fingerprint = context ? `${provided?.fingerprint ?? ''}|${fingerprintOf(context)}` : provided?.fingerprint ?? '';
    if (cached && cached.version === document.version && cached.text === text && cached.fingerprint === fingerprint && cached.analysis.kind === kind) {
      return cached.analysis;
    }
    const analysis = analyzeText(text, kind, effective);
    this.analyses.set(document.uri, { version: document.version, text, fingerprint, analysis });
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
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
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
        const request = { ...lookup.request, signal: options.signal, refresh: options.refresh };
        const outcome: LookupOutcome = !lookup.tags ? await registry.resolve(request)
          : registry.listTags ? await registry.listTags(request)
            : { ok: false, failure: { kind: 'offline', message: 'this registry client cannot list tags' } };
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
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
    const offset = document.offsetAt(position);
    const reference = analysis?.references.find((r) => r.ref.span.start <= offset && offset <= r.ref.span.end)
      ?? analysis?.references.find((r) => r.ref.via && r.ref.via.usedAt.start <= offset && offset <= r.ref.via.usedAt.end);
    if (!reference) {
      const note = analysis?.notes?.find((n) => n.span.start <= offset && offset <= n.span.end);
      return note ? { contents: { kind: 'markdown', value: note.markdown }, range: rangeOf(document, note.span) } : null;
    }
    const online = !!this.deps.registry && !settings.offline;
    const lookups = lookupsFor(reference, { full: true });
    // The newest of the tag's family: only for a tag that is a version.
    if (parseTagVersion(namedTag(reference) ?? '')) lookups.tags = tagListLookup(reference);
    const known = this.hoverOutcomes(reference, lookups);
    const pending = [lookups.tag, lookups.digest, lookups.tags].filter((l): l is Lookup => !!l && !known.has(l.key));
    const started = Date.now();
    if (online && pending.length) await waitAtMost(this.resolve(pending, settings), settings.hover.timeout, signal);
    if (signal?.aborted) return null;
    // The tag list only adds the family's newest tag: the hover does not wait for it to show the rest.
    const answered = online ? knownResolution({ tag: lookups.tag, digest: lookups.digest }, known) : undefined;
    const tagList = lookups.tags && (known.get(lookups.tags.key) as TagListOutcome | undefined);
    const resolution = answered && tagList ? { ...answered, tags: tagList } : answered;
    const waitingFor = online && !resolution && reference.parse?.ok ? reference.parse.ref.registry : undefined;
    // Tags naming a digest-only reference's digest: what the rest of the budget finds (the search goes on).
    let digestTags: { tags: string[]; searched: number } | undefined;
    if (online && resolution) {
      const search = this.tagsOfDigest(reference, settings).then((found) => (digestTags = found));
      await waitAtMost(search, Math.max(0, settings.hover.timeout - (Date.now() - started)), signal);
      if (signal?.aborted) return null;
    }
    const span = offset >= reference.ref.span.start && offset <= reference.ref.span.end ? reference.ref.span : reference.ref.via!.usedAt;
    return {
      contents: { kind: 'markdown', value: hoverMarkdown(reference, resolution, this.now(), { waitingFor, digestTags }) },
      range: rangeOf(document, span),
    };
  }

  /** Tags after `repo:`; nothing offline (or untrusted: no registry) and nothing when the registry fails. */
  async completion(document: TextDocument, position: Position, settings: ImagerefSettings, context?: ExtractionContext): Promise<CompletionList | null> {
    const registry = this.deps.registry;
    if (!registry?.listTags || settings.offline) return null;
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
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

  /** With `imageref.inlayHints`: after each unpinned tag in `range`, its short digest and platform count. */
  async inlayHints(document: TextDocument, range: Range, settings: ImagerefSettings, context?: ExtractionContext, signal?: AbortSignal): Promise<InlayHint[]> {
    if (!settings.inlayHints || !this.deps.registry || settings.offline) return [];
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
    if (!analysis) return [];
    const references = hintedReferences(analysis, { start: document.offsetAt(range.start), end: document.offsetAt(range.end) });
    const lookups = references.map((r) => lookupsFor(r, { full: true }).tag);
    const pending = new Map(lookups.filter((l): l is Lookup => !!l && !this.outcomes.has(l.key)).map((l) => [l.key, l]));
    await this.resolve([...pending.values()], settings, { signal });
    if (signal?.aborted) return [];
    return references.flatMap((reference, i) => {
      const key = lookups[i]?.key;
      return inlayHintFor(document, reference, key ? (this.outcomes.get(key) as ResolveOutcome | undefined) : undefined) ?? [];
    });
  }

  /**
   * Edits that bring every stale pinned digest of a document to what its tag points at now. The tags are asked
   * afresh (not from the cache): an update must see a tag that moved a minute ago.
   */
  async digestUpdates(document: TextDocument, settings: ImagerefSettings, context?: ExtractionContext, signal?: AbortSignal): Promise<TextEdit[]> {
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
    if (!analysis || !this.deps.registry || settings.offline) return [];
    const forced = updateSettings(settings);
    await this.resolve(pinnedLookups(analysis), forced, { signal, refresh: true });
    if (signal?.aborted) return [];
    let result = this.validate(document, forced, context);
    // Rules that wait on other lookups (a tag list for newer-tag) hold stale-digest back until those are in too.
    if (result.pending.length) {
      await this.resolve(result.pending, forced, { signal });
      result = this.validate(document, forced, context);
    }
    return digestUpdateEdits(result.diagnostics);
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
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
    if (!analysis) return [];
    // The lookups are not tied to this request: one that misses the wait still answers the next request.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), options.waitMs ?? PIN_WAIT_MS)));
    const online = !!this.deps.registry && !settings.offline;
    try {
      return await codeActions({
        document,
        analysis,
        diagnostics,
        only,
        pinStyle: settings.pinStyle,
        resolvable: online && options.resolvable,
        knownDigest: (reference) => this.knownTagDigest(reference, settings),
        lookupFailed: (reference) => this.tagLookupFailed(reference),
        lookUpDigest: online
          ? (reference) => (signal?.aborted ? Promise.resolve(undefined) : Promise.race([this.currentTagDigest(reference, settings), waited]))
          : undefined,
        digestOfTag: (reference, tag) => (signal?.aborted ? Promise.resolve(undefined) : Promise.race([this.otherTagDigest(reference, tag, settings), waited])),
        // A search the wait cuts short goes on and fills the caches: the next request offers its answer at once.
        preciseTagFor: this.deps.preciseTags === false ? undefined
          : (reference) => (signal?.aborted ? Promise.resolve(undefined) : Promise.race([this.preciseTag(reference, settings), options.resolvable ? soon() : waited])),
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** `codeAction/resolve`: the edit of a pin offered without one, looked up now. */
  async resolveCodeAction(action: CodeAction, document: TextDocument, settings: ImagerefSettings, context?: ExtractionContext, signal?: AbortSignal): Promise<CodeAction> {
    const analysis = this.analysisOf(document, withKubernetesFiles(context, settings));
    if (!analysis) return action;
    return resolvePinAction(action, {
      document,
      analysis,
      pinStyle: settings.pinStyle,
      knownDigest: (reference) => this.knownTagDigest(reference, settings),
      lookUpDigest: (reference) => this.currentTagDigest(reference, settings, signal),
    });
  }

  /** A remembered failure of the tag's lookup (the one `currentTagDigest` would use): asking again gives no digest. */
  private tagLookupFailed(reference: AnalyzedReference): boolean {
    const tag = lookupsFor(reference).tag;
    const outcome = tag && this.outcomes.get(tag.key);
    return !!outcome && !outcome.ok;
  }

  /** The digest of a reference's tag from a remembered answer (the validation's or the hover's lookup). */
  private knownTagDigest(reference: AnalyzedReference, settings: ImagerefSettings): string | undefined {
    if (!this.deps.registry || settings.offline) return undefined;
    for (const lookup of [lookupsFor(reference).tag, lookupsFor(reference, { full: true }).tag]) {
      const outcome = lookup && this.outcomes.get(lookup.key);
      if (outcome?.ok && 'image' in outcome) return outcome.image.digest;
    }
    return undefined;
  }

  private async currentTagDigest(reference: AnalyzedReference, settings: ImagerefSettings, signal?: AbortSignal): Promise<string | undefined> {
    const outcome = await this.answerOf(lookupsFor(reference).tag, settings, signal);
    return outcome?.ok && 'image' in outcome ? outcome.image.digest : undefined;
  }

  /** The repository's tags (cached lookups); undefined when they cannot be listed. */
  private async tagsOf(reference: AnalyzedReference, settings: ImagerefSettings, signal?: AbortSignal): Promise<string[] | undefined> {
    const outcome = await this.answerOf(tagListLookup(reference), settings, signal);
    return outcome?.ok && 'list' in outcome ? outcome.list.tags : undefined;
  }

  /** The most specific tag with the digest of the reference's floating tag (`17` → `17.0.13_11`), by a bounded search. */
  private async preciseTag(reference: AnalyzedReference, settings: ImagerefSettings, signal?: AbortSignal): Promise<string | undefined> {
    const parsed = reference.parse?.ok ? reference.parse.ref : undefined;
    if (!parsed || parsed.digest !== undefined || !this.deps.registry || settings.offline) return undefined;
    const [digest, tags] = await Promise.all([this.currentTagDigest(reference, settings, signal), this.tagsOf(reference, settings, signal)]);
    if (!digest || !tags) return undefined;
    const candidates = preciseCandidates(parsed.tag ?? 'latest', tags);
    const [found] = await tagsWithDigest(candidates, digest, (tag) => this.otherTagDigest(reference, tag, settings, signal), { first: true });
    return found;
  }

  /** For the hover of a digest-only reference: the tags the same bounded search finds pointing at its digest. */
  private async tagsOfDigest(reference: AnalyzedReference, settings: ImagerefSettings, signal?: AbortSignal): Promise<{ tags: string[]; searched: number } | undefined> {
    const parsed = reference.parse?.ok ? reference.parse.ref : undefined;
    if (!parsed?.digest || parsed.tag !== undefined || !this.deps.registry || settings.offline) return undefined;
    const tags = await this.tagsOf(reference, settings, signal);
    if (!tags) return undefined;
    const comment = reference.commentTag?.tag;
    const candidates = comment !== undefined && tags.includes(comment)
      ? [comment, ...preciseCandidates(comment, tags)].slice(0, PRECISE_TAG_HEADS)
      : preciseCandidates(undefined, tags);
    const found = await tagsWithDigest(candidates, parsed.digest, (tag) => this.otherTagDigest(reference, tag, settings, signal));
    return { tags: found, searched: candidates.length };
  }

  /** The digest another tag of the reference's repository points at now. */
  private async otherTagDigest(reference: AnalyzedReference, tag: string, settings: ImagerefSettings, signal?: AbortSignal): Promise<string | undefined> {
    const outcome = await this.answerOf(otherTagLookup(reference, tag), settings, signal);
    return outcome?.ok && 'image' in outcome ? outcome.image.digest : undefined;
  }

  /** The remembered answer to a lookup, asked of the registry first when there is none yet. */
  private async answerOf(lookup: Lookup | undefined, settings: ImagerefSettings, signal?: AbortSignal): Promise<LookupOutcome | undefined> {
    if (!lookup || signal?.aborted) return undefined;
    if (!this.outcomes.has(lookup.key)) await this.resolve([lookup], settings, { signal });
    return this.outcomes.get(lookup.key);
  }

  private remember(key: string, outcome: LookupOutcome, settings: ImagerefSettings): void {
    if (!outcome.ok && (outcome.failure.kind === 'cancelled' || outcome.failure.kind === 'offline')) return;
    const transient = !outcome.ok && TRANSIENT.has(outcome.failure.kind);
    this.outcomes.set(key, outcome, { ttl: transient ? TRANSIENT_TTL_MS : settings.cache.ttl * 1000 });
  }
}

/** A moment for answers already in memory to arrive; a search that needs the network misses it. */
function soon(): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), 20));
}

/** The `imageref.kubernetes.files` globs travel with the build context, which decides the file kind. */
function withKubernetesFiles(context: ExtractionContext | undefined, settings: ImagerefSettings): ExtractionContext | undefined {
  const files = settings.kubernetes?.files;
  return files?.length ? { ...context, kubernetesFiles: files } : context;
}
