import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, TextEdit, type Range } from 'vscode-languageserver-types';
import type { AnalyzedReference } from './analysis';
import { PIN_ALL_KIND } from '../../../shared/protocol';
import { SOURCE } from './codes';
import {
  dropDigestEdit, dropTagEdit, lowercaseEdit, pinEdits, replaceDigestEdit, stripSchemeEdit, type SpanEdit,
} from './fixes';
import type { PinStyle } from './settings';
import { setCredHelperEdit } from './credHelperFix';
import type { DocumentAnalysis } from './analysis';
import { rangeOf } from './ranges';

export interface CodeActionInput {
  document: TextDocument;
  analysis: DocumentAnalysis;
  diagnostics: readonly Diagnostic[];
  only?: readonly string[];
  pinStyle: PinStyle;
  /** The digest a reference's tag resolves to now (registry, cached); undefined when unknown or offline. */
  digestFor(reference: AnalyzedReference): Promise<string | undefined>;
}

interface Candidate {
  title: string;
  edits: SpanEdit[];
  preferred: boolean;
}

/** Quick fixes switch on the diagnostic's stable code; each edit comes from one function in fixes.ts. */
export async function codeActions(input: CodeActionInput): Promise<CodeAction[]> {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !input.only || input.only.some((k) => kind === k || kind.startsWith(k + '.'));
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of input.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const reference = referenceAt(input, diagnostic.range);
      if (!reference) continue;
      for (const candidate of await candidatesFor(input, diagnostic, reference)) {
        actions.push(toAction(input.document, candidate, CodeActionKind.QuickFix, [diagnostic]));
      }
    }
  }
  if (wants(PIN_ALL_KIND)) {
    const pinAll = await pinAllAction(input);
    if (pinAll) actions.push(pinAll);
  }
  return actions;
}

async function candidatesFor(input: CodeActionInput, diagnostic: Diagnostic, reference: AnalyzedReference): Promise<Candidate[]> {
  const jib = reference.ref.tool === 'jib';
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
      return data.digest ? one(`Update the digest to ${data.digest}`, replaceDigestEdit(reference, data.digest)) : [];
    case 'single-platform-digest':
      return data.digest ? one('Use the multi-platform index digest', replaceDigestEdit(reference, data.digest)) : [];
    case 'unpinned':
    case 'implicit-latest':
    case 'latest-tag': {
      const digest = await input.digestFor(reference);
      const edits = digest ? pinEdits(reference, digest, input.pinStyle, input.document.getText()) : [];
      return edits.length ? [{ title: `Pin to digest ${digest}`, edits, preferred: true }] : [];
    }
    case 'credentials-mismatch':
      return data.credHelper
        ? one(`Set Jib's credHelper to \`${data.credHelper}\``, setCredHelperEdit(reference, data.credHelper, input.document.getText()), false)
        : [];
    default:
      return [];
  }
}

async function pinAllAction(input: CodeActionInput): Promise<CodeAction | undefined> {
  const edits: SpanEdit[] = [];
  const seen = new Set<number>();
  for (const reference of input.analysis.references) {
    if (!reference.registryCheckable || seen.has(reference.ref.span.start)) continue;
    seen.add(reference.ref.span.start);
    const digest = await input.digestFor(reference);
    if (digest) edits.push(...pinEdits(reference, digest, input.pinStyle, input.document.getText()));
  }
  if (edits.length === 0) return undefined;
  return toAction(input.document, { title: 'Pin all image references to digests', edits, preferred: false }, PIN_ALL_KIND);
}

/** The reference whose span holds the diagnostic's range (ranges from an older version simply find nothing). */
function referenceAt(input: CodeActionInput, range: Range): AnalyzedReference | undefined {
  const start = input.document.offsetAt(range.start);
  const end = input.document.offsetAt(range.end);
  return input.analysis.references.find((r) => r.ref.span.start <= start && end <= r.ref.span.end);
}

function toAction(document: TextDocument, candidate: Candidate, kind: string, diagnostics?: Diagnostic[]): CodeAction {
  const edits = candidate.edits.map((e) => TextEdit.replace(rangeOf(document, e.span), e.newText));
  const action = CodeAction.create(candidate.title, { changes: { [document.uri]: edits } }, kind);
  if (diagnostics) action.diagnostics = diagnostics;
  if (candidate.preferred) action.isPreferred = true;
  return action;
}
