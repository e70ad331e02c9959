import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, type Range } from 'vscode-languageserver-types';
import type { AnalyzedReference } from './analysis';
import { PIN_ALL_KIND } from '../../../shared/protocol';
import { SOURCE } from './codes';
import {
  dropDigestEdit, dropTagEdit, lowercaseEdit, pinEdits, replaceDigestEdit, stripSchemeEdit, useTagEdits, type SpanEdit,
} from './fixes';
import type { PinStyle } from './settings';
import { setCredHelperEdit } from './credHelperFix';
import type { DocumentAnalysis } from './analysis';
import { documentSpan, rangeOf } from './ranges';

export interface CodeActionInput {
  document: TextDocument;
  analysis: DocumentAnalysis;
  diagnostics: readonly Diagnostic[];
  only?: readonly string[];
  pinStyle: PinStyle;
  /** The digest a reference's tag resolves to, when a registry answer is already known; never waits. */
  knownDigest(reference: AnalyzedReference): string | undefined;
  /**
   * Asks the registry (the caller bounds the wait). Absent, or when `resolvable`: pins whose digest is unknown are
   * not waited for.
   */
  lookUpDigest?(reference: AnalyzedReference): Promise<string | undefined>;
  /** The client resolves `edit` lazily: a pin whose digest is unknown is offered with `data` and no edit. */
  resolvable?: boolean;
  /** The registry already answered the reference's tag with a failure: no digest will come (until it is asked again). */
  lookupFailed?(reference: AnalyzedReference): boolean;
  /** The digest another tag of the reference's repository points at now (the caller bounds the wait). */
  digestOfTag?(reference: AnalyzedReference, tag: string): Promise<string | undefined>;
  /** The most specific tag with the same digest as the reference's floating tag, when a bounded search finds one. */
  preciseTagFor?(reference: AnalyzedReference): Promise<string | undefined>;
}

/** What `codeAction/resolve` needs to compute a pin's edit: the document version and the reference's offset. */
export interface PinData {
  imageref: 'pin' | 'pin-all';
  uri: string;
  version: number;
  /** Offset of the reference's span (pin only). */
  start?: number;
}

export interface Candidate {
  title: string;
  edits: SpanEdit[];
  preferred: boolean;
  data?: PinData;
}

/**
 * Quick fixes switch on the diagnostic's stable code; each edit comes from one function in fixes.ts. Fixes that
 * need no registry are computed at once; only pins whose digest is not known yet may wait (see CodeActionInput).
 */
export async function codeActions(input: CodeActionInput): Promise<CodeAction[]> {
  const wants = (kind: string) => !input.only || input.only.some((k) => kind === k || kind.startsWith(k + '.'));
  const pending: Array<Promise<CodeAction[]>> = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of input.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const reference = referenceAt(input, diagnostic.range);
      if (!reference) continue;
      pending.push(candidatesFor(input, diagnostic, reference).then((candidates) =>
        candidates.map((candidate) => toAction(input.document, candidate, CodeActionKind.QuickFix, [diagnostic]))));
    }
  }
  if (wants(PIN_ALL_KIND)) pending.push(pinAllAction(input).then((action) => (action ? [action] : [])));
  return (await Promise.all(pending)).flat();
}

/** `sha256:bab68b06a8c0…`: enough to recognise a digest in a title; the edit writes the whole digest. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return colon > 0 && digest.length > colon + 13 ? `${digest.slice(0, colon + 13)}…` : digest;
}

async function candidatesFor(input: CodeActionInput, diagnostic: Diagnostic, reference: AnalyzedReference): Promise<Candidate[]> {
  const jib = reference.ref.tool === 'jib' || reference.ref.tool === 'testcontainers';
  const one = (title: string, edit: SpanEdit | undefined, preferred = true) =>
    edit ? [{ title, edits: [edit], preferred }] : [];
  const data = (diagnostic.data ?? {}) as { digest?: string; reason?: string; credHelper?: string };
  switch (diagnostic.code) {
    case 'scheme-prefix':
      return one(`Remove \`${reference.scheme?.text}\``, stripSchemeEdit(reference));
    case 'invalid-reference':
      return data.reason === 'uppercase-repository' ? one('Lowercase the repository', lowercaseEdit(reference)) : [];
    case 'tag-and-digest':
      return one('Drop the tag (keep the digest)', dropTagEdit(reference), jib);
    case 'digest-on-target':
      return one('Remove the digest', dropDigestEdit(reference));
    case 'stale-digest':
      return data.digest ? one(`Update the digest to ${shortDigest(data.digest)}`, replaceDigestEdit(reference, data.digest)) : [];
    case 'single-platform-digest':
      return data.digest ? one('Use the multi-platform index digest', replaceDigestEdit(reference, data.digest)) : [];
    case 'newer-tag':
      return useTagCandidates(input, reference, (diagnostic.data as { tag?: string } | undefined)?.tag);
    case 'unpinned':
    case 'implicit-latest':
    case 'latest-tag':
      return [...(await pinCandidate(input, reference)), ...(await preciseTagCandidates(input, reference))];
    case 'credentials-mismatch':
      return data.credHelper
        ? one(`Set Jib's credHelper to \`${data.credHelper}\``, setCredHelperEdit(reference, data.credHelper, input.document.getText()), false)
        : [];
    default:
      return [];
  }
}

/** "Use the most specific tag with the same digest": `17` → `17.0.13_11`, found by a bounded number of HEADs. */
async function preciseTagCandidates(input: CodeActionInput, reference: AnalyzedReference): Promise<Candidate[]> {
  const tag = await input.preciseTagFor?.(reference);
  if (!tag) return [];
  const parsed = reference.parse?.ok ? reference.parse.ref : undefined;
  const edit = parsed?.spans.tag && reference.ref.editable
    ? { span: documentSpan(reference, parsed.spans.tag), newText: tag }
    : parsed && reference.ref.editable ? { span: documentSpan(reference, parsed.spans.path), newText: `${reference.body.slice(parsed.spans.path.start, parsed.spans.path.end)}:${tag}` } : undefined;
  return edit ? [{ title: `Use the most specific tag with the same digest: ${tag}`, edits: [edit], preferred: false }] : [];
}

