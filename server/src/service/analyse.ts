import { parseReference } from './reference/parse';
import type { ParseResult } from './reference/types';
import type { ExtractedReference, Span } from './types';

/** An extracted reference with its parse, ready for the rules. */
export interface AnalysedReference {
  ref: ExtractedReference;
  /** `https://` or `http://` typed in front of the reference (document offsets when editable). */
  scheme?: { text: string; span: Span };
  /** The reference proper, after any scheme. */
  body: string;
  /** Document offset of `body[0]` when the reference is editable; otherwise undefined. */
  bodyStart?: number;
  /** Absent when nothing can be checked: unresolved variables, or Jib `tar://` (a local file). */
  parse?: ParseResult;
  /** Registry lookups make sense: a valid, pulled reference with no `docker://` (local daemon) prefix. */
  registryCheckable: boolean;
}

const HTTP_SCHEME = /^https?:\/\//i;

export function analyse(ref: ExtractedReference): AnalysedReference {
  const schemeMatch = HTTP_SCHEME.exec(ref.text);
  const schemeText = schemeMatch?.[0];
  const body = schemeText ? ref.text.slice(schemeText.length) : ref.text;
  const bodyStart = ref.editable ? ref.span.start + (schemeText?.length ?? 0) : undefined;
  const scheme = schemeText
    ? { text: schemeText, span: ref.editable ? { start: ref.span.start, end: ref.span.start + schemeText.length } : ref.span }
    : undefined;
  if (ref.unresolved || ref.jibPrefix === 'tar') {
    return { ref, scheme, body, bodyStart, registryCheckable: false };
  }
  const parse = parseReference(body, { jib: ref.tool === 'jib' });
  const registryCheckable = parse.ok && !parse.scratch && ref.role === 'base' && ref.jibPrefix !== 'docker';
  return { ref, scheme, body, bodyStart, parse, registryCheckable };
}

/** Map a span inside the parsed body to document offsets; the whole reference when it is not editable. */
export function documentSpan(analysed: AnalysedReference, bodySpan: Span): Span {
  if (analysed.bodyStart === undefined) return analysed.ref.span;
  return { start: analysed.bodyStart + bodySpan.start, end: analysed.bodyStart + bodySpan.end };
}

/** The span of the reference proper (without scheme) in the document. */
export function bodySpan(analysed: AnalysedReference): Span {
  return documentSpan(analysed, { start: 0, end: analysed.body.length });
}
