import type { AnalyzedReference } from './analysis';
import { bodySpan, documentSpan } from './ranges';
import { lowercaseRepositoryFix } from './reference/parse';
import type { PinStyle } from './settings';
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

/** The style a pin takes: Jib gets digest-only (its credential lookup breaks on tag+digest), others keep the tag. */
export function effectivePinStyle(reference: AnalyzedReference, style: PinStyle): 'tag+digest' | 'digest' {
  if (style !== 'auto') return style;
  return reference.ref.tool === 'jib' ? 'digest' : 'tag+digest';
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

function tagCommentEdit(reference: AnalyzedReference, tag: string, text: string): SpanEdit | undefined {
  const end = reference.ref.span.end;
  switch (reference.ref.fileKind) {
    case 'maven': {
      const close = text.indexOf('</', end);
      const gt = close < 0 ? -1 : text.indexOf('>', close);
      if (gt < 0) return undefined;
      const existing = /^ ?<!-- tag: [^>]*-->/.exec(text.slice(gt + 1));
      return { span: { start: gt + 1, end: gt + 1 + (existing?.[0].length ?? 0) }, newText: ` <!-- tag: ${tag} -->` };
    }
    case 'gradle-groovy':
    case 'gradle-kotlin': {
      const newline = text.indexOf('\n', end);
      let lineEnd = newline < 0 ? text.length : newline;
      if (text[lineEnd - 1] === '\r') lineEnd--;
      const rest = text.slice(end, lineEnd);
      // Only a `// tag:` comment right after the literal's closing quote or parenthesis is ours to replace: one further
      // along the line may sit inside a string (`def x = '// tag: z'`), and replacing it would delete code.
      const existing = /^(["')]*)( *\/\/ tag: .*)$/.exec(rest);
      const start = existing ? end + existing[1].length : lineEnd;
      return { span: { start, end: lineEnd }, newText: ` // tag: ${tag}` };
    }
    case 'compose':
    case 'kubernetes':
    case 'github-actions':
    case 'gitlab-ci':
    case 'skaffold':
      return yamlTagCommentEdit(end, tag, text);
    default:
      return undefined;
  }
}

/**
 * ` # tag: 17` after a YAML value (and its closing quote); an earlier `# tag:` comment there is replaced. Another
 * comment on the line is left alone, and then no tag comment is added.
 */
function yamlTagCommentEdit(end: number, tag: string, text: string): SpanEdit | undefined {
  const newline = text.indexOf('\n', end);
  let lineEnd = newline < 0 ? text.length : newline;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = /^(["']?)( *# tag: .*| *)$/.exec(text.slice(end, lineEnd));
  if (!rest) return undefined;
  return { span: { start: end + rest[1].length, end: lineEnd }, newText: ` # tag: ${tag}` };
}