/** "Use tag X": the tag replaced; a pinned reference gets X's digest too (no fix when that digest is unknown). */
async function useTagCandidates(input: CodeActionInput, reference: AnalyzedReference, tag: string | undefined): Promise<Candidate[]> {
  if (!tag) return [];
  const pinned = reference.parse?.ok && reference.parse.ref.digest !== undefined;
  const digest = pinned ? await input.digestOfTag?.(reference, tag) : undefined;
  if (pinned && !digest) return [];
  const edits = useTagEdits(reference, tag, digest, input.document.getText());
  return edits.length ? [{ title: `Use tag ${tag}`, edits, preferred: false }] : [];
}

async function pinCandidate(input: CodeActionInput, reference: AnalyzedReference): Promise<Candidate[]> {
  const known = input.knownDigest(reference);
  if (!known && input.resolvable) {
    if (!canPin(input, reference) || input.lookupFailed?.(reference)) return [];
    const tag = reference.parse?.ok ? reference.parse.ref.tag ?? 'latest' : 'latest';
    const data: PinData = { imageref: 'pin', uri: input.document.uri, version: input.document.version, start: reference.ref.span.start };
    return [{ title: `Pin to digest of tag \`${tag}\``, edits: [], preferred: true, data }];
  }
  const digest = known ?? (input.resolvable ? undefined : await input.lookUpDigest?.(reference));
  return digest ? pinWith(input, reference, digest) : [];
}

/** The pin of one reference to a digest that is known: its title shows the digest short. */
export function pinWith(input: Pick<CodeActionInput, 'document' | 'pinStyle'>, reference: AnalyzedReference, digest: string): Candidate[] {
  const edits = pinEdits(reference, digest, input.pinStyle, input.document.getText());
  return edits.length ? [{ title: `Pin to digest ${shortDigest(digest)}`, edits, preferred: true }] : [];
}

const PIN_ALL_TITLE = 'Pin all image references to digests';

async function pinAllAction(input: CodeActionInput): Promise<CodeAction | undefined> {
  const references = pinnable(input);
  const unknown = references.filter((r) => !input.knownDigest(r) && !input.lookupFailed?.(r));
  if (unknown.length > 0 && input.resolvable) {
    const data: PinData = { imageref: 'pin-all', uri: input.document.uri, version: input.document.version };
    return toAction(input.document, { title: PIN_ALL_TITLE, edits: [], preferred: false, data }, PIN_ALL_KIND);
  }
  const digests = await Promise.all(references.map(async (r) => input.knownDigest(r) ?? (await input.lookUpDigest?.(r))));
  return pinAllWith(input, references, digests);
}

const ANY_DIGEST = `sha256:${'0'.repeat(64)}`;

function canPin(input: Pick<CodeActionInput, 'document' | 'pinStyle'>, reference: AnalyzedReference): boolean {
  return pinEdits(reference, ANY_DIGEST, input.pinStyle, input.document.getText()).length > 0;
}

/** The references pin-all edits: registry-checkable, not pinned yet, each once. */
export function pinnable(input: Pick<CodeActionInput, 'document' | 'pinStyle' | 'analysis'>): AnalyzedReference[] {
  const seen = new Set<number>();
  return input.analysis.references.filter((r) => {
    if (!r.registryCheckable || seen.has(r.ref.span.start)) return false;
    seen.add(r.ref.span.start);
    return canPin(input, r);
  });
}

export function pinAllWith(input: Pick<CodeActionInput, 'document' | 'pinStyle'>, references: AnalyzedReference[], digests: Array<string | undefined>): CodeAction | undefined {
  const edits = references.flatMap((r, i) => (digests[i] ? pinEdits(r, digests[i], input.pinStyle, input.document.getText()) : []));
  if (edits.length === 0) return undefined;
  return toAction(input.document, { title: PIN_ALL_TITLE, edits, preferred: false }, PIN_ALL_KIND);
}

/** The reference whose span holds the diagnostic's range (ranges from an older version simply find nothing). */
function referenceAt(input: CodeActionInput, range: Range): AnalyzedReference | undefined {
  const start = input.document.offsetAt(range.start);
  const end = input.document.offsetAt(range.end);
  const inside = (span: { start: number; end: number } | undefined) => !!span && span.start <= start && end <= span.end;
  return input.analysis.references.find((r) => inside(r.ref.span)) ?? input.analysis.references.find((r) => inside(r.commentTag?.span));
}

export function toAction(document: TextDocument, candidate: Candidate, kind: string, diagnostics?: Diagnostic[]): CodeAction {
  const edits = candidate.edits.map((e) => TextEdit.replace(rangeOf(document, e.span), e.newText));
  const action = CodeAction.create(candidate.title, kind);
  if (!candidate.data) action.edit = { changes: { [document.uri]: edits } };
  else action.data = candidate.data;
  if (diagnostics) action.diagnostics = diagnostics;
  if (candidate.preferred) action.isPreferred = true;
  return action;
}
