import type { AnalyzedReference } from './analysis';
import { bodySpan, documentSpan } from './ranges';
import { lowercaseRepositoryFix } from './reference/parse';
import type { PinStyle } from './settings';
import { isYamlKind, tagCommentOf, tagCommentPlace } from './tagComment';
import type { Span } from './types';

/** A text replacement in document offsets. Every fix edits only the reference it fixes (plus a tag comment). */
export interface SpanEdit {
  span: Span;
  newText: string;
}

function validRef(reference: AnalyzedReference) {
  return reference.ref.editable && reference.parse?.ok ? reference.parse.ref : undefined;
}

export function stripSchemeEdit(reference: AnalyzedReference): SpanEdit | undefined {
  if (!reference.ref.editable || !reference.scheme) return undefined;
  return { span: reference.scheme.span, newText: '' };
}

export function dropTagEdit(reference: AnalyzedReference): SpanEdit | undefined {
  const spans = validRef(reference)?.spans;
  if (!spans?.tag) return undefined;
  return { span: documentSpan(reference, { start: spans.tag.start - 1, end: spans.tag.end }), newText: '' };
}

export function dropDigestEdit(reference: AnalyzedReference): SpanEdit | undefined {
  const spans = validRef(reference)?.spans;
  if (!spans?.digest) return undefined;
  return { span: documentSpan(reference, { start: spans.digest.start - 1, end: spans.digest.end }), newText: '' };
}

export function replaceDigestEdit(reference: AnalyzedReference, digest: string): SpanEdit | undefined {
  const spans = validRef(reference)?.spans;
  if (!spans?.digest) return undefined;
  return { span: documentSpan(reference, spans.digest), newText: digest };
}

export function lowercaseEdit(reference: AnalyzedReference): SpanEdit | undefined {
  if (!reference.ref.editable) return undefined;
  const fixed = lowercaseRepositoryFix(reference.body);
  return fixed === undefined ? undefined : { span: bodySpan(reference), newText: fixed };
}

/**
 * The style a pin takes: Jib gets digest-only (its credential lookup breaks on tag+digest), so does Testcontainers
 * (its DockerImageName rejects `repo:tag@sha256:…`); others keep the tag.
 */
export function effectivePinStyle(reference: AnalyzedReference, style: PinStyle): 'tag+digest' | 'digest' {
  if (style !== 'auto') return style;
  return reference.ref.tool === 'jib' || reference.ref.tool === 'testcontainers' ? 'digest' : 'tag+digest';
}

/**
 * Pin a reference to `digest`. Digest-only pins in Maven and Gradle keep the tag in a comment next to the
 * reference (`<!-- tag: 17 -->`, `// tag: 17`) so a reader still knows which version it is.
 */
export function pinEdits(reference: AnalyzedReference, digest: string, style: PinStyle, text: string): SpanEdit[] {
  const parsed = validRef(reference);
  if (!parsed || parsed.digest !== undefined) return [];
  const nameEnd = parsed.spans.tag ? parsed.spans.tag.start - 1 : parsed.spans.path.end;
  const name = reference.body.slice(0, nameEnd);
  const digestOnly = effectivePinStyle(reference, style) === 'digest';
  const pinned = digestOnly ? `${name}@${digest}` : `${reference.body}@${digest}`;
  const edits: SpanEdit[] = [{ span: bodySpan(reference), newText: pinned }];
  if (digestOnly && parsed.tag !== undefined) {
    const comment = tagCommentEdit(reference, parsed.tag, text);
    if (comment) edits.push(comment);
  }
  return edits;
}

/**
 * Use another tag: `repo:old` → `repo:new`; `repo:old@d` → `repo:new@d'`; a digest-only pin `repo@d <!-- tag: old -->`
 * → `repo@d'` with the comment saying `new`. `digest` is the new tag's digest, needed for a pinned reference.
 */
export function useTagEdits(reference: AnalyzedReference, tag: string, digest: string | undefined, text: string): SpanEdit[] {
  const parsed = validRef(reference);
  if (!parsed) return [];
  const edits: SpanEdit[] = [];
  if (parsed.spans.tag) edits.push({ span: documentSpan(reference, parsed.spans.tag), newText: tag });
  if (parsed.spans.digest) {
    if (!digest) return [];
    edits.push({ span: documentSpan(reference, parsed.spans.digest), newText: digest });
    if (!parsed.spans.tag) {
      const comment = reference.commentTag ? tagCommentEdit(reference, tag, text) : undefined;
      if (!comment) return [];
      edits.push(comment);
    }
  }
  return edits;
}

/** The pin's tag comment, replacing the one already there (a re-pin must not write a second). */
export function tagCommentEdit(reference: AnalyzedReference, tag: string, text: string): SpanEdit | undefined {
  const place = tagCommentPlace(reference.ref, text);
  if (!place) return undefined;
  const kind = reference.ref.fileKind;
  const comment = kind === 'maven' ? ` <!-- tag: ${tag} -->` : isYamlKind(kind) ? ` # tag: ${tag}` : ` // tag: ${tag}`;
  const existing = tagCommentOf(reference.ref, text);
  if (existing) return { span: existing.span, newText: comment };
  return { span: { start: place.end, end: place.end }, newText: comment };
}
