import type { TextDocument } from 'vscode-languageserver-textdocument';
import { InlayHintKind, type InlayHint } from 'vscode-languageserver-types';
import type { ResolveOutcome } from '../registry/contract';
import type { AnalyzedReference, DocumentAnalysis } from './analysis';
import { shortDigest } from './reference/format';
import type { Span } from './types';

/** The references that get a hint: pulled, editable, a tag and no digest, inside the requested span. */
export function hintedReferences(analysis: DocumentAnalysis, span: Span): AnalyzedReference[] {
  return analysis.references.filter((r) => {
    const parsed = r.parse?.ok ? r.parse.ref : undefined;
    return r.registryCheckable && r.ref.editable && parsed?.tag !== undefined && parsed.digest === undefined
      && r.ref.span.end >= span.start && r.ref.span.start <= span.end;
  });
}

/** ` sha256:1a2b3c4d… · 3 platforms` after the reference, from its tag's outcome (nothing for a failure). */
export function inlayHintFor(document: TextDocument, reference: AnalyzedReference, outcome: ResolveOutcome | undefined): InlayHint | undefined {
  if (!outcome?.ok) return undefined;
  const { image } = outcome;
  const platforms = image.platforms.filter((p) => !p.attestation).length;
  const count = image.kind === 'index' ? `${platforms} platform${platforms === 1 ? '' : 's'}` : 'single platform';
  return {
    position: document.positionAt(reference.ref.span.end),
    label: `${shortDigest(image.digest)} · ${count}`,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: `${image.digest} (${image.fromCache ? 'cached' : 'from the registry'})`,
  };
}
