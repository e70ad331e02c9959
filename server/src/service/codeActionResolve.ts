import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit, type CodeAction } from 'vscode-languageserver-types';
import type { AnalyzedReference, DocumentAnalysis } from './analysis';
import { pinAllWith, pinnable, pinWith, type PinData } from './codeActions';
import { rangeOf } from './ranges';
import type { PinStyle } from './settings';

export interface ResolveInput {
  document: TextDocument;
  analysis: DocumentAnalysis;
  pinStyle: PinStyle;
  knownDigest(reference: AnalyzedReference): string | undefined;
  /** Waits for the registry as long as a lookup takes (the user chose this fix). */
  lookUpDigest(reference: AnalyzedReference): Promise<string | undefined>;
}

export function isPinData(data: unknown): data is PinData {
  const d = data as Partial<PinData> | undefined;
  return !!d && (d.imageref === 'pin' || d.imageref === 'pin-all') && typeof d.uri === 'string' && typeof d.version === 'number';
}

/**
 * `codeAction/resolve` of a pin offered without its edit: looks the digest up now. The action comes back without
 * an edit when the document changed since or the registry gave no digest.
 */
export async function resolvePinAction(action: CodeAction, input: ResolveInput): Promise<CodeAction> {
  const data = action.data;
  if (!isPinData(data) || data.uri !== input.document.uri || data.version !== input.document.version) return action;
  const digestOf = async (r: AnalyzedReference) => input.knownDigest(r) ?? (await input.lookUpDigest(r));
  if (data.imageref === 'pin-all') {
    const references = pinnable(input);
    const resolved = pinAllWith(input, references, await Promise.all(references.map(digestOf)));
    return resolved?.edit ? { ...action, edit: resolved.edit } : action;
  }
  const reference = input.analysis.references.find((r) => r.ref.span.start === data.start);
  const digest = reference && (await digestOf(reference));
  const candidate = reference && digest ? pinWith(input, reference, digest)[0] : undefined;
  if (!candidate) return action;
  const edits = candidate.edits.map((e) => TextEdit.replace(rangeOf(input.document, e.span), e.newText));
  return { ...action, title: candidate.title, edit: { changes: { [input.document.uri]: edits } } };
}
